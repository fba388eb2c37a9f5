import Foundation
import Simulation

/// One process-wide generator, so the tests share masters (each costs about a second in debug builds).
let sharedFingerprints = FingerprintGenerator(cacheCapacity: 16)

/// Measurements a fingerprint quality stage would make, written independently of the generator so that
/// the tests check the pixels rather than the generator's own parameters.
enum ImageAnalysis {
    /// Ridge orientation of one block, from the gradient structure tensor.
    struct BlockOrientation {
        /// Ridge direction, radians modulo π (x right, y down).
        var angle: Float
        /// 0 (no dominant direction) … 1 (perfectly parallel ridges).
        var coherence: Float
        /// Mean grey level.
        var mean: Float
    }

    /// Block orientation field: `block`-pixel blocks, each using a window of `window` pixels round its centre.
    static func orientationField(_ image: GrayImage, block: Int, window: Int) -> [[BlockOrientation]] {
        let (w, h) = (image.width, image.height)
        var gxx = [Float](repeating: 0, count: w * h)
        var gyy = gxx
        var gxy = gxx
        var lum = gxx
        for y in 1..<(h - 1) {
            for x in 1..<(w - 1) {
                func p(_ dx: Int, _ dy: Int) -> Float { Float(image[x + dx, y + dy]) }
                let gx = (p(1, -1) + 2 * p(1, 0) + p(1, 1)) - (p(-1, -1) + 2 * p(-1, 0) + p(-1, 1))
                let gy = (p(-1, 1) + 2 * p(0, 1) + p(1, 1)) - (p(-1, -1) + 2 * p(0, -1) + p(1, -1))
                gxx[y * w + x] = gx * gx
                gyy[y * w + x] = gy * gy
                gxy[y * w + x] = gx * gy
                lum[y * w + x] = p(0, 0)
            }
        }
        var field: [[BlockOrientation]] = []
        for by in 0..<(h / block) {
            var row: [BlockOrientation] = []
            for bx in 0..<(w / block) {
                let cx = bx * block + block / 2
                let cy = by * block + block / 2
                var (sxx, syy, sxy, sum, n): (Float, Float, Float, Float, Float) = (0, 0, 0, 0, 0)
                for y in max(1, cy - window / 2)..<min(h - 1, cy + window / 2) {
                    for x in max(1, cx - window / 2)..<min(w - 1, cx + window / 2) {
                        sxx += gxx[y * w + x]
                        syy += gyy[y * w + x]
                        sxy += gxy[y * w + x]
                        sum += lum[y * w + x]
                        n += 1
                    }
                }
                // The dominant gradient direction is perpendicular to the ridges.
                let gradient = 0.5 * atan2f(2 * sxy, sxx - syy)
                var ridge = gradient + .pi / 2
                ridge = ridge.truncatingRemainder(dividingBy: .pi)
                if ridge < 0 { ridge += .pi }
                let coherence = ((sxx - syy) * (sxx - syy) + 4 * sxy * sxy).squareRoot() / max(1e-6, sxx + syy)
                row.append(BlockOrientation(angle: ridge, coherence: coherence, mean: sum / max(1, n)))
            }
            field.append(row)
        }
        return field
    }

    /// Dominant ridge period (pixels) of the `size × size` block at `(x0, y0)`: the peak of the block's
    /// Hann-windowed Fourier spectrum, scanned continuously over periods of 5–16 px and over directions
    /// within 18° of the normal to the block's ridge direction (from the structure tensor).
    static func ridgePeriod(_ image: GrayImage, x0: Int, y0: Int, size: Int) -> (period: Float, coherence: Float) {
        let block = orientationField(crop(image, x0: x0, y0: y0, size: size), block: size, window: size)[0][0]
        var values = [Float](repeating: 0, count: size * size)
        var mean: Float = 0
        for y in 0..<size {
            for x in 0..<size { mean += Float(image[x0 + x, y0 + y]) }
        }
        mean /= Float(size * size)
        for y in 0..<size {
            let wy = 0.5 - 0.5 * cosf(2 * .pi * (Float(y) + 0.5) / Float(size))
            for x in 0..<size {
                let wx = 0.5 - 0.5 * cosf(2 * .pi * (Float(x) + 0.5) / Float(size))
                values[y * size + x] = (Float(image[x0 + x, y0 + y]) - mean) * wx * wy
            }
        }
        let normal = block.angle + .pi / 2
        var best: (period: Float, power: Float) = (0, -1)
        for step in -6...6 {
            let direction = normal + Float(step) * 3 * .pi / 180
            var period: Float = 5
            while period <= 16 {
                let fx = cosf(direction) * 2 * .pi / period
                let fy = sinf(direction) * 2 * .pi / period
                // Separable phasors: e^{-i(fx·x + fy·y)} = e^{-i fx·x} · e^{-i fy·y}.
                let cx = (0..<size).map { cosf(fx * Float($0)) }
                let sx = (0..<size).map { sinf(fx * Float($0)) }
                var re: Float = 0
                var im: Float = 0
                for y in 0..<size {
                    var rowRe: Float = 0
                    var rowIm: Float = 0
                    for x in 0..<size {
                        let v = values[y * size + x]
                        rowRe += v * cx[x]
                        rowIm -= v * sx[x]
                    }
                    let (c, s) = (cosf(fy * Float(y)), sinf(fy * Float(y)))
                    re += rowRe * c + rowIm * s
                    im += rowIm * c - rowRe * s
                }
                let power = re * re + im * im
                if power > best.power { best = (period, power) }
                period += 0.1
            }
        }
        return (best.period, block.coherence)
    }

    /// Share of ridge (dark) pixels in the central `size × size` window, which every settled finger covers.
    static func inkRatio(_ image: GrayImage, size: Int = 80) -> Float {
        let window = crop(image, x0: (image.width - size) / 2, y0: (image.height - size) / 2, size: size)
        return Float(window.pixels.filter { $0 < 110 }.count) / Float(size * size)
    }

    static func crop(_ image: GrayImage, x0: Int, y0: Int, size: Int) -> GrayImage {
        var pixels: [UInt8] = []
        for y in y0..<(y0 + size) {
            for x in x0..<(x0 + size) { pixels.append(image[x, y]) }
        }
        return GrayImage(width: size, height: size, pixels: pixels)
    }

    /// Poincaré index of every interior block of an orientation field, over its 8 neighbours: +½ at a
    /// core, −½ at a delta, 0 elsewhere.
    static func poincare(_ field: [[BlockOrientation]]) -> [(x: Int, y: Int, index: Float)] {
        let ring = [(-1, -1), (0, -1), (1, -1), (1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0)]
        var found: [(Int, Int, Float)] = []
        for y in 1..<(field.count - 1) {
            for x in 1..<(field[y].count - 1) {
                var total: Float = 0
                for k in 0..<ring.count {
                    let a = field[y + ring[k].1][x + ring[k].0].angle
                    let b = field[y + ring[(k + 1) % ring.count].1][x + ring[(k + 1) % ring.count].0].angle
                    var d = b - a
                    if d > .pi / 2 { d -= .pi }
                    if d < -.pi / 2 { d += .pi }
                    total += d
                }
                let index = total / (2 * .pi)
                if abs(index) > 0.4 { found.append((x, y, index)) }
            }
        }
        return found
    }

    /// Circular variance of doubled block angles (0: all parallel, 1: uniformly spread).
    static func orientationVariance(_ blocks: [BlockOrientation]) -> Float {
        var c: Float = 0
        var s: Float = 0
        for b in blocks {
            c += cosf(2 * b.angle)
            s += sinf(2 * b.angle)
        }
        return 1 - (c * c + s * s).squareRoot() / Float(blocks.count)
    }

    /// How well two impressions' orientation fields agree after the best rigid alignment: the mean of
    /// cos 2Δθ over the overlapping foreground blocks (1 for identical flow, about 0 for unrelated).
    static func alignedOrientationSimilarity(_ a: GrayImage, _ b: GrayImage) -> Float {
        let block = 16
        let fa = orientationField(a, block: block, window: 24)
        let fb = orientationField(b, block: block, window: 24)
        func foreground(_ o: BlockOrientation) -> Bool { o.mean < 200 && o.coherence > 0.3 }
        let centre = (x: Float(a.width) / 2, y: Float(a.height) / 2)
        var foregroundA: [(x: Float, y: Float, angle: Float)] = []
        for (by, row) in fa.enumerated() {
            for (bx, o) in row.enumerated() where foreground(o) {
                foregroundA.append((Float(bx * block + block / 2), Float(by * block + block / 2), o.angle))
            }
        }
        guard !foregroundA.isEmpty else { return 0 }
        var best: Float = -1
        var rotation: Float = -32
        while rotation <= 32 {
            let phi = rotation * .pi / 180
            let (s, c) = (sinf(phi), cosf(phi))
            for ty in stride(from: -96, through: 96, by: 8) {
                for tx in stride(from: -64, through: 64, by: 8) {
                    var sum: Float = 0
                    var n = 0
                    for p in foregroundA {
                        let dx = p.x - centre.x
                        let dy = p.y - centre.y
                        let bxf = c * dx - s * dy + centre.x + Float(tx)
                        let byf = s * dx + c * dy + centre.y + Float(ty)
                        let bx = Int(bxf) / block
                        let by = Int(byf) / block
                        guard bxf >= 0, byf >= 0, by < fb.count, bx < fb[by].count else { continue }
                        let o = fb[by][bx]
                        guard foreground(o) else { continue }
                        sum += cosf(2 * (p.angle + phi - o.angle))
                        n += 1
                    }
                    // Demand a real overlap, or tiny lucky overlaps would win.
                    if n * 2 >= foregroundA.count { best = max(best, sum / Float(n)) }
                }
            }
            rotation += 4
        }
        return best
    }

    static func mean(_ values: [UInt8]) -> Float {
        Float(values.reduce(0) { $0 + Int($1) }) / Float(max(1, values.count))
    }

    static func standardDeviation(_ values: [UInt8]) -> Float {
        let m = mean(values)
        let v = values.reduce(Float(0)) { $0 + (Float($1) - m) * (Float($1) - m) } / Float(max(1, values.count))
        return v.squareRoot()
    }
}
