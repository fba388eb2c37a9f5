import Dispatch
import Glibc
public import ServiceKit
import Synchronization
public import Wire
import ZeroMQ

/// Answers bus requests. Requests that arrived together are handed over as one batch, so a stage can amortise
/// work across them (the journal commits a whole batch with one fsync); the reply for each comes back in order.
public protocol BusResponder: Sendable {
    func respond(to requests: [Envelope]) -> [Envelope]
}

/// Answers bus requests later, from any thread, so the server keeps receiving while earlier batches are answered
/// (the journal commits one batch while the next arrives).
public protocol BusDeferredResponder: Sendable {
    /// Starts answering `requests` (one batch, as for ``BusResponder``); `reply` must be called exactly once, from any
    /// thread, with one reply per request in order.
    func respond(to requests: [Envelope], reply: @escaping @Sendable ([Envelope]) -> Void)
}

/// A ROUTER socket bound at a stage's endpoint, served from one thread.
///
/// ZeroMQ sockets are single-owner, so the server's loop owns its socket for its whole life; `run` returns after
/// `shutdown` trips and closes the socket (libzmq then removes the `ipc://` file). A deferred responder's replies
/// are handed back through a queue and a wake-up pipe and sent by the loop; when `shutdown` trips, the loop stops
/// taking requests and sends the replies still owed (waiting at most `drainTimeout`).
public final class BusServer: @unchecked Sendable {
    public let endpoint: String
    private let socket: ZMQSocket
    private enum Responder {
        case immediate(any BusResponder)
        case deferred(any BusDeferredResponder)
    }
    private let responder: Responder
    private let logger: Logger
    /// Deferred replies ready to send, and the number of batches still owed one.
    private let completed = Mutex<(ready: [(identities: [[UInt8]], replies: [Envelope])], owed: Int)>(([], 0))
    private let wakePipe: WakePipe
    /// How long `run` waits, after `shutdown` trips, for deferred replies still owed.
    public var drainTimeout = 5.0
    /// Most requests taken per batch.
    public var maxBatch = 512
    /// Called on the server's thread after each batch and at least every 100 ms: housekeeping that must not race an
    /// immediate responder.
    public var tick: (() -> Void)?

    public convenience init(endpoint: String, responder: any BusResponder, logger: Logger) throws {
        try self.init(endpoint: endpoint, responder: .immediate(responder), logger: logger)
    }

    public convenience init(endpoint: String, deferredResponder: any BusDeferredResponder, logger: Logger) throws {
        try self.init(endpoint: endpoint, responder: .deferred(deferredResponder), logger: logger)
    }

    private init(endpoint: String, responder: Responder, logger: Logger) throws {
        self.endpoint = endpoint
        self.responder = responder
        self.logger = logger
        socket = try ZMQSocket(type: .router)
        try socket.setLinger(milliseconds: 0)
        try socket.setRouterMandatory(true)
        try socket.bind(endpoint)
        wakePipe = try WakePipe()
    }

    deinit { wakePipe.close() }  // not in `run`: a deferred reply finishing late still wakes a valid pipe

    /// The endpoint actually bound (resolves `tcp://127.0.0.1:*`).
    public var boundEndpoint: String { (try? socket.lastEndpoint) ?? endpoint }

    public func run(until shutdown: ShutdownSignal) {
        defer {
            socket.close()
            // libzmq unlinks an ipc:// file only when its I/O thread gets to it, which an exiting process may not
            // wait for: remove it here so a clean stop leaves no stale socket behind.
            if endpoint.hasPrefix("ipc://") { unlink(String(endpoint.dropFirst("ipc://".count))) }
        }
        while !shutdown.isTripped {
            do {
                let ready = try Poller.poll([(.socket(socket), .readable), (.fileDescriptor(wakePipe.readDescriptor), .readable)],
                                            timeoutMilliseconds: 100)
                defer { tick?() }
                if ready[1].contains(.readable) {
                    wakePipe.drain()
                    sendCompleted()
                }
                guard ready[0].contains(.readable) else { continue }
                var batch: [(identity: [UInt8], envelope: Envelope)] = []
                while batch.count < maxBatch, let frames = try socket.receive(dontWait: true) {
                    guard frames.count >= 1 else { continue }
                    let identity = frames[0]
                    do {
                        batch.append((identity, try Envelope(frames: frames.dropFirst())))
                    } catch {
                        logger.warning("bus frame rejected", [("bus.endpoint", endpoint), ("error", "\(error)")])
                    }
                }
                guard !batch.isEmpty else { continue }
                switch responder {
                case let .immediate(responder):
                    send(batch.map(\.identity), responder.respond(to: batch.map(\.envelope)))
                case let .deferred(responder):
                    let identities = batch.map(\.identity)
                    completed.withLock { $0.owed += 1 }
                    responder.respond(to: batch.map(\.envelope)) { [self] replies in
                        completed.withLock {
                            $0.ready.append((identities, replies))
                            $0.owed -= 1
                        }
                        wakePipe.wake()
                    }
                }
            } catch {
                logger.error("bus server loop error", [("bus.endpoint", endpoint), ("error", "\(error)")])
                if shutdown.wait(timeout: 0.1) { break }
            }
        }
        drainDeferred()
    }

    /// Sends every deferred reply that is ready.
    private func sendCompleted() {
        let ready = completed.withLock { state in
            defer { state.ready = [] }
            return state.ready
        }
        for (identities, replies) in ready { send(identities, replies) }
    }

    /// After shutdown: the replies still owed, for at most `drainTimeout` (callers of an answered request must not
    /// be left to time out on a request that was done).
    private func drainDeferred() {
        let deadline = DispatchTime.now() + drainTimeout
        while completed.withLock({ $0.owed > 0 }) && DispatchTime.now() < deadline {
            _ = try? Poller.poll([(.fileDescriptor(wakePipe.readDescriptor), .readable)], timeoutMilliseconds: 50)
            wakePipe.drain()
            sendCompleted()
        }
        sendCompleted()
    }

    private func send(_ identities: [[UInt8]], _ replies: [Envelope]) {
        for (identity, reply) in zip(identities, replies) {
            do {
                _ = try socket.send([identity] + reply.frames, dontWait: true)
            } catch {
                // The caller went away (ROUTER_MANDATORY → EHOSTUNREACH); it has timed out already.
                logger.debug("bus reply undeliverable", [("bus.endpoint", endpoint), ("error", "\(error)")])
            }
        }
    }
}

/// A responder built from one closure per message, for stages that answer each request on its own.
public struct RequestHandlers: BusResponder {
    public typealias Handler = @Sendable (Envelope) throws -> any BusMessage
    private let handlers: [MessageKind: Handler]
    private let stage: String

    public init(stage: String, _ handlers: [MessageKind: Handler]) {
        var all = handlers
        all[Ping.kind] = { _ in Pong(stage: stage, processId: UInt32(getpid())) }
        self.handlers = all
        self.stage = stage
    }

    public func respond(to requests: [Envelope]) -> [Envelope] {
        requests.map { request in
            guard let handler = handlers[request.kind] else {
                return .failure(ErrorReply(.unsupported, "\(stage) does not handle \(request.kind)"), requestId: request.requestId)
            }
            do {
                return Envelope(try handler(request), requestId: request.requestId)
            } catch let error as ErrorReply {
                return .failure(error, requestId: request.requestId)
            } catch let error as WireError {
                return .failure(ErrorReply(.badRequest, "\(error)"), requestId: request.requestId)
            } catch {
                return .failure(ErrorReply(.internalError, "\(error)"), requestId: request.requestId)
            }
        }
    }
}
