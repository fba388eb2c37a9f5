/// A point in image pixel coordinates (x to the right, y down; pixel centres at integers).
public struct ImagePoint: Sendable, Equatable, Hashable {
    /// Column.
    public var x: Double
    /// Row.
    public var y: Double

    /// A point from its coordinates.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
