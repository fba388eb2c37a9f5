import Foundation

/// The layout of one iris frame: the subject's fixed eye anatomy placed and posed for one frame.
struct EyeScene {
    let width: Int
    let height: Int
    let subject: UInt64
    let eye: Eye
    // Iris and pupil.
    let irisX: Float, irisY: Float, irisRadius: Float
    let pupilX: Float, pupilY: Float, pupilRadius: Float
    // Eye opening: lids are parabolas through the corners at eyeX ± halfWidth on row eyeY.
    let eyeX: Float, eyeY: Float, halfWidth: Float
    let upperHeight: Float, lowerHeight: Float, upperSkew: Float
    // Grey levels.
    let skin: Float, sclera: Float, pupil: Float
    // Lashes and reflections.
    let lashSeed: UInt64
    let lashCount: Int
    let highlights: [(x: Float, y: Float, r: Float)]
    let nasalSide: Float
    // Image degradations.
    let focusBlur: Int
    let motionBlur: Int
    let haze: Float
    let noise: Float

    var geometry: IrisGeometry {
        IrisGeometry(pupilX: pupilX, pupilY: pupilY, pupilRadius: pupilRadius, irisX: irisX, irisY: irisY, irisRadius: irisRadius,
                     upperLidY: upperLid(irisX), lowerLidY: lowerLid(irisX))
    }

    init?(subject: UInt64, eye: Eye, presentation: Presentation, frameIndex: Int, seed: UInt64, width: Int, height: Int) {
        guard presentation.condition != .none else { return nil }
        self.width = width
        self.height = height
        var anatomy = SplitMix64(seed: SeedMixer.mix(0x4559_45, subject, eye == .left ? 1 : 2))
        var attempt = SplitMix64(seed: SeedMixer.mix(0x4154_5445_4D50_54, subject, seed, eye == .left ? 1 : 2))
        var moment = SplitMix64(seed: SeedMixer.mix(0x4D4F_4D45_4E54, subject, seed, UInt64(bitPattern: Int64(frameIndex))))
        let q = presentation.quality(atFrame: frameIndex)
        let t = Float(max(frameIndex, 0))
        let condition = presentation.condition
        self.subject = subject
        self.eye = eye

        // Anatomy: fixed per subject and eye.
        irisRadius = anatomy.uniform(100, 120)
        let restingPupil = anatomy.uniform(38, 47)
        let hippusPhase = anatomy.uniform(0, 2 * .pi)
        let pupilOffsetX = anatomy.uniform(-4, 4)
        let pupilOffsetY = anatomy.uniform(0, 4)
        halfWidth = irisRadius * anatomy.uniform(2.3, 2.6)
        let upperRatio = anatomy.uniform(0.8, 1.05)
        let lowerRatio = anatomy.uniform(0.9, 1.1)
        // The subject's right eye has its inner (nasal) corner towards the image's right.
        nasalSide = eye == .right ? 1 : -1
        upperSkew = nasalSide * anatomy.uniform(0.05, 0.15) * halfWidth
        skin = anatomy.uniform(150, 195)
        sclera = anatomy.uniform(175, 200)
        pupil = anatomy.uniform(8, 18)
        lashCount = 70 + anatomy.below(60)

        // Pose: where the eye sits in the frame and where it looks.
        var centreX = Float(width) / 2 + attempt.uniform(-20, 20)
        var centreY = Float(height) / 2 + attempt.uniform(-15, 15)
        let lookAway = (1 - q) * 35
        let lookAngle = attempt.uniform(0, 2 * .pi)
        var gazeX = lookAway * cosf(lookAngle)
        var gazeY = 0.4 * lookAway * sinf(lookAngle)
        var openness = 0.45 + 0.55 * q
        switch condition {
        case .moving:
            centreX += 25 * sinf(0.8 * t + hippusPhase)
            centreY += 10 * sinf(0.55 * t)
        case .partial:
            // Too close to one edge of the field of view.
            let side: Float = attempt.chance(0.5) ? -1 : 1
            centreX += side * attempt.uniform(0.32, 0.4) * Float(width)
        case .dry:
            // Squinting against the illuminator.
            openness *= 0.75
        default:
            break
        }
        gazeX += moment.uniform(-1, 1)
        gazeY += moment.uniform(-1, 1)
        eyeX = centreX
        eyeY = centreY
        irisX = centreX + gazeX
        irisY = centreY + gazeY
        upperHeight = irisRadius * upperRatio * openness
        lowerHeight = irisRadius * lowerRatio * (0.85 + 0.15 * openness)

        // The pupil constricts after the illuminator comes on, then oscillates (hippus).
        let light = 1 + 0.25 * expf(-t / 4)
        let hippus = 1 + 0.13 * sinf(0.5 * t + hippusPhase) + 0.05 * sinf(1.3 * t + 2 * hippusPhase)
        pupilRadius = min(60, max(30, restingPupil * light * hippus))
        pupilX = irisX + pupilOffsetX
        pupilY = irisY + pupilOffsetY

        // Reflections of the two illuminators, inside or at the rim of the pupil.
        var spots: [(Float, Float, Float)] = [
            (pupilX - 0.35 * pupilRadius, pupilY - 0.25 * pupilRadius, 5.5),
            (pupilX + 0.3 * pupilRadius, pupilY - 0.25 * pupilRadius, 5),
        ]
        if condition == .wet {
            // A thick tear film adds glints scattered over the cornea.
            for _ in 0..<4 {
                spots.append((irisX + attempt.uniform(-0.7, 0.7) * irisRadius, irisY + attempt.uniform(-0.5, 0.6) * irisRadius, attempt.uniform(2, 4)))
            }
        }
        highlights = spots
        lashSeed = SeedMixer.mix(0x4C41_5348, subject, eye == .left ? 1 : 2)

        focusBlur = Int(((1 - q) * 4).rounded()) + (condition == .smudged ? 2 : 0)
        motionBlur = condition == .moving ? Int(4 + 8 * (1 - q)) : 0
        haze = condition == .smudged ? 0.35 : 0
        noise = 2 + 4 * (1 - q)
    }

    /// Row of the upper lid margin in column `x` (above the opening's top, the lid is closed skin).
    @inline(__always)
    func upperLid(_ x: Float) -> Float {
        let u = (x - eyeX - upperSkew) / halfWidth
        return eyeY - upperHeight * max(0, 1 - u * u)
    }

    /// Row of the lower lid margin in column `x`.
    @inline(__always)
    func lowerLid(_ x: Float) -> Float {
        let u = (x - eyeX) / halfWidth
        return eyeY + lowerHeight * max(0, 1 - u * u)
    }
}
