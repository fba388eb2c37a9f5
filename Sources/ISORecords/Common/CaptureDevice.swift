/// Who made the capture device and what kind it is (ISO/IEC 19794-1:2011 §15.1.2–15.1.4).
///
/// Byte layout (5 bytes): technology identifier `UInt8`, vendor identifier `UInt16` (an IBIA-registered
/// CBEFF organization, 0 = unreported), device type identifier `UInt16` (vendor-assigned, 0 = unreported).
/// Technology codes differ per modality, e.g. finger 0 unspecified … 9 glass fibre; iris 0 unspecified,
/// 1 CMOS/CCD; face 0 unspecified … 6 video frame digital camera.
public struct CaptureDevice: Sendable, Hashable {
    /// The modality-specific capture device technology code.
    public let technologyId: UInt8
    /// The registered vendor (0 = unreported).
    public let vendorId: UInt16
    /// The vendor's device type (0 = unreported; only allowed with an unreported vendor).
    public let typeId: UInt16

    /// Creates capture device identifiers.
    public init(technologyId: UInt8 = 0, vendorId: UInt16 = 0, typeId: UInt16 = 0) {
        self.technologyId = technologyId
        self.vendorId = vendorId
        self.typeId = typeId
    }

    /// All identifiers unreported (0).
    public static let unspecified = CaptureDevice()

    func encode(into writer: inout ByteWriter) {
        writer.uint8(technologyId)
        writer.uint16(vendorId)
        writer.uint16(typeId)
    }

    init(from reader: inout ByteReader) throws(ISORecordError) {
        technologyId = try reader.uint8("capture device technology")
        vendorId = try reader.uint16("capture device vendor")
        typeId = try reader.uint16("capture device type")
    }
}
