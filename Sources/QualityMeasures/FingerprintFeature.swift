/// Names of the values in `FingerprintAssessment.features`.
///
/// The families follow ISO/IEC 29794-4 / NFIQ 2 quality features, but each is summarised by mean and
/// standard deviation over the foreground blocks rather than NFIQ 2's 10-bin histograms, and the names
/// deliberately differ from NFIQ 2's identifiers (`OCL_Bin10_Mean` …) because the values are this
/// engine's own computation, not NIST's.
public enum FingerprintFeature {
    /// Orientation certainty level, mean over foreground blocks (0 worst … 1 best).
    public static let orientationCertaintyMean = "OCL.mean"
    /// Orientation certainty level, standard deviation over foreground blocks.
    public static let orientationCertaintyStdDev = "OCL.stddev"
    /// Local clarity score, mean over foreground blocks (0 worst … 1 best).
    public static let localClarityMean = "LCS.mean"
    /// Local clarity score, standard deviation.
    public static let localClarityStdDev = "LCS.stddev"
    /// Frequency domain analysis, mean over foreground blocks (about 0.1 for noise … 1 for a pure sinusoid).
    public static let frequencyDomainMean = "FDA.mean"
    /// Frequency domain analysis, standard deviation.
    public static let frequencyDomainStdDev = "FDA.stddev"
    /// Ridge/valley width ratio, mean over all adjacent complete ridge–valley pairs.
    public static let ridgeValleyUniformityMean = "RVU.mean"
    /// Ridge/valley width ratio, standard deviation (lower is more uniform).
    public static let ridgeValleyUniformityStdDev = "RVU.stddev"
    /// Orientation flow, mean block value (0 smooth … 1 chaotic).
    public static let orientationFlowMean = "OF.mean"
    /// Orientation flow, standard deviation.
    public static let orientationFlowStdDev = "OF.stddev"
    /// Mean of the 32 × 32 block means (NFIQ 2 "MMB"), grey levels.
    public static let meanOfBlockMeans = "Contrast.MMB"
    /// Arithmetic mean of the image (NFIQ 2 "Mu"), grey levels.
    public static let imageMean = "Contrast.Mu"
    /// Mean valley-minus-ridge grey level over foreground blocks.
    public static let ridgeValleyDepth = "Contrast.ridgeValleyDepth"
    /// Mean grey level of the foreground blocks.
    public static let regionOfInterestMean = "ROI.mean"
    /// Mean orientation coherence of the foreground blocks (0 … 1).
    public static let coherenceMean = "ROI.coherenceMean"
    /// Foreground area in pixels.
    public static let foregroundPixels = "ROI.foregroundPixels"
    /// Number of foreground 32 × 32 blocks.
    public static let foregroundBlocks = "ROI.foregroundBlocks"
    /// Median dominant ridge period in pixels (32 / FDA peak frequency); absent when there is no foreground.
    public static let ridgePeriod = "Ridge.period"
}
