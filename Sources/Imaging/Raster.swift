/// An 8-bit image: gray (1 channel) or interleaved RGB (3 channels), row-major. The one pixel container that
/// crosses stage boundaries (sensor → quality → encoder), so no stage needs another stage's types.
public struct Raster: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let channels: Int
    public var pixels: [UInt8]

    public struct InvalidRaster: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) throws(InvalidRaster) {
        guard width > 0, height > 0, channels == 1 || channels == 3 else {
            throw InvalidRaster(description: "raster \(width)x\(height)x\(channels) is not a gray or RGB image")
        }
        guard pixels.count == width * height * channels else {
            throw InvalidRaster(description: "raster \(width)x\(height)x\(channels) needs \(width * height * channels) bytes, got \(pixels.count)")
        }
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// A gray raster filled with `value`.
    public init(grayWidth width: Int, height: Int, fill value: UInt8 = 0) {
        self.width = max(1, width)
        self.height = max(1, height)
        channels = 1
        pixels = [UInt8](repeating: value, count: self.width * self.height)
    }

    public var bounds: PixelRect { PixelRect(x: 0, y: 0, width: width, height: height) }

    /// The pixels inside `rect` (clipped to the image); nil when nothing is left.
    public func cropped(to rect: PixelRect) -> Raster? {
        guard let r = rect.intersection(bounds) else { return nil }
        var out = [UInt8](repeating: 0, count: r.width * r.height * channels)
        let rowBytes = r.width * channels
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for row in 0..<r.height {
                    let from = ((r.y + row) * width + r.x) * channels
                    for i in 0..<rowBytes { dst[row * rowBytes + i] = src[from + i] }
                }
            }
        }
        return try? Raster(width: r.width, height: r.height, channels: channels, pixels: out)
    }

    /// Luminance (ITU-R BT.601) of an RGB raster; a gray raster is returned as it is.
    public func gray() -> Raster {
        guard channels == 3 else { return self }
        var out = [UInt8](repeating: 0, count: width * height)
        pixels.withUnsafeBufferPointer { p in
            for i in 0..<(width * height) {
                let v = (299 * Int(p[3 * i]) + 587 * Int(p[3 * i + 1]) + 114 * Int(p[3 * i + 2]) + 500) / 1000
                out[i] = UInt8(min(255, v))
            }
        }
        return try! Raster(width: width, height: height, channels: 1, pixels: out)
    }
}

/// An axis-aligned pixel rectangle.
public struct PixelRect: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var area: Int { max(0, width) * max(0, height) }

    public func intersection(_ other: PixelRect) -> PixelRect? {
        let x0 = max(x, other.x), y0 = max(y, other.y), x1 = min(maxX, other.maxX), y1 = min(maxY, other.maxY)
        guard x1 > x0, y1 > y0 else { return nil }
        return PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    public var description: String { "\(width)x\(height)+\(x)+\(y)" }
}
