internal import Imaging

extension Raster {
    /// A raster whose invariants the caller has already established (dimensions ≥ 1, 1 or 3 channels, matching
    /// buffer), so construction cannot fail.
    static func make(width: Int, height: Int, channels: Int, pixels: [UInt8]) -> Raster {
        do {
            return try Raster(width: width, height: height, channels: channels, pixels: pixels)
        } catch {
            preconditionFailure("Preview built an inconsistent raster: \(error)")
        }
    }

    /// The RGB version of a gray raster (each value repeated three times); an RGB raster is returned as is.
    func expandedToRGB() -> Raster {
        guard channels == 1 else { return self }
        let count = width * height
        let rgb = [UInt8](unsafeUninitializedCapacity: count * 3) { target, initialized in
            pixels.withUnsafeBufferPointer { source in
                for i in 0..<count {
                    let v = source[i]
                    target[3 * i] = v
                    target[3 * i + 1] = v
                    target[3 * i + 2] = v
                }
            }
            initialized = count * 3
        }
        return .make(width: width, height: height, channels: 3, pixels: rgb)
    }

    /// Fills output rectangle `x0..<x1` × `y0..<y1`, clipped to the image, with `color` (RGB rasters only).
    mutating func fill(x0: Int, y0: Int, x1: Int, y1: Int, color: OverlayColor) {
        let (cx0, cy0, cx1, cy1) = (max(0, x0), max(0, y0), min(width, x1), min(height, y1))
        guard channels == 3, cx1 > cx0, cy1 > cy0 else { return }
        let (r, g, b, w) = (color.r, color.g, color.b, width)
        pixels.withUnsafeMutableBufferPointer { p in
            for y in cy0..<cy1 {
                var i = (y * w + cx0) * 3
                for _ in cx0..<cx1 {
                    p[i] = r
                    p[i + 1] = g
                    p[i + 2] = b
                    i += 3
                }
            }
        }
    }

    /// Divides every sample of rows `y0..<y1` (clipped) by 4, darkening them behind banner text.
    mutating func darkenRows(_ y0: Int, _ y1: Int) {
        let (from, to) = (max(0, y0) * width * channels, min(height, y1) * width * channels)
        guard to > from else { return }
        pixels.withUnsafeMutableBufferPointer { p in
            for i in from..<to { p[i] = p[i] >> 2 }
        }
    }
}
