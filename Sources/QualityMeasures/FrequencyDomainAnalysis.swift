import Foundation

/// Frequency domain analysis (FDA) of one slanted block: how concentrated the profile across the
/// ridges is at a single ridge frequency (ISO/IEC 29794-4; NFIQ 2 `FDA`, after Andersen & Nielsen 2011).
///
/// With `A(f)` the DFT magnitude of the 32-sample profile at frequency `f` (cycles per block), the
/// dominant frequency `f* = argmax A(f)` over `f = 1 … 15` (DC excluded) and
/// `FDA = (A(f*) + 0.3·(A(f*−1) + A(f*+1))) / Σ_{f=1…15} A(f)`, with `A(0)` taken as 0. A pure sinusoid
/// at an integer frequency gives 1; a flat spectrum (noise) about 0.1–0.2. Higher is better.
enum FrequencyDomainAnalysis {
    static let size = SlantedBlock.across
    static let highest = size / 2 - 1

    /// cos/sin of 2π·f·i/32 for f = 0 … 16, i = 0 … 31.
    private static let table: (cos: [Float], sin: [Float]) = {
        var c = [Float](repeating: 0, count: (size / 2 + 1) * size)
        var s = c
        for f in 0...(size / 2) {
            for i in 0..<size {
                let angle = 2 * Double.pi * Double(f * i) / Double(size)
                c[f * size + i] = Float(cos(angle))
                s[f * size + i] = Float(sin(angle))
            }
        }
        return (c, s)
    }()

    /// Magnitudes `A(0) … A(16)` of a 32-sample profile.
    static func spectrum(_ profile: [Float]) -> [Double] {
        precondition(profile.count == size)
        var amplitude = [Double](repeating: 0, count: size / 2 + 1)
        let (ct, st) = table
        for f in 0...(size / 2) {
            var re: Float = 0, im: Float = 0
            for i in 0..<size {
                re += profile[i] * ct[f * size + i]
                im -= profile[i] * st[f * size + i]
            }
            amplitude[f] = Double((re * re + im * im).squareRoot())
        }
        return amplitude
    }

    /// The FDA value and the dominant frequency (cycles per 32 px), or nil for a flat profile.
    static func analyse(_ profile: [Float]) -> (fda: Double, frequency: Int)? {
        let a = spectrum(profile)
        var best = 1
        var total = 0.0
        for f in 1...highest {
            total += a[f]
            if a[f] > a[best] { best = f }
        }
        guard total > 1e-9 else { return nil }
        let below = best > 1 ? a[best - 1] : 0
        let above = a[best + 1]
        return (min(1, (a[best] + 0.3 * (below + above)) / total), best)
    }
}
