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

    private func paintTorso(_ canvas: inout RGBCanvas) {
        // Shoulders and clothing, untouched by head roll: a flat-topped super-ellipse gives the gentle
        // slope from the neck and the rounded shoulders; a V neckline shows the skin below the neck.
        let tx = centreX + yaw * 0.1 * a
        let shoulderY = centreY + 1.32 * b
        let sx = 2.1 * a
        let sy = 0.9 * b
        let ty = shoulderY + sy
        let skin = persona.skin * 0.7
        canvas.paint(minX: tx - sx, minY: shoulderY - 1, maxX: tx + sx, maxY: Float(height)) { x, y in
            let nx = (x - tx) / sx
            let n2 = nx * nx
            let top = ty - sy * max(0, 1 - n2 * n2).squareRoot()
            let c = coverage(top - y) * coverage((abs(nx) - 1) * sx)
            guard c > 0 else { return nil }
            let neckline = 0.42 * a * (1 - (y - shoulderY) / (0.45 * b))
            if abs(x - tx) < neckline - 0.5 { return RGBCanvas.Paint(skin, alpha: c) }
            let shade = 0.7 + 0.3 * (1 - n2) - 0.1 * min(1, max(0, (y - shoulderY) / sy))
            return RGBCanvas.Paint(persona.clothing * shade, alpha: c)
        }
    }

    private func paintBackHair(_ canvas: inout RGBCanvas, strands: ValueNoise) {
        let style = persona.hairStyle
        guard style != .bald else { return }
        let (ru, rv): (Float, Float) = style == .short ? (1.08 * a, 1.08 * b) : (1.2 * a, 1.13 * b)
        let centreV: Float = style == .short ? -0.07 * b : -0.1 * b
        // Long hair falls to the shoulders, a bob to the jaw.
        let fall: Float = style == .long ? 1.55 * b : (style == .bob ? 0.8 * b : 0)
        let box = imageBox(-ru, centreV - rv, ru, max(centreV + rv, fall))
        canvas.paint(minX: box.0, minY: box.1, maxX: box.2, maxY: box.3) { x, y in
            let (u, v) = local(x, y)
            let nu = u / ru
            let nv = (v - centreV) / rv
            var d = ((nu * nu + nv * nv).squareRoot() - 1) * ru
            if fall > 0 && v > centreV {
                // Straight sides below the widest point, rounded ends.
                let side = abs(u) - ru * (1 - 0.08 * (v - centreV) / fall)
                let bottom = v - fall
                d = min(d, max(side, bottom))
            }
            if style == .short {
                // Short hair ends above the ears; below that the oval would read as a beard.
                d = max(d, v - (eyeV + 0.05 * b))
            }
            let c = coverage(d)
            guard c > 0 else { return nil }
            return RGBCanvas.Paint(hairColour(u: u, v: v, strands: strands) * 0.8, alpha: c)
        }
    }

    private func paintNeck(_ canvas: inout RGBCanvas) {
        let box = imageBox(-0.6 * a, 0.3 * b, 0.6 * a, 1.9 * b)
        canvas.paint(minX: box.0, minY: box.1, maxX: box.2, maxY: box.3) { x, y in
            let (u, v) = local(x, y)
            let halfWidth = 0.42 * a + 0.1 * a * max(0, (v - 1.1 * b) / (0.3 * b))
            let c = coverage(abs(u) - halfWidth)
            guard c > 0, v > 0.3 * b, v < 1.9 * b else { return nil }
            // The jaw shades the top of the neck.
            let shade = 0.62 + 0.18 * min(1, max(0, (v - b) / (0.45 * b))) - 0.1 * (u / halfWidth) * (u / halfWidth)
            return RGBCanvas.Paint(persona.skin * shade, alpha: c)
        }
    }

    private func paintEars(_ canvas: inout RGBCanvas) {
        for side: Float in [-1, 1] {
            let eu = side * 0.97 * a
            let ev = eyeV + 0.15 * b
            let (ru, rv) = (0.16 * a, 0.27 * b)
            let box = imageBox(eu - ru, ev - rv, eu + ru, ev + rv)
            canvas.paint(minX: box.0, minY: box.1, maxX: box.2, maxY: box.3) { x, y in
                let (u, v) = local(x, y)
                let nu = (u - eu) / ru
                let nv = (v - ev) / rv
                let f = (nu * nu + nv * nv).squareRoot()
                let c = coverage((f - 1) * ru)
                guard c > 0 else { return nil }
                // The bowl of the ear is in shadow, its rim lit.
                let shade: Float = f < 0.6 ? 0.7 : 0.88
                return RGBCanvas.Paint(persona.skin * shade, alpha: c)
            }
        }
    }

    /// The face oval: shaded skin with the soft relief of sockets, nose, cheeks and chin, and the front
    /// hair over the forehead.
    private func paintFace(_ canvas: inout RGBCanvas, strands: ValueNoise, grain: ValueNoise) {
        let box = imageBox(-a, -b, a, b)
        let light = normalised(-0.32, -0.38, 0.87)
        let noseTip = eyeV + persona.noseLength * b
        let noseU = yaw * 0.2 * a
        let hairTop = eyeV - persona.hairline * b
        canvas.paint(minX: box.0, minY: box.1, maxX: box.2, maxY: box.3) { x, y in
            let (u, v) = local(x, y)
            let taper = 1 - persona.jaw * max(0, v / b) * max(0, v / b)
            let nu = u / (a * taper)
            let nv = v / b
            let f = nu * nu + nv * nv
            let c = coverage((f.squareRoot() - 1) * a * taper)
            guard c > 0 else { return nil }
            // Hairline: lowest at the temples, ragged along its edge.
            var hair: Float = 0
            if persona.hairStyle != .bald {
                let edge = hairTop + 0.32 * b * nu * nu + 0.03 * b * strands(u * 0.7 + 2 * a, 1.5 * b)
                hair = coverage(v - edge)
                if hair >= 1 { return RGBCanvas.Paint(hairColour(u: u, v: v, strands: strands) * (0.9 + 0.1 * (1 - nu * nu)), alpha: c) }
            }
            // Lambertian shading of an ellipsoid, lit from the upper left and front.
            let nz = max(0.08, 1 - f).squareRoot()
            var shade = 0.5 + 0.55 * max(0, nu * light.x + nv * light.y + nz * light.z)
            shade = min(1.05, shade)
            // Eye sockets are slightly recessed.
            for side: Float in [-1, 1] {
                let su = (u - eyeU(side)) / (0.27 * a)
                let sv = (v - eyeV + 0.01 * b) / (0.13 * b)
                let s2 = su * su + sv * sv
                if s2 < 4 { shade *= 1 - 0.1 * decay(s2) }
            }
            // Nose: a shadow along its unlit side, a highlight on the bridge and tip, dark nostrils.
            let du = u - noseU
            if v > eyeV && v < noseTip + 0.1 * b {
                let along = (v - eyeV) / (noseTip - eyeV)
                let side = (du - 0.09 * a * (0.6 + 0.6 * along)) / (0.035 * a)
                shade *= 1 - 0.16 * decay(side * side) * min(1, along * 2)
                let bridge = (du + 0.02 * a) / (0.03 * a)
                shade *= 1 + 0.06 * decay(bridge * bridge)
            }
            let tip = (du / (0.09 * a)) * (du / (0.09 * a)) + ((v - noseTip) / (0.05 * b)) * ((v - noseTip) / (0.05 * b))
            if tip < 4 { shade *= 1 + 0.07 * decay(tip) }
            let under = (v - noseTip - 0.085 * b) / (0.025 * b)
            if abs(du) < persona.noseWidth * a && abs(under) < 3 { shade *= 1 - 0.14 * decay(under * under) }
            var colour = persona.skin
            for side: Float in [-1, 1] {
                let nostrilU = (du - side * 0.45 * persona.noseWidth * a) / (0.05 * a)
                let nostrilV = (v - noseTip - 0.045 * b) / (0.022 * b)
                let n2 = nostrilU * nostrilU + nostrilV * nostrilV
                if n2 < 1.5 { colour = colour.mixed(with: persona.skin * 0.42, coverage((n2.squareRoot() - 1) * 0.05 * a)) }
                // A little colour in the cheeks.
                let cheekU = (u - side * 0.5 * a) / (0.2 * a)
                let cheekV = (v - noseTip + 0.02 * b) / (0.14 * b)
                let k2 = cheekU * cheekU + cheekV * cheekV
                if k2 < 4 { colour = colour.mixed(with: persona.lips, 0.12 * decay(k2)) }
            }
            // Chin: lit on top, shadow underneath it.
            if nv > 0.78 { shade *= 1 - 0.5 * (nv - 0.78) }
            shade *= 1 + 0.025 * grain(x, y)
            var paint = colour * shade
            if glare > 0 {
                // Specular hot spots where the skin faces the flash: forehead, nose tip, cheekbones.
                var spot = decay(((u + 0.1 * a) / (0.25 * a)) * ((u + 0.1 * a) / (0.25 * a)) + ((v - hairTop - 0.15 * b) / (0.08 * b)) * ((v - hairTop - 0.15 * b) / (0.08 * b)))
                spot += tip < 4 ? decay(tip * 2) : 0
                paint = paint.mixed(with: Colour(255, 252, 248), min(1, glare * spot))
            }
            if hair > 0 {
                paint = paint.mixed(with: hairColour(u: u, v: v, strands: strands) * (0.9 + 0.1 * (1 - nu * nu)), hair)
            }
            return RGBCanvas.Paint(paint, alpha: c)
        }
    }

    private func paintBrow(_ canvas: inout RGBCanvas, side: Float) {
        let centreU = eyeU(side) + side * 0.02 * a
        let centreV = eyeV - persona.browLift * b
        let halfLength = 0.25 * a
        let thickness = persona.browThickness * b
        let colour = persona.hair.mixed(with: persona.skin, 0.3) * 0.8
        let box = imageBox(centreU - halfLength, centreV - 0.1 * b, centreU + halfLength, centreV + 0.05 * b)
        canvas.paint(minX: box.0, minY: box.1, maxX: box.2, maxY: box.3) { x, y in
            let (u, v) = local(x, y)
            let t = (u - centreU) / halfLength * side
            guard abs(t) < 1 else { return nil }
            // Arched, thickest towards the nose, tapering to the outer end.
            let arch = centreV - 0.045 * b * (1 - (t - 0.15) * (t - 0.15))
            let half = thickness * (0.6 - 0.3 * t) 
            let c = coverage(abs(v - arch) - half) * min(1, (1 - abs(t)) * 6)
            guard c > 0 else { return nil }
            return RGBCanvas.Paint(colour, alpha: c * 0.9)
        }
    }

    private func paintEye(_ canvas: inout RGBCanvas, side: Float) {
        let eu = eyeU(side)
        let ev = eyeV
        let halfWidth = 0.155 * a * persona.eyeSize
        let open = 0.075 * a * persona.eyeSize * eyeOpen
        let irisR = 0.075 * a * persona.eyeSize
        let pupilR = 0.032 * a * persona.eyeSize
        let irisU = eu + gazeX * halfWidth
        let sclera = Colour(238, 232, 226)
        let box = imageBox(eu - halfWidth - 3, ev - open - 0.05 * a - 3, eu + halfWidth + 3, ev + open + 3)
        canvas.paint(minX: box.0, minY: box.1, maxX: box.2, maxY: box.3) { x, y in
            let (u, v) = local(x, y)
            let t = (u - eu) / halfWidth
            guard abs(t) < 1.05 else { return nil }
            let span = max(0, 1 - t * t)
            // Upper lid peaks a little towards the nose; the lower lid is flatter.
            let upper = ev - open * span * (1 - 0.12 * t * side)
            let lower = ev + 0.7 * open * span
            let lidLine = coverage(abs(v - upper + 0.6) - 1.3 - 0.8 * span)
            let inside = min(v - upper, lower - v)
            guard inside > -0.5 || lidLine > 0 else { return nil }
            var colour = sclera * (0.78 + 0.2 * span)
            let ir = ((u - irisU) * (u - irisU) + (v - ev) * (v - ev)).squareRoot()
            if ir < irisR + 0.5 {
                var iris = persona.iris * (0.75 + 0.35 * ir / irisR)
                if ir < pupilR + 0.5 { iris = iris.mixed(with: Colour(12, 10, 10), coverage(ir - pupilR)) }
                colour = colour.mixed(with: iris, coverage(ir - irisR))
                // Catch light from the flash.
                let cu = u - irisU + 0.3 * irisR
                let cv = v - ev + 0.35 * irisR
                colour = colour.mixed(with: Colour(250, 250, 250), coverage((cu * cu + cv * cv).squareRoot() - 0.2 * irisR))
            }
            // The upper lid shades the top of the eye.
            colour = colour * (1 - 0.25 * decay(max(0, v - upper) / 2.5))
            var alpha = coverage(-inside)
            if lidLine > 0 {
                colour = colour.mixed(with: persona.hair.mixed(with: Colour(20, 16, 14), 0.6), lidLine)
                alpha = max(alpha, lidLine)
            }
            return RGBCanvas.Paint(colour, alpha: alpha)
        }
    }

    private func paintMouth(_ canvas: inout RGBCanvas) {
        let mv = eyeV + persona.noseLength * b + 0.22 * b
        let mu = yaw * 0.18 * a
        let halfWidth = persona.mouthWidth * a
        let upperH = 0.04 * b * persona.lipFullness
        let lowerH = 0.055 * b * persona.lipFullness
        let box = imageBox(mu - halfWidth - 2, mv - upperH - 3, mu + halfWidth + 2, mv + lowerH + 3)
        canvas.paint(minX: box.0, minY: box.1, maxX: box.2, maxY: box.3) { x, y in
            let (u, v) = local(x, y)
            let t = (u - mu) / halfWidth
            guard abs(t) < 1 else { return nil }
            let span = 1 - t * t
            // A gentle Cupid's bow on the upper lip.
            let bow = 0.25 * upperH * decay((abs(t) - 0.22) * (abs(t) - 0.22) / 0.01)
            let top = mv - upperH * span.squareRoot() - bow
            let bottom = mv + lowerH * span.squareRoot()
            let seam = coverage(abs(v - mv) - 0.8)
            let inside = min(v - top, bottom - v)
            let c = coverage(-inside)
            guard c > 0 || seam > 0 else { return nil }
            var colour = v < mv ? persona.lips * 0.86 : persona.lips * (1 + 0.08 * span * decay(((v - mv - 0.5 * lowerH) / (0.3 * lowerH)) * ((v - mv - 0.5 * lowerH) / (0.3 * lowerH))))
            colour = colour.mixed(with: persona.lips * 0.4, seam * span)
            return RGBCanvas.Paint(colour, alpha: max(c, seam * span) * min(1, span * 8))
        }
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

    private func hairColour(u: Float, v: Float, strands: ValueNoise) -> Colour {
        // Strands run roughly downwards: stretch the noise along v.
        let s = strands(u + 2 * a, v * 0.12 + 2 * b)
        return persona.hair * (0.85 + 0.3 * s)
    }

    private func normalised(_ x: Float, _ y: Float, _ z: Float) -> (x: Float, y: Float, z: Float) {
        let n = (x * x + y * y + z * z).squareRoot()
        return (x / n, y / n, z / n)
    }
}
