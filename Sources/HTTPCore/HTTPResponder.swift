/// Turns one request into one response.
public protocol HTTPResponder: Sendable {
    /// Answers `request`. Synchronous, called on the connection's own thread; may block for a long time (up to
    /// a minute for a biometric capture) without holding up other connections.
    func respond(to request: HTTPRequest) -> HTTPResponse
}
