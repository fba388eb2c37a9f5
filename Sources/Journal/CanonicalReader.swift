import Foundation
import Wire

/// The first members of an event's canonical bytes — `type`, `stage`, `capture` — read without decoding the event.
public struct CanonicalHead: Sendable, Equatable {
    public let type: String
    public let stage: String
    public let captureId: String

    public init(type: String, stage: String, captureId: String) {
        self.type = type
        self.stage = stage
        self.captureId = captureId
    }

    /// Reads `{"v":1,"seq":N,"time":T,"type":"…","stage":"…","capture":"…","attrs":` from the front of `bytes`; nil
    /// when they do not start that way or a string holds an escape or invalid UTF-8 (the caller then decodes the event
    /// in full, which judges it). A plain string decodes to exactly its bytes, so a head that is read agrees with the
    /// decoded event.
    public init?(_ bytes: UnsafeRawBufferPointer) {
        var reader = CanonicalReader(bytes: bytes)
        guard reader.header() != nil, let head = reader.head() else { return nil }
        self = head
    }
}

extension JournalStore {
    /// The offset at which the type's text starts if `canonical` begins exactly as the canonical encoding of event
    /// `sequence` does — `{"v":1,"seq":N,"time":T,"type":"` with N and T written as `String` writes them — else nil.
    /// Reads nothing further and allocates nothing: the verifier's per-event header check.
    public static func typeOffset(in canonical: UnsafeRawBufferPointer, sequence: UInt64) -> Int? {
        var reader = CanonicalReader(bytes: canonical)
        guard let header = reader.header(), header.sequence == sequence, reader.literal(#""type":""#) else { return nil }
        return reader.offset
    }
}

/// Reads the canonical encoding `JournalStore.canonicalBytes` writes — compact JSON in a fixed member order — straight
/// from the bytes, for the common case of strings without escapes. Anything else (an escape, invalid UTF-8, another
/// layout, a number with a leading zero) gives nil, and the caller falls back to the general JSON decoder: so
/// whatever this reader accepts, the JSON decoder reads the same way (pinned by a differential test).
struct CanonicalReader {
    let bytes: UnsafeRawBufferPointer
    private var index = 0

    /// How far the reader has read.
    var offset: Int { index }

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// `{"v":1,"seq":N,"time":T,` → (N, T).
    mutating func header() -> (sequence: UInt64, time: Int64)? {
        guard literal(#"{"v":1,"seq":"#), let sequence = naturalNumber(), literal(#","time":"#), let time = integer(), literal(",")
        else { return nil }
        return (sequence, time)
    }

    /// `"type":"…","stage":"…","capture":"…","attrs":`
    mutating func head() -> CanonicalHead? {
        guard literal(#""type":""#), let type = plainString(), literal(#","stage":""#), let stage = plainString(),
              literal(#","capture":""#), let captureId = plainString(), literal(#","attrs":"#)
        else { return nil }
        return CanonicalHead(type: type, stage: stage, captureId: captureId)
    }

    /// The type of event `sequence`, read after its exact header; nil for anything else (escapes included).
    static func type(_ bytes: UnsafeRawBufferPointer, sequence: UInt64) -> String? {
        var reader = CanonicalReader(bytes: bytes)
        guard let (seq, _) = reader.header(), seq == sequence, reader.literal(#""type":""#) else { return nil }
        return reader.plainString()
    }

    /// The whole event, checked to carry `sequence`; nil for anything but the plain canonical layout.
    static func draft(_ bytes: UnsafeRawBufferPointer, sequence: UInt64) -> EventDraft? {
        var reader = CanonicalReader(bytes: bytes)
        guard let (seq, time) = reader.header(), seq == sequence, let head = reader.head(), reader.literal("[") else { return nil }
        var attributes: [EventDraft.Attribute] = []
        if !reader.literal("]") {
            repeat {
                guard reader.literal(#"[""#), let key = reader.plainString(), reader.literal(#",""#), let value = reader.plainString(),
                      reader.literal("]")
                else { return nil }
                attributes.append(.init(key, value))
            } while reader.literal(",")
            guard reader.literal("]") else { return nil }
        }
        guard reader.literal("}"), reader.index == bytes.count else { return nil }
        return EventDraft(type: head.type, stage: head.stage, captureId: head.captureId, timeMillis: time, attributes: attributes)
    }

    mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard count > 0, bytes.count - index >= count, let base = bytes.baseAddress,
              memcmp(base + index, text.utf8Start, count) == 0
        else { return count == 0 }
        index += count
        return true
    }

    /// Digits without a leading zero (but "0"), as `String(UInt64)` writes them; nil on overflow.
    mutating func naturalNumber() -> UInt64? {
        let start = index
        var value: UInt64 = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            value = sum
            index += 1
        }
        let count = index - start
        guard count > 0, count == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        return value
    }

    /// An integer as `String(Int64)` writes it (optional minus, no leading zero, no "-0"); nil otherwise.
    mutating func integer() -> Int64? {
        let negative = literal("-")
        guard let magnitude = naturalNumber() else { return nil }
        if negative {
            guard magnitude != 0, magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// The bytes up to the closing quote (consumed), if none is a backslash or a control character and they are
    /// valid UTF-8.
    mutating func plainString() -> String? {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                defer { index += 1 }
                return String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            case UInt8(ascii: "\\"), 0..<0x20: return nil
            default: index += 1
            }
        }
        return nil
    }
}
