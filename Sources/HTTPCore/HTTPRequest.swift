/// One HTTP request as received by a server, body included.
public struct HTTPRequest: Sendable {
    /// The method token exactly as sent, case included: `MOSIPDISC`, `CAPTURE`, `GET`…
    public var method: String
    /// The path part of the request target, percent-decoded by the server, without the query.
    public var path: String
    /// The raw query (after `?`, not decoded), or nil when the target has no `?`.
    public var query: String?
    /// The request header fields, in the order received.
    public var headers: HTTPHeaders
    /// The request body; empty when there is none or when it was larger than the server's limit.
    public var body: [UInt8]
    /// True when the body was larger than the configured limit: `body` is then empty and the rest of the upload
    /// was read and discarded, so the responder can still answer with an application-level error.
    public var bodyExceededLimit: Bool
    /// The local port the request arrived on.
    public var localPort: Int

    /// A request with every part given.
    public init(
        method: String,
        path: String,
        query: String? = nil,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        bodyExceededLimit: Bool = false,
        localPort: Int = 0
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.bodyExceededLimit = bodyExceededLimit
        self.localPort = localPort
    }
}
