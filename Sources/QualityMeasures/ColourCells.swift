import Imaging

/// An RGB (or gray) raster averaged over square cells, with BT.601 luma and chroma per cell: the
/// working form of the face engine (a 480 × 640 portrait becomes 120 × 160 cells).
struct ColourCells: Sendable {
    let cell: Int
    let width: Int
    let height: Int
    var red: [Float]
    var green: [Float]
    var blue: [Float]

    init(_ raster: Raster, cell: Int) {
        self.cell = cell
        width = (raster.width + cell - 1) / cell
        height = (raster.height + cell - 1) / cell
        let n = width * height
        var r = [Float](repeating: 0, count: n), g = r, b = r, count = r
        let (w, h, c) = (raster.width, raster.height, raster.channels)
        let cw = width
        raster.pixels.withUnsafeBufferPointer { p in
            for y in 0..<h {
                let row = (y / cell) * cw
                for x in 0..<w {
                    let i = row + x / cell
                    let s = (y * w + x) * c
                    if c == 3 {
                        r[i] += Float(p[s]); g[i] += Float(p[s + 1]); b[i] += Float(p[s + 2])
                    } else {
                        let v = Float(p[s])
                        r[i] += v; g[i] += v; b[i] += v
                    }
                    count[i] += 1
                }
            }
        }
        for i in 0..<n {
            r[i] /= count[i]; g[i] /= count[i]; b[i] /= count[i]
        }
        red = r
        green = g
        blue = b
    }

    @inline(__always)
    func luma(_ i: Int) -> Float { 0.299 * red[i] + 0.587 * green[i] + 0.114 * blue[i] }
    @inline(__always)
    func chromaRed(_ i: Int) -> Float { 128 + 0.5 * red[i] - 0.418_688 * green[i] - 0.081_312 * blue[i] }
    @inline(__always)
    func chromaBlue(_ i: Int) -> Float { 128 - 0.168_736 * red[i] - 0.331_264 * green[i] + 0.5 * blue[i] }

    /// The classic YCbCr skin-chroma box (Chai & Ngan 1999: Cb 77–127, Cr 133–173) with a floor on
    /// luma so deep shadow is not called skin. It accepts every human skin tone under neutral light
    /// (and, unavoidably, some brown hair and warm clothing).
    @inline(__always)
    func isSkin(_ i: Int) -> Bool {
        let cr = chromaRed(i), cb = chromaBlue(i)
        return cr >= 133 && cr <= 173 && cb >= 77 && cb <= 127 && luma(i) >= 20
    }
}
