/// How the finger was presented (ISO/IEC 19794-4:2011 Table 10, finger and palm impression codes).
public enum FingerImpressionType: UInt8, Sendable, CaseIterable {
    /// Live-scan plain.
    case liveScanPlain = 0
    /// Live-scan rolled.
    case liveScanRolled = 1
    /// Non-live-scan plain.
    case nonLiveScanPlain = 2
    /// Non-live-scan rolled.
    case nonLiveScanRolled = 3
    /// Latent impression.
    case latentImpression = 4
    /// Latent tracing.
    case latentTracing = 5
    /// Latent photo.
    case latentPhoto = 6
    /// Latent lift.
    case latentLift = 7
    /// Live-scan swipe.
    case liveScanSwipe = 8
    /// Live-scan vertical roll.
    case liveScanVerticalRoll = 9
    /// Live-scan palm.
    case liveScanPalm = 10
    /// Non-live-scan palm.
    case nonLiveScanPalm = 11
    /// Latent palm impression.
    case latentPalmImpression = 12
    /// Latent palm tracing.
    case latentPalmTracing = 13
    /// Latent palm photo.
    case latentPalmPhoto = 14
    /// Latent palm lift.
    case latentPalmLift = 15
    /// Live-scan optical contactless plain.
    case liveScanOpticalContactlessPlain = 24
    /// Other.
    case other = 28
    /// Code 0x1D, what the MOSIP mock's samples carry.
    case unknown = 29
}
