/// Where and how an `HTTPServer` listens.
public struct HTTPServerConfiguration: Sendable {
    /// The IPv4 literal to bind. The server binds exactly this address, never the wildcard.
    public var host: String = "127.0.0.1"
    /// The ports to try in order; the first that binds wins. `0...0` lets the kernel pick one (for tests).
    public var ports: ClosedRange<Int> = 4501...4600
    /// The largest request body kept; a larger body is read, discarded and flagged on the request.
    public var maxBodyBytes: Int = 1 << 20
    /// The most connections served at once; further connections are closed on accept.
    public var connectionLimit: Int = 256
    /// Seconds an idle connection is kept open.
    public var connectionTimeoutSeconds: Int = 120

    /// The defaults: 127.0.0.1, ports 4501...4600, 1 MiB bodies, 256 connections, 120 s idle timeout.
    public init() {}

    /// A configuration with every setting given.
    public init(
        host: String = "127.0.0.1",
        ports: ClosedRange<Int> = 4501...4600,
        maxBodyBytes: Int = 1 << 20,
        connectionLimit: Int = 256,
        connectionTimeoutSeconds: Int = 120
    ) {
        self.host = host
        self.ports = ports
        self.maxBodyBytes = maxBodyBytes
        self.connectionLimit = connectionLimit
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
    }
}
