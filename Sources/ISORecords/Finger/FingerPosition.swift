/// Which finger a finger image shows (ISO/IEC 19794-4:2011 Table 8, single-finger codes 0…10), with the
/// MOSIP SBI 0.9.5 `bioSubType` names.
public enum FingerPosition: UInt8, Sendable, CaseIterable {
    /// Unknown finger (`"UNKNOWN"`).
    case unknown = 0
    /// Right thumb.
    case rightThumb = 1
    /// Right index finger.
    case rightIndex = 2
    /// Right middle finger.
    case rightMiddle = 3
    /// Right ring finger.
    case rightRing = 4
    /// Right little finger.
    case rightLittle = 5
    /// Left thumb.
    case leftThumb = 6
    /// Left index finger.
    case leftIndex = 7
    /// Left middle finger.
    case leftMiddle = 8
    /// Left ring finger.
    case leftRing = 9
    /// Left little finger.
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
