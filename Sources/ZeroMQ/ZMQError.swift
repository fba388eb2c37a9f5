internal import CZeroMQ
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// An error reported by libzmq, identified by its `errno` value.
///
/// Two errors are equal when their codes are equal. The description is libzmq's text for the code and never
/// contains message bytes.
public struct ZMQError: Error, CustomStringConvertible, Equatable {
    /// The `errno` value libzmq reported (POSIX or one of libzmq's own, such as `ETERM`).
    public let code: Int32

    /// Wraps an `errno` value.
    public init(code: Int32) {
        self.code = code
    }

    /// libzmq's text for the code, followed by the code.
    /// The corresponding C function is `zmq_strerror`.
    public var description: String {
        "\(String(cString: zmq_strerror(code))) (errno \(code))"
    }

    /// The operation would block (non-blocking call, or a send/receive timeout elapsed).
    public static let again = ZMQError(code: EAGAIN)
    /// The context was terminated while the call was in progress.
    public static let terminated = ZMQError(code: ETERM)
    /// A call was interrupted by a signal before it completed.
    public static let interrupted = ZMQError(code: EINTR)
    /// A ROUTER with `routerMandatory` was asked to send to an identity it does not know.
    public static let hostUnreachable = ZMQError(code: EHOSTUNREACH)
    /// The socket is closed (or was never valid).
    public static let notSocket = ZMQError(code: ENOTSOCK)
    /// The endpoint is already bound by another socket or process.
    public static let addressInUse = ZMQError(code: EADDRINUSE)
    /// The requested address (e.g. interface) is not available.
    public static let addressNotAvailable = ZMQError(code: EADDRNOTAVAIL)
    /// The endpoint's transport is not supported.
    public static let protocolNotSupported = ZMQError(code: EPROTONOSUPPORT)
    /// An argument (endpoint syntax, option value, …) was invalid.
    public static let invalidArgument = ZMQError(code: EINVAL)
    /// The operation is not valid in the socket's current state (e.g. REQ sending twice).
    public static let finiteStateMachine = ZMQError(code: EFSM)
    /// The endpoint was not bound or connected by this socket (on unbind or disconnect).
    public static let noEntry = ZMQError(code: ENOENT)
}
