import JSON
public import Journal

/// JSON Lines export, one object per line, in sequence order (format in docs/AUDIT.md):
///
/// ```
/// {"kind":"event","seq":N,"canonical":"<base64 of the exact canonical bytes>","hash":"<hex>"}
/// {"kind":"checkpoint","size":N,"note":"<C2SP signed note text>"}
/// ```
/// A checkpoint line follows the event that completes its tree. The canonical bytes are carried as base64 so a
/// verifier hashes exactly what the journal hashed, never a re-encoding; rows are exported as stored, undecoded, so
/// an export of a tampered journal still carries the evidence for the third party's verifier.
public enum Export {
    /// Streams the export of `store` to `output`, one line (without its newline) per call; memory stays at one row
    /// whatever the journal's length. On a live journal it reads the checkpoints first and then counts the rows, so
    /// every exported checkpoint is covered by exported events; rows appended after that count are left out.
    public static func write(_ store: JournalStore, to output: (String) throws -> Void) throws {
        var pending = try store.checkpoints()[...]
        let last = try store.maxSequence()
        try store.scan(from: .min, through: last) { sequence, canonical, hash in
            try output(eventLine(sequence: sequence, canonical: canonical, hash: hash))
            while let c = pending.first, Int64(clamping: c.size) <= sequence {
                try output(checkpointLine(c))
                pending = pending.dropFirst()
            }
            return true
        }
        for c in pending { try output(checkpointLine(c)) }
    }

    /// Written directly (base64 and hex never need escaping); the same bytes as the `JSON` tree
    /// `{"kind":"event","seq":…,"canonical":…,"hash":…}` serialized (pinned by a test).
    static func eventLine(sequence: Int64, canonical: UnsafeRawBufferPointer, hash: UnsafeRawBufferPointer) -> String {
        #"{"kind":"event","seq":\#(sequence),"canonical":"\#(Base64.encode(Array(canonical)))","hash":"\#(Hex.encode(Array(hash)))"}"#
    }

    static func checkpointLine(_ c: StoredCheckpoint) -> String {
        JSON.object(["kind": "checkpoint", "size": .number(String(c.size)), "note": .string(c.note)]).serializedString
    }
}
