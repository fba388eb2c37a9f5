/// An error thrown by ``JPEGEncoder``.
///
/// Shaped like the other wrapper modules' errors: an extensible ``Code`` that callers branch on, plus a private
/// reason for logs. Two errors are equal when their codes are equal, so tests can build the expected error
/// directly. The description never contains pixel data or encoded bytes.
public struct JPEGError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely enough to branch on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case invalidRaster
            case invalidQuality
            case encodingFailed
            case decodingFailed
            case unsupportedImage
        }

        private let value: Value

        private init(_ value: Value) { self.value = value }

        /// The raster's pixel buffer does not match its dimensions, or a dimension exceeds JPEG's 65 500 limit.
        public static let invalidRaster = Code(.invalidRaster)
        /// The quality is outside ``JPEGEncoder/qualityRange``.
        public static let invalidQuality = Code(.invalidQuality)
        /// libjpeg-turbo failed to compress the raster.
        public static let encodingFailed = Code(.encodingFailed)
        /// The bytes are not a JPEG, or are truncated or corrupt.
        public static let decodingFailed = Code(.decodingFailed)
        /// The bytes are a JPEG that a ``Imaging/Raster`` cannot hold (CMYK, or larger than
        /// ``JPEGEncoder/maximumDecodedPixels``).
        public static let unsupportedImage = Code(.unsupportedImage)

        /// The code's name.
        public var description: String { value.rawValue }

        /// Lets `catch JPEGError.Code.decodingFailed` match any ``JPEGError`` with that code.
        public static func ~= (pattern: Code, error: any Error) -> Bool {
            (error as? JPEGError)?.code == pattern
        }
    }

    /// What went wrong.
    public let code: Code
    private let reason: String
    private let file: String
    private let line: Int

    /// Creates an error; `reason` must never contain pixel data or encoded bytes.
    public init(_ code: Code, reason: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// Code, reason and origin; never pixel data.
    public var description: String { "JPEGError.\(code): \(reason) (\(file):\(line))" }

    /// Equality compares the ``code`` only.
    public static func == (lhs: JPEGError, rhs: JPEGError) -> Bool { lhs.code == rhs.code }
}
