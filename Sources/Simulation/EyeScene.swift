import Foundation

/// The layout of one iris frame: the subject's fixed eye anatomy placed and posed for one frame.
struct EyeScene {
    let width: Int
    let height: Int
    let texture: IrisTexture
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
        texture = IrisTexture(subject: subject, eye: eye)

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

    /// Two scales of skin grain around the eye.
    struct SkinTexture {
        let coarse: ValueNoise
        let fine: ValueNoise
    }

    /// The scene before blur and noise, one float per pixel.
    func render() -> [Float] {
        var image = [Float](repeating: 0, count: width * height)
        var rng = SplitMix64(seed: lashSeed)
        let skinTexture = SkinTexture(
            coarse: ValueNoise(width: Float(width), height: Float(height), cell: 20, rng: &rng),
            fine: ValueNoise(width: Float(width), height: Float(height), cell: 6, rng: &rng))
        image.withUnsafeMutableBufferPointer { px in
            for y in 0..<height {
                let fy = Float(y)
                for x in 0..<width {
                    let fx = Float(x)
                    let top = upperLid(fx)
                    let bottom = lowerLid(fx)
                    // Beyond the corners the lids meet: no opening at all, not even a one-pixel slit.
                    let inside = bottom - top > 0.5 ? min(fy - top, bottom - fy) : -.infinity
                    var v: Float
                    if inside > -1.5 {
                        v = globe(fx, fy)
                        // The upper lid and its lashes shade the top of the globe.
                        v *= 1 - 0.3 * decay(max(0, fy - top) / 14)
                        if inside < 1.5 {
                            // One-and-a-half pixel anti-aliased margin, dark where the lid's rim meets the eye.
                            let s = (inside + 1.5) / 3
                            v = v * s + skinAt(fx, fy, top: top, bottom: bottom, texture: skinTexture) * (1 - s)
                        }
                    } else {
                        v = skinAt(fx, fy, top: top, bottom: bottom, texture: skinTexture)
                    }
                    px[y * width + x] = v
                }
            }
            drawLashes(into: px, rng: &rng)
            for spot in highlights { disc(into: px, x: spot.x, y: spot.y, radius: spot.r, level: 252) }
        }
        if haze > 0 {
            // A smeared cover glass: stray light lifts the blacks and flattens contrast.
            for i in image.indices { image[i] = image[i] * (1 - haze) + 150 * haze }
        }
        return image
    }

    /// The visible eyeball at `(x, y)`: pupil, iris stroma or sclera.
    @inline(__always)
    private func globe(_ x: Float, _ y: Float) -> Float {
        let ix = x - irisX
        let iy = y - irisY
        let r = (ix * ix + iy * iy).squareRoot()
        // Sclera: brightest in the middle, shadowed towards the corners of the eye.
        let corner = (x - eyeX) / halfWidth
        let scleraLevel = sclera * (1 - 0.35 * corner * corner)
        if r > irisRadius + 2 { return scleraLevel }
        let px = x - pupilX
        let py = y - pupilY
        let rp = (px * px + py * py).squareRoot()
        if rp < pupilRadius - 1 { return pupil + 6 * rp / pupilRadius }
        // Rubber-sheet coordinates from the pupil centre, allowing for the two circles not being concentric.
        let ux = rp > 0 ? px / rp : 1
        let uy = rp > 0 ? py / rp : 0
        let outer = irisRadius - ((pupilX - irisX) * ux + (pupilY - irisY) * uy)
        let rho = (rp - pupilRadius) / max(1, outer - pupilRadius)
        var v = texture.level(rho: rho, phi: atan2f(py, px))
        if rp < pupilRadius + 1 {
            let s = (rp - pupilRadius + 1) / 2
            v = pupil * (1 - s) + v * s
        }
        if r > irisRadius - 2 {
            // The limbus is a soft boundary a few pixels wide.
            let s = (r - irisRadius + 2) / 4
            v = v * (1 - s) + scleraLevel * s
        }
        return v
    }

    /// Eyelid and surrounding skin: shaded texture, a dark lash line along each margin, the shadowed lid
    /// crease and the darker inner corner. Every lid feature fades out towards the eye's corners.
    @inline(__always)
    private func skinAt(_ x: Float, _ y: Float, top: Float, bottom: Float, texture: SkinTexture) -> Float {
        var v = skin * (1 + 0.035 * texture.coarse(x, y) + 0.02 * texture.fine(x, y))
        let u = (x - eyeX) / (halfWidth * 1.08)
        let along = max(0, 1 - u * u)
        guard along > 0 else { return v * (1 - 0.12 * max(0, (eyeY - y) / Float(height))) }
        let aboveUpper = top - y
        let belowLower = y - bottom
        if aboveUpper > -2 {
            // Lash line at the margin; the convex lid catches light; the crease above it is in shadow.
            if aboveUpper < 30 { v *= 1 - 0.5 * along * decay(max(0, aboveUpper) / 4) }
            let creaseRow = 0.5 * upperHeight + 16
            let crease = (aboveUpper - creaseRow * along.squareRoot()) / 7
            if abs(crease) < 3 { v *= 1 - 0.16 * along * decay(crease * crease) }
            v *= 1 + 0.05 * along * max(0, min(1, aboveUpper / creaseRow))
        }
        if belowLower > -2 && belowLower < 30 {
            v *= 1 - 0.28 * along * decay(max(0, belowLower) / 5)
        }
        // The orbit darkens towards the brow.
        v *= 1 - 0.12 * max(0, (eyeY - y) / Float(height))
        // Inner corner (caruncle): a darker, moist fold.
        let cx = (x - (eyeX + nasalSide * halfWidth * 0.97)) / 18
        let cy = (y - eyeY) / 12
        if abs(cx) < 3 && abs(cy) < 3 { v *= 1 - 0.35 * decay(cx * cx + cy * cy) }
        return v
    }

    /// Upper lashes sweep down over the top of the eye and curl back up at the tip, fanning outwards
    /// towards the corners; lower lashes are short, sparse and point down.
    private func drawLashes(into px: UnsafeMutableBufferPointer<Float>, rng: inout SplitMix64) {
        for i in 0..<(lashCount + lashCount / 3) {
            let upper = i < lashCount
            let u = rng.uniform(-0.9, 0.9)
            let rootX = eyeX + u * halfWidth
            let rootY = upper ? upperLid(rootX) : lowerLid(rootX)
            let length = (upper ? rng.uniform(30, 55) : rng.uniform(10, 20)) * (1 - 0.45 * u * u)
            let tilt = u * 1.2 + rng.uniform(-0.15, 0.15)
            let curl = upper ? rng.uniform(0.5, 0.8) : 0.1
            let thickness = upper ? rng.uniform(0.9, 1.5) : rng.uniform(0.6, 0.9)
            let darkness = upper ? rng.uniform(0.65, 0.9) : rng.uniform(0.35, 0.55)
            let steps = Int(length * 1.5)
            for s in 0...steps {
                let f = Float(s) / Float(steps)
                // Down and out first, then the tip curls up (upper) or simply tapers (lower).
                let x = rootX + sinf(tilt) * length * f
                let y = rootY + cosf(tilt) * length * (0.75 * f - curl * f * f)
                darken(px, x: x, y: y, radius: thickness * (1 - 0.6 * f), amount: darkness)
            }
        }
    }

    /// Multiplies a small anti-aliased disc by `1 − amount`.
    private func darken(_ px: UnsafeMutableBufferPointer<Float>, x: Float, y: Float, radius: Float, amount: Float) {
        let r = Int(radius + 1.5)
        let cx = Int(x.rounded(.down)), cy = Int(y.rounded(.down))
        guard cx + r >= 0, cy + r >= 0, cx - r < width, cy - r < height else { return }
        for yy in max(0, cy - r)...min(height - 1, cy + r) {
            for xx in max(0, cx - r)...min(width - 1, cx + r) {
                let d = ((Float(xx) - x) * (Float(xx) - x) + (Float(yy) - y) * (Float(yy) - y)).squareRoot()
                let cover = min(1, max(0, radius + 0.5 - d))
                if cover > 0 { px[yy * width + xx] *= 1 - amount * cover }
            }
        }
    }

    /// Paints a bright, slightly soft disc (a saturated specular reflection).
    private func disc(into px: UnsafeMutableBufferPointer<Float>, x: Float, y: Float, radius: Float, level: Float) {
        let r = Int(radius + 2)
        let cx = Int(x.rounded(.down)), cy = Int(y.rounded(.down))
        guard cx + r >= 0, cy + r >= 0, cx - r < width, cy - r < height else { return }
        for yy in max(0, cy - r)...min(height - 1, cy + r) {
            for xx in max(0, cx - r)...min(width - 1, cx + r) {
                let d = ((Float(xx) - x) * (Float(xx) - x) + (Float(yy) - y) * (Float(yy) - y)).squareRoot()
                let cover = min(1, max(0, radius + 0.5 - d))
                let i = yy * width + xx
                px[i] = px[i] * (1 - cover) + level * cover
            }
        }
    }
}
