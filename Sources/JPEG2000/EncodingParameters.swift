/// How ``JPEG2000/encode(_:parameters:)`` compresses an image.
///
/// Fixed choices, not parameters: one tile, code-blocks of ``codeBlockSize`` × ``codeBlockSize``, LRCP
/// progression, one quality layer, the multi-component transform for RGB (reversible RCT when lossless,
/// irreversible ICT when lossy) and none for grayscale.
public struct EncodingParameters: Sendable, Equatable {
    /// Reversible (bit-exact) or irreversible compression.
    public enum Mode: Sendable, Equatable {
        /// Reversible 5/3 wavelet, one quality layer, no rate limit: decoding gives back identical pixels.
        case lossless
        /// Irreversible 9/7 wavelet with the single quality layer truncated to reach
        /// `compressionRatio` : 1 (uncompressed size ÷ compressed size, e.g. 10 for 10:1). Must be ≥ 1.
        case lossy(compressionRatio: Float)
    }

    /// The container written around the codestream.
    public enum Format: Sendable, Equatable {
        /// A JP2 file (ISO/IEC 15444-1 Annex I): starts with the signature box `0000000C 6A502020 0D0A870A`.
        case jp2
        /// A bare JPEG 2000 codestream: starts with SOC `FF4F` then SIZ `FF51`.
        case j2k
    }

    /// Code-block width and height in samples.
    public static let codeBlockSize = 64
    /// The largest number of resolution levels JPEG 2000 allows (`OPJ_J2K_MAXRLVLS`).
    public static let maximumResolutions = 33

    /// Reversible or irreversible compression.
    public var mode: Mode
    /// The container.
    public var format: Format
    /// Requested number of resolution levels (decomposition levels + 1), 1…``maximumResolutions``.
    /// The encoder lowers it for small images so that the smallest resolution is at least 1 pixel wide and high.
    public var resolutions: Int

    /// Creates encoding parameters; the defaults give a lossless JP2 file with 6 resolution levels.
    public init(mode: Mode = .lossless, format: Format = .jp2, resolutions: Int = 6) {
        self.mode = mode
        self.format = format
        self.resolutions = resolutions
    }

    /// The number of resolution levels actually used for a `width` × `height` image: ``resolutions`` clamped
    /// so that `min(width, height) >> (levels − 1) ≥ 1`.
    public func effectiveResolutions(width: Int, height: Int) -> Int {
        let smallest = max(1, min(width, height))
        let limit = Int.bitWidth - smallest.leadingZeroBitCount  // floor(log2(smallest)) + 1
        return max(1, min(resolutions, limit))
    }
}
