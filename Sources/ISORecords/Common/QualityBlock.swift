/// One quality score and the algorithm that produced it (ISO/IEC 19794-1:2011 §15.1.5).
///
/// Byte layout (5 bytes): score `UInt8` (0…100, or 255 = the algorithm failed), algorithm vendor
/// identifier `UInt16`, algorithm identifier `UInt16`. Records carry a one-byte count before the blocks.
public struct QualityBlock: Sendable, Hashable {
    /// The score that means "quality computation failed".
    public static let failedScore = 255
    /// The encoded size in bytes.
    public static let encodedSize = 5

    /// 0…100, or ``failedScore``.
    public let score: Int
    /// The algorithm vendor (a registered CBEFF organization).
    public let algorithmVendorId: UInt16
    /// The vendor's algorithm identifier.
    public let algorithmId: UInt16

    /// Creates a quality block.
    /// - Throws: ``ISORecordError/Code/invalidField`` when `score` is neither 0…100 nor 255.
    public init(score: Int, algorithmVendorId: UInt16, algorithmId: UInt16) throws(ISORecordError) {
        guard (0...100).contains(score) || score == Self.failedScore else {
            throw ISORecordError(.invalidField, reason: "quality score \(score) not in 0...100 or 255")
        }
        self.score = score
        self.algorithmVendorId = algorithmVendorId
        self.algorithmId = algorithmId
    }

    func encode(into writer: inout ByteWriter) {
        writer.uint8(score)
        writer.uint16(algorithmVendorId)
        writer.uint16(algorithmId)
    }

    init(from reader: inout ByteReader) throws(ISORecordError) {
        let score = Int(try reader.uint8("quality score"))
        let vendor = try reader.uint16("quality algorithm vendor")
        let algorithm = try reader.uint16("quality algorithm")
        try self.init(score: score, algorithmVendorId: vendor, algorithmId: algorithm)
    }

    static func encode(_ blocks: [QualityBlock], into writer: inout ByteWriter) {
        writer.uint8(blocks.count)
        for block in blocks { block.encode(into: &writer) }
    }

    static func readAll(from reader: inout ByteReader) throws(ISORecordError) -> [QualityBlock] {
        let count = Int(try reader.uint8("number of quality blocks"))
        var blocks: [QualityBlock] = []
        blocks.reserveCapacity(count)
        for _ in 0..<count { blocks.append(try QualityBlock(from: &reader)) }
        return blocks
    }
}
