/// Reads big-endian fields from a byte array; running out of bytes is ``ISORecordError/Code/truncated``,
/// reported with the field's name and offset.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    private func need(_ count: Int, _ field: String) throws(ISORecordError) {
        guard count <= remaining else {
            throw ISORecordError(
                .truncated, reason: "\(field) at offset \(offset) needs \(count) bytes, \(remaining) left")
        }
    }

    mutating func uint8(_ field: String) throws(ISORecordError) -> UInt8 {
        try need(1, field)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16(_ field: String) throws(ISORecordError) -> UInt16 {
        try need(2, field)
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func uint24(_ field: String) throws(ISORecordError) -> UInt32 {
        try need(3, field)
        defer { offset += 3 }
        return UInt32(bytes[offset]) << 16 | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2])
    }

    mutating func uint32(_ field: String) throws(ISORecordError) -> UInt32 {
        try need(4, field)
        defer { offset += 4 }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    mutating func bytes(_ count: Int, _ field: String) throws(ISORecordError) -> [UInt8] {
        try need(count, field)
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    /// Reads a one-byte code and maps it through `T(rawValue:)`; unknown codes are
    /// ``ISORecordError/Code/invalidField``.
    mutating func code<T: RawRepresentable>(_ type: T.Type, _ field: String) throws(ISORecordError) -> T
    where T.RawValue == UInt8 {
        let at = offset
        let raw = try uint8(field)
        guard let value = T(rawValue: raw) else {
            throw ISORecordError(.invalidField, reason: "\(field) at offset \(at): undefined code \(raw)")
        }
        return value
    }
}
