import Foundation
import Imaging
import Simulation

/// Shared generators: fingerprint masters are expensive, so every suite draws from one cache.
let sharedFingerprints = FingerprintGenerator(cacheCapacity: 16)

extension Raster {
    /// A simulated grey frame as the quality stage receives it.
    init(_ image: GrayImage) {
        try! self.init(width: image.width, height: image.height, channels: 1, pixels: image.pixels)
    }

    /// A simulated colour frame as the quality stage receives it.
    init(_ image: RGBImage) {
        try! self.init(width: image.width, height: image.height, channels: 3, pixels: image.pixels)
    }

    /// A gray raster whose pixel `(x, y)` is `value(x, y)`, clamped to 0 … 255.
    static func gray(width: Int, height: Int, _ value: (Int, Int) -> Double) -> Raster {
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width { pixels[y * width + x] = UInt8(max(0, min(255, value(x, y).rounded()))) }
        }
        return try! Raster(width: width, height: height, channels: 1, pixels: pixels)
    }

    /// Two passes of a `(2r+1)`-wide box filter in each direction (close to a Gaussian of σ ≈ 0.8 r),
    /// edges clamped, every channel separately.
    func boxBlurred(radius r: Int) -> Raster {
        guard r > 0 else { return self }
        var f = pixels.map(Float.init)
        let (w, h, c) = (width, height, channels)
        var line = [Float](repeating: 0, count: max(w, h))
        func pass(count: Int, length: Int, at index: (Int, Int) -> Int) {
            for l in 0..<count {
                for k in 0..<c {
                    for i in 0..<length { line[i] = f[index(l, i) + k] }
                    var sum: Float = 0
                    for j in -r...r { sum += line[min(length - 1, max(0, j))] }
                    for i in 0..<length {
                        f[index(l, i) + k] = sum / Float(2 * r + 1)
                        sum += line[min(length - 1, i + r + 1)] - line[max(0, i - r)]
                    }
                }
            }
        }
        for _ in 0..<2 {
            pass(count: h, length: w) { (y, x) in (y * w + x) * c }
            pass(count: w, length: h) { (x, y) in (y * w + x) * c }
        }
        return try! Raster(width: w, height: h, channels: c, pixels: f.map { UInt8(max(0, min(255, $0.rounded()))) })
    }

    /// Gaussian noise of standard deviation `sigma` added to every sample (fixed seed, so repeatable).
    func withNoise(sigma: Double, seed: UInt64 = 7) -> Raster {
        var rng = TestRandom(seed: seed)
        return try! Raster(width: width, height: height, channels: channels,
                           pixels: pixels.map { UInt8(max(0, min(255, (Double($0) + sigma * rng.gaussian()).rounded()))) })
    }

    /// Contrast scaled by `factor` about the platen's background level (a faint, washed-out print).
    func withContrast(_ factor: Double, about level: Double = 240) -> Raster {
        try! Raster(width: width, height: height, channels: channels,
                    pixels: pixels.map { UInt8(max(0, min(255, (level - (level - Double($0)) * factor).rounded()))) })
    }

    /// Rows from `fraction` of the height downwards replaced by `fill` (a finger only partly on the platen).
    func keepingTop(_ fraction: Double, fill: UInt8 = 240) -> Raster {
        var copy = pixels
        let cut = Int(Double(height) * fraction) * width * channels
        for i in cut..<copy.count { copy[i] = fill }
        return try! Raster(width: width, height: height, channels: channels, pixels: copy)
    }

    /// Content moved `dx` pixels to the right; uncovered columns take the colour of the top-left pixel.
    func shifted(by dx: Int) -> Raster {
        var out = [UInt8](repeating: 0, count: pixels.count)
        let fill = Array(pixels[0..<channels])
        for y in 0..<height {
            for x in 0..<width {
                let sx = x - dx
                for k in 0..<channels {
                    out[(y * width + x) * channels + k] = (sx >= 0 && sx < width) ? pixels[(y * width + sx) * channels + k] : fill[k]
                }
            }
        }
        return try! Raster(width: width, height: height, channels: channels, pixels: out)
    }
}

/// SplitMix64 with Box–Muller: deterministic noise for tests.
struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func gaussian() -> Double {
        let u = max(1e-12, unit()), v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

/// Intersection over union of a found box and a ground-truth box.
func intersectionOverUnion(_ a: PixelRect, _ b: PixelRect) -> Double {
    let x0 = max(a.x, b.x), y0 = max(a.y, b.y), x1 = min(a.maxX, b.maxX), y1 = min(a.maxY, b.maxY)
    let inter = max(0, x1 - x0) * max(0, y1 - y0)
    return Double(inter) / Double(a.width * a.height + b.width * b.height - inter)
}

/// Whether every value is strictly smaller than the one before it.
func strictlyDecreasing(_ values: [Double]) -> Bool {
    zip(values, values.dropFirst()).allSatisfy { $0 > $1 }
}
