import Foundation

/// The stroma pattern of one iris, in normalised polar coordinates (Daugman's rubber sheet):
/// `rho` runs from the pupil border (0) to the limbus (1), `phi` once round the eye.
///
/// The texture is built from the anatomical features iris recognition relies on: radial fibres
/// (trabeculae), dark crypts near the collarette, the zig-zag collarette itself, concentric contraction
/// furrows in the outer ciliary zone, a few pigment spots, a dark pupillary ruff and a darker limbus.
/// Because it is defined on the rubber sheet, the pattern stretches and compresses with pupil dilation
/// exactly as the unwrapping step of an iris matcher assumes.
struct IrisTexture: Sendable {
    static let radialBins = 64
    static let angularBins = 720
    /// Grey levels (NIR reflectance) on the polar grid, row `rho`, column `phi`.
    let levels: [Float]

    init(subject: UInt64, eye: Eye) {
        var rng = SplitMix64(seed: SeedMixer.mix(0x4952_4953, subject, eye == .left ? 1 : 2))
        let (nr, na) = (Self.radialBins, Self.angularBins)
        var t = [Float](repeating: 0, count: nr * na)
        // Light irises reflect more near-infrared than dark ones, but all look mid-grey to an iris camera.
        let base = rng.uniform(95, 140)
        let collarette = rng.uniform(0.26, 0.38)
        var harmonics: [(k: Float, amp: Float, phase: Float)] = []
        for _ in 0..<5 { harmonics.append((Float(3 + rng.below(14)), rng.uniform(0.004, 0.016), rng.uniform(0, 2 * .pi))) }
        let fine = ValueNoise(width: Float(na), height: Float(nr), cell: 3, rng: &rng)

        // The collarette's radius wanders round the eye: that is what makes it look jagged.
        let ringAt = (0..<na).map { a -> Float in
            let phi = Float(a) / Float(na) * 2 * .pi
            return harmonics.reduce(collarette) { $0 + $1.amp * sinf($1.k * phi + $1.phase) }
        }
        for r in 0..<nr {
            let rho = (Float(r) + 0.5) / Float(nr)
            for a in 0..<na {
                let ring = ringAt[a]
                // The pupillary zone inside the collarette is a little brighter and smoother.
                var v = base + (rho < ring ? 10 : 0)
                // The collarette: a raised, bright, slightly jagged ring with a dark lower edge.
                let d = (rho - ring) / 0.025
                v += 20 * decay(d * d) - 14 * decay((d - 1.6) * (d - 1.6))
                // Pupillary ruff and darker limbus.
                v -= 45 * decay(rho / 0.035)
                v -= 40 * max(0, rho - 0.82) / 0.18
                v += 6 * fine(Float(a), Float(r))
                t[r * na + a] = v
            }
        }
        // Radial fibres: thin bright or dark streaks that wander slightly as they run outwards.
        for _ in 0..<420 {
            let phi0 = rng.uniform(0, Float(na))
            let start = rng.uniform(0, 0.5)
            let end = min(1, start + rng.uniform(0.2, 0.7))
            let curl = rng.uniform(-12, 12)
            let width = rng.uniform(0.6, 1.8)
            let strength = rng.uniform(-24, 28)
            for r in Int(start * Float(nr))..<Int(end * Float(nr)) {
                let rho = Float(r) / Float(nr)
                let centre = phi0 + curl * rho
                let fade = sinf(.pi * (rho - start) / (end - start))
                for da in -3...3 {
                    let a = (Int(centre) + da + na) % na
                    let off = (Float(Int(centre) + da) - centre) / width
                    t[r * na + a] += strength * fade * decay(off * off)
                }
            }
        }
        // Crypts: dark, sharp-edged lacunae, mostly just outside the collarette.
        for _ in 0..<(10 + rng.below(16)) {
            let rc = collarette + rng.uniform(-0.08, 0.3)
            let ac = rng.uniform(0, Float(na))
            let sr = rng.uniform(0.03, 0.08)
            let sa = rng.uniform(5, 16)
            let depth = rng.uniform(20, 50)
            Self.stamp(&t, rho: rc, phi: ac, radiusRho: sr, radiusPhi: sa) { q in depth * max(0, 1 - q * q * q) }
        }
        // Contraction furrows: partial concentric dark arcs in the outer ciliary zone.
        for _ in 0..<(3 + rng.below(5)) {
            let rc = rng.uniform(0.6, 0.9)
            let a0 = rng.uniform(0, Float(na))
            let span = rng.uniform(60, 300)
            let depth = rng.uniform(10, 22)
            for r in 0..<nr {
                let d = ((Float(r) + 0.5) / Float(nr) - rc) / 0.018
                let w = depth * decay(d * d)
                guard w > 0.5 else { continue }
                for k in 0..<Int(span) {
                    let a = (Int(a0) + k) % na
                    let taper = sinf(.pi * Float(k) / span)
                    t[r * na + a] -= w * taper
                }
            }
        }
        // Pigment spots (naevi): small, dark, round.
        for _ in 0..<rng.below(4) {
            Self.stamp(&t, rho: rng.uniform(0.4, 0.85), phi: rng.uniform(0, Float(na)), radiusRho: 0.04, radiusPhi: 8) { q in
                35 * max(0, 1 - q)
            }
        }
        levels = t
    }

    /// Darkens an elliptical patch of the polar grid by `depth(q)`, `q` being 0 at the centre, 1 at the rim.
    private static func stamp(_ t: inout [Float], rho: Float, phi: Float, radiusRho: Float, radiusPhi: Float, depth: (Float) -> Float) {
        let (nr, na) = (radialBins, angularBins)
        let r0 = max(0, Int((rho - radiusRho) * Float(nr)))
        let r1 = min(nr - 1, Int((rho + radiusRho) * Float(nr)) + 1)
        guard r0 <= r1 else { return }
        for r in r0...r1 {
            let dr = ((Float(r) + 0.5) / Float(nr) - rho) / radiusRho
            for k in Int(-radiusPhi)...Int(radiusPhi) {
                let da = Float(k) / radiusPhi
                let q = (dr * dr + da * da).squareRoot()
                guard q < 1 else { continue }
                let a = ((Int(phi) + k) % na + na) % na
                t[r * na + a] -= depth(q)
            }
        }
    }

    /// Bilinear lookup; `phi` wraps round, `rho` is clamped to `0 ... 1`.
    @inline(__always)
    func level(rho: Float, phi: Float) -> Float {
        let (nr, na) = (Self.radialBins, Self.angularBins)
        let gr = min(max(rho * Float(nr) - 0.5, 0), Float(nr) - 1.001)
        var ga = phi / (2 * .pi) * Float(na)
        ga -= Float(na) * (ga / Float(na)).rounded(.down)
        let ir = Int(gr)
        let ia = min(Int(ga), na - 1)
        let fr = gr - Float(ir)
        let fa = ga - Float(ia)
        let ia1 = ia + 1 == na ? 0 : ia + 1
        return levels.withUnsafeBufferPointer { l in
            let a = l[ir * na + ia] + (l[ir * na + ia1] - l[ir * na + ia]) * fa
            let b = l[(ir + 1) * na + ia] + (l[(ir + 1) * na + ia1] - l[(ir + 1) * na + ia]) * fa
            return a + (b - a) * fr
        }
    }
}
