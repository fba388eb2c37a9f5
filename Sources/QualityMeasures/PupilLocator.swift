import Foundation

/// Finds the pupil of a near-infrared eye image: the darkest compact disc (ISO/IEC 29794-6 segmentation
/// starts from the pupil boundary).
///
/// 1. On a 2 × 2-averaged copy, cells darker than the 0.2 % grey quantile + 30 levels form candidate
///    regions (a pupil of ≥ 24 px radius always holds that quantile; lashes are thin and blend away).
/// 2. A candidate must be disc-like — pupil-sized, filling ≈ π/4 of its box, about as tall as wide —
///    and clearly darker than a ring around it (an empty, dark frame is one huge region and fails).
/// 3. The boundary is refined at full resolution: along 64 rays from the candidate centre the largest
///    dark-to-bright step is taken, skipping positions within 3 px of an illuminator reflection (≥ 200
///    grey; their blurred rims would look like pupil edges); a least-squares circle through those edge
///    points, refitted without outliers, is the pupil.
struct PupilLocator {
    struct Pupil: Sendable {
        var x: Double
        var y: Double
        var radius: Double
        /// Mean grey level inside the pupil (reflections excluded).
        var level: Double
        /// Relative spread of the edge radii round the fitted circle (0 for a perfect circle).
        var roughness: Double
    }

    static let minimumRadius = 12.0
    static let maximumRadius = 120.0
    static let specular: Float = 200

    static func locate(_ plane: GrayPlane) -> Pupil? {
        let (cw, ch, means) = plane.cellMeans(cell: 2)
        guard cw >= 16, ch >= 16 else { return nil }
        var histogram = [Int](repeating: 0, count: 256)
        for v in means { histogram[Int(v)] += 1 }
        let low = Stats.quantile(histogram, total: means.count, 0.002)
        let threshold = Float(low + 30)
        let mask = means.map { $0 < threshold }
        let (regions, _) = ConnectedComponents.label(mask, width: cw, height: ch)

        // Reflection mask, built only once a candidate needs it (an empty frame never does).
        var glare: [Bool] = []
        var best: (score: Double, pupil: Pupil)?
        for r in regions {
            let radius = Double(r.width + r.height) / 4 * 2   // full-resolution pixels
            guard radius >= minimumRadius, radius <= maximumRadius else { continue }
            let aspect = Double(r.width) / Double(r.height)
            guard aspect > 0.6, aspect < 1.67 else { continue }
            let fill = Double(r.cells) / Double(r.width * r.height)
            guard fill > 0.5, fill < 0.95 else { continue }
            let cx = (Double(r.minX + r.maxX) / 2 + 0.5) * 2 - 0.5
            let cy = (Double(r.minY + r.maxY) / 2 + 0.5) * 2 - 0.5
            if glare.isEmpty {
                glare = ConnectedComponents.dilate(plane.pixels.map { Float($0) >= specular }, width: plane.width, height: plane.height, radius: 3)
            }
            guard let refined = refine(plane, x: cx, y: cy, radius: radius, threshold: threshold, glare: glare) else { continue }
            let surround = ringMean(plane, x: refined.x, y: refined.y, from: refined.radius * 1.25, to: refined.radius * 1.6)
            guard let surround, surround - refined.level >= 25 else { continue }
            // Prefer round, well-contrasted discs.
            let score = (surround - refined.level) * (1 - min(0.9, refined.roughness * 4)) * (1 - abs(fill - .pi / 4))
            if best == nil || score > best!.score { best = (score, refined) }
        }
        return best?.pupil
    }

    /// Edge points along rays, then a robust circle fit.
    static func refine(_ plane: GrayPlane, x: Double, y: Double, radius: Double, threshold: Float, glare: [Bool]) -> Pupil? {
        let rays = 64
        return plane.pixels.withUnsafeBufferPointer { p -> Pupil? in
            let sample = PlaneSampler(pixels: p, width: plane.width, height: plane.height)
            func near(_ sx: Double, _ sy: Double) -> Bool {
                glare[Int(sy.rounded()) * plane.width + Int(sx.rounded())]
            }
            /// The strongest qualifying dark-to-bright step on each of `rays` rays from `(cx, cy)`.
            func edges(_ cx: Double, _ cy: Double, from: Double, to: Double) -> [(x: Double, y: Double)] {
                var points: [(x: Double, y: Double)] = []
                for k in 0..<rays {
                    let a = Double(k) * 2 * .pi / Double(rays)
                    let dx = cos(a), dy = sin(a)
                    var bestJump: Float = 0
                    var bestR = 0.0
                    var r = from
                    while r <= to {
                        let (ix, iy) = (cx + (r - 2) * dx, cy + (r - 2) * dy)
                        let (ox, oy) = (cx + (r + 2) * dx, cy + (r + 2) * dy)
                        let (bx, by) = (cx + (r + 5) * dx, cy + (r + 5) * dy)
                        guard let inner = sample(ix, iy), let outer = sample(ox, oy), let beyond = sample(bx, by) else { break }
                        if !(near(ix, iy) || near(ox, oy) || near(bx, by)) {
                            let jump = outer - inner
                            // The step must start dark and stay bright.
                            if jump > bestJump && inner < threshold + 40 && beyond - inner >= 0.7 * jump {
                                bestJump = jump
                                bestR = r
                            }
                        }
                        r += 0.5
                    }
                    if bestJump >= 12 { points.append((cx + bestR * dx, cy + bestR * dy)) }
                }
                return points
            }
            /// Rays that met a lid, lashes or a reflection instead of the pupil edge stop at a very
            /// different radius: keep those within `tolerance` of the median distance, fit, then refit
            /// without the points furthest off the first circle.
            func robustFit(_ all: [(x: Double, y: Double)], cx: Double, cy: Double, tolerance: Double) -> FittedCircle? {
                guard !all.isEmpty else { return nil }
                let distances = all.map { (($0.x - cx) * ($0.x - cx) + ($0.y - cy) * ($0.y - cy)).squareRoot() }
                let median = distances.sorted()[distances.count / 2]
                let points = zip(all, distances).filter { abs($0.1 - median) <= tolerance * median }.map(\.0)
                guard points.count >= rays / 3, let circle = FittedCircle.fit(points) else { return nil }
                let residuals = points.map { abs((($0.x - circle.x) * ($0.x - circle.x) + ($0.y - circle.y) * ($0.y - circle.y)).squareRoot() - circle.radius) }
                let limit = max(1.5, 2.5 * residuals.sorted()[residuals.count / 2])
                let kept = zip(points, residuals).filter { $0.1 <= limit }.map(\.0)
                if kept.count >= rays / 3, let again = FittedCircle.fit(kept) { return again }
                return circle
            }
            // A wide first search from the candidate's box, then a narrower one from the first circle:
            // lashes merged into the dark region bias the box, not the second pass.
            guard let first = robustFit(edges(x, y, from: radius * 0.5, to: radius * 1.6), cx: x, cy: y, tolerance: 0.15),
                  let circle = robustFit(edges(first.x, first.y, from: first.radius * 0.75, to: first.radius * 1.3),
                                         cx: first.x, cy: first.y, tolerance: 0.1)
            else { return nil }
            guard circle.radius >= minimumRadius, circle.radius <= maximumRadius else { return nil }
            var sum = 0.0, n = 0
            let inner = circle.radius * 0.8
            var yy = -inner
            while yy <= inner {
                var xx = -inner
                while xx <= inner {
                    if xx * xx + yy * yy <= inner * inner, let v = sample(circle.x + xx, circle.y + yy), !near(circle.x + xx, circle.y + yy) {
                        sum += Double(v)
                        n += 1
                    }
                    xx += 2
                }
                yy += 2
            }
            guard n > 0 else { return nil }
            return Pupil(x: circle.x, y: circle.y, radius: circle.radius, level: sum / Double(n), roughness: circle.roughness)
        }
    }

    /// Mean grey level of the ring `from … to` around `(x, y)`, sampled sparsely; nil if off-image.
    static func ringMean(_ plane: GrayPlane, x: Double, y: Double, from: Double, to: Double) -> Double? {
        plane.pixels.withUnsafeBufferPointer { p in
            let sample = PlaneSampler(pixels: p, width: plane.width, height: plane.height)
            var sum = 0.0, n = 0
            for k in 0..<48 {
                let a = Double(k) * 2 * .pi / 48
                var r = from
                while r <= to {
                    if let v = sample(x + r * cos(a), y + r * sin(a)) {
                        sum += Double(v)
                        n += 1
                    }
                    r += 2
                }
            }
            return n >= 20 ? sum / Double(n) : nil
        }
    }
}
