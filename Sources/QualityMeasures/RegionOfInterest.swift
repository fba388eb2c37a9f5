/// Which 32 × 32 blocks hold fingerprint (the region of interest, ISO/IEC 29794-4 §5.1.2 local regions).
///
/// NFIQ 2 segments by the standard deviation of each block after normalising the whole image to unit
/// variance (threshold 0.1). That relative test calls pure sensor noise "ridges" on an empty platen, so
/// this segmentation is absolute instead: the image is averaged over 4 × 4 px cells (ridge periods of
/// 8–12 px survive at ≥ 75 % amplitude while pixel noise drops four-fold), and a block is foreground
/// when the standard deviation of its 64 cell means reaches `minimumContrast` grey levels.
struct RegionOfInterest: Sendable {
    static let blockSize = 32
    static let cell = 4
    /// Grey levels; the emptiest live-scan platen noise (σ ≈ 8) gives about 2 after cell averaging, the
    /// faintest readable dry print about 15.
    static let minimumContrast: Float = 7

    /// Full blocks across and down (partial blocks at the right and bottom edges are not assessed).
    let columns: Int
    let rows: Int
    var foreground: [Bool]
    /// Standard deviation of cell means per block.
    var cellContrast: [Float]

    init(_ plane: GrayPlane) {
        let b = Self.blockSize
        columns = plane.width / b
        rows = plane.height / b
        foreground = [Bool](repeating: false, count: columns * rows)
        cellContrast = [Float](repeating: 0, count: columns * rows)
        guard columns > 0, rows > 0 else { return }
        let (cw, _, means) = plane.cellMeans(cell: Self.cell)
        let per = b / Self.cell
        for by in 0..<rows {
            for bx in 0..<columns {
                var s: Float = 0, ss: Float = 0
                for cy in 0..<per {
                    let row = (by * per + cy) * cw + bx * per
                    for cx in 0..<per {
                        let v = means[row + cx]
                        s += v
                        ss += v * v
                    }
                }
                let n = Float(per * per)
                let mean = s / n
                let sd = max(0, ss / n - mean * mean).squareRoot()
                cellContrast[by * columns + bx] = sd
                foreground[by * columns + bx] = sd >= Self.minimumContrast
            }
        }
    }
}
