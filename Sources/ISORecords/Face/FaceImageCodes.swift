/// The kind of face image (ISO/IEC 19794-5:2011 Table 12, 2D types only; the 3D types 0x80–0x82 carry a 3D
/// block this codec does not model).
public enum FaceImageType: UInt8, Sendable, CaseIterable {
    /// Basic: no further requirements.
    case basic = 0x00
    /// Full frontal (what MOSIP sends).
    case fullFrontal = 0x01
    /// Token frontal: eyes at fixed positions.
    case tokenFrontal = 0x02
    /// Post-processed frontal.
    case postProcessedFrontal = 0x03
}

/// How a face image's data is encoded (ISO/IEC 19794-5:2011 Table 13, "image data type").
///
/// MOSIP expects ``jpeg2000Lossless`` (2) for Registration and ``jpeg2000Lossy`` (1) for Auth.
public enum FaceImageDataType: UInt8, Sendable, CaseIterable {
    /// JPEG (ISO/IEC 10918).
    case jpeg = 0x00
    /// JPEG 2000, lossy (MOSIP Auth).
    case jpeg2000Lossy = 0x01
    /// JPEG 2000, lossless (MOSIP Registration).
    case jpeg2000Lossless = 0x02
    /// PNG.
    case png = 0x03

    /// ``jpeg2000Lossless`` or ``jpeg2000Lossy``.
    public static func jpeg2000(lossless: Bool) -> FaceImageDataType {
        lossless ? .jpeg2000Lossless : .jpeg2000Lossy
    }
}

/// Pixels across the width of the head (ISO/IEC 19794-5:2011 Table 18, "spatial sampling rate level").
public enum FaceSpatialSamplingRate: UInt8, Sendable, CaseIterable {
    /// Fewer than 180 pixels across the head.
    case under180 = 0x00
    /// 180 to under 240 pixels.
    case from180To240 = 0x01
    /// 240 to under 300 pixels.
    case from240To300 = 0x02
    /// 300 to under 370 pixels.
    case from300To370 = 0x03
    /// 370 to under 480 pixels.
    case from370To480 = 0x04
    /// 480 to under 610 pixels.
    case from480To610 = 0x05
    /// 610 to under 750 pixels.
    case from610To750 = 0x06
    /// 750 pixels or more.
    case over750 = 0x07
}

/// The colour space of the face image (ISO/IEC 19794-5:2011 Table 21). MOSIP expects ``rgb24``.
public enum FaceColourSpace: UInt8, Sendable, CaseIterable {
    /// Not specified.
    case unspecified = 0x00
    /// 24-bit RGB (what MOSIP expects).
    case rgb24 = 0x01
    /// YUV 4:2:2.
    case yuv422 = 0x02
    /// 8-bit grayscale.
    case grayscale8 = 0x03
    /// Another colour space.
    case other = 0x04
}

/// What was done to the image after capture (ISO/IEC 19794-5:2011 Table 19, a 16-bit mask).
public struct FacePostAcquisitionProcessing: OptionSet, Sendable, Hashable {
    /// The 16-bit mask.
    public let rawValue: UInt16
    /// Creates the mask from its encoded value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Bit 0: rotated.
    public static let rotated = Self(rawValue: 1 << 0)
    /// Bit 1: cropped.
    public static let cropped = Self(rawValue: 1 << 1)
    /// Bit 2: down-sampled.
    public static let downSampled = Self(rawValue: 1 << 2)
    /// Bit 3: white balance adjusted.
    public static let whiteBalanceAdjusted = Self(rawValue: 1 << 3)
    /// Bit 4: compressed more than once.
    public static let multiplyCompressed = Self(rawValue: 1 << 4)
    /// Bit 5: interpolated.
    public static let interpolated = Self(rawValue: 1 << 5)
    /// Bit 6: contrast stretched.
    public static let contrastStretched = Self(rawValue: 1 << 6)
    /// Bit 7: pose corrected.
    public static let poseCorrected = Self(rawValue: 1 << 7)
    /// Bit 8: multi-view image.
    public static let multiViewImage = Self(rawValue: 1 << 8)
    /// Bit 9: age progressed.
    public static let ageProgressed = Self(rawValue: 1 << 9)
    /// Bit 10: super-resolution processed.
    public static let superResolutionProcessed = Self(rawValue: 1 << 10)
}
