public import Imaging
/// An 8-bit grey-scale raster, row-major, one byte per pixel (0 = black, 255 = white).
///
/// This is the form in which every simulated fingerprint and iris frame leaves the module: the
/// quality and encoding stages work on exactly these bytes, as they would on a real sensor's output.
public struct GrayImage: Sendable, Equatable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// `width * height` bytes, row after row, top row first.
    public var pixels: [UInt8]

    /// Wraps existing bytes; `pixels.count` must equal `width * height`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height, "pixel count must match the size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A uniformly filled image.
    public init(width: Int, height: Int, fill: UInt8) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: fill, count: width * height))
    }

    /// The pixel at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }
}

/// A 24-bit colour raster, row-major, interleaved `R, G, B` bytes.
public struct RGBImage: Sendable, Equatable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// `width * height * 3` bytes, row after row, top row first.
    public var pixels: [UInt8]

    /// Wraps existing bytes; `pixels.count` must equal `width * height * 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * 3, "pixel count must match the size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The colour at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let i = (y * width + x) * 3
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }
}

/// Ground-truth boxes use the pipeline's own rectangle type, so tests compare them with no conversion.
public typealias PixelRect = Imaging.PixelRect
