import Foundation

/// The covariance of the grey-level gradient inside one local region, the quantity behind orientation
/// certainty, ridge orientation and coherence (ISO/IEC 29794-4 / NFIQ 2 "OCL"; Lim, Jiang & Yau 2002).
///
/// With `a = mean(gx²)`, `b = mean(gy²)`, `c = mean(gx·gy)` the matrix `[a c; c b]` has eigenvalues
/// `λmax/min = ((a + b) ± √((a − b)² + 4c²)) / 2`. Gradients are numerical differences taken inside the
/// block only — central differences, forward/backward differences on the block's first/last row and
/// column — as the NFIQ 2 reference computes them, so block values do not depend on neighbouring blocks.
struct GradientCovariance: Sendable, Equatable {
    var a: Double
    var b: Double
    var c: Double

    var lambdaMax: Double { ((a + b) + ((a - b) * (a - b) + 4 * c * c).squareRoot()) / 2 }
    var lambdaMin: Double { ((a + b) - ((a - b) * (a - b) + 4 * c * c).squareRoot()) / 2 }

    /// `1 − λmin/λmax`: 1 for a perfectly oriented pattern, 0 for an isotropic one; nil for a flat
    /// block (λmax = 0), which NFIQ 2 leaves out of the OCL statistics.
    var orientationCertainty: Double? {
        let high = lambdaMax
        guard high > 1e-12 else { return nil }
        return Stats.unit(1 - max(0, lambdaMin) / high)
    }

    /// `(λmax − λmin)/(λmax + λmin)`, the coherence used for the NFIQ 2 ROI orientation-map measure.
    var coherence: Double {
        let sum = a + b
        guard sum > 1e-12 else { return 0 }
        return ((a - b) * (a - b) + 4 * c * c).squareRoot() / sum
    }

    /// Direction of the dominant gradient, i.e. the ridge normal, in radians from the +x axis (y down),
    /// in `(−π/2, π/2]`: the eigenvector of λmax, `½·atan2(2c, a − b)`.
    ///
    /// NFIQ 2's `ridgeorient` uses `atan2(c, a − b)` (no factor 2 on `c`); the doubled-angle form here is
    /// the textbook eigenvector direction and matches it exactly for axis-aligned ridges.
    var normalAngle: Double { 0.5 * atan2(2 * c, a - b) }

    /// The covariance over the `w × h` block at `(x0, y0)` of a `stride`-wide byte image.
    static func of(_ p: UnsafeBufferPointer<UInt8>, stride: Int, x0: Int, y0: Int, w: Int, h: Int) -> GradientCovariance {
        guard w > 1 || h > 1 else { return GradientCovariance(a: 0, b: 0, c: 0) }
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for y in 0..<h {
            let row = (y0 + y) * stride + x0
            let up = y == 0 ? row : row - stride
            let down = y == h - 1 ? row : row + stride
            let yScale: Float = (y == 0 || y == h - 1) ? 1 : 0.5
            var rxx: Float = 0, ryy: Float = 0, rxy: Float = 0
            for x in 0..<w {
                let left = x == 0 ? x : x - 1
                let right = x == w - 1 ? x : x + 1
                let xScale: Float = (x == 0 || x == w - 1) ? 1 : 0.5
                let gx = w > 1 ? (Float(p[row + right]) - Float(p[row + left])) * xScale : 0
                let gy = h > 1 ? (Float(p[down + x]) - Float(p[up + x])) * yScale : 0
                rxx += gx * gx
                ryy += gy * gy
                rxy += gx * gy
            }
            sxx += Double(rxx)
            syy += Double(ryy)
            sxy += Double(rxy)
        }
        let n = Double(w * h)
        return GradientCovariance(a: sxx / n, b: syy / n, c: sxy / n)
    }
}
