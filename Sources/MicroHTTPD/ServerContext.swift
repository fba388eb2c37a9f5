internal import HTTPCore

/// What the C callbacks of one running daemon share. Passed to MHD retained (`Unmanaged.passRetained`) and
/// released by `HTTPServer` once `MHD_stop_daemon` has returned, so no callback can outlive it.
final class ServerContext: @unchecked Sendable {
    let responder: any HTTPResponder
    let maxBodyBytes: Int
    private let boundPort = Locked(0)
    private let streams = Locked(OpenStreams())

    private struct OpenStreams {
        var stopping = false
        var open: [ObjectIdentifier: StreamState] = [:]
    }

    init(responder: any HTTPResponder, maxBodyBytes: Int) {
        self.responder = responder
        self.maxBodyBytes = maxBodyBytes
    }

    /// The port the daemon listens on, as seen by requests.
    var localPort: Int {
        get { boundPort.withLock { $0 } }
        set { boundPort.withLock { $0 = newValue } }
    }

    /// Records an open stream so `closeAllStreams()` can reach it; false once the server is stopping.
    func register(_ stream: StreamState) -> Bool {
        streams.withLock { streams in
            guard !streams.stopping else { return false }
            streams.open[ObjectIdentifier(stream)] = stream
            return true
        }
    }

    func unregister(_ stream: StreamState) {
        _ = streams.withLock { $0.open.removeValue(forKey: ObjectIdentifier(stream)) }
    }

    /// Refuses new streams and closes every open one, so producers blocked in `next()` let their connection
    /// threads finish and `MHD_stop_daemon` can join them.
    func closeAllStreams() {
        let open = streams.withLock { streams -> [StreamState] in
            streams.stopping = true
            return Array(streams.open.values)
        }
        for stream in open { stream.finish() }
    }
}
