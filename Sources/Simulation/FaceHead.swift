import Foundation

/// Painting the head and body of a face scene, back to front: shoulders, hair behind the head, neck,
/// ears and the shaded face oval with the hair over the forehead.
extension FaceScene {
    func paintTorso(_ canvas: inout RGBCanvas) {
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

    func paintBackHair(_ canvas: inout RGBCanvas, strands: ValueNoise) {
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

    func paintNeck(_ canvas: inout RGBCanvas) {
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

    func paintEars(_ canvas: inout RGBCanvas) {
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
    func paintFace(_ canvas: inout RGBCanvas, strands: ValueNoise, grain: ValueNoise) {
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
            for k in 0..<2 {
                let side: Float = k == 0 ? -1 : 1
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
            for k in 0..<2 {
                let side: Float = k == 0 ? -1 : 1
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
}
