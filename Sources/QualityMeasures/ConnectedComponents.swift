/// A connected region of a binary grid, with its bounding box in grid cells (inclusive bounds).
struct GridComponent: Sendable {
    var cells: Int
    var minX: Int
    var minY: Int
    var maxX: Int
    var maxY: Int
    var sumX: Int
    var sumY: Int

    var width: Int { maxX - minX + 1 }
    var height: Int { maxY - minY + 1 }
    var centreX: Double { Double(sumX) / Double(max(1, cells)) }
    var centreY: Double { Double(sumY) / Double(max(1, cells)) }
}

/// 8-connected component labelling of a `width × height` mask by flood fill with an explicit stack
/// (no recursion, so large regions cannot overflow the call stack).
enum ConnectedComponents {
    /// The components and a label map (−1 for background, else the component's index).
    static func label(_ mask: [Bool], width: Int, height: Int) -> (components: [GridComponent], labels: [Int32]) {
        var labels = [Int32](repeating: -1, count: width * height)
        var components: [GridComponent] = []
        var stack: [Int] = []
        for start in 0..<(width * height) where mask[start] && labels[start] < 0 {
            let id = Int32(components.count)
            var c = GridComponent(cells: 0, minX: .max, minY: .max, maxX: -1, maxY: -1, sumX: 0, sumY: 0)
            labels[start] = id
            stack.append(start)
            while let i = stack.popLast() {
                let x = i % width, y = i / width
                c.cells += 1
                c.minX = min(c.minX, x); c.maxX = max(c.maxX, x)
                c.minY = min(c.minY, y); c.maxY = max(c.maxY, y)
                c.sumX += x; c.sumY += y
                for dy in -1...1 {
                    let ny = y + dy
                    guard ny >= 0, ny < height else { continue }
                    for dx in -1...1 {
                        let nx = x + dx
                        guard nx >= 0, nx < width else { continue }
                        let j = ny * width + nx
                        if mask[j] && labels[j] < 0 {
                            labels[j] = id
                            stack.append(j)
                        }
                    }
                }
            }
            components.append(c)
        }
        return (components, labels)
    }

    /// `mask` grown by `radius` cells in every direction (a square structuring element), computed
    /// separably: rows first, then columns.
    static func dilate(_ mask: [Bool], width: Int, height: Int, radius: Int) -> [Bool] {
        guard radius > 0 else { return mask }
        var rows = [Bool](repeating: false, count: mask.count)
        for y in 0..<height {
            var lastOn = Int.min / 2
            // Forward pass remembers the last set cell; backward pass the next one.
            for x in 0..<width {
                if mask[y * width + x] { lastOn = x }
                if x - lastOn <= radius { rows[y * width + x] = true }
            }
            var nextOn = Int.max / 2
            for x in stride(from: width - 1, through: 0, by: -1) {
                if mask[y * width + x] { nextOn = x }
                if nextOn - x <= radius { rows[y * width + x] = true }
            }
        }
        var out = [Bool](repeating: false, count: mask.count)
        for x in 0..<width {
            var lastOn = Int.min / 2
            for y in 0..<height {
                if rows[y * width + x] { lastOn = y }
                if y - lastOn <= radius { out[y * width + x] = true }
            }
            var nextOn = Int.max / 2
            for y in stride(from: height - 1, through: 0, by: -1) {
                if rows[y * width + x] { nextOn = y }
                if nextOn - y <= radius { out[y * width + x] = true }
            }
        }
        return out
    }
}
