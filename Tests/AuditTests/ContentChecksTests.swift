import Audit
import CryptoPrimitives
import Foundation
import JSON
import Journal
import TestSupport
import Testing
import Transparency
import Wire

/// Pass 2 in batches, with the capture signatures verified on every core: the first failure in journal order is
/// reported whatever the batch it falls in and the thread count, and failures at one capture come in the order the
/// checks meet them (segment by segment, signature before hash chain).
@Suite struct ContentChecksTests {
    enum Fault {
        case signature(segment: Int)
        case chain(segment: Int)
    }

    static let inputs: [(digest: [UInt8], signature: [UInt8])] = (0..<4).map { i in
        let input = Array("header.payload-\(i)".utf8)
        return (SHA256.hash(input), try! AuditFixture.deviceKey.signRS256(input))
    }

    /// `captures` captures of two segments each (3 checked events per capture, more than one batch for 1400), with
    /// real signatures and hash chains except for `faults` (by capture index), written as the gateway would (the
    /// journal's own chain and checkpoints are intact). Returns the sequence number of each capture.completed.
    static func journal(at path: String, captures: Int, faults: [Int: [Fault]] = [:]) throws -> [UInt64] {
        let store = try JournalStore(path: path)
        func e(_ type: String, _ capture: String, _ attrs: [(String, String)]) -> EventDraft {
            EventDraft(type: type, stage: "gateway", captureId: capture, timeMillis: 1_700_000_000_000, attributes: attrs.map { .init($0.0, $0.1) })
        }
        try store.append([e("signer.keys", "", [("note_vkey", AuditFixture.verifier.verifierKey),
                                                ("cert.device:1", Base64.encode(AuditFixture.deviceCert.der))])])
        var completed: [UInt64] = []
        var pending: [EventDraft] = []
        for c in 0..<captures {
            let id = "cap-\(c)", previous = SHA256.hash([UInt8]())
            var chain = previous
            for s in 0..<2 {
                let iso = SHA256.hash(Array("iso-\(c)-\(s)".utf8))
                chain = SHA256.hash(chain + iso)
                var (digest, signature) = inputs[(c + s) % inputs.count]
                var recorded = chain
                for fault in faults[c] ?? [] {
                    switch fault {
                    case .signature(let segment) where segment == s: signature[17] ^= 0x20
                    case .chain(let segment) where segment == s: recorded[0] ^= 1
                    default: break
                    }
                }
                pending.append(e("capture.segment", id, [("segment", "\(s)"), ("iso_sha256", Hex.encode(iso)), ("signing_input_sha256", Hex.encode(digest)),
                                                          ("signature", Base64.encode(signature)), ("hash", Hex.encode(recorded, uppercase: true))]))
            }
            pending.append(e("capture.completed", id, [("entries", "2"), ("previous_hash", Hex.encode(previous, uppercase: true)),
                                                        ("last_hash", Hex.encode(chain, uppercase: true)),
                                                        ("signer_cert_sha256", Hex.encode(AuditFixture.deviceCert.sha256Thumbprint))]))
            completed.append(store.lastSequence + UInt64(pending.count))
            if pending.count >= 300 || c == captures - 1 {
                try store.append(pending)
                pending.removeAll()
                let note = try Checkpoint(origin: JournalStore.checkpointOrigin, size: store.tree.size, rootHash: store.tree.root())
                    .signed(name: JournalStore.checkpointOrigin, key: AuditFixture.noteKey)
                try store.appendCheckpoint(StoredCheckpoint(size: store.tree.size, root: store.tree.root(), note: note, timeMillis: 0))
            }
        }
        return completed
    }

    func report(_ path: String, parallelism: Int) -> JournalVerifier.Report {
        JournalVerifier(trustedNoteKey: AuditFixture.verifier.verifierKey, parallelism: parallelism).verify(path: path)
    }

    @Test func manyBatchesOfCapturesVerify() throws {
        let dir = try TemporaryDirectory(prefix: "content")
        defer { dir.remove() }
        _ = try Self.journal(at: dir.path + "/j.db", captures: 1400)  // 4200 checked events: two batches
        for parallelism in [1, 2, 3] {
            let report = report(dir.path + "/j.db", parallelism: parallelism)
            #expect(report.failure == nil && report.captures == 1400 && report.signatures == 2800, "\(report)")
        }
    }

    @Test func theFirstFailureInJournalOrderWinsAcrossBatchesAndThreads() throws {
        let dir = try TemporaryDirectory(prefix: "content-faults")
        defer { dir.remove() }
        // A bad signature in the second batch, and a broken hash chain after it in the same batch.
        let completed = try Self.journal(at: dir.path + "/j.db", captures: 1400, faults: [1300: [.signature(segment: 1)], 1350: [.chain(segment: 0)]])
        for parallelism in [1, 2, 3] {
            let report = report(dir.path + "/j.db", parallelism: parallelism)
            #expect(report.failure?.sequence == completed[1300], "\(report)")
            #expect(report.failure?.reason.contains("signature of segment 1") == true, "\(report)")
        }
    }

    @Test(arguments: [
        ([Fault.signature(segment: 0), .chain(segment: 1)], "signature of segment 0"),
        ([Fault.chain(segment: 0), .signature(segment: 1)], "hash chain broken at segment 0"),
        ([Fault.signature(segment: 1)], "signature of segment 1"),
    ])
    func failuresAtOneCaptureComeInTheOrderTheChecksMeetThem(faults: [Fault], reason: String) throws {
        let dir = try TemporaryDirectory(prefix: "content-rank")
        defer { dir.remove() }
        let completed = try Self.journal(at: dir.path + "/j.db", captures: 30, faults: [10: faults, 20: [.signature(segment: 0)]])
        for parallelism in [1, 3] {
            let report = report(dir.path + "/j.db", parallelism: parallelism)
            #expect(report.failure?.sequence == completed[10], "\(report)")
            #expect(report.failure?.reason.contains(reason) == true, "\(report)")
        }
    }
}
