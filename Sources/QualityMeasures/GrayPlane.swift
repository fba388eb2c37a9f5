import Imaging

/// An 8-bit grey image the measures work on: the luminance of whatever raster arrived.
///
/// Every engine starts from this one form so that colour conversion happens once, in `Raster.gray()`
/// (ITU-R BT.601 luma), and the hot loops see a flat byte buffer.
struct GrayPlane: Sendable {
    let width: Int
    let height: Int
    let pixels: [UInt8]

    init(_ raster: Raster) {
        let gray = raster.gray()
        width = gray.width
        height = gray.height
        pixels = gray.pixels
    }

    init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height, "pixel count must match the size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Means of `cell × cell` tiles (the last partial row and column of tiles are averaged over what exists).
    ///
    /// Averaging tiles a few pixels wide keeps ridge and iris structure (periods of 8–12 px shrink by
    /// well under half) while dividing sensor noise by the tile side, which is what the foreground and
    /// segmentation maps need.
    func cellMeans(cell: Int) -> (width: Int, height: Int, means: [Float]) {
        let cw = (width + cell - 1) / cell
        let ch = (height + cell - 1) / cell
        var sums = [UInt32](repeating: 0, count: cw * ch)
        var counts = [UInt32](repeating: 0, count: cw * ch)
        pixels.withUnsafeBufferPointer { src in
            sums.withUnsafeMutableBufferPointer { s in
                counts.withUnsafeMutableBufferPointer { n in
                    for y in 0..<height {
                        let row = y * width
                        let cellRow = (y / cell) * cw
                        var x = 0
                        var cx = 0
                        while x < width {
                            let end = min(width, x + cell)
                            var acc: UInt32 = 0
                            for i in x..<end { acc &+= UInt32(src[row + i]) }
                            s[cellRow + cx] &+= acc
                            n[cellRow + cx] &+= UInt32(end - x)
                            x = end
                            cx += 1
                        }
                    }
                }
            }
        }
        var means = [Float](repeating: 0, count: cw * ch)
        for i in 0..<(cw * ch) { means[i] = Float(sums[i]) / Float(max(1, counts[i])) }
        return (cw, ch, means)
    }
}
