internal import CMicroHTTPD
public import HTTPCore

/// An HTTP/1.1 server on libmicrohttpd that hands every request, whatever its method, to one responder.
///
/// Each connection gets its own thread, so a responder that blocks (a 60 s capture) or a long stream never
/// holds up other connections. The server binds exactly the configured IPv4 address and logs nothing.
public final class HTTPServer: @unchecked Sendable {
    private let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let running = Locked<Running?>(nil)

    private struct Running {
        let daemon: OpaquePointer
        let context: Unmanaged<ServerContext>
        let port: Int
    }

    /// A server that is not listening yet.
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
    }

    deinit {
        stop()
    }

    /// The bound port while running, else nil.
    public var port: Int? {
        running.withLock { $0?.port }
    }

    /// Binds the first free port of the configured range and starts serving. Returns the bound port.
    ///
    /// Throws `.noFreePort` when no port of the range binds, `.invalidHost`, `.invalidConfiguration` or
    /// `.alreadyRunning`.
    @discardableResult
    public func start() throws(HTTPServerError) -> Int {
        let result = running.withLock { running -> Result<Int, HTTPServerError> in
            if let current = running {
                return .failure(HTTPServerError(.alreadyRunning, "already listening on port \(current.port)"))
            }
            return startDaemon().map { started in
                running = started
                return started.port
            }
        }
        return try result.get()
    }

    /// Stops listening, closes open streams, and waits for every connection thread to end (a responder still
    /// running is waited for). Idempotent. Must not be called from inside the responder.
    public func stop() {
        guard let stopped = running.withLock({ running -> Running? in
            defer { running = nil }
            return running
        }) else { return }
        stopped.context.takeUnretainedValue().closeAllStreams()
        MHD_stop_daemon(stopped.daemon)
        stopped.context.release()
    }

    private func startDaemon() -> Result<Running, HTTPServerError> {
        let config = configuration
        guard config.ports.lowerBound >= 0, config.ports.upperBound <= 65535 else {
            return .failure(HTTPServerError(.invalidConfiguration, "ports \(config.ports) outside 0...65535"))
        }
        guard config.maxBodyBytes >= 0, config.connectionLimit > 0,
            config.connectionLimit <= Int(UInt32.max), config.connectionTimeoutSeconds >= 0,
            config.connectionTimeoutSeconds <= Int(UInt32.max)
        else {
            return .failure(HTTPServerError(.invalidConfiguration, "negative or oversized limit"))
        }
        guard ipv4SocketAddress(host: config.host, port: 0) != nil else {
            return .failure(HTTPServerError(.invalidHost, "\(config.host) is not an IPv4 literal"))
        }

        let context = Unmanaged.passRetained(ServerContext(responder: responder, maxBodyBytes: config.maxBodyBytes))
        let flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_THREAD_PER_CONNECTION.rawValue
            | MHD_USE_POLL.rawValue | MHD_USE_ITC.rawValue
        for port in config.ports {
            guard var address = ipv4SocketAddress(host: config.host, port: port) else { continue }
            // Known before the first request can arrive, except for port 0 (set below; no client knows it yet).
            context.takeUnretainedValue().localPort = port
            let daemon = mds_mhd_start_daemon(
                UInt32(flags), &address, UInt32(config.connectionLimit), UInt32(config.connectionTimeoutSeconds),
                Callbacks.access, context.toOpaque(),
                Callbacks.requestCompleted, nil,
                Callbacks.uriLog, nil)
            guard let daemon else { continue }
            let bound = Int(mds_mhd_bound_port(daemon))
            let actual = bound != 0 ? bound : port
            context.takeUnretainedValue().localPort = actual
            return .success(Running(daemon: daemon, context: context, port: actual))
        }
        context.release()
        return .failure(HTTPServerError(.noFreePort, "no port of \(config.ports) binds on \(config.host)"))
    }
}
