import Imaging

/// Deterministic images for the preview tests.
enum TestRasters {
    /// A smooth gradient (JPEG-friendly), gray or RGB.
    static func gradient(width: Int, height: Int, channels: Int) throws -> Raster {
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                let base = (x * 255 / max(1, width - 1) + y * 128 / max(1, height - 1)) / 2 + 40
                for c in 0..<channels { pixels.append(UInt8(min(255, base + c * 20))) }
            }
        }
        return try Raster(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// A uniform image of one value in every sample.
    static func uniform(width: Int, height: Int, channels: Int, value: UInt8) throws -> Raster {
        try Raster(
            width: width, height: height, channels: channels,
            pixels: [UInt8](repeating: value, count: width * height * channels))
    }

    /// Mean absolute difference per sample of two rasters with the same shape.
    static func meanAbsoluteError(_ a: Raster, _ b: Raster) -> Double {
        precondition(a.pixels.count == b.pixels.count)
        let total = zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        return Double(total) / Double(a.pixels.count)
    }

    /// The RGB triple at (`x`, `y`) of an RGB raster.
    static func rgb(_ raster: Raster, _ x: Int, _ y: Int) -> [UInt8] {
        let i = (y * raster.width + x) * 3
        return Array(raster.pixels[i..<i + 3])
    }

    /// How many pixels inside `rect` have exactly `color`'s RGB.
    static func count(of rgb: [UInt8], in raster: Raster, rect: PixelRect) -> Int {
        guard let r = rect.intersection(raster.bounds) else { return 0 }
        var n = 0
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX where self.rgb(raster, x, y) == rgb { n += 1 }
        }
        return n
    }
}
