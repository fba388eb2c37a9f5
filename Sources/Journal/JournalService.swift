public import Bus
import Foundation
public import MDSModel
public import ServiceKit
public import Wire

/// Group commit: all `JournalAppend` requests that arrived together are written in one transaction, and each
/// is acknowledged only after that transaction committed (`synchronous=FULL`: after the fsync).
public struct JournalResponder: BusResponder {
    private let store: JournalStore
    private let logger: Logger

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
        let others = RequestHandlers(stage: "journal", [:])
        return requests.enumerated().map { i, request in replies[i] ?? others.respond(to: [request])[0] }
    }
}

public enum JournalStage {
    public static func databasePath(stateDirectory: String) -> String { stateDirectory + "/journal/journal.db" }

    public static func run(configuration: ServiceConfiguration, endpoint: String, logger: Logger, shutdown: ShutdownSignal) throws {
        try Directories.ensurePrivate(configuration.stateDirectory + "/journal")
        let path = databasePath(stateDirectory: configuration.stateDirectory)
        let store = try JournalStore(path: path)
        logger.info("journal opened", [("journal.path", path), ("journal.last_seq", "\(store.lastSequence)")])
        let server = try BusServer(endpoint: endpoint, responder: JournalResponder(store: store, logger: logger), logger: logger)
        try store.append([EventDraft(type: "journal.opened", stage: "journal", timeMillis: Clock.millis(),
                                     attributes: [.init("pid", "\(getpid())"), .init("last_seq", "\(store.lastSequence)")])])
        ProcessLifecycle.notifyReady()
        server.run(until: shutdown)
        logger.info("journal closed", [("journal.last_seq", "\(store.lastSequence)")])
    }
}
