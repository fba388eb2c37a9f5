/// A floating-point RGB painting surface: shapes are painted one over another with per-pixel coverage,
/// each only over its own bounding box, and the result is quantised once at the end.
struct RGBCanvas {
    /// A colour with coverage: `alpha` 0 leaves the pixel alone, 1 replaces it.
    struct Paint {
        var r: Float
        var g: Float
        var b: Float
        var alpha: Float

        init(_ colour: Colour, alpha: Float = 1) {
            r = colour.r
            g = colour.g
            b = colour.b
            self.alpha = alpha
        }
    }

    let width: Int
    let height: Int
    /// `width × height × 3` values in `0 ... 255`.
    var pixels: [Float]

    init(width: Int, height: Int, fill: Colour) {
        self.width = width
        self.height = height
        var p = [Float](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            p[3 * i] = fill.r
            p[3 * i + 1] = fill.g
            p[3 * i + 2] = fill.b
        }
        pixels = p
    }

    /// Calls `shade` for every pixel centre in the image-space box `minX ... maxX × minY ... maxY`
    /// (clipped to the canvas) and blends what it returns; nil means "not covered".
    mutating func paint(minX: Float, minY: Float, maxX: Float, maxY: Float, _ shade: (_ x: Float, _ y: Float) -> Paint?) {
        let x0 = max(0, Int(minX.rounded(.down)))
        let x1 = min(width - 1, Int(maxX.rounded(.up)))
        let y0 = max(0, Int(minY.rounded(.down)))
        let y1 = min(height - 1, Int(maxY.rounded(.up)))
        guard x0 <= x1, y0 <= y1 else { return }
        let w = width
        pixels.withUnsafeMutableBufferPointer { px in
            for y in y0...y1 {
                for x in x0...x1 {
                    guard let p = shade(Float(x) + 0.5, Float(y) + 0.5), p.alpha > 0 else { continue }
                    let i = 3 * (y * w + x)
                    let a = min(1, p.alpha)
                    px[i] += (p.r - px[i]) * a
                    px[i + 1] += (p.g - px[i + 1]) * a
                    px[i + 2] += (p.b - px[i + 2]) * a
                }
            }
        }
    }

    /// Quantises to 8 bits, adding sensor noise of `sigma` levels (the same deviate on all three
    /// channels, as luminance noise dominates in small camera sensors).
    func image(noise sigma: Float, rng: inout SplitMix64) -> RGBImage {
        var out = [UInt8](repeating: 0, count: pixels.count)
        let scale = sigma / 16
        SensorNoise.table.withUnsafeBufferPointer { noise in
            for y in 0..<height {
                var t = rng.below(SensorNoise.tableSize)
                for x in 0..<width {
                    let n = scale * Float(noise[t])
                    t = (t + 1) & (SensorNoise.tableSize - 1)
                    let i = 3 * (y * width + x)
                    for c in 0..<3 { out[i + c] = UInt8(max(0, min(255, pixels[i + c] + n + 0.5))) }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: out)
    }
}

/// An sRGB colour with float channels in `0 ... 255`.
struct Colour: Sendable {
    var r: Float
    var g: Float
    var b: Float

    init(_ r: Float, _ g: Float, _ b: Float) {
        self.r = r
        self.g = g
        self.b = b
    }

    static func * (c: Colour, k: Float) -> Colour { Colour(c.r * k, c.g * k, c.b * k) }

    /// Linear blend: `t` 0 gives `self`, 1 gives `other`.
    func mixed(with other: Colour, _ t: Float) -> Colour {
        Colour(r + (other.r - r) * t, g + (other.g - g) * t, b + (other.b - b) * t)
    }
}

/// Anti-aliased coverage of a pixel whose centre lies `distance` pixels outside a shape's edge
/// (negative inside).
@inline(__always)
func coverage(_ distance: Float) -> Float {
    min(1, max(0, 0.5 - distance))
}
