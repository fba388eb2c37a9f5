import Bus
import CryptoPrimitives
import Dispatch
import Foundation
import Journal
import SQLite
import ServiceKit
import Synchronization
import TestSupport
import Testing
import Transparency
import Wire

/// The peer's error in `envelope`, if it is one.
private func errorCode(_ envelope: Envelope) -> ErrorReply.Code? {
    envelope.kind == ErrorReply.kind ? (try? ErrorReply(decoding: envelope.body))?.code : nil
}

/// Collects the deferred replies of `JournalResponder.respond(to:reply:)`.
private final class Replies: Sendable {
    private let received = Mutex<(envelopes: [Envelope], calls: Int)>(([], 0))

    func reply(_ envelopes: [Envelope]) {
        received.withLock {
            $0.envelopes += envelopes
            $0.calls += 1
        }
    }

    /// Every reply so far, once `calls` reply calls have arrived (bounded, so a lost reply fails the test instead of
    /// hanging it).
    func wait(calls: Int) -> [Envelope] {
        let deadline = Date().addingTimeInterval(20)
        while received.withLock({ $0.calls }) < calls && Date() < deadline { usleep(1000) }
        return received.withLock { $0.envelopes }
    }
}

@Suite struct JournalWriterTests {
    func event(_ type: String, _ i: Int) -> EventDraft {
        EventDraft(type: type, stage: "test", timeMillis: 1_700_000_000_000, attributes: [.init("i", "\(i)")])
    }

    func request(_ id: UInt64, _ events: [EventDraft]) -> Envelope { Envelope(JournalAppend(events: events), requestId: id) }

    @Test func batchesQueuedDuringACommitShareTheNextOneAndEachAckFollowsItsCommit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/j.db"
        let writer = JournalWriter(store: try JournalStore(path: path), checkpointer: nil, logger: Logger(label: "t", level: .error))
        let replies = Replies()
        let reader = try JournalStore(path: path, readOnly: true)
        let responder = JournalResponder(writer: writer)
        // 200 requests of 1–3 events from 8 threads, as fast as they can be submitted.
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for k in 0..<25 {
                let id = UInt64(t * 100 + k)
                responder.respond(to: [request(id, (0...(k % 3)).map { event("test.event", Int(id) * 10 + $0) })]) { envelopes in
                    // Acknowledged only once committed: a separate connection already sees the events.
                    if let ack = try? envelopes[0].decode(JournalAck.self) {
                        let visible = (try? reader.maxSequence()) ?? 0
                        #expect(UInt64(visible) >= ack.firstSequence + UInt64(ack.count) - 1)
                    }
                    replies.reply(envelopes)
                }
            }
        }
        let acks = try replies.wait(calls: 200).map { try $0.decode(JournalAck.self) }
        writer.stop()
        #expect(acks.count == 200)
        // Every event got exactly one sequence number, gap-free, and the chain verifies.
        let ranges = acks.map { $0.firstSequence..<($0.firstSequence + UInt64($0.count)) }.sorted { $0.lowerBound < $1.lowerBound }
        #expect(ranges.first?.lowerBound == 1)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        let stats = writer.statistics
        #expect(stats.requests == 200 && stats.events == ranges.reduce(0) { $0 + $1.count })
        #expect(stats.commits < 200)  // group commit: some commits held several requests
        #expect(try JournalStore(path: path).verifyChain() == UInt64(stats.events))
    }

    @Test func aFailedCommitFailsEveryRequestInItAndStoresNothingOfIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/j.db"
        let store = try JournalStore(path: path)
        try store.append([event("test.event", 0)])
        // A trigger that refuses one event type: a storage failure the writer must report, not hide.
        let db = try Connection(path: path)
        try db.execute("CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.type = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END")
        let writer = JournalWriter(store: store, checkpointer: nil, logger: Logger(label: "t", level: .critical))
        let responder = JournalResponder(writer: writer)
        let replies = Replies()
        responder.respond(to: [request(1, [event("test.event", 1)]), request(2, [event("boom", 2)]),
                               Envelope(Ping(), requestId: 3), Envelope(kind: JournalAppend.kind, requestId: 4, body: [0xFF])],
                          reply: replies.reply)
        let failed = replies.wait(calls: 1)
        #expect(failed.count == 4)
        #expect(errorCode(failed[0]) == .unavailable && errorCode(failed[1]) == .unavailable)
        #expect((try? failed[2].decode(Pong.self))?.stage == "journal")
        #expect(errorCode(failed[3]) == .badRequest)
        // Nothing of the failed commit was stored; the next one continues the chain from event 1.
        responder.respond(to: [request(5, [event("test.event", 3)])], reply: replies.reply)
        let next = replies.wait(calls: 2)
        #expect(try next[4].decode(JournalAck.self).firstSequence == 2)
        writer.stop()
        #expect(try JournalStore(path: path).verifyChain() == 2)
    }

    @Test func stopCommitsWhatIsQueuedAndSignsTheFinalCheckpoint() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/j.db"
        let store = try JournalStore(path: path)
        let key = try Ed25519.PrivateKey.generate()
        let checkpointer = try Checkpointer(store: store, origin: JournalStore.checkpointOrigin, logger: Logger(label: "t", level: .error)) {
            try SignedNote.sign(text: $0, name: JournalStore.checkpointOrigin, key: key)
        }
        let writer = JournalWriter(store: store, checkpointer: checkpointer, logger: Logger(label: "t", level: .error))
        let replies = Replies()
        for i in 0..<10 { JournalResponder(writer: writer).respond(to: [request(UInt64(i), [event("test.event", i)])], reply: replies.reply) }
        writer.stop()
        #expect(replies.wait(calls: 10).count == 10)
        let reader = try JournalStore(path: path, readOnly: true)
        #expect(try reader.maxSequence() == 10)
        #expect(try reader.checkpoints().last?.size == 10)
        // After stop nothing more is taken: a late request is refused, not lost silently.
        JournalResponder(writer: writer).respond(to: [request(99, [event("test.event", 99)])], reply: replies.reply)
        #expect(replies.wait(calls: 11).last.flatMap(errorCode) == .unavailable)
    }
}
