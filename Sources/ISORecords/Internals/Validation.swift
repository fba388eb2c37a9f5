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

    /// Writes the general header fields every record here shares: format identifier, version, record length, one
    /// representation and the certification flag (the modality's own last field follows).
    static func write(into writer: inout ByteWriter, format: [UInt8], version: [UInt8], recordLength: Int,
                      certificationFlag: UInt8) {
        writer.append(format)
        writer.append(version)
        writer.uint32(recordLength)
        writer.uint16(1)  // representations
        writer.uint8(certificationFlag)
    }

    /// Reads what ``write(into:format:version:recordLength:certificationFlag:)`` writes, checking the identifiers, the
    /// record length against `byteCount` and that there is exactly one representation; returns the record length and
    /// the certification flag (which only the modality can judge).
    static func readShared(
        _ reader: inout ByteReader, byteCount: Int, format: [UInt8], version: [UInt8], record: String
    ) throws(ISORecordError) -> (recordLength: Int, certificationFlag: UInt8) {
        let recordLength = try read(&reader, byteCount: byteCount, format: format, version: version, record: record)
        let representations = try reader.uint16("number of representations")
        guard representations == 1 else {
            throw ISORecordError(.unsupportedFeature, reason: "\(representations) representations; only 1 supported")
        }
        return (recordLength, try reader.uint8("certification flag"))
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

/// The start of every representation here (ISO/IEC 19794-1:2011 §15.1): its length, the capture date and time, the
/// capture device and the quality blocks.
struct RepresentationHeader {
    let captureTime: CaptureTime
    let captureDevice: CaptureDevice
    let qualityBlocks: [QualityBlock]

    /// The header's size for `qualityBlockCount` blocks.
    static func size(qualityBlockCount: Int) -> Int {
        4 + CaptureTime.encodedSize + 5 + 1 + QualityBlock.encodedSize * qualityBlockCount
    }

    static func write(into writer: inout ByteWriter, length: Int, captureTime: CaptureTime, captureDevice: CaptureDevice,
                      qualityBlocks: [QualityBlock]) {
        writer.uint32(length)
        captureTime.encode(into: &writer)
        captureDevice.encode(into: &writer)
        QualityBlock.encode(qualityBlocks, into: &writer)
    }

    /// Reads the header, checking its length field against what the record length leaves (`expectedLength`).
    init(from reader: inout ByteReader, expectedLength: Int) throws(ISORecordError) {
        let length = Int(try reader.uint32("representation length"))
        try GeneralHeader.checkRepresentationLength(length, expected: expectedLength)
        captureTime = try CaptureTime(from: &reader)
        captureDevice = try CaptureDevice(from: &reader)
        qualityBlocks = try QualityBlock.readAll(from: &reader)
    }
}
