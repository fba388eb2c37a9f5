import JSON
public import Journal

/// JSON Lines export, one object per line, in sequence order (format in docs/AUDIT.md):
///
/// ```
/// {"kind":"event","seq":N,"canonical":"<base64 of the exact canonical bytes>","hash":"<hex>"}
/// {"kind":"checkpoint","size":N,"note":"<C2SP signed note text>"}
/// ```
/// A checkpoint line follows the event that completes its tree. The canonical bytes are carried as base64 so a
/// verifier hashes exactly what the journal hashed, never a re-encoding.
public enum Export {
    public static func lines(events: [JournalEvent], checkpoints: [StoredCheckpoint]) -> [String] {
        var out: [String] = []
        var pending = checkpoints.sorted { $0.size < $1.size }[...]
        for e in events {
            out.append(JSON.object(["kind": "event", "seq": .number(String(e.sequence)), "canonical": .string(Base64.encode(e.canonical)),
                                    "hash": .string(Hex.encode(e.hash))]).serializedString)
            while let c = pending.first, c.size <= e.sequence {
                out.append(checkpointLine(c))
                pending = pending.dropFirst()
            }
        }
        out += pending.map(checkpointLine)
        return out
    }

    static func checkpointLine(_ c: StoredCheckpoint) -> String {
        JSON.object(["kind": "checkpoint", "size": .number(String(c.size)), "note": .string(c.note)]).serializedString
    }
}
