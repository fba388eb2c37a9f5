/// How a finger image's data is encoded (ISO/IEC 19794-4:2011 Table 9, "compression algorithm").
///
/// MOSIP expects ``jpeg2000Lossless`` for Registration and ``jpeg2000Lossy`` (or ``wsq``) for Auth.
public enum FingerImageCompression: UInt8, Sendable, CaseIterable {
    case uncompressed = 0
    case uncompressedBitPacked = 1
    case wsq = 2
    case jpeg = 3
    case jpeg2000Lossy = 4
    case jpeg2000Lossless = 5
    case png = 6

    /// ``jpeg2000Lossless`` or ``jpeg2000Lossy``.
    public static func jpeg2000(lossless: Bool) -> FingerImageCompression {
        lossless ? .jpeg2000Lossless : .jpeg2000Lossy
    }
}
