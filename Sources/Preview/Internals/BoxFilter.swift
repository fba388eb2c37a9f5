internal import Imaging

extension Raster {
    /// The raster reduced to `newWidth` × `newHeight` (each ≤ the current size) by a box filter: output pixel
    /// `(dx, dy)` is the rounded mean of source columns `dx·w/newWidth ..< (dx+1)·w/newWidth` and the
    /// corresponding rows. Every source sample is read once, in one tight loop per row; a table maps each
    /// source column to its output column.
    func boxDownscaled(width newWidth: Int, height newHeight: Int) -> Raster {
        let (w, h, c) = (width, height, channels)
        let dw = max(1, min(newWidth, w)), dh = max(1, min(newHeight, h))
        // dw ≤ w makes every column span at least one pixel wide.
        let columnStart = (0...dw).map { $0 * w / dw }
        var outputColumn = [Int](repeating: 0, count: w)
        for dx in 0..<dw {
            for x in columnStart[dx]..<columnStart[dx + 1] { outputColumn[x] = dx * c }
        }
        var sums = [UInt64](repeating: 0, count: dw * c)
        var out = [UInt8](repeating: 0, count: dw * dh * c)
        pixels.withUnsafeBufferPointer { src in
            outputColumn.withUnsafeBufferPointer { map in
                sums.withUnsafeMutableBufferPointer { acc in
                    out.withUnsafeMutableBufferPointer { dst in
                        for dy in 0..<dh {
                            let y0 = dy * h / dh, y1 = (dy + 1) * h / dh
                            acc.update(repeating: 0)
                            for y in y0..<y1 {
                                if c == 3 {
                                    Self.accumulateRGBRow(src, from: y * w * 3, map: map, into: acc)
                                } else {
                                    Self.accumulateGrayRow(src, from: y * w, map: map, into: acc)
                                }
                            }
                            let rows = Double(y1 - y0)
                            for dx in 0..<dw {
                                let inverse = 1 / (Double(columnStart[dx + 1] - columnStart[dx]) * rows)
                                let base = dx * c
                                for k in 0..<c {
                                    let mean = Double(acc[base + k]) * inverse + 0.5
                                    dst[dy * dw * c + base + k] = UInt8(min(255, mean))
                                }
                            }
                        }
                    }
                }
            }
        }
        return .make(width: dw, height: dh, channels: c, pixels: out)
    }

    /// Adds source row samples starting at `row` to the sums of their output columns (UInt64: no box can
    /// overflow them).
    private static func accumulateRGBRow(
        _ src: UnsafeBufferPointer<UInt8>, from row: Int, map: UnsafeBufferPointer<Int>,
        into acc: UnsafeMutableBufferPointer<UInt64>
    ) {
        var i = row
        for x in 0..<map.count {
            let d = map[x]
            acc[d] &+= UInt64(src[i])
            acc[d + 1] &+= UInt64(src[i + 1])
            acc[d + 2] &+= UInt64(src[i + 2])
            i += 3
        }
    }

    private static func accumulateGrayRow(
        _ src: UnsafeBufferPointer<UInt8>, from row: Int, map: UnsafeBufferPointer<Int>,
        into acc: UnsafeMutableBufferPointer<UInt64>
    ) {
        for x in 0..<map.count { acc[map[x]] &+= UInt64(src[row + x]) }
    }
}
