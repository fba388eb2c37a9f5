/// How `BlockFeatureFingerprintEngine` turns block features into one 0 … 100 number.
///
/// NFIQ 2 feeds ~69 native measures to a random forest trained on NIST matcher outcomes; that model is
/// not reproducible here, so this engine uses a small, fixed, documented model instead:
///
///     score = 100 · G · coverage
///
/// where `G` is the weighted geometric mean of six normalised feature factors (each in 0 … 1):
///
/// | factor        | from                                   | weight |
/// |---------------|----------------------------------------|--------|
/// | orientation   | OCL mean                                         | 0.20   |
/// | clarity       | LCS mean                                         | 0.20   |
/// | frequency     | min(1, FDA mean / 0.6)                           | 0.10   |
/// | flow          | 1 − OF mean                                      | 0.10   |
/// | uniformity    | share of RVU ratios in 0.5 … 2                   | 0.05   |
/// | contrast      | depth / (depth + 150), depth in grey levels      | 0.35   |
///
/// A geometric mean lets one bad aspect (no ridge clarity, no contrast) pull the whole score down, as a
/// matcher would suffer. The uniformity band 0.5 … 2 spans NFIQ 2's RVU histogram bins around 1
/// (limits 0.5, 0.667, 0.8, 1, 1.25, 1.5, 2). Contrast carries the largest weight and never saturates
/// because it is the one measure that falls steadily with defocus: slight blur removes pore texture
/// and ridge-edge harmonics, which nudges OCL, LCS and FDA *up*, while the ridge–valley depth drops. `coverage = min(1, foreground pixels / 50 000)`: 50 000 px is NFIQ 2's
/// "SufficientFingerprintForeground" actionable-feedback threshold, so partial prints lose score in
/// proportion to the missing area. The NFIQ 2 actionable checks "UniformImage" (σ < 1) and
/// "EmptyImageOrContrastTooLow" (Mu > 250) force the score to 0, as does an image without foreground.
enum FingerprintScoreModel {
    static let sufficientForeground = 50_000.0
    static let uniformImageSigma = 1.0
    static let emptyImageMean = 250.0
    static let depthHalfSaturation = 150.0
    static let fullFrequencyDomain = 0.6
    static let plausibleRatios = 0.5...2.0

    struct Factors: Sendable {
        var orientation = 0.0
        var clarity = 0.0
        var frequency = 0.0
        var flow = 0.0
        var uniformity = 0.0
        var contrast = 0.0
        var coverage = 0.0

        var weighted: [(value: Double, weight: Double)] {
            [(orientation, 0.20), (clarity, 0.20), (frequency, 0.10), (flow, 0.10), (uniformity, 0.05), (contrast, 0.35)]
        }
    }

    static func factors(_ a: FingerprintAnalysis) -> Factors {
        var f = Factors()
        f.orientation = Stats.mean(a.orientationCertainty)
        f.clarity = Stats.mean(a.localClarity)
        f.frequency = min(1, Stats.mean(a.frequencyDomain) / fullFrequencyDomain)
        f.flow = a.orientationFlow.isEmpty ? 0 : 1 - Stats.mean(a.orientationFlow)
        f.uniformity = a.ridgeValleyRatios.isEmpty ? 0
            : Double(a.ridgeValleyRatios.filter { plausibleRatios.contains($0) }.count) / Double(a.ridgeValleyRatios.count)
        let depth = Stats.mean(a.depth)
        f.contrast = depth / (depth + depthHalfSaturation)
        f.coverage = min(1, Double(a.foregroundPixels) / sufficientForeground)
        return f
    }

    static func score(_ a: FingerprintAnalysis) -> (score: Double, factors: Factors) {
        let f = factors(a)
        guard a.foregroundBlocks > 0,
              a.imageStandardDeviation >= uniformImageSigma,
              a.imageMean <= emptyImageMean,
              !a.orientationCertainty.isEmpty
        else { return (0, f) }
        let g = Stats.weightedGeometricMean(f.weighted)
        return (min(100, max(0, 100 * g * f.coverage)), f)
    }
}
