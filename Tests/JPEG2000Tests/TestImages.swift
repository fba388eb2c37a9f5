import JPEG2000

import Foundation

/// Deterministic test images (no randomness between runs).
enum TestImages {
    /// A smooth diagonal gradient with a little texture.
    static func gradient(width: Int, height: Int, components: Int = 1) throws -> Image {
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height * components)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<components {
                    pixels.append(UInt8(truncatingIfNeeded: (x * 255 / max(1, width - 1) + y / 3 + c * 40) % 256))
                }
            }
        }
        return try Image(width: width, height: height, components: components, pixels: pixels)
    }

    /// Fingerprint-like curved ridges: smooth but with real detail, so lossless compresses to only ~2.5:1.
    static func ridges(width: Int, height: Int) throws -> Image {
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height)
        for y in 0..<height {
            for x in 0..<width {
                let phase = Double(x) * 0.6 + sin(Double(y) * 0.05) * 4 + Double(y) * 0.1
                pixels.append(UInt8(127.5 + 110 * sin(phase)))
            }
        }
        return try Image(width: width, height: height, components: 1, pixels: pixels)
    }

    /// Pseudo-random samples from a 64-bit LCG: hard to compress, good at catching off-by-one copies.
    static func noise(width: Int, height: Int, components: Int = 1, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) throws -> Image {
        var state = seed
        let pixels = (0..<(width * height * components)).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        return try Image(width: width, height: height, components: components, pixels: pixels)
    }

    static func meanAbsoluteError(_ a: Image, _ b: Image) -> Double {
        precondition(a.pixels.count == b.pixels.count)
        let total = zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        return Double(total) / Double(a.pixels.count)
    }
}
