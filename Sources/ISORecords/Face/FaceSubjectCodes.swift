/// Subject gender (ISO/IEC 19794-5:2011 Table 6).
public enum FaceGender: UInt8, Sendable, CaseIterable {
    /// Not specified.
    case unspecified = 0x00
    /// Male.
    case male = 0x01
    /// Female.
    case female = 0x02
    /// 0xFF, what the MOSIP mock's samples carry.
    case unknown = 0xFF
}

/// Subject eye colour (ISO/IEC 19794-5:2011 Table 7).
public enum FaceEyeColour: UInt8, Sendable, CaseIterable {
    /// Not specified.
    case unspecified = 0x00
    /// Black.
    case black = 0x01
    /// Blue.
    case blue = 0x02
    /// Brown.
    case brown = 0x03
    /// Grey.
    case grey = 0x04
    /// Green.
    case green = 0x05
    /// Multi-coloured.
    case multiColoured = 0x06
    /// Pink.
    case pink = 0x07
    /// Other or unknown.
    case otherOrUnknown = 0xFF
}

/// Subject hair colour (ISO/IEC 19794-5:2011 Table 8).
public enum FaceHairColour: UInt8, Sendable, CaseIterable {
    /// Not specified.
    case unspecified = 0x00
    /// Bald.
    case bald = 0x01
    /// Black.
    case black = 0x02
    /// Blonde.
    case blonde = 0x03
    /// Brown.
    case brown = 0x04
    /// Grey.
    case grey = 0x05
    /// White.
    case white = 0x06
    /// Red.
    case red = 0x07
    /// Unknown.
    case unknown = 0xFF
}
