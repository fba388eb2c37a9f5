import Foundation

/// The iris annulus of a segmented eye and what in it is usable (ISO/IEC 29794-6 "usable iris area").
///
/// The reference for "iris-like" grey levels is taken from the lateral sectors (±30° about the
/// horizontal, 20–80 % of the way from pupil to limbus), which eyelids and lashes rarely reach: their
/// median `m` and robust spread `σ` (1.4826 · MAD). Then:
/// - eyelids: each column of the annulus is scanned from the pupil outwards, up and down; the first run
///   of three pixels brighter than `m + max(35, 3σ)` is lid skin (or sclera) and it and everything beyond
///   it, plus a 2 px margin for the lash line, is occluded;
/// - lashes and shadows: pixels darker than `pupil + 0.4 (m − pupil)`;
/// - specular reflections: pixels ≥ 200;
/// - anything outside the frame.
/// Usable area is the remaining share of the annulus between the pupil and limbus circles.
struct IrisRegion: Sendable {
    var irisMedian = 0.0
    var irisSpread = 0.0
    var scleraMedian = 0.0
    var annulusPixels = 0
    var usablePixels = 0
    /// Mean squared Laplacian over usable pixels on the 2 × 2-averaged image.
    var laplacianPower = 0.0

    var usableFraction: Double { annulusPixels > 0 ? Double(usablePixels) / Double(annulusPixels) : 0 }

    init(_ plane: GrayPlane, pupil: PupilLocator.Pupil, limbus: LimbusLocator.Limbus) {
        let (w, h) = (plane.width, plane.height)
        let rp = pupil.radius, rl = limbus.radius
        var usable = [Bool](repeating: false, count: w * h)
        plane.pixels.withUnsafeBufferPointer { p in
            let sample = PlaneSampler(pixels: p, width: w, height: h)
            // Reference statistics from the lateral sectors.
            var iris: [Double] = []
            var sclera: [Double] = []
            for side in [0.0, Double.pi] {
                for k in 0..<31 {
                    let a = side + Double(k - 15) * (Double.pi / 6) / 15
                    let (dx, dy) = (cos(a), sin(a))
                    var t = 0.2
                    while t <= 0.8 {
                        // Rubber-sheet interpolation between the two (non-concentric) circles.
                        let x = (pupil.x + rp * dx) * (1 - t) + (limbus.x + rl * dx) * t
                        let y = (pupil.y + rp * dy) * (1 - t) + (limbus.y + rl * dy) * t
                        if let v = sample(x, y), v < PupilLocator.specular { iris.append(Double(v)) }
                        t += 0.05
                    }
                    var r = rl + 6
                    while r <= rl + 20 {
                        if let v = sample(limbus.x + r * dx, limbus.y + r * dy) { sclera.append(Double(v)) }
                        r += 2
                    }
                }
            }
            guard !iris.isEmpty else { return }
            iris.sort()
            irisMedian = iris[iris.count / 2]
            let deviations = iris.map { abs($0 - irisMedian) }.sorted()
            irisSpread = 1.4826 * deviations[deviations.count / 2]
            if !sclera.isEmpty {
                sclera.sort()
                scleraMedian = sclera[sclera.count / 2]
            }
            let bright = Float(irisMedian + max(35, 3 * irisSpread))
            let dark = Float(pupil.level + 0.4 * (irisMedian - pupil.level))

            let xFrom = Int((limbus.x - rl).rounded(.up)), xTo = Int((limbus.x + rl).rounded(.down))
            guard xFrom <= xTo else { return }
            for x in xFrom...xTo {
                let dxl = Double(x) - limbus.x
                let half = (rl * rl - dxl * dxl).squareRoot()
                let top = Int((limbus.y - half).rounded(.up)), bottom = Int((limbus.y + half).rounded(.down))
                let dxp = Double(x) - pupil.x
                let insidePupilColumn = abs(dxp) < rp
                let pupilHalf = insidePupilColumn ? (rp * rp - dxp * dxp).squareRoot() : 0
                // Scan up and down from the pupil (or the limbus centre row) towards the lids.
                let upStart = insidePupilColumn ? Int((pupil.y - pupilHalf).rounded(.down)) : Int(limbus.y.rounded())
                let downStart = insidePupilColumn ? Int((pupil.y + pupilHalf).rounded(.up)) : Int(limbus.y.rounded()) + 1
                var upperLid = Int.min, lowerLid = Int.max
                if x >= 0, x < w {
                    var run = 0
                    var y = upStart
                    while y >= top, y >= 0 {
                        if y < h, p[y * w + x] >= UInt8(min(255, bright)) { run += 1 } else { run = 0 }
                        if run == 3 { upperLid = y + 2 + 2; break }
                        y -= 1
                    }
                    run = 0
                    y = downStart
                    while y <= bottom, y < h {
                        if y >= 0, p[y * w + x] >= UInt8(min(255, bright)) { run += 1 } else { run = 0 }
                        if run == 3 { lowerLid = y - 2 - 2; break }
                        y += 1
                    }
                }
                guard top <= bottom else { continue }
                for y in top...bottom {
                    let dyp = Double(y) - pupil.y
                    if dxp * dxp + dyp * dyp <= rp * rp { continue }
                    annulusPixels += 1
                    guard x >= 0, x < w, y >= 0, y < h, y > upperLid, y < lowerLid else { continue }
                    let v = Float(p[y * w + x])
                    guard v < PupilLocator.specular, v < bright, v > dark else { continue }
                    usablePixels += 1
                    usable[y * w + x] = true
                }
            }
        }
        laplacianPower = Self.laplacianPower(plane, usable: usable)
    }

    /// Mean squared 4-neighbour Laplacian of the 2 × 2-averaged image over cells whose four pixels are
    /// all usable iris. Averaging first makes this a band-pass focus measure (like the ISO/IEC 29794-6
    /// sharpness kernel) that responds to iris texture rather than to pixel noise.
    static func laplacianPower(_ plane: GrayPlane, usable: [Bool]) -> Double {
        let (cw, ch, m) = plane.cellMeans(cell: 2)
        var sum = 0.0, n = 0
        for cy in 1..<(ch - 1) {
            for cx in 1..<(cw - 1) {
                let x = 2 * cx, y = 2 * cy
                guard x + 1 < plane.width, y + 1 < plane.height,
                      usable[y * plane.width + x], usable[y * plane.width + x + 1],
                      usable[(y + 1) * plane.width + x], usable[(y + 1) * plane.width + x + 1]
                else { continue }
                let i = cy * cw + cx
                let l = Double(4 * m[i] - m[i - 1] - m[i + 1] - m[i - cw] - m[i + cw])
                sum += l * l
                n += 1
            }
        }
        return n > 0 ? sum / Double(n) : 0
    }
}
