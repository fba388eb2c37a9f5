import Foundation

/// Painting the facial features that ICAO checks look for: eyebrows, open eyes with iris, pupil and
/// catch light, and the mouth.
extension FaceScene {
    func paintBrow(_ canvas: inout RGBCanvas, side: Float) {
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

    func paintEye(_ canvas: inout RGBCanvas, side: Float) {
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

    func paintMouth(_ canvas: inout RGBCanvas) {
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
}
