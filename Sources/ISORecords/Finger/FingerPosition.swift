/// Which finger a finger image shows (ISO/IEC 19794-4:2011 Table 8, single-finger codes 0…10), with the
/// MOSIP SBI 0.9.5 `bioSubType` names.
public enum FingerPosition: UInt8, Sendable, CaseIterable {
    case unknown = 0
    case rightThumb = 1
    case rightIndex = 2
    case rightMiddle = 3
    case rightRing = 4
    case rightLittle = 5
    case leftThumb = 6
    case leftIndex = 7
    case leftMiddle = 8
    case leftRing = 9
    case leftLittle = 10

    /// The MOSIP SBI 0.9.5 `bioSubType` name, e.g. `"Left IndexFinger"`, `"Right Thumb"`, `"UNKNOWN"`.
    public var bioSubType: String {
        switch self {
        case .unknown: "UNKNOWN"
        case .rightThumb: "Right Thumb"
        case .rightIndex: "Right IndexFinger"
        case .rightMiddle: "Right MiddleFinger"
        case .rightRing: "Right RingFinger"
        case .rightLittle: "Right LittleFinger"
        case .leftThumb: "Left Thumb"
        case .leftIndex: "Left IndexFinger"
        case .leftMiddle: "Left MiddleFinger"
        case .leftRing: "Left RingFinger"
        case .leftLittle: "Left LittleFinger"
        }
    }

    /// The position named by a MOSIP SBI 0.9.5 `bioSubType` (exact spelling), or `nil`.
    public init?(bioSubType: String) {
        guard let match = Self.allCases.first(where: { $0.bioSubType == bioSubType }) else { return nil }
        self = match
    }
}
