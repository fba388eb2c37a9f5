import Glibc
public import ServiceKit
public import Wire
import ZeroMQ

/// Answers bus requests. Requests that arrived together are handed over as one batch, so a stage can amortise
/// work across them (the journal commits a whole batch with one fsync); the reply for each comes back in order.
public protocol BusResponder: Sendable {
    func respond(to requests: [Envelope]) -> [Envelope]
}

/// A ROUTER socket bound at a stage's endpoint, served from one thread.
///
/// ZeroMQ sockets are single-owner, so the server's loop owns its socket for its whole life; `run` returns after
/// `shutdown` trips and closes the socket (libzmq then removes the `ipc://` file).
public final class BusServer: @unchecked Sendable {
    public let endpoint: String
    private let socket: ZMQSocket
    private let responder: any BusResponder
    private let logger: Logger
    /// Most requests taken per batch.
    public var maxBatch = 512
    /// Called on the server's thread after each batch and at least every 100 ms: housekeeping that must not race
    /// the responder (the journal signs checkpoints here).
    public var tick: (() -> Void)?

    public init(endpoint: String, responder: any BusResponder, logger: Logger) throws {
        self.endpoint = endpoint
        self.responder = responder
        self.logger = logger
        socket = try ZMQSocket(type: .router)
        try socket.setLinger(milliseconds: 0)
        try socket.setRouterMandatory(true)
        try socket.bind(endpoint)
    }

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
                let ready = try Poller.poll([(.socket(socket), .readable)], timeoutMilliseconds: 100)
                defer { tick?() }
                guard ready.first?.contains(.readable) == true else { continue }
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
                let replies = responder.respond(to: batch.map(\.envelope))
                for (request, reply) in zip(batch, replies) {
                    do {
                        _ = try socket.send([request.identity] + reply.frames, dontWait: true)
                    } catch {
                        // The caller went away (ROUTER_MANDATORY → EHOSTUNREACH); it has timed out already.
                        logger.debug("bus reply undeliverable", [("bus.endpoint", endpoint), ("error", "\(error)")])
                    }
                }
            } catch {
                logger.error("bus server loop error", [("bus.endpoint", endpoint), ("error", "\(error)")])
                if shutdown.wait(timeout: 0.1) { break }
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
