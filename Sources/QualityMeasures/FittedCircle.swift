/// A circle fitted to boundary points.
struct FittedCircle: Sendable {
    var x: Double
    var y: Double
    var radius: Double
    /// Standard deviation of the points' distances from the centre, relative to the radius.
    var roughness: Double

    /// Algebraic least-squares circle (Kåsa): minimises Σ(x² + y² + Dx + Ey + F)², a linear problem.
    /// Nil for fewer than three points or a degenerate (collinear) set.
    static func fit(_ points: [(x: Double, y: Double)]) -> FittedCircle? {
        guard points.count >= 3 else { return nil }
        // Centre the data for numerical stability.
        let mx = points.reduce(0) { $0 + $1.x } / Double(points.count)
        let my = points.reduce(0) { $0 + $1.y } / Double(points.count)
        var sxx = 0.0, sxy = 0.0, syy = 0.0, sx = 0.0, sy = 0.0, sxz = 0.0, syz = 0.0, sz = 0.0
        for p in points {
            let x = p.x - mx, y = p.y - my, z = x * x + y * y
            sxx += x * x; sxy += x * y; syy += y * y; sx += x; sy += y
            sxz += x * z; syz += y * z; sz += z
        }
        let n = Double(points.count)
        // Normal equations of [x y 1]·[D E F]ᵀ = −z.
        let m: [[Double]] = [[sxx, sxy, sx], [sxy, syy, sy], [sx, sy, n]]
        let r = [-sxz, -syz, -sz]
        guard let s = solve3(m, r) else { return nil }
        let cx = -s[0] / 2, cy = -s[1] / 2
        let r2 = cx * cx + cy * cy - s[2]
        guard r2 > 0 else { return nil }
        let radius = r2.squareRoot()
        let distances = points.map { (($0.x - mx - cx) * ($0.x - mx - cx) + ($0.y - my - cy) * ($0.y - my - cy)).squareRoot() }
        return FittedCircle(x: cx + mx, y: cy + my, radius: radius, roughness: Stats.standardDeviation(distances) / radius)
    }

    /// Cramer's rule for a 3 × 3 system.
    private static func solve3(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        func det(_ m: [[Double]]) -> Double {
            m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        }
        let d = det(a)
        guard abs(d) > 1e-9 else { return nil }
        return (0..<3).map { column in
            var m = a
            for row in 0..<3 { m[row][column] = b[row] }
            return det(m) / d
        }
    }
}
