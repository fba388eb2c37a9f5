import CryptoPrimitives
import Dispatch
import Foundation
import Synchronization
import JSON
public import Journal
import Transparency
import Wire

/// The offline audit of a journal database: everything is recomputed from the stored canonical bytes.
///
/// Checks, in sequence order, stopping at the first failure (its sequence number is the report):
/// 1. the hash chain `hash = SHA-256(prev ‖ canonical)`, gap-free sequence, canonical encoding;
/// 2. the RFC 6962 tree (leaves: the events' chain values): every stored checkpoint's size and root match;
/// 3. every checkpoint's C2SP signed note verifies with the journal's note key (given, or taken from the
///    journal's own `signer.keys` event — then only as strong as the file itself, which the report says);
/// 4. every capture signature: the RS256 signature in `capture.segment` verifies against the stored digest of the
///    JWS signing input with the device certificate the `signer.keys` event carries;
/// 5. the MOSIP hash chain of each capture: `hash_i = SHA-256(hash_{i-1} ‖ iso_sha256_i)` from `previous_hash`.
public struct JournalVerifier {
    public struct Report: Sendable, CustomStringConvertible {
        public var events: UInt64 = 0
        public var checkpoints = 0
        public var captures = 0
        public var signatures = 0
        public var noteKeySource = ""
        /// The first failure, if any.
        public var failure: (sequence: UInt64, reason: String)?

        public var description: String {
            if let f = failure { return "FAILED at seq \(f.sequence): \(f.reason)" }
            return "OK: \(events) events, \(checkpoints) checkpoints (\(noteKeySource)), \(captures) captures, \(signatures) signatures"
        }
    }

    /// The note verifier key as a C2SP vkey line; nil = use the one recorded in the journal.
    public var trustedNoteKey: String?

    public init(trustedNoteKey: String? = nil) { self.trustedNoteKey = trustedNoteKey }

    struct Failure: Error {
        let sequence: UInt64
        let reason: String
    }

    public func verify(rows: [JournalStore.Row], checkpoints: [StoredCheckpoint]) -> Report {
        var report = Report()
        do {
            try run(rows, checkpoints, &report)
        } catch let f as Failure {
            report.failure = (f.sequence, f.reason)
        } catch {
            report.failure = (0, "\(error)")
        }
        return report
    }

    private func run(_ rows: [JournalStore.Row], _ checkpoints: [StoredCheckpoint], _ report: inout Report) throws {
        var range = CompactRange()
        var certificates: [String: Certificate] = [:]  // by SHA-256 hex of DER
        var noteKey: NoteVerifier? = try trustedNoteKey.map { try NoteVerifier(verifierKey: $0) }
        report.noteKeySource = noteKey == nil ? "note key from the journal itself" : "note key given"
        var pendingCheckpoints = checkpoints.sorted { $0.size < $1.size }[...]
        var segments: [String: [EventDraft]] = [:]

        func checkCheckpoints(upTo size: UInt64, at seq: UInt64) throws {
            while let c = pendingCheckpoints.first, c.size <= size {
                guard c.size == size else { throw Failure(sequence: c.size, reason: "checkpoint for size \(c.size) precedes its tree") }
                let root = range.root()
                guard c.root == root else { throw Failure(sequence: c.size, reason: "checkpoint root differs from the tree at size \(c.size)") }
                guard let key = noteKey else { throw Failure(sequence: c.size, reason: "checkpoint before any note key is known") }
                let parsed: Checkpoint
                do {
                    parsed = try Checkpoint.open(c.note, origin: JournalStore.checkpointOrigin, verifiers: [key]).checkpoint
                } catch {
                    throw Failure(sequence: c.size, reason: "checkpoint signature: \(error)")
                }
                guard parsed.size == c.size, parsed.rootHash == root else {
                    throw Failure(sequence: c.size, reason: "signed checkpoint does not commit to size \(c.size) and its root")
                }
                report.checkpoints += 1
                pendingCheckpoints = pendingCheckpoints.dropFirst()
            }
        }

        // Pass 1, on every core: each row's chain link against the previous row's stored hash, and its leaf hash.
        // Every link depends only on stored bytes, so the rows split into independent chunks; pass 2 reports the
        // first failure in sequence order.
        let count = rows.count
        var leaves = [[UInt8]](repeating: [], count: count)
        let firstBadLink = Self.checkLinks(rows, leaves: &leaves)

        // Pass 2, in order: sequence numbers, the tree and its checkpoints, and the events whose contents are checked.
        for (i, row) in rows.enumerated() {
            let seq = row.sequence
            guard seq == UInt64(i) + 1 else { throw Failure(sequence: UInt64(i) + 1, reason: "event missing (next stored is \(seq))") }
            if i == firstBadLink { throw Failure(sequence: seq, reason: "hash chain broken") }
            // Every event must be a canonical event of its own sequence number; the prefix says so cheaply, and the
            // events whose contents matter are decoded and re-encoded in full below.
            guard Self.hasCanonicalPrefix(row.canonical, sequence: seq) else {
                throw Failure(sequence: seq, reason: "not a canonical event for this sequence number")
            }
            range.append(leafHash: leaves[i])
            let type = Self.peekType(row.canonical)
            if type == "signer.keys" || type == "capture.segment" || type == "capture.completed" {
                guard let draft = try? JournalStore.decode(row.canonical, sequence: seq),
                      JournalStore.canonicalBytes(sequence: seq, draft) == row.canonical
                else { throw Failure(sequence: seq, reason: "not a canonical event for this sequence number") }
                let a = Dictionary(draft.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { x, _ in x })
                switch draft.type {
                case "signer.keys":
                    for (k, v) in a where k.hasPrefix("cert.") {
                        guard let der = Base64.decode(v), let cert = try? Certificate(der: der) else {
                            throw Failure(sequence: seq, reason: "undecodable certificate \(k)")
                        }
                        certificates[Hex.encode(cert.sha256Thumbprint)] = cert
                    }
                    if trustedNoteKey == nil, let v = a["note_vkey"] {
                        noteKey = try? NoteVerifier(verifierKey: v)
                    }
                case "capture.segment":
                    segments[draft.captureId, default: []].append(draft)
                default:
                    try verifyCapture(seq, a, segments[draft.captureId] ?? [], certificates)
                    segments[draft.captureId] = nil
                    report.captures += 1
                    report.signatures += Int(a["entries"] ?? "0") ?? 0
                }
            }
            try checkCheckpoints(upTo: range.size, at: seq)
        }
        if let c = pendingCheckpoints.first {
            throw Failure(sequence: range.size + 1, reason: "event missing: checkpoint of size \(c.size) but \(range.size) events stored (truncated?)")
        }
        report.events = range.size
    }

    /// Checks `hash_i = SHA-256(hash_{i-1} ‖ canonical_i)` for every row, in parallel chunks, filling `leaves`;
    /// returns the index of the first row whose link is broken.
    static func checkLinks(_ rows: [JournalStore.Row], leaves: inout [[UInt8]]) -> Int? {
        let count = rows.count
        guard count > 0 else { return nil }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let chunk = (count + workers - 1) / workers
        let firstBad = Mutex<Int?>(nil)
        leaves.withUnsafeMutableBufferPointer { out in
            let output = UncheckedBuffer(out)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let start = w * chunk, end = min(count, start + chunk)
                guard start < end else { return }
                for i in start..<end {
                    let row = rows[i]
                    let previous = i == 0 ? JournalStore.genesis : rows[i - 1].hash
                    output.buffer[i] = JournalStore.leaf(eventHash: row.hash)
                    if !constantTimeEqual(JournalStore.chain(previous, row.canonical), row.hash) {
                        firstBad.withLock { $0 = min($0 ?? i, i) }
                        return
                    }
                }
            }
        }
        return firstBad.withLock { $0 }
    }

    /// `{"v":1,"seq":<sequence>,` — the start every canonical event of that sequence number has.
    static func hasCanonicalPrefix(_ canonical: [UInt8], sequence: UInt64) -> Bool {
        let prefix = Array("{\"v\":\(JournalStore.canonicalVersion),\"seq\":\(sequence),".utf8)
        return canonical.count > prefix.count && canonical.starts(with: prefix)
    }

    /// The `type` member of canonical bytes without parsing them: it follows `"time":…,` and holds no escapes.
    static func peekType(_ canonical: [UInt8]) -> Substring? {
        let marker = Array("\"type\":\"".utf8)
        let limit = min(canonical.count, 96)
        var i = 0
        while i + marker.count <= limit {
            if canonical[i] == marker[0], canonical[i..<i + marker.count].elementsEqual(marker) {
                let start = i + marker.count
                guard let end = canonical[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                return Substring(String(decoding: canonical[start..<end], as: UTF8.self))
            }
            i += 1
        }
        return nil
    }

    private func verifyCapture(_ seq: UInt64, _ a: [String: String], _ segments: [EventDraft],
                               _ certificates: [String: Certificate]) throws {
        guard let certHash = a["signer_cert_sha256"], let cert = certificates[certHash] else {
            throw Failure(sequence: seq, reason: "capture signed by a certificate the journal does not carry")
        }
        guard segments.count == Int(a["entries"] ?? "") else { throw Failure(sequence: seq, reason: "segment count differs") }
        var chain = Hex.decode(a["previous_hash"] ?? "") ?? []
        for s in segments {
            let sa = Dictionary(s.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { x, _ in x })
            guard let digest = Hex.decode(sa["signing_input_sha256"] ?? ""), let signature = Base64.decode(sa["signature"] ?? ""),
                  cert.publicKey.isValidRS256(signature: signature, digest: digest)
            else { throw Failure(sequence: seq, reason: "capture signature of segment \(sa["segment"] ?? "?") does not verify") }
            guard let iso = Hex.decode(sa["iso_sha256"] ?? ""), iso.count == 32 else {
                throw Failure(sequence: seq, reason: "segment without an ISO digest")
            }
            chain = SHA256.hash(chain + iso)
            guard Hex.encode(chain, uppercase: true) == sa["hash"] else {
                throw Failure(sequence: seq, reason: "MOSIP hash chain broken at segment \(sa["segment"] ?? "?")")
            }
        }
        guard Hex.encode(chain, uppercase: true) == a["last_hash"] else { throw Failure(sequence: seq, reason: "last_hash differs") }
    }
}

/// Lets the parallel pass write disjoint slots of one buffer.
private struct UncheckedBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<[UInt8]>
    init(_ buffer: UnsafeMutableBufferPointer<[UInt8]>) { self.buffer = buffer }
}
