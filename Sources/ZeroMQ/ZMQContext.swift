internal import CZeroMQ

/// A libzmq context: the I/O threads and in-process (`inproc://`) namespace shared by its sockets.
///
/// Every `ZMQSocket` retains its context, so a context is only terminated (in `deinit`) after all of its
/// sockets have been closed and released. Thread-safe, as libzmq contexts are.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    /// Creates a new context.
    /// The corresponding C function is `zmq_ctx_new`.
    public init() throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw ZMQError(code: zmq_errno()) }
        self.handle = handle
    }

    /// The process-wide context used by sockets created without an explicit one. Never terminated.
    public static let shared: ZMQContext = {
        do {
            return try ZMQContext()
        } catch {
            fatalError("cannot create the shared ZeroMQ context: \(error)")
        }
    }()

    /// The version of the linked libzmq as (major, minor, patch).
    /// The corresponding C function is `zmq_version`.
    public static var version: (Int, Int, Int) {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (Int(major), Int(minor), Int(patch))
    }

    deinit {
        // No socket can be alive here (each retains us), so this returns once lingering messages are done.
        _ = try? ZMQCall.attempt { zmq_ctx_term(handle) }
    }
}
