import Foundation

/// Painting an eye scene: the globe (pupil, iris stroma, sclera), the lids and surrounding skin, the
/// lashes and the illuminators' reflections.
extension EyeScene {
    /// Two scales of skin grain around the eye.
    struct SkinTexture {
        let coarse: ValueNoise
        let fine: ValueNoise
    }

    /// The scene before blur and noise, one float per pixel.
    func render() -> [Float] {
        var image = [Float](repeating: 0, count: width * height)
        // Built here rather than with the scene, so asking only for the geometry stays cheap.
        let texture = IrisTexture(subject: subject, eye: eye)
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
                        v = globe(fx, fy, texture: texture)
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
    private func globe(_ x: Float, _ y: Float, texture: IrisTexture) -> Float {
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
