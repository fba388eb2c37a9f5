import Foundation

/// A smooth random field: random values on a coarse lattice, blended with a smoothstep.
///
/// Cheap to build (one random number per lattice node) and cheap to sample (four loads), which is what
/// per-frame effects need: a dry finger's broken ridges, a wet finger's blotches, an uneven contact edge
/// and skin texture are all this field at different cell sizes.
struct ValueNoise: Sendable {
    /// Distance between lattice nodes, in pixels.
    let cell: Float
    /// `1 / cell`: sampling sits in per-pixel loops, where a multiply is several times cheaper than a divide.
    private let inverseCell: Float
    let columns: Int
    let rows: Int
    /// Node values in `[-1, 1]`, row-major.
    let values: [Float]

    /// A field covering `0 ... width` × `0 ... height`; samples outside are clamped to the border.
    init(width: Float, height: Float, cell: Float, rng: inout SplitMix64) {
        self.cell = cell
        inverseCell = 1 / cell
        columns = Int(width / cell) + 2
        rows = Int(height / cell) + 2
        var nodes = [Float](repeating: 0, count: columns * rows)
        for i in nodes.indices { nodes[i] = rng.uniform(-1, 1) }
        values = nodes
    }

    /// The field at `(x, y)`, in `[-1, 1]`.
    @inline(__always)
    func callAsFunction(_ x: Float, _ y: Float) -> Float {
        let gx = min(max(x * inverseCell, 0), Float(columns - 1) - 0.001)
        let gy = min(max(y * inverseCell, 0), Float(rows - 1) - 0.001)
        let ix = Int(gx)
        let iy = Int(gy)
        var fx = gx - Float(ix)
        var fy = gy - Float(iy)
        // Smoothstep weights hide the lattice: linear blending shows its diamond pattern.
        fx = fx * fx * (3 - 2 * fx)
        fy = fy * fy * (3 - 2 * fy)
        return values.withUnsafeBufferPointer { v in
            let i = iy * columns + ix
            let top = v[i] + (v[i + 1] - v[i]) * fx
            let bottom = v[i + columns] + (v[i + columns + 1] - v[i + columns]) * fx
            return top + (bottom - top) * fy
        }
    }
}

/// `e^−x` for `x ≥ 0`, returning 0 once the result is negligible.
///
/// Shading falls off exponentially with distance, and far from a feature the argument becomes large;
/// `expf` of a very negative number takes libm's slow underflow path, which showed up as a tenth of
/// an iris frame's time.
@inline(__always)
func decay(_ x: Float) -> Float {
    x > 40 ? 0 : expf(-x)
}
