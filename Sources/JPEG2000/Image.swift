/// An uncompressed 8-bit image: grayscale or RGB, samples interleaved row by row.
///
/// Pixel layout: row-major, top row first; within a pixel the components are interleaved
/// (`R G B R G B …` for RGB, one byte per pixel for grayscale). `pixels.count == width × height × components`.
public struct Image: Sendable, Equatable, CustomStringConvertible {
    /// Width in pixels (≥ 1).
    public let width: Int
    /// Height in pixels (≥ 1).
    public let height: Int
    /// Number of components per pixel: 1 (grayscale) or 3 (RGB).
    public let components: Int
    /// The 8-bit samples, interleaved, row-major.
    public let pixels: [UInt8]

    /// Creates an image after checking that the pixel buffer matches the dimensions.
    ///
    /// - Throws: ``JPEG2000Error/Code/invalidImage`` when a dimension is < 1 or > `UInt32.max`, `components`
    ///   is not 1 or 3, or `pixels.count != width × height × components`.
    public init(width: Int, height: Int, components: Int, pixels: [UInt8]) throws(JPEG2000Error) {
        guard width >= 1, height >= 1, width <= Int(UInt32.max), height <= Int(UInt32.max) else {
            throw JPEG2000Error(.invalidImage, reason: "dimensions \(width)x\(height) out of range")
        }
        guard components == 1 || components == 3 else {
            throw JPEG2000Error(.invalidImage, reason: "\(components) components; expected 1 or 3")
        }
        let (area, overflow1) = width.multipliedReportingOverflow(by: height)
        let (count, overflow2) = area.multipliedReportingOverflow(by: components)
        guard !overflow1, !overflow2, pixels.count == count else {
            throw JPEG2000Error(
                .invalidImage,
                reason: "pixel buffer holds \(pixels.count) bytes; \(width)x\(height)x\(components) needs more or fewer")
        }
        self.width = width
        self.height = height
        self.components = components
        self.pixels = pixels
    }

    /// Dimensions and component count only; never the samples.
    public var description: String { "Image(\(width)x\(height), \(components) component(s))" }
}
