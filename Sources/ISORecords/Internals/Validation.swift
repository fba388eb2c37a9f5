/// Throws ``ISORecordError/Code/invalidField`` unless `value` lies in `range`.
func check(_ value: Int, in range: ClosedRange<Int>, _ field: String) throws(ISORecordError) {
    guard range.contains(value) else {
        throw ISORecordError(.invalidField, reason: "\(field) \(value) not in \(range)")
    }
}

/// Throws ``ISORecordError/Code/invalidField`` unless the array has at most 255 elements (one-byte counts).
func checkCount(_ count: Int, _ field: String) throws(ISORecordError) {
    guard count <= 255 else {
        throw ISORecordError(.invalidField, reason: "\(count) \(field); at most 255 fit in the count byte")
    }
}

/// The part of every 19794 (2011) record before the representations: format identifier, version, record length.
enum GeneralHeader {
    /// Reads and checks the 4-byte format identifier, the 4-byte version and the 4-byte record length, which
    /// must equal `byteCount` (shorter data is truncated, longer data has trailing bytes).
    static func read(
        _ reader: inout ByteReader, byteCount: Int, format: [UInt8], version: [UInt8], record: String
    ) throws(ISORecordError) -> Int {
        guard try reader.bytes(4, "format identifier") == format else {
            throw ISORecordError(.wrongFormatIdentifier, reason: "not a \(record) record")
        }
        guard try reader.bytes(4, "version number") == version else {
            throw ISORecordError(.unsupportedVersion, reason: "\(record) version is not the supported one")
        }
        let recordLength = Int(try reader.uint32("record length"))
        if byteCount < recordLength {
            throw ISORecordError(.truncated, reason: "record length \(recordLength) but only \(byteCount) bytes")
        }
        if byteCount > recordLength {
            throw ISORecordError(
                .trailingBytes, reason: "\(byteCount - recordLength) bytes after the record length \(recordLength)")
        }
        return recordLength
    }

    /// Checks that a representation length equals what the record length leaves for it.
    static func checkRepresentationLength(_ length: Int, expected: Int) throws(ISORecordError) {
        guard length == expected else {
            throw ISORecordError(
                .lengthMismatch, reason: "representation length \(length); the record length leaves \(expected)")
        }
    }

    /// Checks that an image data length matches the bytes left in the representation.
    static func checkImageLength(_ length: Int, available: Int, exact: Bool) throws(ISORecordError) {
        guard exact ? length == available : length <= available else {
            throw ISORecordError(
                .lengthMismatch, reason: "image data length \(length); the representation holds \(available)")
        }
    }

    /// The largest record the 4-byte record length can describe.
    static let maximumRecordLength = Int(UInt32.max)

    static func checkTotal(_ total: Int, record: String) throws(ISORecordError) {
        guard total <= maximumRecordLength else {
            throw ISORecordError(.invalidField, reason: "\(record) record of \(total) bytes exceeds the 4-byte length")
        }
    }
}
