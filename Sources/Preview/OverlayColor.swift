/// An opaque RGB colour for preview marks.
public struct OverlayColor: Sendable, Equatable, Hashable {
    /// Red, 0…255.
    public var r: UInt8
    /// Green, 0…255.
    public var g: UInt8
    /// Blue, 0…255.
    public var b: UInt8

    /// Creates a colour from its components.
    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Good quality / segment accepted.
    public static let green = OverlayColor(r: 0, g: 200, b: 0)
    /// Borderline quality.
    public static let amber = OverlayColor(r: 255, g: 176, b: 0)
    /// Poor quality / segment rejected / error messages.
    public static let red = OverlayColor(r: 230, g: 0, b: 0)
    /// Neutral text.
    public static let white = OverlayColor(r: 255, g: 255, b: 255)
    /// Label backgrounds.
    public static let black = OverlayColor(r: 0, g: 0, b: 0)
}
