import Foundation

/// Quality factor (0…1) over the frames of one capture: a finger settling on glass, an eye opening and
/// steadying, a face coming to rest in front of the camera.
///
/// The shape is a delayed exponential rise to a plateau, with a slow wobble (the subject is never quite
/// still) and an optional late decline (the finger drifts, the eye tires):
///
///     q(t) = peak · (1 − e^−(t − delay)/rise) · (1 − decline · max(0, t − delay − 3·rise)) + wobble · sin(2π t / period + phase)
///
/// clamped to `0 ... 1`. The typical curves are chosen so that a good presentation passes 0.8 within a
/// handful of frames while a dry finger or an absent subject never does, whatever the seed.
public struct SettlingCurve: Sendable, Equatable {
    /// Frames before contact starts to improve.
    public var delay: Float
    /// Time constant of the rise, in frames.
    public var rise: Float
    /// Plateau quality.
    public var peak: Float
    /// Amplitude of the slow oscillation.
    public var wobble: Float
    /// Period of the oscillation, in frames.
    public var period: Float
    /// Phase of the oscillation, in radians.
    public var phase: Float
    /// Fractional loss of quality per frame once the plateau is reached.
    public var decline: Float

    /// A curve with explicit parameters.
    public init(delay: Float, rise: Float, peak: Float, wobble: Float = 0, period: Float = 12, phase: Float = 0, decline: Float = 0) {
        self.delay = delay
        self.rise = max(rise, 0.01)
        self.peak = peak
        self.wobble = wobble
        self.period = max(period, 1)
        self.phase = phase
        self.decline = decline
    }

    /// Quality at `frame` (frames before 0 count as 0).
    public func quality(atFrame frame: Int) -> Float {
        let t = Float(max(frame, 0))
        let elapsed = max(0, t - delay)
        let settled = peak * (1 - expf(-elapsed / rise))
        let sagging = max(0, 1 - decline * max(0, elapsed - 3 * rise))
        let q = settled * sagging + wobble * sinf(2 * .pi * t / period + phase)
        return min(1, max(0, q))
    }

    /// The typical curve for `condition`, varied by `seed` within the condition's envelope.
    public static func typical(for condition: Presentation.Condition, seed: UInt64) -> SettlingCurve {
        var rng = SplitMix64(seed: SeedMixer.mix(0x5345_5454_4C45, seed, UInt64(condition.hashValueStable)))
        let period = rng.uniform(8, 16)
        let phase = rng.uniform(0, 2 * .pi)
        switch condition {
        case .good:
            // Worst case (delay 1.5, rise 2, peak 0.92, wobble −0.03) still passes 0.8 by frame 7.
            return SettlingCurve(delay: rng.uniform(0, 1.5), rise: rng.uniform(1.2, 2), peak: rng.uniform(0.92, 0.98),
                                 wobble: rng.uniform(0.01, 0.03), period: period, phase: phase)
        case .dry:
            // Peak plus wobble stays at or below 0.68: a dry finger never makes a good sample.
            return SettlingCurve(delay: rng.uniform(1, 3), rise: rng.uniform(3, 6), peak: rng.uniform(0.45, 0.62),
                                 wobble: rng.uniform(0.02, 0.06), period: period, phase: phase)
        case .wet:
            return SettlingCurve(delay: rng.uniform(0, 2), rise: rng.uniform(2, 4), peak: rng.uniform(0.6, 0.74),
                                 wobble: rng.uniform(0.02, 0.05), period: period, phase: phase, decline: rng.uniform(0, 0.01))
        case .smudged:
            return SettlingCurve(delay: rng.uniform(0, 2), rise: rng.uniform(2, 4), peak: rng.uniform(0.55, 0.72),
                                 wobble: rng.uniform(0.02, 0.05), period: period, phase: phase)
        case .moving:
            // Reaches fair quality but keeps swinging: a threshold near 0.8 is met only now and then.
            return SettlingCurve(delay: rng.uniform(0, 2), rise: rng.uniform(1.5, 3), peak: rng.uniform(0.66, 0.74),
                                 wobble: rng.uniform(0.08, 0.14), period: rng.uniform(5, 9), phase: phase)
        case .partial:
            return SettlingCurve(delay: rng.uniform(0, 2), rise: rng.uniform(2, 4), peak: rng.uniform(0.45, 0.65),
                                 wobble: rng.uniform(0.02, 0.05), period: period, phase: phase)
        case .none:
            return SettlingCurve(delay: 0, rise: 1, peak: 0)
        }
    }
}

extension Presentation.Condition {
    /// A small integer that is the same in every process (`hashValue` is randomly seeded per run).
    var hashValueStable: Int {
        Presentation.Condition.allCases.firstIndex(of: self) ?? 0
    }
}
