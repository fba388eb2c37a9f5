internal import CTurboJPEG
internal import Imaging

extension JPEGEncoder {
    /// `tjCompress2` into a buffer of `tjBufSize` bytes (`TJFLAG_NOREALLOC`), copied out at its final length.
    static func compress(_ raster: Raster, quality: Int) throws(JPEGError) -> [UInt8] {
        guard let handle = tjInitCompress() else {
            throw JPEGError(.encodingFailed, reason: "tjInitCompress failed")
        }
        defer { tjDestroy(handle) }
        let gray = raster.channels == 1
        let subsampling = Int32(gray ? TJSAMP_GRAY.rawValue : TJSAMP_420.rawValue)
        let pixelFormat = Int32(gray ? TJPF_GRAY.rawValue : TJPF_RGB.rawValue)
        let capacity = tjBufSize(Int32(raster.width), Int32(raster.height), subsampling)
        guard capacity > 0, capacity < UInt(Int32.max) else {
            throw JPEGError(.encodingFailed, reason: "tjBufSize failed for \(raster.width)x\(raster.height)")
        }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(capacity))
        defer { buffer.deallocate() }
        var output: UnsafeMutablePointer<UInt8>? = buffer
        var size = capacity
        let status = raster.pixels.withUnsafeBufferPointer { source in
            tjCompress2(
                handle, source.baseAddress, Int32(raster.width), 0, Int32(raster.height), pixelFormat,
                &output, &size, subsampling, Int32(quality), TJFLAG_NOREALLOC)
        }
        guard status == 0, output == buffer, size >= 4, size <= capacity else {
            throw JPEGError(.encodingFailed, reason: message(handle, "tjCompress2 failed"))
        }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }

    /// `tjDecompressHeader3` then `tjDecompress2` into gray or RGB, stopping on warnings.
    static func decompress(_ jpeg: [UInt8]) throws(JPEGError) -> Raster {
        guard jpeg.count >= 4, jpeg[0] == 0xFF, jpeg[1] == 0xD8 else {
            throw JPEGError(.decodingFailed, reason: "no SOI marker (FF D8) at offset 0")
        }
        guard let handle = tjInitDecompress() else {
            throw JPEGError(.decodingFailed, reason: "tjInitDecompress failed")
        }
        defer { tjDestroy(handle) }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        let header = jpeg.withUnsafeBufferPointer { bytes in
            tjDecompressHeader3(
                handle, bytes.baseAddress, UInt(bytes.count), &width, &height, &subsampling, &colorspace)
        }
        guard header == 0, width >= 1, height >= 1 else {
            throw JPEGError(.decodingFailed, reason: message(handle, "tjDecompressHeader3 failed"))
        }
        let pixels = Int(width) * Int(height)
        guard pixels <= maximumDecodedPixels else {
            throw JPEGError(.unsupportedImage, reason: "\(width)x\(height) exceeds \(maximumDecodedPixels) pixels")
        }
        guard colorspace != Int32(TJCS_CMYK.rawValue), colorspace != Int32(TJCS_YCCK.rawValue) else {
            throw JPEGError(.unsupportedImage, reason: "CMYK/YCCK JPEG")
        }
        let gray = colorspace == Int32(TJCS_GRAY.rawValue)
        let channels = gray ? 1 : 3
        let pixelFormat = Int32(gray ? TJPF_GRAY.rawValue : TJPF_RGB.rawValue)
        var out = [UInt8](repeating: 0, count: pixels * channels)
        let status = jpeg.withUnsafeBufferPointer { bytes in
            out.withUnsafeMutableBufferPointer { target in
                tjDecompress2(
                    handle, bytes.baseAddress, UInt(bytes.count), target.baseAddress, width, 0, height,
                    pixelFormat, TJFLAG_STOPONWARNING)
            }
        }
        guard status == 0 else {
            throw JPEGError(.decodingFailed, reason: message(handle, "tjDecompress2 failed"))
        }
        do {
            return try Raster(width: Int(width), height: Int(height), channels: channels, pixels: out)
        } catch {
            throw JPEGError(.decodingFailed, reason: error.description)
        }
    }

    /// TurboJPEG's last error message for `handle`, after `context`.
    private static func message(_ handle: tjhandle, _ context: String) -> String {
        guard let text = tjGetErrorStr2(handle) else { return context }
        return "\(context): \(String(cString: text))"
    }
}
