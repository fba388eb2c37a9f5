public import Bus
public import Foundation
import Transparency
public import MDSModel
public import ServiceKit
public import Wire

/// Group commit: all `JournalAppend` requests that arrived together are written in one transaction, and each
/// is acknowledged only after that transaction committed (`synchronous=FULL`: after the fsync).
public struct JournalResponder: BusResponder {
    private let store: JournalStore
    private let logger: Logger
    /// Everything that is not a `JournalAppend` (pings); built once, not per batch.
    private let others = RequestHandlers(stage: "journal", [:])

    public init(store: JournalStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    public func respond(to requests: [Envelope]) -> [Envelope] {
        var appends: [(index: Int, events: [EventDraft])] = []
        var replies = [Envelope?](repeating: nil, count: requests.count)
        for (i, request) in requests.enumerated() where request.kind == JournalAppend.kind {
            do {
                appends.append((i, try JournalAppend(decoding: request.body).events))
            } catch {
                replies[i] = .failure(ErrorReply(.badRequest, "\(error)"), requestId: request.requestId)
            }
        }
        if !appends.isEmpty {
            do {
                var next = try store.append(appends.flatMap(\.events))
                for (i, events) in appends {
                    replies[i] = Envelope(JournalAck(firstSequence: next, count: UInt32(events.count)), requestId: requests[i].requestId)
                    next += UInt64(events.count)
                }
            } catch {
                logger.error("journal append failed", [("error", "\(error)")])
                for (i, _) in appends {
                    replies[i] = .failure(ErrorReply(.unavailable, "journal append failed"), requestId: requests[i].requestId)
                }
            }
        }
        return requests.enumerated().map { i, request in replies[i] ?? others.respond(to: [request])[0] }
    }
}

/// Signs a checkpoint of the journal's Merkle tree every `everyEvents` events or `everySeconds` seconds (when there
/// is something new), and once more at shutdown. The note key lives in the signer: the journal sends the C2SP
/// checkpoint body and stores the signed note it gets back. A signer that does not answer delays the checkpoint;
/// it never delays an acknowledgement for long (1 s timeout, then a 10 s pause before the next try).
public final class Checkpointer {
    public let origin: String
    public var everyEvents: UInt64 = 1000
    public var everySeconds: Double = 30
    private let store: JournalStore
    private let sign: (String) throws -> String
    private let logger: Logger
    private var lastSize: UInt64
    private var lastTime = Date()
    private var pausedUntil = Date.distantPast

    public init(store: JournalStore, origin: String, logger: Logger, sign: @escaping (String) throws -> String) throws {
        self.store = store
        self.origin = origin
        self.logger = logger
        self.sign = sign
        lastSize = try store.checkpoints().last?.size ?? 0
    }

    /// Checkpoints if one is due.
    public func tick(now: Date = Date()) {
        let size = store.tree.size
        guard size > lastSize, now >= pausedUntil else { return }
        guard size - lastSize >= everyEvents || now.timeIntervalSince(lastTime) >= everySeconds else { return }
        checkpoint(now: now)
    }

    /// Checkpoints now if the tree grew since the last one.
    @discardableResult
    public func checkpoint(now: Date = Date()) -> Bool {
        let size = store.tree.size
        guard size > lastSize else { return true }
        let root = store.tree.root()
        let body = try? Checkpoint(origin: origin, size: size, rootHash: root).body
        do {
            guard let body else { throw JournalError(.invalidEvent, "checkpoint body") }
            let note = try sign(body)
            try store.appendCheckpoint(StoredCheckpoint(size: size, root: root, note: note, timeMillis: Clock.millis()))
            lastSize = size
            lastTime = now
            logger.debug("checkpoint signed", [("journal.size", "\(size)")])
            return true
        } catch {
            pausedUntil = now.addingTimeInterval(10)
            logger.warning("checkpoint not signed", [("journal.size", "\(size)"), ("error", "\(error)")])
            return false
        }
    }
}

public enum JournalStage {
    public static func databasePath(stateDirectory: String) -> String { stateDirectory + "/journal/journal.db" }
    public static var origin: String { JournalStore.checkpointOrigin }

    public static func run(configuration: ServiceConfiguration, endpoint: String, signerEndpoint: String, logger: Logger,
                           shutdown: ShutdownSignal) throws {
        try Directories.ensurePrivate(configuration.stateDirectory + "/journal")
        let path = databasePath(stateDirectory: configuration.stateDirectory)
        let store = try JournalStore(path: path)
        logger.info("journal opened", [("journal.path", path), ("journal.last_seq", "\(store.lastSequence)")])
        let server = try BusServer(endpoint: endpoint, responder: JournalResponder(store: store, logger: logger), logger: logger)
        try store.append([EventDraft(type: "journal.opened", stage: "journal", timeMillis: Clock.millis(),
                                     attributes: [.init("pid", "\(getpid())"), .init("last_seq", "\(store.lastSequence)")])])
        let signer = try BusClient(endpoint: signerEndpoint)
        let checkpointer = try Checkpointer(store: store, origin: origin, logger: logger) { body in
            try signer.call(NoteSignRequest(text: body), expecting: NoteSignResponse.self, timeout: 1).note
        }
        server.tick = { checkpointer.tick() }
        ProcessLifecycle.notifyReady()
        server.run(until: shutdown)
        // The final checkpoint covers everything, service.stopped included (the supervisor stops the signer last).
        checkpointer.checkpoint()
        signer.close()
        logger.info("journal closed", [("journal.last_seq", "\(store.lastSequence)")])
    }
}
