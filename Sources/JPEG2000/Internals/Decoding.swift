internal import COpenJPEG

extension JPEG2000 {
    /// The largest image ``JPEG2000/decode(_:)`` accepts, in samples (width × height × components): a guard
    /// against headers that announce gigantic images to make the decoder allocate.
    static let maximumDecodedSamples = 1 << 27

    /// The JP2 signature box: length 12, type `jP\u{20}\u{20}`, content `0D 0A 87 0A`.
    static let jp2Signature: [UInt8] = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]
    /// A codestream starts with SOC (`FF4F`) immediately followed by SIZ (`FF51`).
    static let codestreamSignature: [UInt8] = [0xFF, 0x4F, 0xFF, 0x51]

    /// The container the bytes start with, or `nil`.
    static func detectFormat(_ data: [UInt8]) -> EncodingParameters.Format? {
        if data.starts(with: jp2Signature) { return .jp2 }
        if data.starts(with: codestreamSignature) { return .j2k }
        return nil
    }

    static func decodeImplementation(_ data: [UInt8]) throws(JPEG2000Error) -> Image {
        guard let format = detectFormat(data) else {
            throw JPEG2000Error(.unrecognizedFormat, reason: "no JP2 signature box or SOC/SIZ markers at offset 0")
        }
        guard let codec = opj_create_decompress(format == .jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K) else {
            throw JPEG2000Error(.decodingFailed, reason: "opj_create_decompress failed")
        }
        defer { opj_destroy_codec(codec) }
        let log = MessageLog()
        return try withExtendedLifetime(log) { () throws(JPEG2000Error) -> Image in
            log.install(on: codec)
            var parameters = opj_dparameters_t()
            opj_set_default_decoder_parameters(&parameters)
            guard opj_setup_decoder(codec, &parameters) != 0 else {
                throw JPEG2000Error(.decodingFailed, reason: log.reason("opj_setup_decoder failed"))
            }
            // Strict mode turns a truncated codestream into an error instead of a partially decoded image.
            _ = opj_decoder_set_strict_mode(codec, 1)
            guard let stream = makeInputStream(InputBuffer(data)) else {
                throw JPEG2000Error(.decodingFailed, reason: "opj_stream_create failed")
            }
            defer { opj_stream_destroy(stream) }

            var header: UnsafeMutablePointer<opj_image_t>?
            guard opj_read_header(stream, codec, &header) != 0, let raw = header else {
                if let header { opj_image_destroy(header) }
                throw JPEG2000Error(.decodingFailed, reason: log.reason("cannot read the header"))
            }
            defer { opj_image_destroy(raw) }
            try checkHeader(raw.pointee)
            guard opj_decode(codec, stream, raw) != 0, opj_end_decompress(codec, stream) != 0 else {
                throw JPEG2000Error(.decodingFailed, reason: log.reason("cannot decode the image"))
            }
            // OpenJPEG leaves YCC and CMYK samples unconverted; Image only holds grayscale or RGB.
            let colourSpace = raw.pointee.color_space
            guard colourSpace != OPJ_CLRSPC_SYCC, colourSpace != OPJ_CLRSPC_EYCC, colourSpace != OPJ_CLRSPC_CMYK else {
                throw JPEG2000Error(.unsupportedImage, reason: "colour space \(colourSpace.rawValue) is not gray or RGB")
            }
            return try interleave(raw.pointee)
        }
    }

    /// Rejects what ``Image`` cannot hold before any sample is decoded.
    private static func checkHeader(_ image: opj_image_t) throws(JPEG2000Error) {
        let components = Int(image.numcomps)
        guard components == 1 || components == 3 else {
            throw JPEG2000Error(.unsupportedImage, reason: "\(components) components; expected 1 or 3")
        }
        let width = Int(image.x1) - Int(image.x0)
        let height = Int(image.y1) - Int(image.y0)
        guard width >= 1, height >= 1 else {
            throw JPEG2000Error(.decodingFailed, reason: "empty image area")
        }
        guard width * height * components <= maximumDecodedSamples else {
            throw JPEG2000Error(
                .unsupportedImage,
                reason: "\(width)x\(height)x\(components) exceeds \(maximumDecodedSamples) samples")
        }
        for index in 0..<components {
            let plane = image.comps[index]
            guard plane.dx == 1, plane.dy == 1 else {
                throw JPEG2000Error(.unsupportedImage, reason: "component \(index) is subsampled")
            }
            guard plane.prec == 8, plane.sgnd == 0 else {
                throw JPEG2000Error(
                    .unsupportedImage,
                    reason: "component \(index) is \(plane.prec)-bit \(plane.sgnd == 0 ? "unsigned" : "signed")")
            }
        }
    }

    /// Interleaves the decoded planes into 8-bit samples.
    private static func interleave(_ image: opj_image_t) throws(JPEG2000Error) -> Image {
        let components = Int(image.numcomps)
        let width = Int(image.comps[0].w)
        let height = Int(image.comps[0].h)
        for index in 0..<components {
            let plane = image.comps[index]
            guard Int(plane.w) == width, Int(plane.h) == height, plane.data != nil else {
                throw JPEG2000Error(.decodingFailed, reason: "component \(index) has no or mismatched samples")
            }
        }
        let count = width * height
        let pixels = [UInt8](unsafeUninitializedCapacity: count * components) { buffer, initialized in
            for component in 0..<components {
                let plane = image.comps[component].data!
                var target = component
                for index in 0..<count {
                    buffer[target] = UInt8(clamping: plane[index])
                    target &+= components
                }
            }
            initialized = count * components
        }
        return try Image(width: width, height: height, components: components, pixels: pixels)
    }
}
