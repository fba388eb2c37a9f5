public import Imaging

extension PreviewFrame {
    /// Outlines `rect` (source coordinates) with a `thickness`-pixel border drawn just inside it, e.g. a
    /// segmented finger or an iris/face bounding box. Pixels inside the border are untouched; a rectangle
    /// thinner than twice the border is filled. Empty rectangles draw nothing.
    /// - Parameter thickness: in output pixels (at least 1).
    public mutating func drawBox(_ rect: PixelRect, color: OverlayColor, thickness: Int = 3) {
        guard rect.width > 0, rect.height > 0 else { return }
        prepareForDrawing()
        let x0 = outputX(Double(rect.x)), y0 = outputY(Double(rect.y))
        let x1 = max(x0 + 1, outputEndX(Double(rect.x) + Double(rect.width)))
        let y1 = max(y0 + 1, outputEndY(Double(rect.y) + Double(rect.height)))
        let t = min(max(1, thickness), 1 << 20)
        image.fill(x0: x0, y0: y0, x1: x1, y1: min(y1, y0 + t), color: color)
        image.fill(x0: x0, y0: max(y0, y1 - t), x1: x1, y1: y1, color: color)
        image.fill(x0: x0, y0: y0, x1: min(x1, x0 + t), y1: y1, color: color)
        image.fill(x0: max(x0, x1 - t), y0: y0, x1: x1, y1: y1, color: color)
    }

    /// Writes `text` with its top-left corner at `at` (source coordinates), optionally on a filled background
    /// that extends `scale` pixels around the text. `"\n"` starts a new line.
    /// - Parameter scale: output pixels per font pixel (1…16); a glyph is 5×7 font pixels, advancing 6.
    public mutating func drawLabel(
        _ text: String, at: (x: Int, y: Int), color: OverlayColor, background: OverlayColor? = nil, scale: Int = 2
    ) {
        prepareForDrawing()
        let s = min(max(1, scale), 16)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let x = outputX(Double(at.x)), y = outputY(Double(at.y))
        if let background {
            let size = Self.textSize(lines, scale: s)
            image.fill(x0: x, y0: y, x1: x + size.width + 2 * s, y1: y + size.height + 2 * s, color: background)
        }
        renderText(lines, x: x + s, y: y + s, scale: s, color: color)
    }

    /// Writes `text` (e.g. `"Quality 64.2 / 60  frame 12"`) across the top of the frame over a darkened band
    /// (samples divided by 4), with the largest text size (1…3) that fits the frame's width.
    public mutating func drawBanner(_ text: String, color: OverlayColor) {
        prepareForDrawing()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let unit = Self.textSize(lines, scale: 1)
        let s = max(1, min(3, (image.width - 8) / max(1, unit.width)))
        let pad = s + 2
        image.darkenRows(0, unit.height * s + 2 * pad)
        renderText(lines, x: pad, y: pad, scale: s, color: color)
    }

    /// Width and height in output pixels of `lines` at `scale`, without padding.
    static func textSize(_ lines: [Substring], scale: Int) -> (width: Int, height: Int) {
        let longest = lines.map(\.count).max() ?? 0
        let lineCount = max(1, lines.count)
        let width = max(0, longest * BitmapFont.advance - 1) * scale
        let height = (lineCount * (BitmapFont.glyphHeight + 1) - 1) * scale
        return (width, height)
    }

    /// Draws `lines` with the first glyph's top-left corner at output pixel (`x`, `y`), clipped to the image.
    mutating func renderText(_ lines: [Substring], x: Int, y: Int, scale s: Int, color: OverlayColor) {
        let table = BitmapFont.table
        for (lineIndex, line) in lines.enumerated() {
            let top = y + lineIndex * (BitmapFont.glyphHeight + 1) * s
            guard top < image.height else { return }
            guard top + BitmapFont.glyphHeight * s > 0 else { continue }
            var left = x
            for character in line {
                guard left < image.width else { break }
                if left + BitmapFont.glyphWidth * s > 0 {
                    let offset = BitmapFont.offset(of: character)
                    for row in 0..<BitmapFont.glyphHeight {
                        let bits = table[offset + row]
                        guard bits != 0 else { continue }
                        let py = top + row * s
                        for column in 0..<BitmapFont.glyphWidth where bits & (0x10 >> column) != 0 {
                            let px = left + column * s
                            image.fill(x0: px, y0: py, x1: px + s, y1: py + s, color: color)
                        }
                    }
                }
                left += BitmapFont.advance * s
            }
        }
    }
}
