/// Which eye an iris image shows (ISO/IEC 19794-6:2011 Table 4, "eye label"), with the MOSIP SBI 0.9.5
/// `bioSubType` names.
public enum EyeLabel: UInt8, Sendable, CaseIterable {
    /// Unknown eye (`"UNKNOWN"`).
    case unknown = 0
    /// Right eye (`"Right"`).
    case right = 1
    /// Left eye (`"Left"`).
    case left = 2

    /// The MOSIP SBI 0.9.5 `bioSubType` name: `"UNKNOWN"`, `"Right"` or `"Left"`.
    public var bioSubType: String {
        switch self {
        case .unknown: "UNKNOWN"
        case .right: "Right"
        case .left: "Left"
        }
    }

    /// The eye named by a MOSIP SBI 0.9.5 `bioSubType` (exact spelling), or `nil`.
    public init?(bioSubType: String) {
        guard let match = Self.allCases.first(where: { $0.bioSubType == bioSubType }) else { return nil }
        self = match
    }
}
