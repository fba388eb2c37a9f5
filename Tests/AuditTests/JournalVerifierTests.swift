import Audit
import CryptoPrimitives
import Dispatch
import Foundation
import JSON
import Journal
import SQLite
import Synchronization
import TestSupport
import Testing
import Transparency
import Wire

/// A small journal with everything the verifier checks: a signer.keys event, captures with real RS256 signatures and
/// MOSIP hash chains, and signed checkpoints; then every kind of tampering, each caught at the right sequence.
final class AuditFixture: @unchecked Sendable {
    static let deviceKey = try! PrivateKey.generateRSA()
    static let deviceCert = try! Certificate.issue(subject: .init(commonName: "device"), publicKey: deviceKey.publicKey, issuer: nil,
                                                   signingKey: deviceKey, serialNumber: 1, notBefore: Date(timeIntervalSinceNow: -60),
                                                   notAfter: Date(timeIntervalSinceNow: 86400), isCA: false)
    static let noteKey = try! Ed25519.PrivateKey.generate()
    static let verifier = try! NoteVerifier(name: JournalStore.checkpointOrigin, publicKey: noteKey.publicKey)

    let dir: TemporaryDirectory
    let path: String

    /// Events 1…12; checkpoints at 5, 10 and 12. Event 3 is signer.keys; 6–8 are one capture (2 segments + completed).
    init(badCaptureSignature: Bool = false) throws {
        dir = try TemporaryDirectory(prefix: "audit")
        path = dir.path + "/j.db"
        let store = try JournalStore(path: path)
        func e(_ type: String, _ capture: String = "", _ attrs: [(String, String)] = []) -> EventDraft {
            EventDraft(type: type, stage: "test", captureId: capture, timeMillis: 1_700_000_000_000, attributes: attrs.map { .init($0.0, $0.1) })
        }
        func checkpoint() throws {
            let size = store.tree.size, root = store.tree.root()
            let note = try Checkpoint(origin: JournalStore.checkpointOrigin, size: size, rootHash: root)
                .signed(name: JournalStore.checkpointOrigin, key: Self.noteKey)
            try store.appendCheckpoint(StoredCheckpoint(size: size, root: root, note: note, timeMillis: 0))
        }
        try store.append([e("journal.opened"), e("service.started")])
        try store.append([e("signer.keys", "", [("note_vkey", Self.verifier.verifierKey), ("cert.device:1", Base64.encode(Self.deviceCert.der))])])
        try store.append([e("device.status", "", [("device", "1"), ("from", "Not Ready"), ("to", "Ready")]), e("gateway.listening")])
        try checkpoint()
        // A capture of two segments, signed and chained as the gateway records them.
        var chain = SHA256.hash([UInt8]())
        let previous = chain
        var segments: [EventDraft] = []
        for i in 0..<2 {
            let input = Array("header.payload-\(i)".utf8)
            var signature = try Self.deviceKey.signRS256(input)
            if badCaptureSignature && i == 1 { signature[10] ^= 1 }
            let iso = SHA256.hash(Array("iso-\(i)".utf8))
            chain = SHA256.hash(chain + iso)
            segments.append(e("capture.segment", "cap-1", [("segment", "\(i)"), ("iso_sha256", Hex.encode(iso)),
                                                             ("signing_input_sha256", Hex.encode(SHA256.hash(input))),
                                                             ("signature", Base64.encode(signature)), ("hash", Hex.encode(chain, uppercase: true))]))
        }
        try store.append(segments + [e("capture.completed", "cap-1", [
            ("entries", "2"), ("previous_hash", Hex.encode(previous, uppercase: true)), ("last_hash", Hex.encode(chain, uppercase: true)),
            ("signer_cert_sha256", Hex.encode(Self.deviceCert.sha256Thumbprint)),
        ])])
        try store.append([e("device.status", "", [("device", "1"), ("from", "Ready"), ("to", "Busy")]), e("service.stopping")])
        try checkpoint()
        try store.append([e("service.stopped"), e("journal.opened")])
        try checkpoint()
    }

    /// The verifier's report; `parallelism` 3 splits the 12 events into ranges 1–4, 5–8 and 9–12 read by three
    /// connections, so tampering at a range's first or last event exercises the boundaries.
    func report(vkey: String? = nil, parallelism: Int = 1) throws -> JournalVerifier.Report {
        JournalVerifier(trustedNoteKey: vkey, parallelism: parallelism).verify(path: path)
    }

    /// Raw SQL with the append-only triggers removed, as an attacker with file access would.
    func tamper(_ sql: String) throws {
        let db = try Connection(path: path)
        try db.execute("DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;"
            + "DROP TRIGGER IF EXISTS checkpoints_no_update; DROP TRIGGER IF EXISTS checkpoints_no_delete;")
        try db.execute(sql)
        db.close()
    }

    deinit { dir.remove() }
}

@Suite struct JournalVerifierTests {
    @Test(arguments: [1, 2, 3, 12, 40])
    func anUntouchedJournalVerifies(parallelism: Int) throws {
        let fixture = try AuditFixture()
        let report = try fixture.report(vkey: AuditFixture.verifier.verifierKey, parallelism: parallelism)
        #expect(report.failure == nil, "\(report)")
        #expect(report.events == 12 && report.checkpoints == 3 && report.captures == 1 && report.signatures == 2)
        #expect(try fixture.report(parallelism: parallelism).failure == nil)  // with the key the journal carries
    }

    @Test(arguments: [
        ("UPDATE events SET canonical = replace(canonical, 'gateway.listening', 'gateway.listenin9') WHERE seq = 5", UInt64(5)),
        ("UPDATE events SET hash = zeroblob(32) WHERE seq = 7", 7),
        ("DELETE FROM events WHERE seq = 9", 9),
        ("UPDATE events SET seq = 100 WHERE seq = 4; UPDATE events SET seq = 4 WHERE seq = 5; UPDATE events SET seq = 5 WHERE seq = 100", 4),
        ("DELETE FROM events WHERE seq > 10", 11),
        ("UPDATE events SET time_ms = 1, canonical = replace(canonical, '\"time\":1700000000000', '\"time\":1700000000001') WHERE seq = 2", 2),
        // Range boundaries at parallelism 3: the first event of the second range, the last of the first.
        ("DELETE FROM events WHERE seq = 5", 5),
        ("UPDATE events SET hash = zeroblob(32) WHERE seq = 4", 4),
        ("UPDATE events SET canonical = CAST(canonical AS TEXT) || ' ' WHERE seq = 12", 12),
        // A row numbered before the first event; an empty canonical; a short hash.
        ("INSERT INTO events SELECT 0, time_ms, type, stage, capture_id, canonical, hash FROM events WHERE seq = 1", 1),
        ("UPDATE events SET canonical = zeroblob(0) WHERE seq = 3", 3),
        ("UPDATE events SET hash = substr(hash, 1, 31) WHERE seq = 10", 10),
    ], [1, 3])
    func tamperedEventsAreCaughtAtTheirSequence(tampering: (sql: String, sequence: UInt64), parallelism: Int) throws {
        let fixture = try AuditFixture()
        try fixture.tamper(tampering.sql)
        let report = try fixture.report(vkey: AuditFixture.verifier.verifierKey, parallelism: parallelism)
        #expect(report.failure?.sequence == tampering.sequence, "\(report)")
    }

    @Test(arguments: [
        // A bit flipped in the note's signature, in its signed body, or in the stored root.
        ("UPDATE checkpoints SET note = replace(note, substr(note, length(note) - 6, 3), 'AAA') WHERE size = 10", UInt64(10)),
        ("UPDATE checkpoints SET note = replace(note, char(10) || '10' || char(10), char(10) || '11' || char(10)) WHERE size = 10", 10),
        ("UPDATE checkpoints SET root = zeroblob(32) WHERE size = 5", 5),
        ("UPDATE checkpoints SET size = 6 WHERE size = 5", 6),
    ])
    func tamperedCheckpointsAreCaught(sql: String, sequence: UInt64) throws {
        let fixture = try AuditFixture()
        try fixture.tamper(sql)
        let report = try fixture.report(vkey: AuditFixture.verifier.verifierKey, parallelism: 2)
        #expect(report.failure?.sequence == sequence, "\(report)")
    }

    @Test(arguments: [1, 3])
    func anEventCannotHideItsTypeBehindANonCanonicalHeaderEvenWithARecomputedChain(parallelism: Int) throws {
        // Someone with write access (but not the note key) adds a space before "type" in the first capture.segment
        // (seq 6) and recomputes every later chain value, so the links hold. The segment must still be found: the
        // report is "not canonical" at 6, not a missing segment at 8 nor only the checkpoint at 10.
        let fixture = try AuditFixture()
        let db = try Connection(path: fixture.path)
        try db.execute("DROP TRIGGER events_no_update")
        let rows = try JournalStore(path: fixture.path, readOnly: true).rows()
        var previous = rows[4].hash
        for row in rows[5...] {
            var canonical = row.canonical
            if row.sequence == 6 {
                let text = String(decoding: canonical, as: UTF8.self)
                #expect(text.contains("capture.segment"))
                canonical = Array(text.replacingOccurrences(of: ",\"type\":", with: ", \"type\":").utf8)
            }
            let hash = JournalStore.chain(previous, canonical)
            try db.prepare("UPDATE events SET canonical = ?, hash = ? WHERE seq = ?")
                .run([.blob(canonical), .blob(hash), .integer(Int64(row.sequence))])
            previous = hash
        }
        let report = try fixture.report(vkey: AuditFixture.verifier.verifierKey, parallelism: parallelism)
        #expect(report.failure?.sequence == 6 && report.failure?.reason.contains("canonical") == true, "\(report)")
    }

    @Test func aCheckpointSignedByAnotherKeyIsRejected() throws {
        let fixture = try AuditFixture()
        let other = try NoteVerifier(name: JournalStore.checkpointOrigin, publicKey: try Ed25519.PrivateKey.generate().publicKey)
        #expect(try fixture.report(vkey: other.verifierKey).failure?.sequence == 5)
    }

    @Test(arguments: [1, 3])
    func aBadCaptureSignatureIsCaughtAtItsCapture(parallelism: Int) throws {
        let fixture = try AuditFixture(badCaptureSignature: true)
        let report = try fixture.report(vkey: AuditFixture.verifier.verifierKey, parallelism: parallelism)
        #expect(report.failure?.sequence == 8, "\(report)")
        #expect(report.failure?.reason.contains("signature") == true)
    }

    @Test func aLongJournalIsCheckedAcrossRangesWithTheFirstFailureWinning() throws {
        // 5000 events in 2 and 7 ranges, checkpoints every 700: a checkpoint root edited at 2100 and an event edited
        // at 3333 (a later range) — the earlier one is reported whichever range found it first.
        let dir = try TemporaryDirectory(prefix: "audit-long")
        defer { dir.remove() }
        let path = dir.path + "/j.db"
        let store = try JournalStore(path: path)
        try store.append([EventDraft(type: "signer.keys", stage: "test", timeMillis: 1,
                                     attributes: [.init("note_vkey", AuditFixture.verifier.verifierKey)])])
        while store.lastSequence < 5000 {
            let n = Int(min(700 - store.lastSequence % 700, 5000 - store.lastSequence))
            try store.append((0..<n).map { EventDraft(type: "device.status", stage: "test", timeMillis: 2, attributes: [.init("i", "\($0)")]) })
            let size = store.tree.size, root = store.tree.root()
            let note = try Checkpoint(origin: JournalStore.checkpointOrigin, size: size, rootHash: root)
                .signed(name: JournalStore.checkpointOrigin, key: AuditFixture.noteKey)
            try store.appendCheckpoint(StoredCheckpoint(size: size, root: root, note: note, timeMillis: 0))
        }
        for parallelism in [2, 7] {
            let ok = JournalVerifier(parallelism: parallelism).verify(path: path)
            #expect(ok.failure == nil && ok.events == 5000 && ok.checkpoints == 8, "\(ok)")
        }
        let db = try Connection(path: path)
        try db.execute("DROP TRIGGER events_no_update; DROP TRIGGER checkpoints_no_update")
        try db.execute("UPDATE events SET canonical = replace(canonical, '\"i\"', '\"j\"') WHERE seq = 3333")
        for parallelism in [1, 2, 7] {
            #expect(JournalVerifier(parallelism: parallelism).verify(path: path).failure?.sequence == 3333)
        }
        try db.execute("UPDATE checkpoints SET root = zeroblob(32) WHERE size = 2100")
        for parallelism in [1, 2, 7] {
            let report = JournalVerifier(parallelism: parallelism).verify(path: path)
            #expect(report.failure?.sequence == 2100 && report.failure?.reason.contains("root") == true, "\(report)")
        }
    }

    @Test func aJournalBeingWrittenVerifiesUpToWhatWasCommittedWhenVerifyStarted() throws {
        // A writer keeps appending events and signing checkpoints while verify runs on its own connections.
        let fixture = try AuditFixture()
        let writer = try JournalStore(path: fixture.path)
        let stop = Atomic<Bool>(false), written = Atomic<Int>(0)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { done.signal() }
            var i = 0
            while !stop.load(ordering: .relaxed) {
                i += 1
                _ = try? writer.append((0..<50).map { EventDraft(type: "device.status", stage: "test", timeMillis: 3, attributes: [.init("i", "\(i)-\($0)")]) })
                if i % 4 == 0, let note = try? Checkpoint(origin: JournalStore.checkpointOrigin, size: writer.tree.size, rootHash: writer.tree.root())
                    .signed(name: JournalStore.checkpointOrigin, key: AuditFixture.noteKey) {
                    try? writer.appendCheckpoint(StoredCheckpoint(size: writer.tree.size, root: writer.tree.root(), note: note, timeMillis: 0))
                }
                written.store(i, ordering: .relaxed)
            }
        }
        defer {
            stop.store(true, ordering: .relaxed)
            done.wait()
        }
        var sizes: [UInt64] = []
        for parallelism in [1, 2, 3, 2, 1] {
            let report = try fixture.report(vkey: AuditFixture.verifier.verifierKey, parallelism: parallelism)
            #expect(report.failure == nil, "\(report)")
            sizes.append(report.events)
            // Let the writer commit more before the next verify (bounded, on a busy machine).
            let before = written.load(ordering: .relaxed), deadline = Date().addingTimeInterval(10)
            while written.load(ordering: .relaxed) < before + 2 && Date() < deadline { usleep(1000) }
        }
        #expect(written.load(ordering: .relaxed) > 0)
        #expect(sizes.first! >= 12 && sizes.last! > sizes.first!, "\(sizes)")  // later verifies saw more of the journal
    }

    @Test func replayIsDeterministicAndExportCarriesEveryEvent() throws {
        let fixture = try AuditFixture()
        let store = try JournalStore(path: fixture.path, readOnly: true)
        let first = try Replay.render(store), second = try Replay.render(try JournalStore(path: fixture.path, readOnly: true))
        #expect(first == second)
        #expect(first.contains("device 1: Not Ready -> Ready"))
        #expect(first.contains("capture cap-1"))
        var lines: [String] = []
        try Export.write(store) { lines.append($0) }
        #expect(lines.count == 15)
        #expect(lines.filter { $0.contains("\"kind\":\"checkpoint\"") }.count == 3)
    }

    @Test func inclusionAndConsistencyProofsVerifyAgainstTheSignedCheckpoints() throws {
        let fixture = try AuditFixture()
        let store = try JournalStore(path: fixture.path, readOnly: true)
        let leaves = try store.rows().map { JournalStore.leaf(eventHash: $0.hash) }
        let checkpoints = try store.checkpoints()
        for checkpoint in checkpoints {
            let opened = try Checkpoint.open(checkpoint.note, origin: JournalStore.checkpointOrigin, verifiers: [AuditFixture.verifier])
            for index in 0..<checkpoint.size {
                let proof = try MerkleTree.inclusionProof(index: index, size: checkpoint.size, leafHashes: leaves)
                #expect(MerkleTree.verifyInclusion(index: index, size: checkpoint.size, leafHash: leaves[Int(index)], proof: proof,
                                                   root: opened.checkpoint.rootHash))
            }
        }
        let (old, new) = (checkpoints[0], checkpoints[2])
        let proof = try MerkleTree.consistencyProof(old: old.size, new: new.size, leafHashes: leaves)
        #expect(MerkleTree.verifyConsistency(old: old.size, new: new.size, oldRoot: old.root, newRoot: new.root, proof: proof))
        #expect(!MerkleTree.verifyConsistency(old: old.size, new: new.size, oldRoot: new.root, newRoot: old.root, proof: proof))
    }
}
