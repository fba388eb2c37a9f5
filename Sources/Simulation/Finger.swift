/// A finger position, numbered as in ISO/IEC 19794-4 (finger position codes 1–10).
public enum Finger: Int, Sendable, CaseIterable, Hashable {
    /// Right hand, codes 1–5.
    case rightThumb = 1, rightIndex, rightMiddle, rightRing, rightLittle
    /// Left hand, codes 6–10.
    case leftThumb, leftIndex, leftMiddle, leftRing, leftLittle

    /// Which hand the finger belongs to.
    public var hand: Hand { rawValue <= 5 ? .right : .left }

    /// 0 for the thumb … 4 for the little finger, the same on both hands.
    public var digit: Int { (rawValue - 1) % 5 }

    /// Whether this is a thumb (thumbs are captured side by side, not in a four-finger slap).
    public var isThumb: Bool { digit == 0 }
}

/// Left or right.
public enum Hand: Sendable, Hashable {
    /// The subject's left or right hand.
    case left, right
}

/// The Henry/Galton pattern classes a synthetic master can take.
///
/// "Left" and "right" refer to the side the loop opens towards in the image (the usual convention for
/// plain impressions), so an ulnar loop is a right loop on the right hand and a left loop on the left.
public enum PatternClass: String, Sendable, CaseIterable, Hashable {
    /// Ridges flow across with a hump and no singular point.
    case arch
    /// An arch with a sharp peak: a core directly above a delta.
    case tentedArch
    /// Ridges enter and leave on the left, recurving round one core; the delta is on the right.
    case leftLoop
    /// The mirror image of a left loop.
    case rightLoop
    /// Ridges circle two cores; a delta on each side.
    case whorl

    /// Draws a class with frequencies close to real populations (loops ≈ 65 %, whorls ≈ 30 %,
    /// arches ≈ 5 %), shifted per finger the way they are in practice: thumbs and ring fingers lean to
    /// whorls, index fingers to arches and radial loops, and ulnar loops dominate little fingers.
    static func draw(for finger: Finger, rng: inout SplitMix64) -> PatternClass {
        let ulnar: PatternClass = finger.hand == .right ? .rightLoop : .leftLoop
        let radial: PatternClass = finger.hand == .right ? .leftLoop : .rightLoop
        let weights: [(PatternClass, Float)]
        switch finger.digit {
        case 0: weights = [(.arch, 0.02), (.tentedArch, 0.01), (ulnar, 0.50), (radial, 0.02), (.whorl, 0.45)]
        case 1: weights = [(.arch, 0.08), (.tentedArch, 0.07), (ulnar, 0.38), (radial, 0.17), (.whorl, 0.30)]
        case 3: weights = [(.arch, 0.02), (.tentedArch, 0.01), (ulnar, 0.55), (radial, 0.02), (.whorl, 0.40)]
        case 4: weights = [(.arch, 0.01), (.tentedArch, 0.01), (ulnar, 0.80), (radial, 0.01), (.whorl, 0.17)]
        default: weights = [(.arch, 0.05), (.tentedArch, 0.03), (ulnar, 0.68), (radial, 0.02), (.whorl, 0.22)]
        }
        var pick = rng.unit() * weights.reduce(0) { $0 + $1.1 }
        for (pattern, weight) in weights {
            pick -= weight
            if pick < 0 { return pattern }
        }
        return ulnar
    }
}
