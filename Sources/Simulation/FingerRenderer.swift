import Imaging
import Foundation

/// Prints a master onto a platen image according to an `ImpressionPlan`.
///
/// Every output pixel is mapped back into master coordinates (rigid placement plus a gentle elastic
/// warp), tested against the contact ellipse, and darkened by the ridge value found there. Pressure,
/// dryness, wetness, smears and motion all act on that one lookup, so an impression costs a handful of
/// loads and multiplies per pixel and the expensive ridge growth is never repeated.
enum FingerRenderer {
    /// Darkens `image` (`width` columns, already holding the platen background) with the print of
    /// `master`. Returns the bounding box of the pixels it visibly darkened, or nil if none.
    static func render(_ master: FingerprintMaster, plan: ImpressionPlan, into image: inout [UInt8], width: Int, height: Int) -> PixelRect? {
        let mw = Float(master.width)
        let mh = Float(master.height)
        var skin = SplitMix64(seed: plan.skinSeed)
        var moment = SplitMix64(seed: plan.frameSeed)
        // Skin fields live in master coordinates, so a dry patch or a blotch moves with the finger. A
        // field that the condition does not use gets a single huge cell: nothing to draw, nothing to pay.
        let edge = ValueNoise(width: mw, height: mh, cell: 48, rng: &skin)
        let edgeRoughness: Float = 0.08
        let texture = ValueNoise(width: mw, height: mh, cell: 3, rng: &skin)
        let dry = ValueNoise(width: mw, height: mh, cell: plan.dryness > 0 ? 5.5 : mw, rng: &skin)
        let wet = ValueNoise(width: mw, height: mh, cell: plan.wetness > 0 ? 26 : mw, rng: &skin)
        let smear = ValueNoise(width: mw, height: mh, cell: plan.smudge > 0 ? 64 : mw, rng: &skin)
        let warpX = ValueNoise(width: mw, height: mh, cell: 110, rng: &moment)
        let warpY = ValueNoise(width: mw, height: mh, cell: 110, rng: &moment)
        let warp: Float = 2.5

        let (sinA, cosA) = (sinf(plan.angle), cosf(plan.angle))
        let inverseScale = 1 / plan.scale
        let inverseSemiX = 1 / plan.semiX
        let inverseSemiY = 1 / plan.semiY
        let masterCX = MasterGeometry.centreX
        let masterCY = MasterGeometry.centreY

        // Frame-space box of the contact ellipse (with room for the ragged edge and the blur sweep).
        let offX = plan.contactX - masterCX
        let offY = plan.contactY - masterCY
        let boxCX = plan.centreX + plan.scale * (cosA * offX - sinA * offY)
        let boxCY = plan.centreY + plan.scale * (sinA * offX + cosA * offY)
        let reach = 1.12 * plan.scale
        let halfW = reach * ((plan.semiX * cosA) * (plan.semiX * cosA) + (plan.semiY * sinA) * (plan.semiY * sinA)).squareRoot()
        let halfH = reach * ((plan.semiX * sinA) * (plan.semiX * sinA) + (plan.semiY * cosA) * (plan.semiY * cosA)).squareRoot()
        let x0 = max(0, Int(boxCX - halfW)), x1 = min(width, Int(boxCX + halfW) + 1)
        let y0 = max(0, Int(boxCY - halfH)), y1 = min(height, Int(boxCY + halfH) + 1)
        guard x0 < x1, y0 < y1 else { return nil }

        let blurTaps = (plan.motionX * plan.motionX + plan.motionY * plan.motionY) > 0.25 ? 5 : 1
        var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
        // The elastic warp is so smooth that sampling it every `warpStep` columns and interpolating in
        // between is indistinguishable from sampling it everywhere, and saves two noise lookups a pixel.
        let warpStep = 16
        var warpRowX = [Float](repeating: 0, count: x1 - x0 + warpStep + 1)
        var warpRowY = warpRowX

        master.ridges.withUnsafeBufferPointer { ridges in
            master.wetRidges.withUnsafeBufferPointer { wetRidges in
                image.withUnsafeMutableBufferPointer { out in
                    for y in y0..<y1 {
                        let v = Float(y) - plan.centreY
                        for k in stride(from: 0, through: x1 - x0 + warpStep - 1, by: warpStep) {
                            let u = Float(x0 + k) - plan.centreX
                            let mx = (cosA * u + sinA * v) * inverseScale + masterCX
                            let my = (-sinA * u + cosA * v) * inverseScale + masterCY
                            warpRowX[k] = warp * warpX(mx, my)
                            warpRowY[k] = warp * warpY(mx, my)
                        }
                        for x in x0..<x1 {
                            let u = Float(x) - plan.centreX
                            var mx = (cosA * u + sinA * v) * inverseScale + masterCX
                            var my = (-sinA * u + cosA * v) * inverseScale + masterCY
                            let ex = (mx - plan.contactX) * inverseSemiX
                            let ey = (my - plan.contactY) * inverseSemiY
                            var e = ex * ex + ey * ey
                            // The ragged rim only matters where it can change the pressure.
                            if e > 1 + edgeRoughness { continue }
                            if e > 1 - edgeRoughness - plan.edgeSoftness { e += edgeRoughness * edge(mx, my) }
                            if e >= 1 { continue }
                            // Pressure is full inside and fades to nothing over the rim of the contact.
                            var pressure = min(1, (1 - e) / plan.edgeSoftness)
                            pressure = pressure * pressure * (3 - 2 * pressure)

                            let k = x - x0
                            let k0 = k - k % warpStep
                            let t = Float(k - k0) * (1 / Float(warpStep))
                            mx += warpRowX[k0] + (warpRowX[k0 + warpStep] - warpRowX[k0]) * t
                            my += warpRowY[k0] + (warpRowY[k0 + warpStep] - warpRowY[k0]) * t
                            var ridge: Float
                            if blurTaps == 1 {
                                ridge = sample(ridges, mx, my)
                            } else {
                                ridge = 0
                                for tap in 0..<blurTaps {
                                    let t = Float(tap) / Float(blurTaps - 1) * 2 - 1
                                    ridge += sample(ridges, mx + t * plan.motionX, my + t * plan.motionY)
                                }
                                ridge /= Float(blurTaps)
                            }
                            // Less pressure at the rim also means thinner, fainter ridges there.
                            var threshold = plan.threshold + 0.35 * (1 - pressure)
                            if plan.wetness > 0 {
                                // Moisture spreads across valleys in blotches: blend towards the blurred
                                // ridges and lower the cut, so neighbouring ridges fuse.
                                let blotch = max(0, 0.5 + 0.8 * wet(mx, my)) * plan.wetness
                                ridge += (sample(wetRidges, mx, my) - ridge) * min(1, blotch)
                                threshold -= 0.9 * blotch
                            }
                            if plan.dryness > 0 {
                                // Dry skin touches only in places: ridges break into segments and dots.
                                threshold += plan.dryness * (0.3 + 1.3 * dry(mx, my))
                            }
                            var ink = min(1, max(0, (ridge - threshold) * 1.8 + 0.5))
                            ink = ink * ink * (3 - 2 * ink)
                            // Ridge texture (pores, uneven sweat) and a faint grey in the valleys.
                            var darkness = pressure * plan.contrast * (ink * (0.82 + 0.18 * texture(mx, my)) + 0.07)
                            if plan.smudge > 0 {
                                let patch = min(1, max(0, 1.6 * smear(mx, my) + 0.1)) * plan.smudge
                                let haze = pressure * (0.32 + 0.2 * sample(wetRidges, mx + 6, my - 4))
                                darkness += (haze - darkness) * patch
                            }
                            if darkness <= 0.01 { continue }
                            let i = y * width + x
                            out[i] = UInt8(max(0, Float(out[i]) * (1 - min(1, darkness))))
                            if darkness > 0.08 {
                                minX = min(minX, x)
                                maxX = max(maxX, x)
                                minY = min(minY, y)
                                maxY = max(maxY, y)
                            }
                        }
                    }
                }
            }
        }
        guard maxX >= 0 else { return nil }
        return PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    /// Bilinear lookup in a master-sized field; outside the master reads as "no ridge".
    @inline(__always)
    private static func sample(_ field: UnsafeBufferPointer<Float>, _ x: Float, _ y: Float) -> Float {
        let w = MasterGeometry.width
        let h = MasterGeometry.height
        guard x >= 0, y >= 0, x < Float(w - 1), y < Float(h - 1) else { return -1 }
        let ix = Int(x)
        let iy = Int(y)
        let fx = x - Float(ix)
        let fy = y - Float(iy)
        let i = iy * w + ix
        let top = field[i] + (field[i + 1] - field[i]) * fx
        let bottom = field[i + w] + (field[i + w + 1] - field[i + w]) * fx
        return top + (bottom - top) * fy
    }
}
