import Foundation

/// A local region resampled into ridge-aligned coordinates: 32 samples across the ridges (along the
/// ridge normal) by 16 along them, centred on a 32 × 32 block — the "vertically aligned local region"
/// of ISO/IEC 29794-4 (32 × 16 at 500 ppi) on which LCS, FDA and RVU are defined.
///
/// NFIQ 2 rotates the block with nearest-neighbour interpolation and crops; sampling the rotated grid
/// directly with bilinear interpolation gives the same region without the rotation's aliasing.
struct SlantedBlock: Sendable {
    static let across = 32
    static let along = 16

    /// `along × across` samples, row `j` (along the ridge), column `i` (across).
    var samples: [Float]
    /// Mean of each column: the grey-level profile across the ridges.
    var profile: [Float]

    /// Resamples around `(cx, cy)` (pixel-centre coordinates) with the ridge normal at `normalAngle`.
    /// Samples falling outside the image take the nearest edge pixel.
    init(_ p: UnsafeBufferPointer<UInt8>, width: Int, height: Int, cx: Double, cy: Double, normalAngle: Double) {
        let nx = Float(cos(normalAngle)), ny = Float(sin(normalAngle))
        // Along the ridge: the normal turned by 90°.
        let tx = -ny, ty = nx
        let n = Self.across, m = Self.along
        var samples = [Float](repeating: 0, count: n * m)
        var profile = [Float](repeating: 0, count: n)
        let maxX = Float(width - 1), maxY = Float(height - 1)
        let fcx = Float(cx), fcy = Float(cy)
        samples.withUnsafeMutableBufferPointer { s in
            for j in 0..<m {
                let v = Float(j) - Float(m - 1) / 2
                for i in 0..<n {
                    let u = Float(i) - Float(n - 1) / 2
                    let x = min(maxX, max(0, fcx + u * nx + v * tx))
                    let y = min(maxY, max(0, fcy + u * ny + v * ty))
                    let ix = min(Int(x), width - 2 < 0 ? 0 : width - 2)
                    let iy = min(Int(y), height - 2 < 0 ? 0 : height - 2)
                    let fx = width > 1 ? x - Float(ix) : 0
                    let fy = height > 1 ? y - Float(iy) : 0
                    let i00 = iy * width + ix
                    let i01 = width > 1 ? i00 + 1 : i00
                    let i10 = height > 1 ? i00 + width : i00
                    let i11 = height > 1 ? i01 + width : i01
                    let top = Float(p[i00]) + (Float(p[i01]) - Float(p[i00])) * fx
                    let bottom = Float(p[i10]) + (Float(p[i11]) - Float(p[i10])) * fx
                    let value = top + (bottom - top) * fy
                    s[j * n + i] = value
                    profile[i] += value
                }
            }
        }
        for i in 0..<n { profile[i] /= Float(m) }
        self.samples = samples
        self.profile = profile
    }
}

/// The ridge/valley split of a slanted block's profile (shared by LCS and RVU).
///
/// As in NFIQ 2, a least-squares line through the profile is the local threshold `dt` (it follows
/// slow illumination or pressure trends), and a column is "ridge" where the profile is darker than
/// `dt`. Runs of equal class are the ridges and valleys met along the normal.
struct RidgeValleySplit: Sendable {
    /// Threshold per column.
    var threshold: [Float]
    /// Whether each column is ridge (darker than the threshold).
    var isRidge: [Bool]
    /// Consecutive runs: class and width in samples, in order across the block.
    var runs: [(ridge: Bool, width: Int)]

    init(profile: [Float]) {
        let n = profile.count
        // Least-squares line v ≈ k·i + d over i = 0 … n−1.
        let meanI = Double(n - 1) / 2
        var meanV = 0.0
        for v in profile { meanV += Double(v) }
        meanV /= Double(n)
        var sxy = 0.0, sxx = 0.0
        for i in 0..<n {
            let di = Double(i) - meanI
            sxy += di * (Double(profile[i]) - meanV)
            sxx += di * di
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        let threshold = (0..<n).map { Float(meanV + slope * (Double($0) - meanI)) }
        let isRidge = (0..<n).map { profile[$0] < threshold[$0] }
        var runs: [(ridge: Bool, width: Int)] = []
        for flag in isRidge {
            if let last = runs.last, last.ridge == flag {
                runs[runs.count - 1].width += 1
            } else {
                runs.append((flag, 1))
            }
        }
        self.threshold = threshold
        self.isRidge = isRidge
        self.runs = runs
    }

    /// Runs cut by neither edge of the block (the first and last runs are incomplete).
    var completeRuns: ArraySlice<(ridge: Bool, width: Int)> {
        runs.count > 2 ? runs[1..<(runs.count - 1)] : []
    }
}
