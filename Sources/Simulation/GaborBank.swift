import Foundation

/// Even-symmetric Gabor kernels for every quantised (orientation, period) pair, laid out for SIMD.
///
/// Ridge growth filters each pixel with the kernel tuned to its own orientation and period. Building a
/// kernel per pixel would dominate the cost, so the bank holds 64 orientations × 15 periods up front.
/// Each kernel is stored densely, 19 rows of 24 floats (the 19 taps of a row plus zeros), so a pixel's
/// response is 19 × 3 eight-lane multiply-adds over contiguous memory instead of a few hundred gathers.
struct GaborBank: Sendable {
    /// Kernel half-size: about 2.5 σ across the ridges.
    static let radius = 9
    /// Taps per kernel row.
    static let span = 2 * radius + 1
    /// Floats stored per kernel row: `span` rounded up to whole `SIMD8` loads.
    static let lanes = 24
    /// Columns of zeros the growth buffer needs left and right of the image: the last `SIMD8` load of a
    /// row reaches `lanes − radius − 1` columns to the right of the pixel.
    static let leftPad = radius
    static let rightPad = lanes - radius - 1
    static let orientationBins = 64
    static let periodMin: Float = 8.5
    static let periodStep: Float = 0.15
    static let periodBins = 15
    static let kernelStride = span * lanes

    /// `kernelCount × span × lanes` weights.
    let weights: [Float]

    /// The bank, built once per process on first use (about 1 MB).
    static let shared = GaborBank()

    private init() {
        let r = Self.radius
        // Across the ridges the envelope spans about one and a half periods (enough to lock the phase);
        // along them it is longer, which is what smooths ridges into continuous lines.
        let sigmaAcross: Float = 3.6
        let sigmaAlong: Float = 4.4
        var weights = [Float](repeating: 0, count: Self.orientationBins * Self.periodBins * Self.kernelStride)
        for o in 0..<Self.orientationBins {
            let theta = Float(o) * .pi / Float(Self.orientationBins)
            let (s, c) = (sinf(theta), cosf(theta))
            for f in 0..<Self.periodBins {
                let period = Self.periodMin + Float(f) * Self.periodStep
                let base = (o * Self.periodBins + f) * Self.kernelStride
                var envelopes = [Float](repeating: 0, count: Self.span * Self.span)
                var cosines = [Float](repeating: 0, count: Self.span * Self.span)
                for dy in -r...r {
                    for dx in -r...r {
                        let across = -Float(dx) * s + Float(dy) * c
                        let along = Float(dx) * c + Float(dy) * s
                        let e = expf(-0.5 * (across * across / (sigmaAcross * sigmaAcross) + along * along / (sigmaAlong * sigmaAlong)))
                        let i = (dy + r) * Self.span + dx + r
                        // A round support: the square's corners would favour diagonal ridges.
                        envelopes[i] = dx * dx + dy * dy <= r * r ? e : 0
                        cosines[i] = cosf(2 * .pi * across / period)
                    }
                }
                // Remove the DC response, or repeated filtering drifts towards all-ridge or all-valley.
                var weighted: Float = 0
                var total: Float = 0
                for i in envelopes.indices {
                    weighted += envelopes[i] * cosines[i]
                    total += envelopes[i]
                }
                let dc = weighted / total
                for row in 0..<Self.span {
                    for col in 0..<Self.span {
                        let i = row * Self.span + col
                        weights[base + row * Self.lanes + col] = envelopes[i] * (cosines[i] - dc)
                    }
                }
            }
        }
        self.weights = weights
    }

    /// The kernel tuned to ridge direction `angle` (radians, any range) and `period` (pixels).
    func kernel(angle: Float, period: Float) -> Int32 {
        var a = angle.truncatingRemainder(dividingBy: .pi)
        if a < 0 { a += .pi }
        let o = Int((a / .pi * Float(Self.orientationBins)).rounded()) % Self.orientationBins
        let f = min(Self.periodBins - 1, max(0, Int(((period - Self.periodMin) / Self.periodStep).rounded())))
        return Int32(o * Self.periodBins + f)
    }
}
