import Foundation

/// Finds the outer iris boundary (limbus) around a located pupil with Daugman's integro-differential
/// idea restricted to the two lateral arcs (±35° about the horizontal), the parts of the limbus that
/// eyelids rarely cover: for candidate centres near the pupil centre and candidate radii, the mean grey
/// level on the arcs is taken, and the limbus is where it rises most steeply (darker iris → brighter
/// sclera).
enum LimbusLocator {
    struct Limbus: Sendable {
        var x: Double
        var y: Double
        var radius: Double
        /// Grey-level rise across the boundary (mean over the arcs).
        var step: Double
    }

    static let arcHalfWidth = 35.0 * Double.pi / 180
    static let samplesPerArc = 24

    /// The limbus for a pupil of `pupilRadius` at `(px, py)`: radii from 1.4 to 5 pupil radii (ISO/IEC
    /// 29794-6 pupil/iris ratios of 0.2–0.7, with room), centres within ±8 px of the pupil's.
    static func locate(_ plane: GrayPlane, px: Double, py: Double, pupilRadius: Double) -> Limbus? {
        let rMin = max(pupilRadius * 1.4, pupilRadius + 12)
        let rMax = min(pupilRadius * 5, Double(max(plane.width, plane.height)) / 2)
        guard rMax > rMin + 8 else { return nil }
        // Unit vectors of the arc samples, computed once.
        var directions: [(Double, Double)] = []
        for side in [0.0, Double.pi] {
            for k in 0..<samplesPerArc {
                let a = side - arcHalfWidth + 2 * arcHalfWidth * Double(k) / Double(samplesPerArc - 1)
                directions.append((cos(a), sin(a)))
            }
        }
        let radii = Array(stride(from: rMin - 3, through: rMax + 3, by: 1.0))
        return plane.pixels.withUnsafeBufferPointer { p -> Limbus? in
            let sample = PlaneSampler(pixels: p, width: plane.width, height: plane.height)
            func profile(_ cx: Double, _ cy: Double) -> [Double] {
                radii.map { r in
                    var sum = 0.0, n = 0
                    for (dx, dy) in directions {
                        if let v = sample(cx + r * dx, cy + r * dy) {
                            sum += Double(v)
                            n += 1
                        }
                    }
                    return n >= directions.count / 4 ? sum / Double(n) : .nan
                }
            }
            func best(_ cx: Double, _ cy: Double) -> (radius: Double, step: Double)? {
                let l = profile(cx, cy)
                var top: (Double, Double)?
                for i in 3..<(l.count - 3) {
                    let d = (l[i + 2] + l[i + 3]) / 2 - (l[i - 2] + l[i - 3]) / 2
                    guard d.isFinite else { continue }
                    if top == nil || d > top!.1 { top = (radii[i], d) }
                }
                return top
            }
            var found: Limbus?
            // Coarse grid of centres, then a fine one around the winner.
            for (span, step) in [(8.0, 4.0), (3.0, 1.0)] {
                let ox = found?.x ?? px, oy = found?.y ?? py
                var dy = -span
                while dy <= span {
                    var dx = -span
                    while dx <= span {
                        if let b = best(ox + dx, oy + dy), found == nil || b.step > found!.step {
                            found = Limbus(x: ox + dx, y: oy + dy, radius: b.radius, step: b.step)
                        }
                        dx += step
                    }
                    dy += step
                }
            }
            return found
        }
    }
}
