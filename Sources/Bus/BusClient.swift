import Dispatch
import Foundation
import Glibc
import ServiceKit
import Synchronization
public import Wire
import ZeroMQ

/// A thread-safe request/reply client for one stage endpoint.
///
/// Many threads (the gateway's connection threads) call concurrently; one I/O thread owns the DEALER socket,
/// sends queued requests and routes each reply to its caller by request id. A caller waits at most its timeout:
/// a stage that died mid-request costs that caller a `timeout` error, never a hang, and ZeroMQ reconnects on its
/// own when the supervisor restarts the stage.
public final class BusClient: Sendable {
    public let endpoint: String
    /// The I/O thread holds the core, never the client, so dropping the last reference to a client closes it.
    private let core: Core

    public init(endpoint: String) throws {
        self.endpoint = endpoint
        core = try Core(endpoint: endpoint)
    }

    deinit {
        core.close()
    }

    /// Sends `request` and waits for its reply.
    /// - Throws: `ErrorReply` from the stage, `ErrorReply(.timeout)` after `timeout` seconds, `WireError` for a
    ///   malformed reply.
    public func call<Reply: BusMessage>(_ request: some BusMessage, expecting: Reply.Type, timeout: Double = 5) throws -> Reply {
        try core.roundTrip(request, timeout: timeout).decode(Reply.self)
    }

    public func roundTrip(_ request: some BusMessage, timeout: Double) throws -> Envelope {
        try core.roundTrip(request, timeout: timeout)
    }

    /// Waits until the stage answers a ping, for up to `timeout` seconds.
    public func waitUntilReachable(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? call(Ping(), expecting: Pong.self, timeout: min(0.5, max(0.05, deadline.timeIntervalSinceNow)))) != nil {
                return true
            }
        }
        return false
    }

    /// Fails every pending call, stops the I/O thread and closes the socket. Idempotent.
    public func close() { core.close() }
}

private final class Core: Sendable {
    let endpoint: String

    private final class Slot: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var reply: Envelope?
    }

    private struct State {
        var outbox: [Envelope] = []
        var pending: [UInt64: Slot] = [:]
        var closed = false
    }

    private let state = Mutex(State())
    private let nextId = Atomic<UInt64>(1)
    /// Callers wake the I/O thread out of `zmq_poll` after queueing a request.
    private let wakePipe: WakePipe
    private let finished = DispatchSemaphore(value: 0)

    init(endpoint: String) throws {
        self.endpoint = endpoint
        wakePipe = try WakePipe()
        let socket = try ZMQSocket(type: .dealer)
        try socket.setLinger(milliseconds: 0)
        try socket.connect(endpoint)
        let box = UncheckedBox(socket)
        Thread.detachNewThread { [self] in self.ioLoop(box.value) }
    }

    func roundTrip(_ request: some BusMessage, timeout: Double) throws -> Envelope {
        let id = nextId.add(1, ordering: .relaxed).oldValue
        let slot = Slot()
        let accepted = state.withLock { s -> Bool in
            guard !s.closed else { return false }
            s.pending[id] = slot
            s.outbox.append(Envelope(request, requestId: id))
            return true
        }
        guard accepted else { throw ErrorReply(.unavailable, "bus client for \(endpoint) is closed") }
        wake()
        if slot.done.wait(timeout: .now() + timeout) == .timedOut {
            let late = state.withLock { $0.pending.removeValue(forKey: id) == nil }
            // The reply raced the timeout: the I/O thread already signalled, so take it.
            if late { slot.done.wait() } else {
                throw ErrorReply(.timeout, "no reply from \(endpoint) within \(timeout)s")
            }
        }
        guard let reply = slot.reply else { throw ErrorReply(.unavailable, "bus client for \(endpoint) closed") }
        return reply
    }

    func close() {
        let slots = state.withLock { s -> [Slot]? in
            guard !s.closed else { return nil }
            s.closed = true
            defer { s.pending = [:] }
            return Array(s.pending.values)
        }
        guard let slots else { return }
        slots.forEach { $0.done.signal() }
        wake()
        finished.wait()
        wakePipe.close()
    }

    private func wake() { wakePipe.wake() }

    private func ioLoop(_ socket: ZMQSocket) {
        defer {
            socket.close()
            finished.signal()
        }
        while true {
            let (outbox, closed) = state.withLock { s in
                defer { s.outbox = [] }
                return (s.outbox, s.closed)
            }
            if closed { return }
            for envelope in outbox {
                let sent = (try? socket.send(envelope.frames, dontWait: true)) ?? false
                if !sent { fail(envelope.requestId, ErrorReply(.unavailable, "\(endpoint) not accepting requests")) }
            }
            guard let ready = try? Poller.poll([(.socket(socket), .readable), (.fileDescriptor(wakePipe.readDescriptor), .readable)],
                                               timeoutMilliseconds: 1000) else { continue }
            if ready[1].contains(.readable) { wakePipe.drain() }
            if ready[0].contains(.readable) {
                while let frames = try? socket.receive(dontWait: true) {
                    guard let envelope = try? Envelope(frames: frames) else { continue }
                    deliver(envelope)
                }
            }
        }
    }

    private func deliver(_ envelope: Envelope) {
        guard let slot = state.withLock({ $0.pending.removeValue(forKey: envelope.requestId) }) else { return }
        slot.reply = envelope
        slot.done.signal()
    }

    private func fail(_ id: UInt64, _ error: ErrorReply) {
        deliver(Envelope.failure(error, requestId: id))
    }
}

private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
