/// One HTTP response: status, header fields and a body of known bytes or a stream.
///
/// `Content-Length` (or chunked framing for a stream) is added by the server; any `Content-Length` set here is
/// ignored. `Connection: close` is honoured.
public struct HTTPResponse: Sendable {
    /// The body of a response.
    public enum Body: Sendable {
        /// A body known in full.
        case bytes([UInt8])
        /// A body of unknown length, written piece by piece as the stream produces it.
        case stream(any HTTPBodyStream)
    }

    /// The status code, 100...999.
    public var status: Int
    /// The response header fields, sent in this order.
    public var headers: HTTPHeaders
    /// The body.
    public var body: Body

    /// A response with every part given.
    public init(status: Int = 200, headers: HTTPHeaders = [:], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose body is `bytes`, labelled with `contentType` when given.
    public static func bytes(_ bytes: [UInt8], contentType: String? = nil, status: Int = 200) -> HTTPResponse {
        var headers = HTTPHeaders()
        if let contentType { headers.add(name: "Content-Type", value: contentType) }
        return HTTPResponse(status: status, headers: headers, body: .bytes(bytes))
    }

    /// A JSON response: `Content-Type: application/json`.
    public static func json(_ bytes: [UInt8], status: Int = 200) -> HTTPResponse {
        .bytes(bytes, contentType: "application/json", status: status)
    }

    /// A UTF-8 plain-text response.
    public static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        .bytes(Array(text.utf8), contentType: "text/plain; charset=utf-8", status: status)
    }

    /// A response without a body.
    public static func empty(status: Int = 204) -> HTTPResponse {
        HTTPResponse(status: status)
    }

    /// A streamed response, labelled with `contentType` (e.g. `multipart/x-mixed-replace; boundary=…`).
    public static func stream(_ stream: any HTTPBodyStream, contentType: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: .stream(stream))
    }
}
