public import Imaging

/// The built-in fingerprint quality engine: NFIQ 2-style block features (ISO/IEC 29794-4 local regions
/// of 32 × 32 px at 500 ppi — OCL, LCS, FDA, RVU, OF, contrast, ROI) combined by the small fixed model
/// documented on `FingerprintScoreModel`.
///
/// It is not NIST NFIQ 2: the features follow the published definitions but the random-forest model
/// and FingerJetFX minutiae measures are absent, so scores are comparable between captures of this
/// service, not with NFIQ 2 scores. Its `name` says so.
public struct BlockFeatureFingerprintEngine: FingerprintQualityEngine {
    /// Recorded with every score.
    public let name = "mds-fq-1 (NFIQ2 feature subset; not NIST NFIQ 2)"

    /// The engine; it holds no state.
    public init() {}

    /// Scores a 500 ppi finger image. Images smaller than one 32 × 32 block score 0.
    public func assess(_ image: Raster) -> FingerprintAssessment {
        let plane = GrayPlane(image)
        let analysis = FingerprintAnalysis(plane)
        let (score, factors) = FingerprintScoreModel.score(analysis)
        var features = analysis.features
        features["Model.orientation"] = factors.orientation
        features["Model.clarity"] = factors.clarity
        features["Model.frequency"] = factors.frequency
        features["Model.flow"] = factors.flow
        features["Model.uniformity"] = factors.uniformity
        features["Model.contrast"] = factors.contrast
        features["Model.coverage"] = factors.coverage
        let area = Double(plane.width * plane.height)
        return FingerprintAssessment(score: score, features: features, foregroundFraction: min(1, Double(analysis.foregroundPixels) / area))
    }
}
