import CryptoPrimitives
import Foundation
import JSON
public import Journal
import Transparency
import Wire

/// The offline audit of a journal database: everything is recomputed from the stored canonical bytes.
///
/// Checks, in sequence order, stopping at the first failure (its sequence number is the report):
/// 1. the hash chain `hash = SHA-256(prev ‖ canonical)`, gap-free sequence, canonical encoding;
/// 2. the RFC 6962 tree: every stored checkpoint's size and root match the tree over the events;
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
        var previous = JournalStore.genesis
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

        var expected: UInt64 = 1
        for row in rows {
            let seq = row.sequence
            guard seq == expected else { throw Failure(sequence: expected, reason: "event missing (next stored is \(seq))") }
            let hash = JournalStore.chain(previous, row.canonical)
            guard constantTimeEqual(hash, row.hash) else { throw Failure(sequence: seq, reason: "hash chain broken") }
            guard let draft = try? JournalStore.decode(row.canonical, sequence: seq),
                  JournalStore.canonicalBytes(sequence: seq, draft) == row.canonical
            else { throw Failure(sequence: seq, reason: "not a canonical event for this sequence number") }
            previous = hash
            range.append(leafHash: MerkleTree.leafHash(row.canonical))
            expected += 1

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
            case "capture.completed":
                try verifyCapture(seq, a, segments[draft.captureId] ?? [], certificates)
                segments[draft.captureId] = nil
                report.captures += 1
                report.signatures += Int(a["entries"] ?? "0") ?? 0
            default:
                break
            }
            try checkCheckpoints(upTo: range.size, at: seq)
        }
        if let c = pendingCheckpoints.first {
            throw Failure(sequence: range.size + 1, reason: "event missing: checkpoint of size \(c.size) but \(range.size) events stored (truncated?)")
        }
        report.events = range.size
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
