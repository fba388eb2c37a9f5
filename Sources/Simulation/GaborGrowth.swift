import Dispatch
import Foundation

/// SFinGe-style ridge growth: starting from a few random spikes, the image is filtered again and again
/// with the Gabor kernel tuned to each pixel's orientation and period, and clipped after every pass.
///
/// Each pass spreads the pattern by about one kernel radius along the local flow and locks its phase to
/// the ridge period. Where fronts grown from different seeds meet out of phase, the filter resolves the
/// conflict the way skin does: a ridge ends or forks. So endings and bifurcations arise from the growth
/// itself, at a density set by the number of seeds, rather than being drawn in.
enum GaborGrowth {
    /// A starting spike: `value` (±1) at pixel `(x, y)`.
    struct Seed: Sendable {
        var x: Int
        var y: Int
        var value: Float
    }

    /// Grows a ridge field over `width × height` pixels. `kernels[i]` is the bank kernel for pixel `i`.
    /// Returns values in `[-1, 1]`: positive on ridges, negative in valleys, with soft flanks.
    static func grow(width: Int, height: Int, kernels: [Int32], seeds: [Seed], iterations: Int) -> [Float] {
        let layout = Layout(width: width, height: height)
        // The zero border lets the inner loop run without bounds tests; zero means "no ridge information",
        // so the border neither creates nor attracts ridges.
        var current = [Float](repeating: 0, count: layout.count)
        var next = current
        for seed in seeds where seed.x >= 0 && seed.x < width && seed.y >= 0 && seed.y < height {
            current[layout.index(x: seed.x, y: seed.y)] = seed.value
        }
        for _ in 0..<iterations {
            filter(current, into: &next, layout: layout, kernels: kernels, gain: 1)
            swap(&current, &next)
        }
        // A last pass with a soft saturation turns the near-binary field into ridges with a rounded
        // profile while keeping ridge and valley levels even across the finger.
        filter(current, into: &next, layout: layout, kernels: kernels, gain: 0)
        var ridges = [Float](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width { ridges[y * width + x] = next[layout.index(x: x, y: y)] }
        }
        return ridges
    }

    /// Geometry of the padded working buffer.
    private struct Layout {
        let width: Int
        let height: Int
        let stride: Int
        let count: Int

        init(width: Int, height: Int) {
            self.width = width
            self.height = height
            stride = GaborBank.leftPad + width + GaborBank.rightPad
            count = stride * (height + 2 * GaborBank.radius)
        }

        func index(x: Int, y: Int) -> Int { (y + GaborBank.radius) * stride + x + GaborBank.leftPad }
    }

    /// One space-variant Gabor pass: clipped to ±1 when `gain > 0`, else softly saturated.
    ///
    /// Rows are split into bands filtered in parallel; each band writes only its own rows of `target`
    /// and reads the previous pass from `source`, so the bands never touch shared mutable memory.
    private static func filter(_ source: [Float], into target: inout [Float], layout: Layout, kernels: [Int32], gain: Float) {
        let bank = GaborBank.shared
        let bands = 8
        source.withUnsafeBufferPointer { src in
            target.withUnsafeMutableBufferPointer { dst in
                kernels.withUnsafeBufferPointer { kernelOf in
                    bank.weights.withUnsafeBufferPointer { weights in
                        let buffers = PassBuffers(
                            source: UnsafeRawPointer(src.baseAddress!), weights: UnsafeRawPointer(weights.baseAddress!),
                            kernels: kernelOf.baseAddress!, target: dst.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: bands) { band in
                            let rows = (band * layout.height / bands)..<((band + 1) * layout.height / bands)
                            filterRows(rows, buffers: buffers, layout: layout, gain: gain)
                        }
                    }
                }
            }
        }
    }

    /// The inner loop of a pass over `rows`: per pixel, 19 rows × 3 eight-lane multiply-adds.
    ///
    /// `@_optimize(speed)` keeps this loop optimised in debug builds too: unoptimised SIMD arithmetic
    /// is two orders of magnitude slower, which would make a single master take half a minute in tests.
    @_optimize(speed)
    private static func filterRows(_ rows: Range<Int>, buffers: PassBuffers, layout: Layout, gain: Float) {
        let r = GaborBank.radius
        let (srcBase, weightBase, kernelIndex, out) = (buffers.source, buffers.weights, buffers.kernels, buffers.target)
        for y in rows {
            for x in 0..<layout.width {
                let p = layout.index(x: x, y: y)
                let k = Int(kernelIndex[y * layout.width + x])
                var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>()
                var s = (p - r * layout.stride - r) * 4
                var w = k * GaborBank.kernelStride * 4
                for _ in 0..<GaborBank.span {
                    a0 += weightBase.loadUnaligned(fromByteOffset: w, as: SIMD8<Float>.self)
                        * srcBase.loadUnaligned(fromByteOffset: s, as: SIMD8<Float>.self)
                    a1 += weightBase.loadUnaligned(fromByteOffset: w + 32, as: SIMD8<Float>.self)
                        * srcBase.loadUnaligned(fromByteOffset: s + 32, as: SIMD8<Float>.self)
                    a2 += weightBase.loadUnaligned(fromByteOffset: w + 64, as: SIMD8<Float>.self)
                        * srcBase.loadUnaligned(fromByteOffset: s + 64, as: SIMD8<Float>.self)
                    s += layout.stride * 4
                    w += GaborBank.lanes * 4
                }
                let sum = (a0 + a1 + a2).sum()
                out[p] = gain > 0 ? min(1, max(-1, gain * sum)) : tanhf(sum * 0.07)
            }
        }
    }

    /// The raw buffers of one pass, handed to the parallel bands.
    ///
    /// `@unchecked` is sound here: the pointers outlive `concurrentPerform` (which returns only when every
    /// band is done), the three inputs are only read, and each band writes a disjoint set of rows.
    private struct PassBuffers: @unchecked Sendable {
        let source: UnsafeRawPointer
        let weights: UnsafeRawPointer
        let kernels: UnsafePointer<Int32>
        let target: UnsafeMutablePointer<Float>
    }
}
