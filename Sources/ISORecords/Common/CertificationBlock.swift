/// A certification the capture device holds (ISO/IEC 19794-4:2011 §7.2.x, finger records only).
///
/// Byte layout (3 bytes): certification authority identifier `UInt16`, certification scheme identifier `UInt8`
/// (ISO/IEC 19794-1 scheme codes, e.g. 0x01 Appendix F of the FBI EBTS, 0x02 PIV image quality specification).
/// MOSIP's registration samples carry two blocks, each authority 0x0040 with scheme 0x02.
public struct CertificationBlock: Sendable, Hashable {
    /// The encoded size in bytes.
    public static let encodedSize = 3

    /// The certification authority.
    public let authorityId: UInt16
    /// The certification scheme.
    public let schemeId: UInt8

    /// Creates a certification block.
    public init(authorityId: UInt16, schemeId: UInt8) {
        self.authorityId = authorityId
        self.schemeId = schemeId
    }

    func encode(into writer: inout ByteWriter) {
        writer.uint16(authorityId)
        writer.uint8(schemeId)
    }

    init(from reader: inout ByteReader) throws(ISORecordError) {
        authorityId = try reader.uint16("certification authority")
        schemeId = try reader.uint8("certification scheme")
    }
}
