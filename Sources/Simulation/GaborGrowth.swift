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

    /// How a pass shapes each filter response.
    enum Shaping {
        /// Clip to ±1: keeps the pattern growing and near-binary.
        case clip
        /// Saturate softly: ridges with a rounded profile, for the final pass.
        case soft
    }

    /// Runs `passes` filter passes over a `width × height` field that starts as `initial` (or as zeros
    /// with `seeds` set), using the `bank` kernel `kernels[i]` at pixel `i`.
    static func grow(
        width: Int, height: Int, initial: [Float]? = nil, seeds: [Seed] = [], kernels: [Int32],
        bank: GaborBank, passes: [Shaping]
    ) -> [Float] {
        let layout = Layout(width: width, height: height, bank: bank)
        // The zero border lets the inner loop run without bounds tests; zero means "no ridge information",
        // so the border neither creates nor attracts ridges.
        var current = [Float](repeating: 0, count: layout.count)
        if let initial {
            for y in 0..<height {
                for x in 0..<width { current[layout.index(x: x, y: y)] = initial[y * width + x] }
            }
        }
        for seed in seeds where seed.x >= 0 && seed.x < width && seed.y >= 0 && seed.y < height {
            current[layout.index(x: seed.x, y: seed.y)] = seed.value
        }
        var next = current
        for shaping in passes {
            filter(current, into: &next, layout: layout, kernels: kernels, bank: bank, shaping: shaping)
            swap(&current, &next)
        }
        var field = [Float](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width { field[y * width + x] = current[layout.index(x: x, y: y)] }
        }
        return field
    }

    /// Geometry of the padded working buffer.
    private struct Layout: Sendable {
        let width: Int
        let height: Int
        let top: Int
        let left: Int
        let stride: Int
        let count: Int

        init(width: Int, height: Int, bank: GaborBank) {
            self.width = width
            self.height = height
            top = bank.radius
            left = bank.radius
            stride = width + 2 * bank.radius
            count = stride * (height + 2 * bank.radius)
        }

        func index(x: Int, y: Int) -> Int { (y + top) * stride + x + left }
    }

    /// One space-variant Gabor pass.
    ///
    /// Rows are split into bands filtered in parallel; each band writes only its own rows of `target`
    /// and reads the previous pass from `source`, so the bands never touch shared mutable memory.
    private static func filter(_ source: [Float], into target: inout [Float], layout: Layout, kernels: [Int32], bank: GaborBank, shaping: Shaping) {
        let bands = 8
        source.withUnsafeBufferPointer { src in
            target.withUnsafeMutableBufferPointer { dst in
                kernels.withUnsafeBufferPointer { kernelOf in
                    bank.weights.withUnsafeBufferPointer { weights in
                        let buffers = PassBuffers(source: src.baseAddress!, weights: weights.baseAddress!, kernels: kernelOf.baseAddress!, target: dst.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: bands) { band in
                            let rows = (band * layout.height / bands)..<((band + 1) * layout.height / bands)
                            filterRows(rows, buffers: buffers, layout: layout, bank: bank, shaping: shaping)
                        }
                    }
                }
            }
        }
    }

    /// The inner loop of a pass over `rows`.
    ///
    /// Per pixel, each kernel row is multiplied lane by lane into running sums, which are added up in a
    /// fixed order at the end. Written this way (plain pointer arithmetic, `while` loops, no generic SIMD
    /// types) the lane loop vectorises in release builds and stays tolerable in debug builds, where
    /// unspecialised SIMD generics are a hundred times slower; and both builds add the same numbers in
    /// the same order, so a master is bit-identical whichever build made it.
    private static func filterRows(_ rows: Range<Int>, buffers: PassBuffers, layout: Layout, bank: GaborBank, shaping: Shaping) {
        let r = bank.radius
        let span = bank.span
        let kernelStride = bank.kernelStride
        let stride = layout.stride
        let width = layout.width
        let soft = shaping == .soft
        withUnsafeTemporaryAllocation(of: Float.self, capacity: span) { accumulator in
            let acc = accumulator.baseAddress!
            var y = rows.lowerBound
            while y < rows.upperBound {
                var x = 0
                var p = layout.index(x: 0, y: y)
                while x < width {
                    let k = Int(buffers.kernels[y * width + x])
                    var lane = 0
                    while lane < span {
                        acc[lane] = 0
                        lane += 1
                    }
                    var src = buffers.source + (p - r * stride - r)
                    var w = buffers.weights + k * kernelStride
                    var row = 0
                    while row < span {
                        lane = 0
                        while lane < span {
                            acc[lane] += w[lane] * src[lane]
                            lane += 1
                        }
                        src += stride
                        w += span
                        row += 1
                    }
                    var sum: Float = 0
                    lane = 0
                    while lane < span {
                        sum += acc[lane]
                        lane += 1
                    }
                    buffers.target[p] = soft ? tanhf(sum * 0.07) : min(1, max(-1, sum))
                    x += 1
                    p += 1
                }
                y += 1
            }
        }
    }

    /// The raw buffers of one pass, handed to the parallel bands.
    ///
    /// `@unchecked` is sound here: the pointers outlive `concurrentPerform` (which returns only when every
    /// band is done), the three inputs are only read, and each band writes a disjoint set of rows.
    private struct PassBuffers: @unchecked Sendable {
        let source: UnsafePointer<Float>
        let weights: UnsafePointer<Float>
        let kernels: UnsafePointer<Int32>
        let target: UnsafeMutablePointer<Float>
    }
}
