/// The kind of iris image (ISO/IEC 19794-6:2011 Table 4, "image type"; ISO/IEC 19794-6 Annex B "K" types).
///
/// MOSIP expects ``cropped`` (K3) for Registration and ``croppedAndMasked`` (K7) for Auth.
public enum IrisImageType: UInt8, Sendable, CaseIterable {
    /// K1, uncropped.
    case uncropped = 1
    /// K2, VGA 640 × 480.
    case vga = 2
    /// K3, cropped around the iris.
    case cropped = 3
    /// K7, cropped and masked (eyelids, eyelashes, sclera set to constant values).
    case croppedAndMasked = 7
}

/// How an iris image's data is encoded (ISO/IEC 19794-6:2011 Table 4, "image format").
///
/// MOSIP expects ``monoJPEG2000`` (0x0A).
public enum IrisImageFormat: UInt8, Sendable, CaseIterable {
    /// Monochrome raw.
    case monoRaw = 0x02
    /// RGB raw.
    case rgbRaw = 0x04
    /// Monochrome JPEG.
    case monoJPEG = 0x06
    /// RGB JPEG.
    case rgbJPEG = 0x08
    /// Monochrome JPEG 2000 (what MOSIP expects).
    case monoJPEG2000 = 0x0A
    /// RGB JPEG 2000.
    case rgbJPEG2000 = 0x0C
    /// Monochrome PNG.
    case monoPNG = 0x0E
    /// RGB PNG.
    case rgbPNG = 0x10
}
