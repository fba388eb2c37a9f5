import Foundation
import Journal
import SQLite
import TestSupport
import Testing
import Wire

@Suite struct JournalStoreTests {
    func event(_ i: Int) -> EventDraft {
        EventDraft(type: "test.event", stage: "test", captureId: "c\(i % 3)", timeMillis: 1_700_000_000_000 + Int64(i),
                   attributes: [.init("i", "\(i)"), .init("quote", "a\"b")])
    }

    @Test func appendsInBatchesWithGaplessSequencesAndAVerifiableChain() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try JournalStore(path: dir.path + "/j.db")
        #expect(try store.append((0..<3).map(event)) == 1)
        #expect(try store.append((3..<10).map(event)) == 4)
        #expect(store.lastSequence == 10)
        #expect(try store.verifyChain() == 10)
        let events = try store.events()
        #expect(events.map(\.sequence) == Array(1...10))
        #expect(events[4].draft == event(4))
        // Reopening continues the chain.
        let reopened = try JournalStore(path: dir.path + "/j.db")
        #expect(reopened.lastHash == store.lastHash)
        #expect(try reopened.append([event(10)]) == 11)
        #expect(try reopened.verifyChain() == 11)
    }

    @Test func walAndFullSynchronousAndAppendOnly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try JournalStore(path: dir.path + "/j.db")
        try store.append([event(0)])
        let db = try Connection(path: dir.path + "/j.db")
        #expect(try db.pragma("journal_mode") == "wal")
        #expect(throws: SQLiteError.self) { try db.execute("UPDATE events SET type = 'x'") }
        #expect(throws: SQLiteError.self) { try db.execute("DELETE FROM events") }
    }

    @Test func tamperingIsCaughtAtTheRightSequence() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/j.db"
        let store = try JournalStore(path: path)
        try store.append((0..<6).map(event))
        let db = try Connection(path: path)
        try db.execute("DROP TRIGGER events_no_update")
        try db.execute("UPDATE events SET canonical = replace(canonical, '\"i\",\"3\"', '\"i\",\"9\"') WHERE seq = 4")
        let reader = try JournalStore(path: path)
        do {
            try reader.verifyChain()
            Issue.record("tampering not detected")
        } catch let error as JournalError {
            #expect(error.sequence == 4)
        }
    }
}
