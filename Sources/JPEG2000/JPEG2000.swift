/// JPEG 2000 (ISO/IEC 15444-1) compression of 8-bit grayscale and RGB images, backed by OpenJPEG.
///
/// This module is the only importer of `COpenJPEG`. Everything happens in memory (OpenJPEG streams over Swift
/// buffers, never temporary files), OpenJPEG's messages are captured instead of printed, and every failure is
/// a ``JPEG2000Error``. Both functions are thread-safe: each call owns its codec, stream and image.
///
/// Byte layout of the two containers, as written and recognized:
///
/// ```
/// .jp2  offset 0  00 00 00 0C  6A 50 20 20  0D 0A 87 0A   signature box ("jP  ", CR LF 0x87 LF)
///              12 00 00 00 14  66 74 79 70 ...             file type box ("ftyp", brand "jp2 ")
///              ..  jp2h header box (ihdr, colr: 16 = sRGB, 17 = greyscale), then the jp2c box holding
///                  the codestream below
/// .j2k  offset 0  FF 4F                                    SOC, start of codestream
///              2  FF 51  Lsiz(2) Rsiz(2) Xsiz(4) Ysiz(4)…  SIZ, image and tile size
///              ..  COD (FF52: levels, code-block size, 5/3 reversible or 9/7 irreversible), QCD, tiles …
///              end FF D9                                    EOC
/// ```
public enum JPEG2000 {
    /// Compresses `image`.
    ///
    /// Lossless mode uses the reversible 5/3 wavelet with one unlimited quality layer (and the reversible colour
    /// transform for RGB), so ``decode(_:)`` returns identical pixels. Lossy mode uses the irreversible 9/7
    /// wavelet with the layer truncated at the requested ratio.
    ///
    /// The corresponding C functions are `opj_setup_encoder`, `opj_start_compress`, `opj_encode` and
    /// `opj_end_compress`.
    /// - Throws: ``JPEG2000Error/Code/invalidParameters`` or ``JPEG2000Error/Code/encodingFailed``.
    public static func encode(_ image: Image, parameters: EncodingParameters) throws(JPEG2000Error) -> [UInt8] {
        try encodeImplementation(image, parameters: parameters)
    }

    /// Decompresses a JP2 file or a raw codestream; the container is recognized from its first bytes.
    ///
    /// Only 8-bit unsigned images with 1 or 3 full-resolution components are accepted. The decoder runs in
    /// OpenJPEG's strict mode, so truncated data is an error rather than a partial image.
    ///
    /// The corresponding C functions are `opj_read_header`, `opj_decode` and `opj_end_decompress`.
    /// - Throws: ``JPEG2000Error/Code/unrecognizedFormat``, ``JPEG2000Error/Code/unsupportedImage`` or
    ///   ``JPEG2000Error/Code/decodingFailed``.
    public static func decode(_ data: [UInt8]) throws(JPEG2000Error) -> Image {
        try decodeImplementation(data)
    }
}
