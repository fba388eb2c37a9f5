/// The image properties byte of an iris representation (ISO/IEC 19794-6:2011 Table 4).
///
/// Bit layout: bits 0–1 horizontal orientation, bits 2–3 vertical orientation, bits 4–5 reserved (0),
/// bits 6–7 compression history. MOSIP's samples carry 0x40 (lossless) for Registration and 0x80 (lossy) for Auth.
public struct IrisImageProperties: Sendable, Hashable {
    /// Whether the image is mirrored along one axis.
    public enum Orientation: UInt8, Sendable, CaseIterable {
        /// Undefined.
        case undefined = 0
        /// As captured.
        case base = 1
        /// Mirrored.
        case flipped = 2
    }

    /// Whether the image ever went through lossy compression.
    public enum CompressionHistory: UInt8, Sendable, CaseIterable {
        /// Undefined.
        case undefined = 0
        /// Lossless or uncompressed (0x40 in the byte).
        case losslessOrNone = 1
        /// Lossy (0x80 in the byte).
        case lossy = 2
    }

    /// Bits 0–1.
    public let horizontalOrientation: Orientation
    /// Bits 2–3.
    public let verticalOrientation: Orientation
    /// Bits 6–7.
    public let compressionHistory: CompressionHistory

    /// Creates image properties.
    public init(
        horizontalOrientation: Orientation = .undefined,
        verticalOrientation: Orientation = .undefined,
        compressionHistory: CompressionHistory
    ) {
        self.horizontalOrientation = horizontalOrientation
        self.verticalOrientation = verticalOrientation
        self.compressionHistory = compressionHistory
    }

    /// The encoded byte.
    public var rawValue: UInt8 {
        horizontalOrientation.rawValue | verticalOrientation.rawValue << 2 | compressionHistory.rawValue << 6
    }

    /// Parses the byte; `nil` when a reserved bit is set or a 2-bit field holds the undefined value 3.
    public init?(rawValue: UInt8) {
        guard rawValue & 0x30 == 0,
            let horizontal = Orientation(rawValue: rawValue & 0x03),
            let vertical = Orientation(rawValue: rawValue >> 2 & 0x03),
            let compression = CompressionHistory(rawValue: rawValue >> 6)
        else { return nil }
        self.init(horizontalOrientation: horizontal, verticalOrientation: vertical, compressionHistory: compression)
    }
}
