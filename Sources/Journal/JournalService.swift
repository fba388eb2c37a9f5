public import Bus
public import Foundation
import Synchronization
import Transparency
public import MDSModel
public import ServiceKit
public import Wire

/// The journal's bus face: decodes `JournalAppend` requests on the bus server's thread and hands them to the
/// ``JournalWriter``; each is acknowledged (deferred) once the transaction holding its events committed.
public struct JournalResponder: BusDeferredResponder {
    private let writer: JournalWriter
    /// Everything that is not a `JournalAppend` (pings); built once, not per batch.
    private let others = RequestHandlers(stage: "journal", [:])

    public init(writer: JournalWriter) {
        self.writer = writer
    }

    public func respond(to requests: [Envelope], reply: @escaping @Sendable ([Envelope]) -> Void) {
        var appends: [(index: Int, events: [EventDraft])] = []
        var replies = [Envelope?](repeating: nil, count: requests.count)
        for (i, request) in requests.enumerated() {
            guard request.kind == JournalAppend.kind else {
                replies[i] = others.respond(to: [request])[0]
                continue
            }
            do {
                appends.append((i, try JournalAppend(decoding: request.body).events))
            } catch {
                replies[i] = .failure(ErrorReply(.badRequest, "\(error)"), requestId: request.requestId)
            }
        }
        let batch = JournalWriter.Batch(appends: appends, requestIds: requests.map(\.requestId), replies: replies, reply: reply)
        if appends.isEmpty { batch.send() } else { writer.submit(batch) }
    }
}

/// The journal's single writer thread: it owns the store (appends and checkpoints) for its whole life.
///
/// Group commit, pipelined: the bus server keeps receiving and decoding while a commit runs; batches queue up, and
/// the next commit takes every queued batch in one transaction (one fsync). Each request is acknowledged only after
/// that transaction committed (`synchronous=FULL`: after the fsync); if it fails, every request in it gets an error
/// and nothing of it is stored. Checkpoints are signed on this thread between commits (and every 100 ms when idle),
/// so they never race an append.
public final class JournalWriter: @unchecked Sendable {
    /// Requests of one bus batch, their decoded events and the replies known so far.
    struct Batch: Sendable {
        let appends: [(index: Int, events: [EventDraft])]
        let requestIds: [UInt64]
        var replies: [Envelope?]
        let reply: @Sendable ([Envelope]) -> Void

        /// Hands the replies back, one per request (every slot is filled by then; an empty one would be a bug, and
        /// answers an internal error rather than nothing).
        func send() {
            reply(zip(replies, requestIds).map { reply, id in
                reply ?? .failure(ErrorReply(.internalError, "no reply"), requestId: id)
            })
        }
    }

    /// Totals since start, for benchmarks and operations.
    public struct Statistics: Sendable {
        public var commits = 0
        public var events = 0
        public var requests = 0
        /// Wall seconds spent appending and committing.
        public var busySeconds = 0.0
        /// CPU seconds the writer thread used for them (the rest of `busySeconds` is waiting, mostly for fsync).
        public var cpuSeconds = 0.0
    }

    private let store: JournalStore
    private let checkpointer: Checkpointer?
    private let logger: Logger
    private let state = Mutex<(queue: [Batch], stopping: Bool)>(([], false))
    private let totals = Mutex(Statistics())
    private let work = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the writer thread. From now on only that thread touches `store` and `checkpointer`.
    public init(store: JournalStore, checkpointer: Checkpointer?, logger: Logger) {
        self.store = store
        self.checkpointer = checkpointer
        self.logger = logger
        Thread.detachNewThread { [self] in run() }
    }

    public var statistics: Statistics { totals.withLock { $0 } }

    func submit(_ batch: Batch) {
        let accepted = state.withLock { s -> Bool in
            guard !s.stopping else { return false }
            s.queue.append(batch)
            return true
        }
        if accepted { work.signal() } else { fail([batch], "journal is stopping") }
    }

    /// Commits what is queued, signs the final checkpoint and ends the thread. Call once, after the bus server stopped.
    public func stop() {
        state.withLock { $0.stopping = true }
        work.signal()
        finished.wait()
    }

    private func run() {
        defer { finished.signal() }
        while true {
            _ = work.wait(timeout: .now() + 0.1)
            let (batches, stopping) = state.withLock { s in
                defer { s.queue = [] }
                return (s.queue, s.stopping)
            }
            if !batches.isEmpty { commit(batches) }
            if stopping && state.withLock({ $0.queue.isEmpty }) { break }
            checkpointer?.tick()
        }
        // The final checkpoint covers everything, service.stopped included (the supervisor stops the signer last).
        checkpointer?.checkpoint()
    }

    private func commit(_ batches: [Batch]) {
        let start = DispatchTime.now(), cpuStart = Clock.threadCPUSeconds()
        let events = batches.flatMap { $0.appends.flatMap(\.events) }
        do {
            var next = try store.append(events)
            var requests = 0
            for var batch in batches {
                for (i, appended) in batch.appends {
                    batch.replies[i] = Envelope(JournalAck(firstSequence: next, count: UInt32(appended.count)), requestId: batch.requestIds[i])
                    next += UInt64(appended.count)
                    requests += 1
                }
                batch.send()
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            let cpu = Clock.threadCPUSeconds() - cpuStart
            totals.withLock { t in
                t.commits += 1
                t.events += events.count
                t.requests += requests
                t.busySeconds += seconds
                t.cpuSeconds += cpu
            }
        } catch {
            logger.error("journal append failed", [("error", "\(error)")])
            fail(batches, "journal append failed")
        }
    }

    private func fail(_ batches: [Batch], _ reason: String) {
        for var batch in batches {
            for (i, _) in batch.appends {
                batch.replies[i] = .failure(ErrorReply(.unavailable, reason), requestId: batch.requestIds[i])
            }
            batch.send()
        }
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
        try store.append([EventDraft(type: "journal.opened", stage: "journal", timeMillis: Clock.millis(),
                                     attributes: [.init("pid", "\(getpid())"), .init("last_seq", "\(store.lastSequence)")])])
        let signer = try BusClient(endpoint: signerEndpoint)
        let checkpointer = try Checkpointer(store: store, origin: origin, logger: logger) { body in
            try signer.call(NoteSignRequest(text: body), expecting: NoteSignResponse.self, timeout: 1).note
        }
        let writer = JournalWriter(store: store, checkpointer: checkpointer, logger: logger)
        let server = try BusServer(endpoint: endpoint, deferredResponder: JournalResponder(writer: writer), logger: logger)
        ProcessLifecycle.notifyReady()
        server.run(until: shutdown)
        // Every request the server took is answered by now; the writer commits nothing new and signs the final
        // checkpoint, which covers everything, service.stopped included (the supervisor stops the signer last).
        writer.stop()
        signer.close()
        logger.info("journal closed", [("journal.last_seq", "\(store.lastSequence)")])
    }
}
