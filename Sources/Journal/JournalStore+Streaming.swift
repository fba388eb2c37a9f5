import Wire

extension JournalStore {
    /// Calls `body` with the head of each stored event with a sequence number in `from...through`, in order, without
    /// decoding any event whose head reads plainly (`CanonicalHead`); one that does not is decoded in full, and one
    /// that cannot be decoded throws. Memory: one event.
    public func forEachHead(from: UInt64 = 1, through: UInt64 = .max,
                            _ body: (_ sequence: UInt64, _ head: CanonicalHead) throws -> Void) throws {
        try scan(from: Int64(clamping: from), through: Int64(clamping: through)) { sequence, canonical, _ in
            let seq = UInt64(clamping: sequence)
            if let head = CanonicalHead(canonical) {
                try body(seq, head)
            } else {
                let draft = try Self.decode(Array(canonical), sequence: seq)
                try body(seq, CanonicalHead(type: draft.type, stage: draft.stage, captureId: draft.captureId))
            }
            return true
        }
    }

    /// Calls `body` with each stored event with a sequence number in `from...through` whose type `include` accepts,
    /// decoded, in order. Only the accepted events are decoded (the type alone is read first); memory: one event.
    /// An event that cannot be decoded throws (`JournalError.chainBroken` at its sequence number).
    public func forEachEvent(from: UInt64 = 1, through: UInt64 = .max, ofType include: (String) -> Bool = { _ in true },
                             _ body: (JournalEvent) throws -> Void) throws {
        try scan(from: Int64(clamping: from), through: Int64(clamping: through)) { sequence, canonical, hash in
            let seq = UInt64(clamping: sequence)
            if let type = CanonicalReader.type(canonical, sequence: seq), !include(type) { return true }
            let bytes = Array(canonical)
            let draft = try Self.decode(bytes, sequence: seq)
            if include(draft.type) {
                try body(JournalEvent(sequence: seq, draft: draft, canonical: bytes, hash: Array(hash)))
            }
            return true
        }
    }
}
