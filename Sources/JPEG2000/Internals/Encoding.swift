internal import COpenJPEG

extension JPEG2000 {
    /// Builds the OpenJPEG encoder parameters for `image`.
    static func encoderParameters(
        for image: Image, _ parameters: EncodingParameters
    ) throws(JPEG2000Error) -> opj_cparameters_t {
        guard (1...EncodingParameters.maximumResolutions).contains(parameters.resolutions) else {
            throw JPEG2000Error(
                .invalidParameters,
                reason: "resolutions \(parameters.resolutions) not in 1...\(EncodingParameters.maximumResolutions)")
        }
        var c = opj_cparameters_t()
        opj_set_default_encoder_parameters(&c)
        c.numresolution = Int32(parameters.effectiveResolutions(width: image.width, height: image.height))
        c.cblockw_init = Int32(EncodingParameters.codeBlockSize)
        c.cblockh_init = Int32(EncodingParameters.codeBlockSize)
        c.prog_order = OPJ_LRCP
        c.tcp_numlayers = 1
        c.cp_disto_alloc = 1
        c.tcp_mct = image.components == 3 ? 1 : 0
        switch parameters.mode {
        case .lossless:
            c.irreversible = 0
            c.tcp_rates.0 = 0  // 0 = keep every bit
        case .lossy(let ratio):
            guard ratio.isFinite, ratio >= 1 else {
                throw JPEG2000Error(.invalidParameters, reason: "compression ratio \(ratio) must be finite and >= 1")
            }
            c.irreversible = 1
            c.tcp_rates.0 = ratio
        }
        return c
    }

    /// Copies `image` into a freshly allocated `opj_image_t` (one plane per component, 8-bit unsigned).
    static func makeOpenJPEGImage(_ image: Image) throws(JPEG2000Error) -> UnsafeMutablePointer<opj_image_t> {
        var planes = [opj_image_cmptparm_t](repeating: opj_image_cmptparm_t(), count: image.components)
        for index in planes.indices {
            planes[index].dx = 1
            planes[index].dy = 1
            planes[index].w = UInt32(image.width)
            planes[index].h = UInt32(image.height)
            planes[index].x0 = 0
            planes[index].y0 = 0
            planes[index].prec = 8
            planes[index].sgnd = 0
        }
        let colourSpace = image.components == 3 ? OPJ_CLRSPC_SRGB : OPJ_CLRSPC_GRAY
        guard let raw = opj_image_create(UInt32(image.components), &planes, colourSpace) else {
            throw JPEG2000Error(.encodingFailed, reason: "opj_image_create failed (out of memory?)")
        }
        raw.pointee.x0 = 0
        raw.pointee.y0 = 0
        raw.pointee.x1 = UInt32(image.width)
        raw.pointee.y1 = UInt32(image.height)

        let count = image.width * image.height
        let stride = image.components
        image.pixels.withUnsafeBufferPointer { pixels in
            for component in 0..<stride {
                guard let plane = raw.pointee.comps[component].data else { continue }
                var source = component
                for index in 0..<count {
                    plane[index] = Int32(pixels[source])
                    source &+= stride
                }
            }
        }
        return raw
    }

    static func encodeImplementation(
        _ image: Image, parameters: EncodingParameters
    ) throws(JPEG2000Error) -> [UInt8] {
        var c = try encoderParameters(for: image, parameters)
        let raw = try makeOpenJPEGImage(image)
        defer { opj_image_destroy(raw) }
        for component in 0..<image.components where raw.pointee.comps[component].data == nil {
            throw JPEG2000Error(.encodingFailed, reason: "component \(component) has no sample buffer")
        }

        guard let codec = opj_create_compress(parameters.format == .jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K) else {
            throw JPEG2000Error(.encodingFailed, reason: "opj_create_compress failed")
        }
        defer { opj_destroy_codec(codec) }
        let log = MessageLog()
        return try withExtendedLifetime(log) { () throws(JPEG2000Error) -> [UInt8] in
            log.install(on: codec)
            guard opj_setup_encoder(codec, &c, raw) != 0 else {
                throw JPEG2000Error(.encodingFailed, reason: log.reason("opj_setup_encoder failed"))
            }
            // Rough upper bound on the output so the buffer rarely reallocates.
            let output = OutputBuffer(capacity: image.pixels.count / 2 + 1024)
            guard let stream = makeOutputStream(output) else {
                throw JPEG2000Error(.encodingFailed, reason: "opj_stream_create failed")
            }
            let compressed = opj_start_compress(codec, raw, stream) != 0
                && opj_encode(codec, stream) != 0
                && opj_end_compress(codec, stream) != 0
            opj_stream_destroy(stream)
            guard compressed else {
                throw JPEG2000Error(.encodingFailed, reason: log.reason("compression failed"))
            }
            return output.bytes
        }
    }
}
