/// The empty platen of an optical live-scan sensor: near white, slightly darker towards the corners
/// (prism illumination falls off), before any finger or noise is added.
enum Platen {
    /// A `width × height` background around grey level `level`.
    static func background(width: Int, height: Int, level: Float = 242) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: width * height)
        // The fall-off is separable (a product of a row and a column profile), so it costs one multiply a pixel.
        let columns = (0..<width).map { x -> Float in
            let d = (Float(x) + 0.5) / Float(width) * 2 - 1
            return 1 - 0.035 * d * d
        }
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let d = (Float(y) + 0.5) / Float(height) * 2 - 1
                let rowLevel = level * (1 - 0.03 * d * d)
                for x in 0..<width {
                    out[y * width + x] = UInt8(rowLevel * columns[x])
                }
            }
        }
        return pixels
    }
}
