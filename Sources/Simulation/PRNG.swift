import Foundation

/// SplitMix64: a tiny, fast, seedable generator with good statistical quality.
///
/// Generation must be reproducible bit for bit (the same subject must give the same finger on every run
/// and every machine), so nothing here touches `SystemRandomNumberGenerator`, and the derived helpers
/// (`unit`, `gaussian`) are written out rather than taken from the standard library, whose algorithms for
/// `Float.random(in:using:)` are not promised to stay the same across releases.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose whole future output is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)` with 24 bits of precision (every value exactly representable as `Float`).
    public mutating func unit() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// Uniform in `[low, high)`.
    public mutating func uniform(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * unit()
    }

    /// Uniform integer in `0 ..< bound` (`bound > 0`); the tiny modulo bias is irrelevant for simulation.
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// `true` with probability `p`.
    public mutating func chance(_ p: Float) -> Bool {
        unit() < p
    }

    /// Standard normal deviate (Box–Muller; one of the pair is discarded to keep the state simple).
    public mutating func gaussian() -> Float {
        let u1 = max(unit(), 1e-7)
        let u2 = unit()
        return (-2 * logf(u1)).squareRoot() * cosf(2 * .pi * u2)
    }
}

/// Derives independent seeds from structured inputs (subject, finger, frame …).
///
/// Each component is folded through the SplitMix64 finaliser, so neighbouring inputs (subject 1 and 2,
/// frame 7 and 8) give unrelated streams instead of shifted copies of one stream.
public enum SeedMixer {
    /// One 64-bit seed from any number of 64-bit parts; order matters.
    public static func mix(_ parts: UInt64...) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for part in parts {
            h = finalise(h ^ finalise(part &+ 0x9E37_79B9_7F4A_7C15))
        }
        return h
    }

    static func finalise(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
