/// How a finger image's data is encoded (ISO/IEC 19794-4:2011 Table 9, "compression algorithm").
///
/// MOSIP expects ``jpeg2000Lossless`` for Registration and ``jpeg2000Lossy`` (or ``wsq``) for Auth.
public enum FingerImageCompression: UInt8, Sendable, CaseIterable {
    /// Uncompressed, no bit packing.
    case uncompressed = 0
    /// Uncompressed, bit packed.
    case uncompressedBitPacked = 1
    /// WSQ (accepted by MOSIP for Auth).
    case wsq = 2
    /// JPEG.
    case jpeg = 3
    /// JPEG 2000, lossy (0x04, MOSIP Auth).
    case jpeg2000Lossy = 4
    /// JPEG 2000, lossless (0x05, MOSIP Registration).
    case jpeg2000Lossless = 5
    /// PNG.
    case png = 6

    /// ``jpeg2000Lossless`` or ``jpeg2000Lossy``.
    public static func jpeg2000(lossless: Bool) -> FingerImageCompression {
        lossless ? .jpeg2000Lossless : .jpeg2000Lossy
    }
}
