/// An error thrown by the ``JPEG2000`` codec.
///
/// Shaped like `ASN1Error`: an extensible ``Code`` that callers branch on, plus a private reason for logs.
/// Two errors are equal when their codes are equal, so tests can build the expected error directly.
/// The description never contains pixel data or encoded bytes: only the code, a short reason and, when
/// OpenJPEG reported one, its last error message.
public struct JPEG2000Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely enough to branch on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case invalidImage
            case invalidParameters
            case unrecognizedFormat
            case unsupportedImage
            case encodingFailed
            case decodingFailed
        }

        private let value: Value

        private init(_ value: Value) { self.value = value }

        /// The ``Image`` dimensions, component count or pixel buffer are inconsistent.
        public static let invalidImage = Code(.invalidImage)
        /// The ``EncodingParameters`` are out of range (compression ratio, number of resolutions).
        public static let invalidParameters = Code(.invalidParameters)
        /// The bytes start with neither the JP2 signature box nor a JPEG 2000 codestream SOC/SIZ marker pair.
        public static let unrecognizedFormat = Code(.unrecognizedFormat)
        /// The bytes are a JPEG 2000 image this module does not represent (not 8-bit unsigned, not 1 or 3
        /// components, subsampled components, or larger than the decoder's size limit).
        public static let unsupportedImage = Code(.unsupportedImage)
        /// OpenJPEG failed to compress the image.
        public static let encodingFailed = Code(.encodingFailed)
        /// OpenJPEG failed to parse or decompress the bytes (truncated or corrupt data).
        public static let decodingFailed = Code(.decodingFailed)

        /// The code's name.
        public var description: String { value.rawValue }

        /// Lets `catch JPEG2000Error.Code.decodingFailed` match any ``JPEG2000Error`` with that code.
        public static func ~= (pattern: Code, error: any Error) -> Bool {
            (error as? JPEG2000Error)?.code == pattern
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
    public var description: String { "JPEG2000Error.\(code): \(reason) (\(file):\(line))" }

    /// Equality compares the ``code`` only.
    public static func == (lhs: JPEG2000Error, rhs: JPEG2000Error) -> Bool { lhs.code == rhs.code }
}
