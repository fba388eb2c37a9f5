/// Bilinear reads from a byte image inside a `withUnsafeBufferPointer` scope.
struct PlaneSampler {
    let pixels: UnsafeBufferPointer<UInt8>
    let width: Int
    let height: Int

    /// The interpolated grey level at `(x, y)`, or nil outside the image.
    @inline(__always)
    func callAsFunction(_ x: Double, _ y: Double) -> Float? {
        guard x >= 0, y >= 0, x <= Double(width - 1), y <= Double(height - 1) else { return nil }
        let ix = min(Int(x), width - 2), iy = min(Int(y), height - 2)
        guard ix >= 0, iy >= 0 else { return Float(pixels[Int(y) * width + Int(x)]) }
        let fx = Float(x - Double(ix)), fy = Float(y - Double(iy))
        let i = iy * width + ix
        let top = Float(pixels[i]) + (Float(pixels[i + 1]) - Float(pixels[i])) * fx
        let bottom = Float(pixels[i + width]) + (Float(pixels[i + width + 1]) - Float(pixels[i + width])) * fx
        return top + (bottom - top) * fy
    }
}
