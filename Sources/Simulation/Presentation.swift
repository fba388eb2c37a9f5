/// How a subject presents a finger, eye or face to a simulated sensor, and how that evolves over the
/// frames of one capture.
///
/// The condition says what kind of sample the subject gives (a dry finger, a moving head …); the
/// settling curve says how good the contact is at each frame, so a quality-driven capture loop sees
/// scores rise, plateau and sometimes fall the way they do on real devices.
public struct Presentation: Sendable, Equatable {
    /// The kind of sample the subject gives.
    public enum Condition: String, Sendable, CaseIterable, Hashable {
        /// Clean, well-pressed, still: reaches a high quality within a few frames.
        case good
        /// Dry skin: faint, broken ridges; never reaches a high quality.
        case dry
        /// Wet or oily skin: thick ridges that merge into dark blotches.
        case wet
        /// A smear across part of the contact (latent residue, a sliding finger).
        case smudged
        /// The subject moves: motion blur and drift from frame to frame.
        case moving
        /// Only part of the finger, eye or face is in view.
        case partial
        /// Nothing is presented: an empty platen, a closed or absent eye, no face.
        case none
    }

    /// The kind of sample.
    public var condition: Condition
    /// Quality factor over frames.
    public var settling: SettlingCurve

    /// A presentation with the typical settling curve for `condition`; `seed` varies that curve's
    /// details (how fast, how high, how much wobble) between subjects or attempts.
    public init(_ condition: Condition, seed: UInt64 = 0) {
        self.condition = condition
        self.settling = SettlingCurve.typical(for: condition, seed: seed)
    }

    /// A presentation with an explicit settling curve.
    public init(_ condition: Condition, settling: SettlingCurve) {
        self.condition = condition
        self.settling = settling
    }

    /// Quality factor in `0 ... 1` at `frame` (0 is the first frame of the capture).
    public func quality(atFrame frame: Int) -> Float {
        settling.quality(atFrame: frame)
    }

    /// Clean, still, well pressed.
    public static let good = Presentation(.good)
    /// Dry skin.
    public static let dry = Presentation(.dry)
    /// Wet skin.
    public static let wet = Presentation(.wet)
    /// Smeared contact.
    public static let smudged = Presentation(.smudged)
    /// Moving subject.
    public static let moving = Presentation(.moving)
    /// Partly out of view.
    public static let partial = Presentation(.partial)
    /// Nothing presented.
    public static let none = Presentation(.none)
}
