/// Why an `HTTPServer` could not start.
public struct HTTPServerError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The kind of failure; errors compare equal by code.
    public enum Code: String, Sendable {
        /// No port in the configured range could be bound.
        case noFreePort
        /// The host is not an IPv4 literal.
        case invalidHost
        /// A setting is out of range (ports outside 0...65535, negative limits…).
        case invalidConfiguration
        /// `start()` was called on a server that is already running.
        case alreadyRunning
    }

    /// The kind of failure.
    public let code: Code
    private let reason: String

    /// An error of `code` without detail, e.g. to compare a caught error against.
    public init(_ code: Code) {
        self.init(code, "")
    }

    init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The code, with the reason when there is one.
    public var description: String {
        reason.isEmpty ? "HTTP server \(code.rawValue)" : "HTTP server \(code.rawValue): \(reason)"
    }

    /// Errors are equal when their codes are.
    public static func == (lhs: HTTPServerError, rhs: HTTPServerError) -> Bool { lhs.code == rhs.code }
}
