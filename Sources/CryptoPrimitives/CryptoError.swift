internal import COpenSSL

/// An error from a cryptographic operation.
///
/// Two errors are equal when their ``code``s are equal; the reason text (which includes the drained OpenSSL
/// error queue) is for logs only. The description never contains key bytes or plaintext.
public struct CryptoError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The kind of operation that failed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// Generating a key failed.
        public static let keyGeneration = Code("keyGeneration")
        /// Signing failed.
        public static let sign = Code("sign")
        /// Verification could not be carried out (a merely invalid signature is `false`, not an error).
        public static let verify = Code("verify")
        /// Encryption failed.
        public static let encrypt = Code("encrypt")
        /// Decryption or authentication failed.
        public static let decrypt = Code("decrypt")
        /// Parsing a key, certificate or PEM/DER input failed.
        public static let parse = Code("parse")
        /// Encoding a key or certificate failed.
        public static let encode = Code("encode")
        /// Building or inspecting a certificate failed.
        public static let certificate = Code("certificate")
        /// A certificate chain did not verify.
        public static let chain = Code("chain")
        /// The random number generator failed.
        public static let random = Code("random")
        /// An argument was out of range (wrong key or IV length, unsupported key type, ...).
        public static let invalidArgument = Code("invalidArgument")

        /// The code's name, e.g. `"parse"`.
        public var description: String { name }
    }

    /// What kind of operation failed.
    public let code: Code
    /// Human-readable detail, including OpenSSL's error queue text at the time of failure.
    private let reason: String

    /// Creates an error with a code and a reason. The reason must not contain secrets.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `"<code>: <reason>"`.
    public var description: String { "\(code): \(reason)" }

    /// Compares codes only.
    public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }

    /// An error whose reason is `reason` followed by the drained OpenSSL error queue of this thread.
    static func openSSL(_ code: Code, _ reason: String) -> CryptoError {
        let queue = OpenSSLErrorQueue.drain()
        return CryptoError(code, queue.isEmpty ? reason : "\(reason) [\(queue)]")
    }
}

/// OpenSSL's per-thread error queue.
enum OpenSSLErrorQueue {
    /// Empties the queue and returns its entries' text joined by `"; "` (at most 8 entries kept).
    /// The corresponding C function is `ERR_get_error`.
    static func drain() -> String {
        var entries: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if entries.count < 8 {
                var buffer = [CChar](repeating: 0, count: 256)
                ERR_error_string_n(code, &buffer, buffer.count)
                entries.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
        }
        return entries.joined(separator: "; ")
    }

    /// Discards queued errors (after an expected failure such as an invalid signature).
    /// The corresponding C function is `ERR_clear_error`.
    static func clear() { ERR_clear_error() }
}
