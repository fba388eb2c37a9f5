/// The NFIQ 2 contrast measures (ISO/IEC 29794-4 "Contrast"; NFIQ 2 `Mu`): the arithmetic mean of the
/// whole image (`Mu`) and the mean of the 32 × 32 block means (`MMB`), blocks at the right and bottom
/// edges being whatever part of a block remains. They describe brightness (and NFIQ 2 flags an empty
/// or washed-out image when `Mu > 250`); ridge contrast proper is the ridge–valley depth measured in
/// the slanted blocks.
enum ContrastMeasures {
    static func compute(_ plane: GrayPlane, blockSize: Int = 32) -> (imageMean: Double, meanOfBlockMeans: Double, standardDeviation: Double) {
        let w = plane.width, h = plane.height
        var blockMeans: [Double] = []
        var total = 0.0, totalSq = 0.0
        plane.pixels.withUnsafeBufferPointer { p in
            var y0 = 0
            while y0 < h {
                let bh = min(blockSize, h - y0)
                var x0 = 0
                while x0 < w {
                    let bw = min(blockSize, w - x0)
                    var s = 0, ss = 0
                    for y in y0..<(y0 + bh) {
                        let row = y * w
                        for x in x0..<(x0 + bw) {
                            let v = Int(p[row + x])
                            s += v
                            ss += v * v
                        }
                    }
                    blockMeans.append(Double(s) / Double(bw * bh))
                    total += Double(s)
                    totalSq += Double(ss)
                    x0 += blockSize
                }
                y0 += blockSize
            }
        }
        let n = Double(w * h)
        let mean = total / n
        let sd = max(0, totalSq / n - mean * mean).squareRoot()
        return (mean, Stats.mean(blockMeans), sd)
    }
}
