internal import CZeroMQ
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The one place that interprets libzmq's return convention (`-1` and `zmq_errno()` on failure).
enum ZMQCall {
    /// Runs `body`, retrying while it fails with `EINTR`.
    /// - Returns: the non-negative result, or `nil` when the call failed with `EAGAIN` (would block / timed out).
    /// - Throws: any other failure as a `ZMQError`.
    static func attempt(_ body: () -> Int32) throws(ZMQError) -> Int32? {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = zmq_errno()
            if code == EINTR { continue }
            if code == EAGAIN { return nil }
            throw ZMQError(code: code)
        }
    }

    /// Like `attempt`, for calls where `EAGAIN` is not an expected outcome: it is thrown as `ZMQError.again`.
    @discardableResult
    static func check(_ body: () -> Int32) throws(ZMQError) -> Int32 {
        guard let result = try attempt(body) else { throw .again }
        return result
    }
}
