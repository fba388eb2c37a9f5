/// Subject gender (ISO/IEC 19794-5:2011 Table 6).
public enum FaceGender: UInt8, Sendable, CaseIterable {
    case unspecified = 0x00
    case male = 0x01
    case female = 0x02
    /// 0xFF, what the MOSIP mock's samples carry.
    case unknown = 0xFF
}

/// Subject eye colour (ISO/IEC 19794-5:2011 Table 7).
public enum FaceEyeColour: UInt8, Sendable, CaseIterable {
    case unspecified = 0x00
    case black = 0x01
    case blue = 0x02
    case brown = 0x03
    case grey = 0x04
    case green = 0x05
    case multiColoured = 0x06
    case pink = 0x07
    case otherOrUnknown = 0xFF
}

/// Subject hair colour (ISO/IEC 19794-5:2011 Table 8).
public enum FaceHairColour: UInt8, Sendable, CaseIterable {
    case unspecified = 0x00
    case bald = 0x01
    case black = 0x02
    case blonde = 0x03
    case brown = 0x04
    case grey = 0x05
    case white = 0x06
    case red = 0x07
    case unknown = 0xFF
}
