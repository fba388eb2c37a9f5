/// An error from building or checking a transparency-log artefact (proof request, checkpoint, signed note, key).
///
/// A proof that merely fails to verify is `false` from the `verify…` functions, not an error. Two errors are equal
/// when their ``code``s are equal; the reason text is for logs only and never contains key material.
public struct TransparencyError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of input was rejected.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// An index, tree size or hash length outside what the operation accepts (e.g. index ≥ size, old > new).
        public static let invalidArgument = Code("invalidArgument")
        /// A signed note that does not follow c2sp.org/signed-note (bad UTF-8, control characters, no blank line
        /// before the signatures, malformed signature line, bad key name, too many signatures).
        public static let malformedNote = Code("malformedNote")
        /// A signed note with no signature from any known key (c2sp.org/signed-note: "clients MUST reject the note").
        public static let unverifiedNote = Code("unverifiedNote")
        /// A signature by a known key (same name and key ID) that does not verify; the whole note is rejected.
        public static let invalidSignature = Code("invalidSignature")
        /// A checkpoint body that does not follow c2sp.org/tlog-checkpoint, or a checkpoint from another origin.
        public static let malformedCheckpoint = Code("malformedCheckpoint")
        /// A verifier key string that is not `name+hex(key ID)+base64(0x01 ‖ public key)`, or whose key ID does not
        /// match its name and key.
        public static let malformedVerifierKey = Code("malformedVerifierKey")
        /// Signing a note failed (the underlying ``CryptoPrimitives/CryptoError`` is in the reason).
        public static let sign = Code("sign")

        /// The code's name, e.g. `"malformedNote"`.
        public var description: String { name }
    }

    /// What kind of input was rejected.
    public let code: Code
    /// Human-readable detail.
    private let reason: String

    /// Creates an error with a code and a reason. The reason must not contain secrets.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `"<code>: <reason>"`.
    public var description: String { "\(code): \(reason)" }

    /// Compares codes only.
    public static func == (lhs: TransparencyError, rhs: TransparencyError) -> Bool { lhs.code == rhs.code }
}
