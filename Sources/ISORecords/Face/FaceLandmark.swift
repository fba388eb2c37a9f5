/// A facial landmark point (ISO/IEC 19794-5:2011 §5.6).
///
/// Byte layout (8 bytes): landmark point type 1, landmark point code 1, x 2, y 2, z 2.
public struct FaceLandmark: Sendable, Hashable {
    /// The encoded size in bytes.
    public static let encodedSize = 8

    /// 1 = MPEG-4 feature point, 2 = anthropometric landmark.
    public let type: UInt8
    /// The point code within the type.
    public let code: UInt8
    /// X coordinate in pixels.
    public let x: UInt16
    /// Y coordinate in pixels.
    public let y: UInt16
    /// Z coordinate (0 for 2D images).
    public let z: UInt16

    /// Creates a landmark point.
    public init(type: UInt8, code: UInt8, x: UInt16, y: UInt16, z: UInt16 = 0) {
        self.type = type
        self.code = code
        self.x = x
        self.y = y
        self.z = z
    }

    func encode(into writer: inout ByteWriter) {
        writer.uint8(type)
        writer.uint8(code)
        writer.uint16(x)
        writer.uint16(y)
        writer.uint16(z)
    }

    init(from reader: inout ByteReader) throws(ISORecordError) {
        self.init(
            type: try reader.uint8("landmark type"), code: try reader.uint8("landmark code"),
            x: try reader.uint16("landmark x"), y: try reader.uint16("landmark y"), z: try reader.uint16("landmark z"))
    }
}
