import Foundation

/// Even-symmetric Gabor kernels for every quantised (orientation, period) pair, laid out for
/// vectorised filtering.
///
/// Ridge growth filters each pixel with the kernel tuned to its own orientation and period. Building a
/// kernel per pixel would dominate the cost, so a bank holds 64 orientations × 15 periods up front. Each
/// kernel is stored densely, `span` rows of `span` floats (zero outside its round support), so a
/// pixel's response is a few contiguous row-by-row multiply-adds instead of hundreds of gathers.
struct GaborBank: Sendable {
    /// Kernel half-size: about 2.5 σ across the ridges.
    let radius: Int
    /// Taps per kernel row (`2 · radius + 1`).
    let span: Int
    /// Period of the first period bin, in pixels at this bank's resolution.
    let periodMin: Float
    /// Period difference between neighbouring bins.
    let periodStep: Float
    static let orientationBins = 64
    static let periodBins = 15
    /// `span · span`: floats per kernel.
    let kernelStride: Int
    /// `kernelCount × span × span` weights.
    let weights: [Float]

    /// For ridges of period 8.5–10.6 px: the 500 ppi master itself.
    static let fullResolution = GaborBank(scale: 1)
    /// For the same ridges at half resolution, where growth spreads four times faster per pixel of work.
    static let halfResolution = GaborBank(scale: 0.5)

    /// A bank for ridge periods `scale × (8.5 … 10.6)` px.
    private init(scale: Float) {
        radius = Int((9 * scale).rounded(.up))
        span = 2 * radius + 1
        kernelStride = span * span
        periodMin = 8.5 * scale
        periodStep = 0.15 * scale
        // Across the ridges the envelope spans about one and a half periods (enough to lock the phase);
        // along them it is longer, which is what smooths ridges into continuous lines.
        let sigmaAcross: Float = 4.2 * scale
        let sigmaAlong: Float = 4.4 * scale
        let r = radius
        var weights = [Float](repeating: 0, count: Self.orientationBins * Self.periodBins * kernelStride)
        for o in 0..<Self.orientationBins {
            let theta = Float(o) * .pi / Float(Self.orientationBins)
            let (s, c) = (sinf(theta), cosf(theta))
            for f in 0..<Self.periodBins {
                let period = periodMin + Float(f) * periodStep
                let base = (o * Self.periodBins + f) * kernelStride
                var envelopes = [Float](repeating: 0, count: span * span)
                var cosines = [Float](repeating: 0, count: span * span)
                for dy in -r...r {
                    for dx in -r...r {
                        let across = -Float(dx) * s + Float(dy) * c
                        let along = Float(dx) * c + Float(dy) * s
                        let e = expf(-0.5 * (across * across / (sigmaAcross * sigmaAcross) + along * along / (sigmaAlong * sigmaAlong)))
                        let i = (dy + r) * span + dx + r
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
                for i in envelopes.indices {
                    weights[base + i] = envelopes[i] * (cosines[i] - dc)
                }
            }
        }
        self.weights = weights
    }

    /// The kernel tuned to ridge direction `angle` (radians, any range) and `period` (pixels at this
    /// bank's resolution).
    func kernel(angle: Float, period: Float) -> Int32 {
        var a = angle.truncatingRemainder(dividingBy: .pi)
        if a < 0 { a += .pi }
        let o = Int((a / .pi * Float(Self.orientationBins)).rounded()) % Self.orientationBins
        let f = min(Self.periodBins - 1, max(0, Int(((period - periodMin) / periodStep).rounded())))
        return Int32(o * Self.periodBins + f)
    }
}
