public import Imaging

/// A frame to annotate for the STREAM preview: quality and segment markings drawn over a captured image, then
/// handed to ``JPEGEncoder/encode(_:quality:)`` through ``raster``.
///
/// Coordinates passed to ``drawBox(_:color:thickness:)`` and ``drawLabel(_:at:color:background:scale:)`` are in
/// the *source* image's pixels (as produced by segmentation), even after ``scaleDown(toFit:maxHeight:)``: the
/// frame keeps the accumulated scale factors and maps them. Line thickness, text size and the banner are in
/// output pixels so marks stay legible on a reduced frame. Everything is clipped to the image; nothing traps.
///
/// A gray base stays gray (cheaper to scale) until the first mark is drawn, when it becomes RGB so the mark can
/// be coloured; ``raster`` is always RGB.
public struct PreviewFrame: Sendable {
    /// Gray until the first draw, RGB afterwards.
    var image: Raster
    /// Output pixels per source pixel, horizontally; 1 until ``scaleDown(toFit:maxHeight:)``.
    public private(set) var scaleX: Double = 1
    /// Output pixels per source pixel, vertically; 1 until ``scaleDown(toFit:maxHeight:)``.
    public private(set) var scaleY: Double = 1

    /// Starts from `base`. A buffer that no longer matches the raster's dimensions (``Imaging/Raster/pixels``
    /// is mutable) is padded with black or cut to fit rather than trusted.
    public init(base: Raster) {
        var pixels = base.pixels
        let needed = base.width * base.height * base.channels
        if pixels.count != needed {
            pixels = Array(pixels.prefix(needed)) + [UInt8](repeating: 0, count: max(0, needed - pixels.count))
        }
        image = .make(width: base.width, height: base.height, channels: base.channels, pixels: pixels)
    }

    /// The annotated frame, RGB.
    public var raster: Raster { image.channels == 3 ? image : image.expandedToRGB() }

    /// Output width in pixels.
    public var width: Int { image.width }
    /// Output height in pixels.
    public var height: Int { image.height }

    /// Shrinks the frame (box filter: each output pixel is the mean of the source pixels it covers) so that it
    /// fits in `maxWidth` × `maxHeight`, keeping the aspect ratio. Never enlarges; limits below 1 count as 1.
    public mutating func scaleDown(toFit maxWidth: Int, maxHeight: Int) {
        let (w, h) = (image.width, image.height)
        let factor = min(Double(max(1, maxWidth)) / Double(w), Double(max(1, maxHeight)) / Double(h))
        guard factor < 1 else { return }
        let newWidth = min(w, max(1, Int((Double(w) * factor).rounded())), max(1, maxWidth))
        let newHeight = min(h, max(1, Int((Double(h) * factor).rounded())), max(1, maxHeight))
        guard newWidth < w || newHeight < h else { return }
        image = image.boxDownscaled(width: newWidth, height: newHeight)
        scaleX *= Double(newWidth) / Double(w)
        scaleY *= Double(newHeight) / Double(h)
    }

    /// Converts a gray image to RGB before the first coloured mark.
    mutating func prepareForDrawing() {
        if image.channels != 3 { image = image.expandedToRGB() }
    }

    /// The output column of source column `x` (floor), clamped far outside the image so it never overflows.
    func outputX(_ x: Double) -> Int { Self.clampedInt((x * scaleX).rounded(.down)) }
    /// The output row of source row `y` (floor).
    func outputY(_ y: Double) -> Int { Self.clampedInt((y * scaleY).rounded(.down)) }
    /// The exclusive output column ending source column range `..<x` (ceiling).
    func outputEndX(_ x: Double) -> Int { Self.clampedInt((x * scaleX).rounded(.up)) }
    /// The exclusive output row ending source row range `..<y` (ceiling).
    func outputEndY(_ y: Double) -> Int { Self.clampedInt((y * scaleY).rounded(.up)) }

    private static func clampedInt(_ value: Double) -> Int {
        Int(min(max(value, -1_000_000_000), 1_000_000_000))
    }
}
