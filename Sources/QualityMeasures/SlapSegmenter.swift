public import Imaging

/// Finds the fingertips in a multi-finger ("slap") capture: four fingers of one hand or two thumbs,
/// placed fingertips up on a 500 ppi platen.
///
/// The platen is reduced to 4 × 4 px cell means (pixel noise drops four-fold, 9–10 px ridges survive)
/// and a cell is print where the grey levels of its 3 × 3 cell neighbourhood vary by at least
/// `RegionOfInterest.minimumContrast` — ridge texture, which the bare platen, its illumination
/// fall-off and smooth smudges lack. Print cells are grown by 8 px to knit broken (dry) ridges
/// together, grouped into 8-connected regions, and each region's box is taken from its print cells.
/// Regions much smaller than the largest are debris; two touching fingers are split at the deepest
/// gap of their column profile; a region taller than `maximumAspect` × its width (a whole finger
/// rather than a fingertip) keeps only its top, the distal phalanx.
public enum SlapSegmenter {
    static let cell = 4
    /// Smallest fingertip kept, in pixels of print (≈ 6 × 6 mm at 500 ppi).
    static let minimumArea = 9_000
    /// A region is debris when it has less than this share of the largest region's print cells.
    static let relativeArea = 0.2
    /// A distal phalanx is at most this much taller than wide.
    static let maximumAspect = 1.8

    /// Boxes of up to `expected` fingertips, left to right in image order. Fewer come back when fewer
    /// are visible (missing or excepted fingers, a hand partly off the platen); none for an empty platen.
    public static func segment(_ slap: Raster, expected: Int) -> [PixelRect] {
        guard expected > 0 else { return [] }
        let plane = GrayPlane(slap)
        let (cw, ch, means) = plane.cellMeans(cell: cell)
        guard cw >= 3, ch >= 3 else { return [] }
        let print = textureMask(means, width: cw, height: ch)
        let grown = ConnectedComponents.dilate(print, width: cw, height: ch, radius: 2)
        let (regions, labels) = ConnectedComponents.label(grown, width: cw, height: ch)

        // Each region's extent counted over its print cells only (the growth is just for connectivity).
        var boxes: [GridComponent] = regions.map { _ in GridComponent(cells: 0, minX: .max, minY: .max, maxX: -1, maxY: -1, sumX: 0, sumY: 0) }
        for y in 0..<ch {
            for x in 0..<cw where print[y * cw + x] {
                let id = Int(labels[y * cw + x])
                boxes[id].cells += 1
                boxes[id].minX = min(boxes[id].minX, x); boxes[id].maxX = max(boxes[id].maxX, x)
                boxes[id].minY = min(boxes[id].minY, y); boxes[id].maxY = max(boxes[id].maxY, y)
                boxes[id].sumX += x; boxes[id].sumY += y
            }
        }
        let minimumCells = minimumArea / (cell * cell)
        var candidates = boxes.filter { $0.cells >= minimumCells }
        guard let largest = candidates.map(\.cells).max() else { return [] }
        candidates = candidates.filter { Double($0.cells) >= relativeArea * Double(largest) }

        // Touching fingers: split the widest region while fingers are still unaccounted for.
        while candidates.count < expected,
              let widest = candidates.indices.max(by: { candidates[$0].width < candidates[$1].width }),
              let halves = split(candidates[widest], print: print, width: cw) {
            candidates.remove(at: widest)
            candidates.append(contentsOf: halves.filter { $0.cells >= minimumCells })
        }
        if candidates.count > expected {
            candidates = Array(candidates.sorted { $0.cells > $1.cells }.prefix(expected))
        }
        return candidates
            .sorted { $0.minX < $1.minX }
            .map { fingertipBox($0, cellsWide: cw, cellsHigh: ch, imageWidth: plane.width, imageHeight: plane.height) }
    }

    /// Cells whose 3 × 3 neighbourhood of cell means has a standard deviation of at least the ROI's
    /// minimum contrast.
    static func textureMask(_ means: [Float], width: Int, height: Int) -> [Bool] {
        var mask = [Bool](repeating: false, count: width * height)
        let threshold = RegionOfInterest.minimumContrast * RegionOfInterest.minimumContrast
        means.withUnsafeBufferPointer { m in
            for y in 1..<(height - 1) {
                for x in 1..<(width - 1) {
                    var s: Float = 0, ss: Float = 0
                    for dy in -1...1 {
                        let row = (y + dy) * width + x
                        for dx in -1...1 {
                            let v = m[row + dx]
                            s += v
                            ss += v * v
                        }
                    }
                    let mean = s / 9
                    mask[y * width + x] = ss / 9 - mean * mean >= threshold
                }
            }
        }
        return mask
    }

    /// Splits a region wider than it is tall at the emptiest column between two well-filled ones;
    /// nil when the region looks like a single finger.
    static func split(_ c: GridComponent, print: [Bool], width: Int) -> [GridComponent]? {
        guard c.width >= 8, Double(c.width) > 1.1 * Double(c.height) else { return nil }
        var columns = [Int](repeating: 0, count: c.width)
        for y in c.minY...c.maxY {
            for x in c.minX...c.maxX where print[y * width + x] { columns[x - c.minX] += 1 }
        }
        let margin = c.width / 5
        var cut = -1
        var depth = Int.max
        for i in margin..<(c.width - margin) where columns[i] < depth {
            depth = columns[i]
            cut = i
        }
        guard cut > 0 else { return nil }
        let leftPeak = columns[..<cut].max() ?? 0
        let rightPeak = columns[cut...].max() ?? 0
        guard Double(depth) < 0.35 * Double(min(leftPeak, rightPeak)) else { return nil }
        var parts: [GridComponent] = []
        for (from, to) in [(c.minX, c.minX + cut - 1), (c.minX + cut, c.maxX)] {
            var p = GridComponent(cells: 0, minX: .max, minY: .max, maxX: -1, maxY: -1, sumX: 0, sumY: 0)
            for y in c.minY...c.maxY {
                for x in from...to where print[y * width + x] {
                    p.cells += 1
                    p.minX = min(p.minX, x); p.maxX = max(p.maxX, x)
                    p.minY = min(p.minY, y); p.maxY = max(p.maxY, y)
                    p.sumX += x; p.sumY += y
                }
            }
            if p.cells > 0 { parts.append(p) }
        }
        return parts.count == 2 ? parts : nil
    }

    /// The pixel box of a region. The texture window reaches one cell past the print on every side, so
    /// the box is pulled in by that cell — except where the region runs into the image border (the
    /// outermost cells have no full window and are never marked, so reaching the second cell means
    /// reaching the edge). Too-tall regions keep their top.
    static func fingertipBox(_ c: GridComponent, cellsWide: Int, cellsHigh: Int, imageWidth: Int, imageHeight: Int) -> PixelRect {
        let x0 = c.minX <= 1 ? 0 : min(imageWidth, (c.minX + 1) * cell)
        let y0 = c.minY <= 1 ? 0 : min(imageHeight, (c.minY + 1) * cell)
        let x1 = c.maxX >= cellsWide - 2 ? imageWidth : max(x0 + 1, min(imageWidth, c.maxX * cell))
        var y1 = c.maxY >= cellsHigh - 2 ? imageHeight : max(y0 + 1, min(imageHeight, c.maxY * cell))
        let tallest = Int(maximumAspect * Double(x1 - x0))
        if y1 - y0 > tallest { y1 = y0 + tallest }
        return PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}
