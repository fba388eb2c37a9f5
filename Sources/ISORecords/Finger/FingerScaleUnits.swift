/// The unit of a finger record's spatial sampling rates (ISO/IEC 19794-4:2011 §8.3.x).
public enum FingerScaleUnits: UInt8, Sendable, CaseIterable {
    /// Pixels per inch (what MOSIP expects).
    case pixelsPerInch = 1
    /// Pixels per centimetre.
    case pixelsPerCentimetre = 2
}

/// Horizontal and vertical spatial sampling rates of a finger image, in ``FingerScaleUnits``.
public struct SpatialSamplingRate: Sendable, Hashable {
    /// Pixels per unit across, 0…65535.
    public let horizontal: Int
    /// Pixels per unit down, 0…65535.
    public let vertical: Int

    /// Creates a sampling rate; range-checked when the record is built.
    public init(horizontal: Int, vertical: Int) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    /// The same rate both ways.
    public init(_ both: Int) { self.init(horizontal: both, vertical: both) }

    /// 500 × 500, what MOSIP's checker expects (it accepts 490…1010).
    public static let ppi500 = SpatialSamplingRate(500)
}
