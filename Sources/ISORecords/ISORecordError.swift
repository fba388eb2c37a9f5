/// An error thrown while building, encoding or decoding an ISO/IEC 19794 record.
///
/// Shaped like `ASN1Error`: an extensible ``Code`` to branch on and a private reason naming the field and byte
/// offset. Equality compares the code only. The description never contains image bytes or other biometric data.
public struct ISORecordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely enough to branch on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case truncated
            case wrongFormatIdentifier
            case unsupportedVersion
            case lengthMismatch
            case trailingBytes
            case invalidField
            case unsupportedFeature
        }

        private let value: Value

        private init(_ value: Value) { self.value = value }

        /// The data ends before a field it announces (including a record length larger than the data).
        public static let truncated = Code(.truncated)
        /// The first four bytes are not the record type's format identifier (`FIR\0`, `IIR\0`, `FAC\0`).
        public static let wrongFormatIdentifier = Code(.wrongFormatIdentifier)
        /// The version number is not the one this codec implements (`020\0` or `030\0`).
        public static let unsupportedVersion = Code(.unsupportedVersion)
        /// A length field disagrees with the data or with another length field.
        public static let lengthMismatch = Code(.lengthMismatch)
        /// Bytes follow the end announced by the record length.
        public static let trailingBytes = Code(.trailingBytes)
        /// A field holds a value outside its range or an undefined code.
        public static let invalidField = Code(.invalidField)
        /// A valid ISO construct this codec does not model (several representations, certification blocks in iris
        /// or face records, 3D face images…).
        public static let unsupportedFeature = Code(.unsupportedFeature)

        /// The code's name.
        public var description: String { value.rawValue }

        /// Lets `catch ISORecordError.Code.truncated` match any ``ISORecordError`` with that code.
        public static func ~= (pattern: Code, error: any Error) -> Bool {
            (error as? ISORecordError)?.code == pattern
        }
    }

    /// What went wrong.
    public let code: Code
    private let reason: String
    private let file: String
    private let line: Int

    /// Creates an error; `reason` must never contain image bytes.
    public init(_ code: Code, reason: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// Code, reason and origin; never image data.
    public var description: String { "ISORecordError.\(code): \(reason) (\(file):\(line))" }

    /// Equality compares the ``code`` only.
    public static func == (lhs: ISORecordError, rhs: ISORecordError) -> Bool { lhs.code == rhs.code }
}
