public import Imaging

/// The quality of one fingerprint image (one finger at 500 ppi, 8-bit grey).
public struct FingerprintAssessment: Sendable, Equatable {
    /// Quality on the ISO/IEC 29794-1 scale: 0 (unusable) … 100 (excellent).
    public let score: Double
    /// Named measures behind the score (see `FingerprintFeature` for the keys of the built-in engine).
    public let features: [String: Double]
    /// Share of the image area judged to be fingerprint (0 … 1).
    public let foregroundFraction: Double

    /// An assessment from its parts.
    public init(score: Double, features: [String: Double], foregroundFraction: Double) {
        self.score = score
        self.features = features
        self.foregroundFraction = foregroundFraction
    }
}

/// Something that scores fingerprint images. The capture pipeline records `name` with every score so a
/// journal entry says which algorithm produced it (a real NIST NFIQ 2 could be plugged in behind this).
public protocol FingerprintQualityEngine: Sendable {
    /// Identifies the algorithm and its version in journals and capture responses.
    var name: String { get }
    /// Scores one finger image (gray or RGB; colour is reduced to luma first).
    func assess(_ image: Raster) -> FingerprintAssessment
}
