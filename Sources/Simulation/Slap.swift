public import Imaging
/// Where one finger landed in a slap frame: ground truth for tests and segmentation checks.
public struct FingerLocation: Sendable, Equatable, Hashable {
    /// Which finger.
    public let finger: Finger
    /// Tight box around the finger's visible print, in frame pixels.
    public let box: PixelRect

    /// A finger and its box.
    public init(finger: Finger, box: PixelRect) {
        self.finger = finger
        self.box = box
    }
}

/// One frame of a multi-finger sensor: the image as the device delivers it, plus where each finger is.
///
/// The device hands out only `image`; a later stage must segment the fingers itself. `truth` exists so
/// that tests can check that segmentation (and the simulation) against known positions.
public struct SlapFrame: Sendable, Equatable {
    /// The whole platen, 500 ppi.
    public let image: GrayImage
    /// Fingers visible in `image`, left to right; fingers wholly off the platen are left out.
    public let truth: [FingerLocation]
}

extension FingerprintGenerator {
    /// One frame of a slap sensor (1600 × 1000 at 500 ppi by default): four fingers of one hand,
    /// fingertips up and slightly fanned, or two thumbs side by side.
    ///
    /// The right hand shows index … little from left to right, the left hand little … index; thumbs are
    /// laid out left thumb, right thumb. Fingers not listed (missing or excepted) leave their place empty.
    /// `seed` fixes the hand placement for a capture attempt; `frameIndex` advances settling and jitter.
    public func slap(
        fingers: [Finger], subject: UInt64, presentation: Presentation, frameIndex: Int,
        seed: UInt64 = 0, width: Int = 1600, height: Int = 1000
    ) -> SlapFrame {
        prepare(subject: subject, fingers: fingers)
        var pixels = Platen.background(width: width, height: height)
        var hand = SplitMix64(seed: SeedMixer.mix(0x534C_4150, subject, seed))
        let (w, h) = (Float(width), Float(height))
        var offsetX = hand.uniform(-0.02, 0.02) * w
        var offsetY = hand.uniform(-0.03, 0.03) * h
        if presentation.condition == .partial {
            // The hand is placed too high or too far to one side: fingertips leave the platen.
            if hand.chance(0.5) {
                offsetY -= hand.uniform(0.32, 0.4) * h
            } else {
                offsetX += (hand.chance(0.5) ? -1 : 1) * hand.uniform(0.12, 0.18) * w
            }
        }
        let baseQuality = presentation.quality(atFrame: frameIndex)
        var truth: [FingerLocation] = []
        var noise: Float = 2.5
        for finger in fingers {
            let slot = SlapLayout.slot(for: finger, among: fingers)
            let placementSeed = SeedMixer.mix(seed, subject, UInt64(finger.rawValue), 0x534C_4F54)
            guard let plan = ImpressionPlan.make(
                condition: presentation.condition, quality: baseQuality - slot.qualityPenalty,
                homeX: slot.x * w + offsetX, homeY: slot.y * h + offsetY, baseAngle: slot.angle,
                sizeFactor: slot.size, maxShift: 0.008 * w, partialReach: 0,
                placementSeed: placementSeed, frameIndex: frameIndex)
            else { continue }
            noise = max(noise, plan.noise)
            if let box = FingerRenderer.render(master(subject: subject, finger: finger), plan: plan, into: &pixels, width: width, height: height) {
                truth.append(FingerLocation(finger: finger, box: box))
            }
        }
        var rng = SplitMix64(seed: SeedMixer.mix(0x534C_4150_4E, subject, seed, UInt64(bitPattern: Int64(frameIndex))))
        SensorNoise.add(sigma: noise, to: &pixels, width: width, rng: &rng)
        truth.sort { $0.box.x < $1.box.x }
        return SlapFrame(image: GrayImage(width: width, height: height, pixels: pixels), truth: truth)
    }
}

/// Where each finger sits on a slap platen, as fractions of the frame, for a hand placed naturally.
enum SlapLayout {
    struct Slot {
        var x: Float
        var y: Float
        /// Radians, clockwise on screen: positive leans the fingertip to the right.
        var angle: Float
        var size: Float
        /// Weaker fingers (the little finger) press less and settle a little worse.
        var qualityPenalty: Float
    }

    /// The slot of `finger`. Thumbs get the two-thumb layout when every listed finger is a thumb.
    static func slot(for finger: Finger, among fingers: [Finger]) -> Slot {
        let degree = Float.pi / 180
        if finger.isThumb && fingers.allSatisfy(\.isThumb) {
            // Left thumb on the left, right on the right, tips leaning slightly towards each other.
            let left = finger.hand == .left
            return Slot(x: left ? 0.32 : 0.68, y: 0.47, angle: (left ? 9 : -9) * degree, size: 1.05, qualityPenalty: 0)
        }
        // Right hand, index (digit 1) … little (digit 4), left to right; the middle finger reaches highest.
        let xs: [Float] = [0.12, 0.21, 0.405, 0.6, 0.785]
        let ys: [Float] = [0.6, 0.43, 0.37, 0.4, 0.5]
        let angles: [Float] = [-25, -12, -3, 6, 15]
        let sizes: [Float] = [1.05, 0.95, 1, 0.95, 0.8]
        let penalties: [Float] = [0, 0, 0, 0.02, 0.06]
        let d = finger.digit
        var slot = Slot(x: xs[d], y: ys[d], angle: angles[d] * degree, size: sizes[d], qualityPenalty: penalties[d])
        if finger.hand == .left {
            // The left hand is the mirror image.
            slot.x = 1 - slot.x
            slot.angle = -slot.angle
        }
        return slot
    }
}
