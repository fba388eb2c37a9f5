import Foundation

/// Where and how one finger touches the platen in one frame: placement, contact area, pressure and
/// skin condition. Derived from the presentation, the settling quality and seeds; rendering is separate
/// (`FingerRenderer`), so a single-finger frame and a slap share one model of touch.
struct ImpressionPlan: Sendable {
    /// Frame position of the master's centre; frame = centre + scale · R(angle) · (master − master centre).
    var centreX: Float
    var centreY: Float
    /// Rotation of the finger axis, radians, clockwise on screen (y down).
    var angle: Float
    /// Skin stretch under pressure, close to 1 (ridge period must stay that of the master).
    var scale: Float
    /// Contact ellipse, in master coordinates.
    var contactX: Float
    var contactY: Float
    var semiX: Float
    var semiY: Float
    /// Fraction of the contact radius over which pressure fades out towards the edge.
    var edgeSoftness: Float
    /// Ridge/valley cut in master units (−1…1): lower means more pressure, thicker ridges.
    var threshold: Float
    /// Darkness of a fully pressed ridge, 0…1.
    var contrast: Float
    /// 0…1: how strongly ridges break up (dry skin).
    var dryness: Float
    /// 0…1: how strongly ridges merge into blotches (wet skin).
    var wetness: Float
    /// 0…1: strength of a smear over part of the contact.
    var smudge: Float
    /// Motion blur vector, master pixels (half the sweep to each side).
    var motionX: Float
    var motionY: Float
    /// Sensor noise standard deviation, grey levels.
    var noise: Float
    /// Seeds of the skin textures that belong to this placement (they do not jump between frames).
    var skinSeed: UInt64
    /// Seeds of what changes every frame (elastic distortion).
    var frameSeed: UInt64

    /// The typical placement on a frame: `homeX`, `homeY` is where the finger centre would ideally be,
    /// `baseAngle` its ideal tilt (fanned fingers in a slap) and `sizeFactor` its relative size (a little
    /// finger is smaller than a thumb). A `.partial` finger is pushed `partialReach` contact radii away
    /// from home (off the edge of a single-finger frame). Returns nil for `.none`: nothing touches.
    static func make(
        condition: Presentation.Condition, quality: Float, homeX: Float, homeY: Float, baseAngle: Float = 0,
        sizeFactor: Float = 1, maxShift: Float, partialReach: Float = 1.1, placementSeed: UInt64, frameIndex: Int
    ) -> ImpressionPlan? {
        guard condition != .none else { return nil }
        let q = min(1, max(0, quality))
        var placement = SplitMix64(seed: SeedMixer.mix(0x504C_4143_45, placementSeed))
        var frame = SplitMix64(seed: SeedMixer.mix(0x4652_414D_45, placementSeed, UInt64(bitPattern: Int64(frameIndex))))
        let degree = Float.pi / 180

        // Placement is fixed for the capture: people put the finger down once and then press and roll
        // slightly; only a small jitter changes frame to frame.
        let tilt = max(-15, min(15, placement.gaussian() * 6)) * degree
        var plan = ImpressionPlan(
            centreX: homeX + placement.uniform(-maxShift, maxShift) + frame.uniform(-1, 1),
            centreY: homeY + placement.uniform(-maxShift, maxShift) + frame.uniform(-1, 1),
            angle: baseAngle + tilt + frame.uniform(-0.4, 0.4) * degree,
            scale: 1 + placement.uniform(-0.02, 0.02),
            contactX: MasterGeometry.centreX + placement.uniform(-8, 8),
            contactY: MasterGeometry.centreY + placement.uniform(-10, 10),
            semiX: MasterGeometry.maxContactSemiX * sizeFactor * placement.uniform(0.8, 0.9) * (0.62 + 0.38 * q),
            semiY: MasterGeometry.maxContactSemiY * sizeFactor * placement.uniform(0.8, 0.9) * (0.62 + 0.38 * q),
            edgeSoftness: 0.12 + 0.15 * (1 - q),
            // A light early touch prints thin ridges; full pressure prints them about as wide as the valleys.
            threshold: 0.3 * (1 - q) - 0.05,
            contrast: 0.3 + 0.62 * q,
            dryness: 0, wetness: 0, smudge: 0, motionX: 0, motionY: 0,
            noise: 2.5 + 6 * (1 - q),
            skinSeed: placement.next(),
            frameSeed: frame.next())

        switch condition {
        case .good, .none:
            break
        case .dry:
            plan.dryness = 0.55 + 0.35 * (1 - q)
            plan.threshold += 0.12
            plan.contrast *= 0.85
        case .wet:
            plan.wetness = 0.55 + 0.35 * (1 - q)
            plan.threshold -= 0.3
            // Moisture couples skin to glass optically: what does touch prints nearly black.
            plan.contrast = max(plan.contrast, 0.88)
        case .smudged:
            plan.smudge = 0.6 + 0.3 * (1 - q)
        case .moving:
            // The finger drifts along a smooth path; the blur follows the direction of travel.
            let phase = placement.uniform(0, 2 * .pi)
            let t = Float(frameIndex)
            let amplitude = 6 + 14 * (1 - q)
            plan.centreX += amplitude * sinf(0.9 * t + phase)
            plan.centreY += 0.6 * amplitude * sinf(0.7 * t + 2 * phase)
            plan.angle += 2.5 * degree * sinf(0.5 * t + phase)
            let vx = 0.9 * amplitude * cosf(0.9 * t + phase)
            let vy = 0.42 * amplitude * cosf(0.7 * t + 2 * phase)
            let blur = 0.35 + 0.4 * (1 - q)
            plan.motionX = vx * blur
            plan.motionY = vy * blur
        case .partial:
            // The finger is off to one side or only its tip touches: part of the print is missing.
            let direction = placement.uniform(0, 2 * .pi)
            plan.centreX += cosf(direction) * plan.semiX * partialReach
            plan.centreY += sinf(direction) * plan.semiY * partialReach
            plan.contactY -= placement.uniform(20, 50)
            plan.semiX *= 0.85
            plan.semiY *= 0.7
        }
        return plan
    }
}
