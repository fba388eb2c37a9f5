/// Finds the face in a portrait: skin-coloured cells that stand out from the backdrop, grouped, and cut
/// off at the neck.
///
/// ICAO 9303 portraits have a plain, light background, so the backdrop colour is the median of the
/// border cells of the upper 60 % of the frame (the shoulders touch the lower border). Cells differing
/// from it are the subject; among those, skin-chroma cells (`ColourCells.isSkin`) form 8-connected
/// regions and the largest is the head. Going down its rows, the face ends where the skin narrows to
/// under 55 % of its widest row (the neck), which keeps skin-coloured clothing out of the box.
enum FaceLocator {
    struct Face: Sendable {
        /// Face box in cells (inclusive).
        var minX: Int
        var minY: Int
        var maxX: Int
        var maxY: Int
        /// The subject mask (everything not backdrop), per cell.
        var subject: [Bool]
        /// Skin cells of the face region.
        var skin: [Bool]
        /// Backdrop colour.
        var background: (r: Float, g: Float, b: Float)
    }

    /// Per-channel summed absolute difference from the backdrop above which a cell is subject.
    static let subjectDifference: Float = 45
    /// A face must cover at least this share of the frame.
    static let minimumShare = 0.015

    static func locate(_ cells: ColourCells) -> Face? {
        let (w, h) = (cells.width, cells.height)
        guard w >= 8, h >= 8 else { return nil }
        var border: [Int] = []
        let upper = Int(Double(h) * 0.6)
        for x in 0..<w { border.append(x) }
        for y in 1..<upper {
            border.append(y * w)
            border.append(y * w + w - 1)
        }
        func median(_ values: [Float]) -> Float { values.sorted()[values.count / 2] }
        let bg = (median(border.map { cells.red[$0] }), median(border.map { cells.green[$0] }), median(border.map { cells.blue[$0] }))
        var subject = [Bool](repeating: false, count: w * h)
        var skin = subject
        for i in 0..<(w * h) {
            let d = abs(cells.red[i] - bg.0) + abs(cells.green[i] - bg.1) + abs(cells.blue[i] - bg.2)
            subject[i] = d > subjectDifference
            skin[i] = subject[i] && cells.isSkin(i)
        }
        let (regions, labels) = ConnectedComponents.label(skin, width: w, height: h)
        guard let headIndex = regions.indices.max(by: { regions[$0].cells < regions[$1].cells }),
              Double(regions[headIndex].cells) >= minimumShare * Double(w * h)
        else { return nil }
        let head = regions[headIndex]
        // Widths of the head region row by row, top down; stop at the neck.
        var rowMin = [Int](repeating: .max, count: h), rowMax = [Int](repeating: -1, count: h), rowCount = [Int](repeating: 0, count: h)
        for y in head.minY...head.maxY {
            for x in head.minX...head.maxX where labels[y * w + x] == Int32(headIndex) {
                rowMin[y] = min(rowMin[y], x)
                rowMax[y] = max(rowMax[y], x)
                rowCount[y] += 1
            }
        }
        var widest = 0
        var bottom = head.maxY
        for y in head.minY...head.maxY {
            widest = max(widest, rowCount[y])
            // Only once the face has reached a plausible width can a narrowing be the neck.
            if widest >= 8, y > head.minY + widest / 2, Double(rowCount[y]) < 0.55 * Double(widest) {
                bottom = y - 1
                break
            }
        }
        var minX = Int.max, maxX = -1
        var faceSkin = [Bool](repeating: false, count: w * h)
        for y in head.minY...bottom where rowCount[y] > 0 {
            minX = min(minX, rowMin[y])
            maxX = max(maxX, rowMax[y])
            for x in rowMin[y]...rowMax[y] where labels[y * w + x] == Int32(headIndex) { faceSkin[y * w + x] = true }
        }
        guard maxX >= minX, bottom - head.minY >= 4 else { return nil }
        return Face(minX: minX, minY: head.minY, maxX: maxX, maxY: bottom, subject: subject, skin: faceSkin, background: bg)
    }
}
