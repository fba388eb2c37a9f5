/// Orientation flow (OF): how smoothly the ridge orientation changes between neighbouring blocks
/// (ISO/IEC 29794-4; NFIQ 2 `OF`).
///
/// For every foreground block whose eight neighbours are also foreground, `loq` is the mean absolute
/// orientation difference to those neighbours. Changes up to `angleMin` = 4° are normal ridge curvature
/// and count as 0; above it the block value is `(loq − 4°)/(90° − 4°)`. Orientations are axial
/// (θ and θ + π are the same ridge direction), so differences wrap at π and never exceed 90°.
/// The per-block values are returned; their mean is 0 for a perfectly smooth flow.
enum OrientationFlow {
    static let angleMin = 4.0 * Double.pi / 180
    static let angleSpan = Double.pi / 2 - angleMin

    static func values(angles: [Double], foreground: [Bool], columns: Int, rows: Int) -> [Double] {
        guard columns >= 3, rows >= 3 else { return [] }
        var out: [Double] = []
        for y in 1..<(rows - 1) {
            for x in 1..<(columns - 1) {
                var complete = true
                for dy in -1...1 where complete {
                    for dx in -1...1 where !foreground[(y + dy) * columns + x + dx] { complete = false }
                }
                guard complete else { continue }
                let centre = angles[y * columns + x]
                var sum = 0.0
                for dy in -1...1 {
                    for dx in -1...1 where dx != 0 || dy != 0 {
                        sum += axialDifference(centre, angles[(y + dy) * columns + x + dx])
                    }
                }
                let loq = sum / 8
                out.append(loq > angleMin ? (loq - angleMin) / angleSpan : 0)
            }
        }
        return out
    }

    /// |θ1 − θ2| for axial angles, in `0 ... π/2`.
    @inline(__always)
    static func axialDifference(_ a: Double, _ b: Double) -> Double {
        var d = abs(a - b).truncatingRemainder(dividingBy: Double.pi)
        if d > Double.pi / 2 { d = Double.pi - d }
        return d
    }
}
