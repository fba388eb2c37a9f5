/// Box blurs on float images, for defocus and motion.
///
/// Two passes of a box filter come close to a Gaussian at a cost independent of the radius (a running
/// sum per row), so even a strongly defocused 640 × 480 frame costs about a millisecond.
enum Blur {
    /// Blurs `image` (`width × height`, `channels` interleaved) horizontally with radius `rx` and
    /// vertically with `ry`, `passes` times. Edges are clamped.
    static func box(_ image: inout [Float], width: Int, height: Int, channels: Int = 1, rx: Int, ry: Int, passes: Int = 2) {
        for _ in 0..<passes {
            if rx > 0 { line(&image, count: height, length: width, step: channels, lineStride: width * channels, channels: channels, radius: rx) }
            if ry > 0 { line(&image, count: width, length: height, step: width * channels, lineStride: channels, channels: channels, radius: ry) }
        }
    }

    /// Running-sum box filter along `count` lines of `length` samples; sample `i` of line `l`, channel
    /// `c` is at `l * lineStride + i * step + c`.
    private static func line(_ image: inout [Float], count: Int, length: Int, step: Int, lineStride: Int, channels: Int, radius: Int) {
        var scratch = [Float](repeating: 0, count: length)
        let norm = 1 / Float(2 * radius + 1)
        image.withUnsafeMutableBufferPointer { px in
            for l in 0..<count {
                for c in 0..<channels {
                    let base = l * lineStride + c
                    for i in 0..<length { scratch[i] = px[base + i * step] }
                    var sum: Float = 0
                    for k in -radius...radius { sum += scratch[min(length - 1, max(0, k))] }
                    for i in 0..<length {
                        px[base + i * step] = sum * norm
                        sum += scratch[min(length - 1, i + radius + 1)] - scratch[max(0, i - radius)]
                    }
                }
            }
        }
    }
}
