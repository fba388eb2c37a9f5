import Wire

/// The first members of an event's canonical bytes — `type`, `stage`, `capture` — read without decoding the event.
public struct CanonicalHead: Sendable, Equatable {
    public let type: String
    public let stage: String
    public let captureId: String

    /// Reads `{"v":1,"seq":N,"time":T,"type":"…","stage":"…","capture":"…","attrs":` from the front of `bytes`; nil
    /// when they do not start that way or a string holds an escape (the caller then decodes the event in full, which
    /// judges it). A string without escapes decodes to exactly its bytes, so a head that is read agrees with the
    /// decoded event.
    public init?(_ bytes: UnsafeRawBufferPointer) {
        var reader = HeadReader(bytes: bytes)
        guard reader.literal(#"{"v":1,"seq":"#), reader.digits(), reader.literal(#","time":"#), reader.signedDigits(),
              reader.literal(#","type":""#), let type = reader.plainString(),
              reader.literal(#","stage":""#), let stage = reader.plainString(),
              reader.literal(#","capture":""#), let captureId = reader.plainString(),
              reader.literal(#","attrs":"#)
        else { return nil }
        self.type = type
        self.stage = stage
        self.captureId = captureId
    }
}

private struct HeadReader {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for i in 0..<count where bytes[index + i] != text.utf8Start[i] { return false }
        index += count
        return true
    }

    mutating func signedDigits() -> Bool {
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        return digits()
    }

    mutating func digits() -> Bool {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index > start
    }

    /// The bytes up to the closing quote (consumed), if none is a backslash or a control character.
    mutating func plainString() -> String? {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                defer { index += 1 }
                return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            case UInt8(ascii: "\\"), 0..<0x20: return nil
            default: index += 1
            }
        }
        return nil
    }
}

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
    /// decoded, in order. Only the accepted events are decoded (the type is read from the head); memory: one event.
    /// An event that cannot be decoded throws (`JournalError.chainBroken` at its sequence number).
    public func forEachEvent(from: UInt64 = 1, through: UInt64 = .max, ofType include: (String) -> Bool = { _ in true },
                             _ body: (JournalEvent) throws -> Void) throws {
        try scan(from: Int64(clamping: from), through: Int64(clamping: through)) { sequence, canonical, hash in
            if let head = CanonicalHead(canonical), !include(head.type) { return true }
            let seq = UInt64(clamping: sequence), bytes = Array(canonical)
            let draft = try Self.decode(bytes, sequence: seq)
            if include(draft.type) {
                try body(JournalEvent(sequence: seq, draft: draft, canonical: bytes, hash: Array(hash)))
            }
            return true
        }
    }
}

extension CanonicalHead {
    public init(type: String, stage: String, captureId: String) {
        self.type = type
        self.stage = stage
        self.captureId = captureId
    }
}
