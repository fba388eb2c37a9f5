/// The kind of face image (ISO/IEC 19794-5:2011 Table 12, 2D types only; the 3D types 0x80–0x82 carry a 3D
/// block this codec does not model).
public enum FaceImageType: UInt8, Sendable, CaseIterable {
    case basic = 0x00
    case fullFrontal = 0x01
    case tokenFrontal = 0x02
    case postProcessedFrontal = 0x03
}

/// How a face image's data is encoded (ISO/IEC 19794-5:2011 Table 13, "image data type").
///
/// MOSIP expects ``jpeg2000Lossless`` (2) for Registration and ``jpeg2000Lossy`` (1) for Auth.
public enum FaceImageDataType: UInt8, Sendable, CaseIterable {
    case jpeg = 0x00
    case jpeg2000Lossy = 0x01
    case jpeg2000Lossless = 0x02
    case png = 0x03

    /// ``jpeg2000Lossless`` or ``jpeg2000Lossy``.
    public static func jpeg2000(lossless: Bool) -> FaceImageDataType {
        lossless ? .jpeg2000Lossless : .jpeg2000Lossy
    }
}

/// Pixels across the width of the head (ISO/IEC 19794-5:2011 Table 18, "spatial sampling rate level").
public enum FaceSpatialSamplingRate: UInt8, Sendable, CaseIterable {
    case under180 = 0x00
    case from180To240 = 0x01
    case from240To300 = 0x02
    case from300To370 = 0x03
    case from370To480 = 0x04
    case from480To610 = 0x05
    case from610To750 = 0x06
    case over750 = 0x07
}

/// The colour space of the face image (ISO/IEC 19794-5:2011 Table 21). MOSIP expects ``rgb24``.
public enum FaceColourSpace: UInt8, Sendable, CaseIterable {
    case unspecified = 0x00
    case rgb24 = 0x01
    case yuv422 = 0x02
    case grayscale8 = 0x03
    case other = 0x04
}

/// What was done to the image after capture (ISO/IEC 19794-5:2011 Table 19, a 16-bit mask).
public struct FacePostAcquisitionProcessing: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let rotated = Self(rawValue: 1 << 0)
    public static let cropped = Self(rawValue: 1 << 1)
    public static let downSampled = Self(rawValue: 1 << 2)
    public static let whiteBalanceAdjusted = Self(rawValue: 1 << 3)
    public static let multiplyCompressed = Self(rawValue: 1 << 4)
    public static let interpolated = Self(rawValue: 1 << 5)
    public static let contrastStretched = Self(rawValue: 1 << 6)
    public static let poseCorrected = Self(rawValue: 1 << 7)
    public static let multiViewImage = Self(rawValue: 1 << 8)
    public static let ageProgressed = Self(rawValue: 1 << 9)
    public static let superResolutionProcessed = Self(rawValue: 1 << 10)
}
