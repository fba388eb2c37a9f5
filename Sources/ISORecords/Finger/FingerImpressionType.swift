/// How the finger was presented (ISO/IEC 19794-4:2011 Table 10, finger and palm impression codes).
public enum FingerImpressionType: UInt8, Sendable, CaseIterable {
    case liveScanPlain = 0
    case liveScanRolled = 1
    case nonLiveScanPlain = 2
    case nonLiveScanRolled = 3
    case latentImpression = 4
    case latentTracing = 5
    case latentPhoto = 6
    case latentLift = 7
    case liveScanSwipe = 8
    case liveScanVerticalRoll = 9
    case liveScanPalm = 10
    case nonLiveScanPalm = 11
    case latentPalmImpression = 12
    case latentPalmTracing = 13
    case latentPalmPhoto = 14
    case latentPalmLift = 15
    case liveScanOpticalContactlessPlain = 24
    case other = 28
    /// Code 0x1D, what the MOSIP mock's samples carry.
    case unknown = 29
}
