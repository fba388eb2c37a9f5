import Foundation

/// One face frame: a persona posed in front of the camera, and the painting of it, back to front.
///
/// Everything on the head is defined in head-local coordinates `(u, v)` centred on the face oval (u to
/// the image's right, v down) and rotated by the head's roll, so features stay attached to the face
/// whatever the pose.
struct FaceScene {
    let persona: FacePersona
    let width: Int
    let height: Int
    let centreX: Float
    let centreY: Float
    let roll: Float
    /// Horizontal shift of the features within the oval: a turned head, in units of the half width.
    let yaw: Float
    let eyeOpen: Float
    let gazeX: Float
    let exposure: Float
    let glare: Float
    let haze: Float
    let focusBlur: Int
    let motionBlur: Int
    let noise: Float
    let textureSeed: UInt64

    // Scaled persona dimensions.
    let a: Float
    let b: Float
    private let cosR: Float
    private let sinR: Float

    init?(subject: UInt64, presentation: Presentation, frameIndex: Int, seed: UInt64, width: Int, height: Int) {
        guard presentation.condition != .none else { return nil }
        persona = FacePersona(subject: subject)
        self.width = width
        self.height = height
        let scale = Float(width) / 480
        a = persona.halfWidth * scale
        b = persona.halfHeight * scale
        var attempt = SplitMix64(seed: SeedMixer.mix(0x504F_5345, subject, seed))
        var moment = SplitMix64(seed: SeedMixer.mix(0x4D4F_4D45_4E54, subject, seed, UInt64(bitPattern: Int64(frameIndex))))
        let q = presentation.quality(atFrame: frameIndex)
        let t = Float(max(0, frameIndex))
        let (w, h) = (Float(width), Float(height))

        var cx = w / 2 + attempt.uniform(-8, 8) * scale
        // Eye line at about 58 % of the height from the bottom, as ICAO portraits want it.
        var cy = 0.42 * h - persona.eyeRow * b + attempt.uniform(-8, 8) * scale
        let side: Float = attempt.chance(0.5) ? -1 : 1
        var roll = side * (1 - q) * 10 * .pi / 180 + moment.uniform(-0.4, 0.4) * .pi / 180
        var yaw = -side * (1 - q) * 0.5
        var eyeOpen: Float = 1
        var exposure: Float = 1
        var glare: Float = 0
        var haze: Float = 0
        var focus = Int(((1 - q) * 3).rounded())
        var motion = 0
        switch presentation.condition {
        case .good, .none:
            break
        case .dry:
            // Poor light: the portrait comes out dark and flat.
            exposure = 0.5 + 0.15 * q
        case .wet:
            // Oily, sweaty skin under flash: specular hot spots.
            glare = 0.7 + 0.3 * (1 - q)
        case .smudged:
            // A smeared lens: soft and veiled.
            focus += 3
            haze = 0.25
        case .moving:
            cx += 30 * scale * sinf(0.9 * t + side)
            cy += 10 * scale * sinf(0.6 * t)
            roll += 4 * .pi / 180 * sinf(0.7 * t)
            yaw += 0.25 * sinf(0.5 * t)
            motion = Int(4 + 8 * (1 - q))
        case .partial:
            // Standing off to one side or too tall for the frame.
            if attempt.chance(0.5) {
                cx += side * attempt.uniform(0.34, 0.42) * w
            } else {
                cy -= attempt.uniform(0.28, 0.36) * h
            }
        }
        // A blink now and then while the subject is still settling.
        if q < 0.6 && moment.chance(0.25) { eyeOpen = 0.15 }
        centreX = cx
        centreY = cy
        self.roll = roll
        self.yaw = yaw
        self.eyeOpen = eyeOpen
        gazeX = moment.uniform(-0.1, 0.1)
        self.exposure = exposure
        self.glare = glare
        self.haze = haze
        focusBlur = focus
        motionBlur = motion
        noise = 1.5 + 2.5 * (1 - q)
        textureSeed = SeedMixer.mix(0x5445_5854, subject)
        cosR = cosf(roll)
        sinR = sinf(roll)
    }

    var geometry: FaceGeometry {
        let (lx, ly) = image(u: eyeU(1), v: eyeV)
        let (rx, ry) = image(u: eyeU(-1), v: eyeV)
        return FaceGeometry(centreX: centreX, centreY: centreY, halfWidth: a, halfHeight: b,
                            leftEyeX: lx, leftEyeY: ly, rightEyeX: rx, rightEyeY: ry, roll: roll)
    }

    // MARK: coordinates

    /// Head-local coordinates of an image point.
    @inline(__always)
    func local(_ x: Float, _ y: Float) -> (u: Float, v: Float) {
        let dx = x - centreX
        let dy = y - centreY
        return (cosR * dx + sinR * dy, -sinR * dx + cosR * dy)
    }

    /// Image coordinates of a head-local point.
    func image(u: Float, v: Float) -> (x: Float, y: Float) {
        (centreX + cosR * u - sinR * v, centreY + sinR * u + cosR * v)
    }

    /// The image-space box around a head-local box.
    func imageBox(_ u0: Float, _ v0: Float, _ u1: Float, _ v1: Float) -> (Float, Float, Float, Float) {
        let corners = [image(u: u0, v: v0), image(u: u1, v: v0), image(u: u0, v: v1), image(u: u1, v: v1)]
        return (corners.map(\.x).min()! - 1, corners.map(\.y).min()! - 1, corners.map(\.x).max()! + 1, corners.map(\.y).max()! + 1)
    }

    /// Row of the eyes, head-local.
    var eyeV: Float { persona.eyeRow * b }
    /// Column of an eye (`side` +1: the subject's left, on the image's right), head-local.
    func eyeU(_ side: Float) -> Float { side * persona.eyeSpacing * a + yaw * 0.16 * a }

    // MARK: painting

    func render() -> RGBCanvas {
        var canvas = RGBCanvas(width: width, height: height, fill: persona.background)
        var rng = SplitMix64(seed: textureSeed)
        let strands = ValueNoise(width: 4 * a, height: 4 * b, cell: 3, rng: &rng)
        let grain = ValueNoise(width: Float(width), height: Float(height), cell: 5, rng: &rng)
        paintBackHair(&canvas, strands: strands)
        paintNeck(&canvas)
        paintTorso(&canvas)
        paintEars(&canvas)
        paintFace(&canvas, strands: strands, grain: grain)
        for side: Float in [-1, 1] {
            paintBrow(&canvas, side: side)
            paintEye(&canvas, side: side)
        }
        paintMouth(&canvas)
        finish(&canvas)
        return canvas
    }

    private func finish(_ canvas: inout RGBCanvas) {
        if motionBlur > 0 || focusBlur > 0 {
            Blur.box(&canvas.pixels, width: width, height: height, channels: 3, rx: max(motionBlur, focusBlur), ry: focusBlur)
        }
        if exposure != 1 || haze > 0 {
            for i in canvas.pixels.indices {
                canvas.pixels[i] = canvas.pixels[i] * exposure * (1 - haze) + 200 * haze
            }
        }
    }

    func hairColour(u: Float, v: Float, strands: ValueNoise) -> Colour {
        // Strands run roughly downwards: stretch the noise along v.
        let s = strands(u + 2 * a, v * 0.12 + 2 * b)
        return persona.hair * (0.85 + 0.3 * s)
    }

    func normalised(_ x: Float, _ y: Float, _ z: Float) -> (x: Float, y: Float, z: Float) {
        let n = (x * x + y * y + z * z).squareRoot()
        return (x / n, y / n, z / n)
    }
}
