internal import CZeroMQ

/// A libzmq socket.
///
/// **Not thread-safe**: like the underlying libzmq socket, it must be used by one thread at a time (hand it over
/// between threads only with a full memory barrier, e.g. through a lock or a queue). It is `Sendable` only so an
/// owner can move it to the thread that will use it.
///
/// A closed socket throws `ZMQError.notSocket` from every operation. `deinit` closes the socket.
public final class ZMQSocket: @unchecked Sendable {
    /// The context this socket belongs to; retained so it outlives the socket.
    public let context: ZMQContext
    /// The socket's pattern role.
    public let type: SocketType
    private var rawHandle: UnsafeMutableRawPointer?

    /// Creates a socket of `type` in `context`, with `linger` set to 0 so closing never blocks on unsent messages.
    /// The corresponding C function is `zmq_socket`.
    public init(_ context: ZMQContext = .shared, type: SocketType) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, type.rawValue) else { throw ZMQError(code: zmq_errno()) }
        self.context = context
        self.type = type
        self.rawHandle = handle
        try setLinger(milliseconds: 0)
    }

    deinit {
        close()
    }

    /// The live libzmq handle, or `ZMQError.notSocket` once closed.
    var handle: UnsafeMutableRawPointer {
        get throws(ZMQError) {
            guard let rawHandle else { throw .notSocket }
            return rawHandle
        }
    }

    /// Whether `close()` has been called.
    public var isClosed: Bool { rawHandle == nil }

    /// Closes the socket. Idempotent; later operations throw `ZMQError.notSocket`.
    /// The corresponding C function is `zmq_close`.
    public func close() {
        guard let rawHandle else { return }
        self.rawHandle = nil
        zmq_close(rawHandle)
    }

    /// Binds to `endpoint` (`tcp://127.0.0.1:*`, `ipc:///path`, `inproc://name`, …).
    /// Read `lastEndpoint` for the resolved address of a wildcard port.
    /// The corresponding C function is `zmq_bind`.
    public func bind(_ endpoint: String) throws(ZMQError) {
        let socket = try handle
        try ZMQCall.check { zmq_bind(socket, endpoint) }
    }

    /// Removes a binding made with `bind` (pass the resolved endpoint for wildcard binds).
    /// The corresponding C function is `zmq_unbind`.
    public func unbind(_ endpoint: String) throws(ZMQError) {
        let socket = try handle
        try ZMQCall.check { zmq_unbind(socket, endpoint) }
    }

    /// Connects to `endpoint`. Connection happens in the background; messages queue until it is up
    /// (unless `immediate` is set).
    /// The corresponding C function is `zmq_connect`.
    public func connect(_ endpoint: String) throws(ZMQError) {
        let socket = try handle
        try ZMQCall.check { zmq_connect(socket, endpoint) }
    }

    /// Removes a connection made with `connect`.
    /// The corresponding C function is `zmq_disconnect`.
    public func disconnect(_ endpoint: String) throws(ZMQError) {
        let socket = try handle
        try ZMQCall.check { zmq_disconnect(socket, endpoint) }
    }

    /// The endpoint most recently bound or connected, with wildcard ports resolved (`ZMQ_LAST_ENDPOINT`).
    /// The corresponding C function is `zmq_getsockopt`.
    public var lastEndpoint: String {
        get throws(ZMQError) {
            let socket = try handle
            var buffer = [CChar](repeating: 0, count: 1024)
            var size = buffer.count
            try ZMQCall.check { zmq_getsockopt(socket, ZMQ_LAST_ENDPOINT, &buffer, &size) }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
