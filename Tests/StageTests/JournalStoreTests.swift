import Foundation
import JSON
import Journal
import SQLite
import TestSupport
import Transparency
import Testing
import Wire

@Suite struct JournalStoreTests {
    func event(_ i: Int) -> EventDraft {
        EventDraft(type: "test.event", stage: "test", captureId: "c\(i % 3)", timeMillis: 1_700_000_000_000 + Int64(i),
                   attributes: [.init("i", "\(i)"), .init("quote", "a\"b")])
    }

    @Test func canonicalBytesMatchTheJSONTree() {
        let drafts = (0..<20).map(event) + [
            EventDraft(type: "t", stage: "s", timeMillis: -5),
            EventDraft(type: "ctl\u{1}\n\r\t\u{8}\u{c}\u{1f}", stage: "ünï/cödé \\ \"q\"", captureId: "😀",
                       timeMillis: 0, attributes: [.init("", ""), .init("k\"", "v\\"), .init("é", "\u{7f}")]),
        ]
        for (i, d) in drafts.enumerated() {
            let tree = JSON.object([
                "v": .number(String(JournalStore.canonicalVersion)),
                "seq": .number(String(UInt64(i) * 1_000_003)),
                "time": .number(String(d.timeMillis)),
                "type": .string(d.type),
                "stage": .string(d.stage),
                "capture": .string(d.captureId),
                "attrs": .array(d.attributes.map { .array([.string($0.key), .string($0.value)]) }),
            ])
            #expect(JournalStore.canonicalBytes(sequence: UInt64(i) * 1_000_003, d) == tree.serialized())
        }
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

    @Test func scanReadsRowsInPlaceAndReadersSkipTheTree() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/j.db"
        let store = try JournalStore(path: path)
        try store.append((0..<5).map(event))
        try store.append((5..<9).map(event))
        let events = try store.events()
        var scanned: [(Int64, [UInt8], [UInt8])] = []
        try store.scan(from: 3, through: 7) { seq, canonical, hash in
            scanned.append((seq, Array(canonical), Array(hash)))
            return seq < 6  // stops after 6
        }
        #expect(scanned.map(\.0) == [3, 4, 5, 6])
        #expect(scanned.map(\.1) == events[2...5].map(\.canonical))
        #expect(scanned.map(\.2) == events[2...5].map(\.hash))
        #expect(try store.rows().map(\.hash) == events.map(\.hash))
        #expect(try store.maxSequence() == 9)
        #expect(try store.leafHashes() == events.flatMap { JournalStore.leaf(eventHash: $0.hash) })

        let reader = try JournalStore(path: path, readOnly: true)
        #expect(reader.lastSequence == 9 && reader.tree.size == 0)  // readers do not rebuild the tree
        let writer = try JournalStore(path: path)
        #expect(writer.tree == store.tree)  // a writer resumes the tree from the stored hashes
        #expect(writer.tree.size == 9)
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
