/// An extended data block following a finger image (ISO/IEC 19794-4:2011 §8.4: segmentation, annotation,
/// comment or vendor-defined data), kept as opaque bytes.
///
/// Byte layout: block type `UInt16`, block length `UInt16` (including these 4 header bytes), payload.
public struct FingerExtendedDataBlock: Sendable, Hashable {
    /// The extended data block type code (0 is reserved).
    public struct BlockType: RawRepresentable, Sendable, Hashable {
        /// The encoded type code.
        public let rawValue: UInt16
        /// Wraps a type code, including vendor-defined ones.
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// Segmentation data (0x0001).
        public static let segmentation = BlockType(rawValue: 0x0001)
        /// Annotation data (0x0002).
        public static let annotation = BlockType(rawValue: 0x0002)
        /// A comment (0x0003).
        public static let comment = BlockType(rawValue: 0x0003)
    }

    /// The size of the block header.
    public static let headerSize = 4
    /// The largest payload a block can hold.
    public static let maximumPayloadSize = Int(UInt16.max) - headerSize

    /// What the payload is.
    public let type: BlockType
    /// The block's bytes after its header.
    public let payload: [UInt8]

    /// Creates an extended data block.
    /// - Throws: ``ISORecordError/Code/invalidField`` for type 0 or a payload over ``maximumPayloadSize``.
    public init(type: BlockType, payload: [UInt8]) throws(ISORecordError) {
        guard type.rawValue != 0 else {
            throw ISORecordError(.invalidField, reason: "extended data block type 0 is reserved")
        }
        guard payload.count <= Self.maximumPayloadSize else {
            throw ISORecordError(.invalidField, reason: "extended data block payload of \(payload.count) bytes")
        }
        self.type = type
        self.payload = payload
    }

    var encodedSize: Int { Self.headerSize + payload.count }

    func encode(into writer: inout ByteWriter) {
        writer.uint16(type.rawValue)
        writer.uint16(encodedSize)
        writer.append(payload)
    }

    init(from reader: inout ByteReader) throws(ISORecordError) {
        let type = try reader.uint16("extended data block type")
        let at = reader.offset
        let length = Int(try reader.uint16("extended data block length"))
        guard length >= Self.headerSize else {
            throw ISORecordError(.lengthMismatch, reason: "extended data block length \(length) at offset \(at)")
        }
        guard length - Self.headerSize <= reader.remaining else {
            throw ISORecordError(
                .lengthMismatch, reason: "extended data block length \(length) at offset \(at) overruns the record")
        }
        try self.init(type: BlockType(rawValue: type), payload: try reader.bytes(length - Self.headerSize, "payload"))
    }
}
