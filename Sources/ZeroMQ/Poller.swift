internal import CZeroMQ

/// Events to wait for, or that occurred, on a poll target.
public struct PollEvents: OptionSet, Sendable, Hashable {
    public let rawValue: Int16

    public init(rawValue: Int16) {
        self.rawValue = rawValue
    }

    /// A message can be received (or the descriptor read) without blocking (`ZMQ_POLLIN`).
    public static let readable = PollEvents(rawValue: Int16(ZMQ_POLLIN))
    /// A message can be sent (or the descriptor written) without blocking (`ZMQ_POLLOUT`).
    public static let writable = PollEvents(rawValue: Int16(ZMQ_POLLOUT))
    /// An error condition on a file descriptor (`ZMQ_POLLERR`); never set for ZeroMQ sockets.
    public static let error = PollEvents(rawValue: Int16(ZMQ_POLLERR))
}

/// Something `Poller.poll` can wait on.
public enum PollTarget: Sendable {
    /// A ZeroMQ socket (which must not be used by another thread during the poll).
    case socket(ZMQSocket)
    /// A plain POSIX file descriptor, such as a pipe or eventfd.
    case fileDescriptor(Int32)
}

/// Waits on several sockets and file descriptors at once.
public enum Poller {
    /// Waits until at least one target has one of its requested events, or the timeout elapses.
    /// Interrupted waits (`EINTR`) are resumed for the remaining time.
    /// - Parameter timeoutMilliseconds: 0 returns at once, -1 waits indefinitely.
    /// - Returns: the events that occurred, in the same order as `targets` (empty sets where none did).
    /// - Throws: `ZMQError.notSocket` if a target socket is closed, `.terminated` if its context is.
    /// The corresponding C function is `zmq_poll`.
    public static func poll(
        _ targets: [(PollTarget, PollEvents)], timeoutMilliseconds: Int
    ) throws(ZMQError) -> [PollEvents] {
        var items: [zmq_pollitem_t] = []
        items.reserveCapacity(targets.count)
        for (target, events) in targets {
            switch target {
            case .socket(let socket):
                items.append(zmq_pollitem_t(socket: try socket.handle, fd: 0, events: events.rawValue, revents: 0))
            case .fileDescriptor(let fd):
                items.append(zmq_pollitem_t(socket: nil, fd: fd, events: events.rawValue, revents: 0))
            }
        }
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds > 0 ? clock.now.advanced(by: .milliseconds(timeoutMilliseconds)) : nil
        _ = try ZMQCall.check {
            var timeout = timeoutMilliseconds
            if let deadline {
                timeout = max(0, Int((clock.now.duration(to: deadline) / .milliseconds(1)).rounded(.up)))
            }
            return items.withUnsafeMutableBufferPointer { zmq_poll($0.baseAddress, Int32($0.count), timeout) }
        }
        withExtendedLifetime(targets) {}  // the sockets' handles stay open until zmq_poll returns
        return items.map { PollEvents(rawValue: $0.revents) }
    }
}
