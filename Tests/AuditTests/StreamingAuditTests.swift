@testable import Audit
import Foundation
import JSON
import Journal
import SQLite
import TestSupport
import Testing
import Wire

/// `replay` and `export` stream the journal (memory does not grow with it): their output is pinned against the
/// in-memory way of producing it, on a journal whose captures interleave.
@Suite struct StreamingAuditTests {
    /// A deterministic generator (xorshift64*), so a failing interleaving can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
    }

    /// `captures` captures of 1–5 events each, up to 12 open at once and appended in random order among device,
    /// service and capture-less events; some captures never end (a crash); one capture's events span the journal.
    static func interleavedJournal(at path: String, captures: Int, seed: UInt64) throws -> JournalStore {
        var rng = Generator(state: seed)
        let store = try JournalStore(path: path)
        func e(_ type: String, _ capture: String = "", _ attrs: [(String, String)] = [], time: Int64) -> EventDraft {
            EventDraft(type: type, stage: "test", captureId: capture, timeMillis: time, attributes: attrs.map { .init($0.0, $0.1) })
        }
        var time: Int64 = 1_700_000_000_000
        var pending: [[EventDraft]] = []
        var started = 0
        try store.append([e("service.started", time: time), e("capture.segment", "long", [("segment", "0")], time: time)])
        while started < captures || !pending.isEmpty {
            time += Int64.random(in: 1...40, using: &rng)
            if started < captures, pending.count < 12, Bool.random(using: &rng) {
                let id = "cap-\(started)"
                var events = [e("capture.requested", id, [("method", "RCAPTURE"), ("device", "\(started % 6 + 1)"), ("transaction_id", "t\(started)")], time: time)]
                events += (0..<Int.random(in: 0...3, using: &rng)).map { e("capture.segment", id, [("segment", "\($0)"), ("score", "\($0 * 10)")], time: time) }
                if started % 7 != 3 { events.append(e(started % 5 == 0 ? "capture.failed" : "capture.completed", id, [("code", "0")], time: time)) }
                pending.append(events)
                started += 1
            } else if !pending.isEmpty {
                let i = Int.random(in: 0..<pending.count, using: &rng)
                let next = pending[i].removeFirst()
                if pending[i].isEmpty { pending.remove(at: i) }
                var batch = [EventDraft(type: next.type, stage: next.stage, captureId: next.captureId, timeMillis: time, attributes: next.attributes)]
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: batch.append(e("device.status", next.captureId, [("device", "1"), ("from", "Ready"), ("to", "Busy")], time: time))
                case 1: batch.append(e("journal.checkpoint", time: time))
                case 2: batch.append(e("frame.note", next.captureId, time: time))  // a non-capture type carrying a capture id
                default: break
                }
                try store.append(batch)
            }
        }
        try store.append([e("capture.completed", "long", [("entries", "1")], time: time), e("service.stopped", time: time)])
        return store
    }

    /// What `replay` shows, built the simple way: every event in memory, captures grouped by first appearance.
    static func replayInMemory(_ events: [JournalEvent]) -> String {
        var lines = ["# Device status history"] + events.filter { $0.draft.type == "device.status" }.map(Replay.statusLine)
        lines += ["", "# Service history"] + events.filter { Replay.serviceTypes.contains($0.draft.type) }.map(Replay.serviceLine)
        lines += ["", "# Capture timelines"]
        var order: [String] = [], grouped: [String: [JournalEvent]] = [:]
        for e in events where Replay.isCaptureEvent(type: e.draft.type, captureId: e.draft.captureId) {
            if grouped[e.draft.captureId] == nil { order.append(e.draft.captureId) }
            grouped[e.draft.captureId, default: []].append(e)
        }
        for id in order { lines += Replay.timelineLines(.init(captureId: id, events: grouped[id]!)) }
        return lines.map { $0 + "\n" }.joined()
    }

    @Test(arguments: [UInt64(1), 7, 2024])
    func replayStreamsWhatTheInMemoryGroupingGives(seed: UInt64) throws {
        let dir = try TemporaryDirectory(prefix: "replay")
        defer { dir.remove() }
        let store = try Self.interleavedJournal(at: dir.path + "/j.db", captures: 1500, seed: seed)
        let reader = try JournalStore(path: dir.path + "/j.db", readOnly: true)
        let streamed = try Replay.render(reader)
        #expect(streamed == Self.replayInMemory(try store.events()))
        #expect(streamed == (try Replay.render(try JournalStore(path: dir.path + "/j.db", readOnly: true))))
        #expect(streamed.components(separatedBy: "\ncapture cap-").count == 1501)
        #expect(streamed.contains("capture long\n  +0 ms chosen"))
    }

    @Test func timelinesAreReleasedInFirstAppearanceOrderOnceComplete() {
        func event(_ seq: UInt64, _ id: String) -> JournalEvent {
            let draft = EventDraft(type: "capture.segment", stage: "t", captureId: id, timeMillis: Int64(seq))
            return JournalEvent(sequence: seq, draft: draft, canonical: JournalStore.canonicalBytes(sequence: seq, draft), hash: [])
        }
        // a: 1, 4   b: 2, 3   c: 5   d: 6 (its end unknown)
        var timelines = CaptureTimelines(lastEvents: ["a": 4, "b": 3, "c": 5])
        #expect(timelines.add(event(1, "a")).isEmpty)
        #expect(timelines.add(event(2, "b")).isEmpty)
        #expect(timelines.add(event(3, "b")).isEmpty)  // b is complete, but a appeared first and is still open
        #expect(timelines.add(event(4, "a")).map(\.captureId) == ["a", "b"])
        #expect(timelines.add(event(6, "d")).isEmpty)
        #expect(timelines.add(event(5, "c")).isEmpty)  // c is complete, d is open before it
        let rest = timelines.finish()
        #expect(rest.map(\.captureId) == ["d", "c"])
        #expect(rest.map { $0.events.map(\.sequence) } == [[6], [5]])
        #expect(timelines.finish().isEmpty)
    }

    @Test func headIsReadWithoutDecodingAndAgreesWithTheDecodedEvent() throws {
        let drafts = [
            EventDraft(type: "capture.segment", stage: "gateway", captureId: "3f1c2a7e-1d2b", timeMillis: 1_700_000_000_123,
                       attributes: [.init("k", "v")]),
            EventDraft(type: "service.started", stage: "supervisor", timeMillis: -5),
            EventDraft(type: "device.status", stage: "gateway", captureId: "ü-ünïcode", timeMillis: 0),
        ]
        for (i, draft) in drafts.enumerated() {
            let bytes = JournalStore.canonicalBytes(sequence: UInt64(i + 1), draft)
            let head = try #require(bytes.withUnsafeBytes { CanonicalHead($0) })
            #expect(head == CanonicalHead(type: draft.type, stage: draft.stage, captureId: draft.captureId))
        }
        // A string with an escape, or bytes that are not a canonical head, are left to the full decoder.
        let escaped = JournalStore.canonicalBytes(sequence: 1, EventDraft(type: "a\"b", stage: "s", timeMillis: 1))
        #expect(escaped.withUnsafeBytes { CanonicalHead($0) } == nil)
        for text in ["", "{", #"{"v":2,"seq":1,"time":1,"type":"a","stage":"s","capture":"","attrs":[]}"#,
                     #"{"v":1,"seq":,"time":1,"type":"a","stage":"s","capture":"","attrs":[]}"#,
                     #"{"v":1,"seq":1,"time":1,"type":"a","stage":"s","capture":""}"#,
                     #"{"v":1,"seq":1,"time":1,"type":"a"#] {
            #expect(Array(text.utf8).withUnsafeBytes { CanonicalHead($0) } == nil, "\(text)")
        }
    }

    @Test func forEachEventDecodesOnlyTheTypesAskedForAndFallsBackOnEscapes() throws {
        let dir = try TemporaryDirectory(prefix: "foreach")
        defer { dir.remove() }
        let store = try JournalStore(path: dir.path + "/j.db")
        try store.append([
            EventDraft(type: "device.status", stage: "g", timeMillis: 1),
            EventDraft(type: "capture.requested", stage: "g", captureId: "c\"1", timeMillis: 2),  // escaped: full decode
            EventDraft(type: "capture.completed", stage: "g", captureId: "c2", timeMillis: 3),
        ])
        var seen: [UInt64] = []
        try store.forEachEvent(ofType: { $0.hasPrefix("capture.") }) { seen.append($0.sequence) }
        #expect(seen == [2, 3])
        var heads: [String] = []
        try store.forEachHead { _, head in heads.append(head.captureId) }
        #expect(heads == ["", "c\"1", "c2"])
        #expect(try store.events().map(\.draft.captureId) == ["", "c\"1", "c2"])
        seen = []
        try store.forEachEvent(from: 2, through: 2) { seen.append($0.sequence) }
        #expect(seen == [2])
    }

    @Test func exportLinesAreTheJSONTreeAndCarryEveryRowEvenUndecodableOnes() throws {
        let fixture = try AuditFixture()
        let before = try exportLines(fixture.path)
        let store = try JournalStore(path: fixture.path, readOnly: true)
        let rows = try store.rows(), checkpoints = try store.checkpoints()
        var expected: [String] = []
        for row in rows {
            expected.append(JSON.object(["kind": "event", "seq": .number(String(row.sequence)), "canonical": .string(Base64.encode(row.canonical)),
                                         "hash": .string(Hex.encode(row.hash))]).serializedString)
            for c in checkpoints where c.size == row.sequence {
                expected.append(JSON.object(["kind": "checkpoint", "size": .number(String(c.size)), "note": .string(c.note)]).serializedString)
            }
        }
        #expect(before == expected)
        #expect(before.count == 15)

        // Replay needs events it can decode; export carries rows as stored, so a third party sees the damage.
        try fixture.tamper("UPDATE events SET canonical = X'7B7D' WHERE seq = 4")
        let after = try exportLines(fixture.path)
        #expect(after.count == 15)
        #expect(after.contains { $0.hasPrefix(#"{"kind":"event","seq":4,"canonical":"e30=","#) })
        #expect(throws: JournalError.self) { try Replay.render(try JournalStore(path: fixture.path, readOnly: true)) }
    }

    private func exportLines(_ path: String) throws -> [String] {
        var lines: [String] = []
        try Export.write(try JournalStore(path: path, readOnly: true)) { lines.append($0) }
        return lines
    }
}
