/// Fast per-pixel sensor noise from a fixed table of Gaussian deviates.
///
/// Drawing a fresh Gaussian for each of a slap's 1.6 million pixels would cost more than the rest of the
/// frame, so each row instead reads the table from a random start. 64 Ki entries are far more than any
/// row, so no visible pattern repeats within or between neighbouring rows.
enum SensorNoise {
    static let tableSize = 1 << 16
    /// Standard normal deviates, scaled by 16 and stored as `Int8` (±7.9 σ fits).
    static let table: [Int8] = {
        var rng = SplitMix64(seed: 0x4E4F_4953_45)
        return (0..<tableSize).map { _ in Int8(max(-127, min(127, (rng.gaussian() * 16).rounded()))) }
    }()

    /// Adds noise of standard deviation `sigma` grey levels to every pixel of a `width`-wide image.
    static func add(sigma: Float, to pixels: inout [UInt8], width: Int, rng: inout SplitMix64) {
        guard sigma > 0, width > 0 else { return }
        let height = pixels.count / width
        let scale = sigma / 16
        table.withUnsafeBufferPointer { noise in
            pixels.withUnsafeMutableBufferPointer { image in
                for y in 0..<height {
                    var t = rng.below(tableSize)
                    let row = y * width
                    for x in 0..<width {
                        let v = Float(image[row + x]) + scale * Float(noise[t])
                        image[row + x] = UInt8(max(0, min(255, v + 0.5)))
                        t = (t + 1) & (tableSize - 1)
                    }
                }
            }
        }
    }
}
