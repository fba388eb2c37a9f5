public import HTTPCore

/// The gateway's front door: DNS-rebinding and CORS rules, applied before any routing (DESIGN.md "Security stance";
/// security-operations-quality.md §1).
public struct RequestPolicy: Sendable {
    /// The MOSIP methods, echoed in exact case in preflights: browsers match non-standard methods byte for byte.
    public static let mosipMethods = ["MOSIPDISC", "MOSIPDINFO", "CAPTURE", "RCAPTURE", "STREAM"]

    public let port: Int
    public let allowedOrigins: Set<String>

    public init(port: Int, allowedOrigins: [String]) {
        self.port = port
        self.allowedOrigins = Set(allowedOrigins)
    }

    public enum Verdict: Equatable, Sendable {
        /// Serve it; when `corsOrigin` is set, add CORS headers for that (allowed) origin.
        case proceed(corsOrigin: String?)
        /// Answer this response and do nothing else.
        case answer(status: Int, headers: [(String, String)])

        public static func == (a: Verdict, b: Verdict) -> Bool {
            switch (a, b) {
            case let (.proceed(x), .proceed(y)): x == y
            case let (.answer(s1, h1), .answer(s2, h2)): s1 == s2 && h1.elementsEqual(h2, by: { $0 == $1 })
            default: false
            }
        }
    }

    /// Only `127.0.0.1:<port>` and `localhost:<port>` name this service. Anything else is a rebinding attempt
    /// (a page whose own host name now resolves to 127.0.0.1) or a misdirected request: 403, preflights included.
    public func hostIsAllowed(_ host: String?) -> Bool {
        guard let host else { return false }
        let lowered = host.lowercased()
        return lowered == "127.0.0.1:\(port)" || lowered == "localhost:\(port)"
    }

    public func evaluate(_ request: HTTPRequest) -> Verdict {
        guard hostIsAllowed(request.headers["Host"]) else { return .answer(status: 403, headers: []) }
        let origin = request.headers["Origin"]
        if let origin, !allowedOrigins.contains(origin) {
            // A page from an origin nobody configured: refuse outright. Browsers would hide the answer anyway, but a
            // GET (e.g. a future /stream preview) is not preflighted, so the server must not act on it.
            return .answer(status: 403, headers: [("Vary", "Origin")])
        }
        if request.method == "OPTIONS" {
            guard let origin else {
                return .answer(status: 204, headers: [("Allow", (["OPTIONS"] + Self.mosipMethods).joined(separator: ", "))])
            }
            var headers: [(String, String)] = [
                ("Access-Control-Allow-Origin", origin),
                ("Vary", "Origin"),
                ("Access-Control-Allow-Methods", Self.mosipMethods.joined(separator: ", ")),
                ("Access-Control-Allow-Headers", "Content-Type"),
                ("Access-Control-Max-Age", "600"),
            ]
            if request.headers["Access-Control-Request-Private-Network"]?.lowercased() == "true" {
                headers.append(("Access-Control-Allow-Private-Network", "true"))
            }
            return .answer(status: 204, headers: headers)
        }
        return .proceed(corsOrigin: origin)
    }
}
