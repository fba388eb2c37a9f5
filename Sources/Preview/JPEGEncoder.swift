internal import CTurboJPEG
public import Imaging

/// Baseline JPEG (ISO/IEC 10918-1) compression of ``Imaging/Raster``s, backed by libjpeg-turbo's TurboJPEG API.
///
/// This module is the only importer of `CTurboJPEG`. The STREAM endpoint sends these frames as plain JPEG parts
/// of a `multipart/x-mixed-replace` response. Both functions are thread-safe: each call owns its TurboJPEG
/// handle. Output starts with SOI (`FF D8`) and ends with EOI (`FF D9`).
public enum JPEGEncoder {
    /// The qualities ``encode(_:quality:)`` accepts (libjpeg's scale: 1 worst, 100 best).
    public static let qualityRange = 1...100
    /// JPEG's largest width or height.
    public static let maximumDimension = 65_500
    /// The largest image ``decode(_:)`` accepts, in pixels: a guard against headers that announce gigantic
    /// images to make the decoder allocate.
    public static let maximumDecodedPixels = 1 << 26

    /// Baseline JPEG of a gray or RGB raster: 4:2:0 chroma subsampling (`TJSAMP_420`) for RGB, a single
    /// luminance component (`TJSAMP_GRAY`) for gray.
    ///
    /// The corresponding C function is `tjCompress2`.
    /// - Parameter quality: 1…100 (see ``qualityRange``).
    /// - Throws: ``JPEGError/Code/invalidRaster``, ``JPEGError/Code/invalidQuality`` or
    ///   ``JPEGError/Code/encodingFailed``.
    public static func encode(_ raster: Raster, quality: Int = 80) throws(JPEGError) -> [UInt8] {
        try validate(raster)
        guard qualityRange.contains(quality) else {
            throw JPEGError(.invalidQuality, reason: "quality \(quality) outside \(qualityRange)")
        }
        return try compress(raster, quality: quality)
    }

    /// Decodes a JPEG back to a raster, gray when the file holds one component and RGB otherwise. Meant for
    /// tests and tools. Warnings (such as truncated data) are errors.
    ///
    /// The corresponding C functions are `tjDecompressHeader3` and `tjDecompress2`.
    /// - Throws: ``JPEGError/Code/decodingFailed`` or ``JPEGError/Code/unsupportedImage``; never crashes on
    ///   garbage.
    public static func decode(_ jpeg: [UInt8]) throws(JPEGError) -> Raster {
        try decompress(jpeg)
    }

    /// Rejects rasters whose buffer does not match their dimensions (``Imaging/Raster/pixels`` is mutable) and
    /// sizes JPEG cannot represent.
    static func validate(_ raster: Raster) throws(JPEGError) {
        let (w, h, c) = (raster.width, raster.height, raster.channels)
        guard w >= 1, h >= 1, c == 1 || c == 3 else {
            throw JPEGError(.invalidRaster, reason: "raster \(w)x\(h)x\(c) is not a gray or RGB image")
        }
        guard w <= maximumDimension, h <= maximumDimension else {
            throw JPEGError(.invalidRaster, reason: "raster \(w)x\(h) exceeds JPEG's \(maximumDimension) limit")
        }
        guard raster.pixels.count == w * h * c else {
            throw JPEGError(.invalidRaster, reason: "raster \(w)x\(h)x\(c) holds \(raster.pixels.count) bytes")
        }
    }
}
