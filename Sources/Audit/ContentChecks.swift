import CryptoPrimitives
import Dispatch
import JSON
import Journal
import Synchronization
import Transparency
import Wire

/// Pass 2 of the verifier: the events whose contents matter (`signer.keys`, `capture.segment`,
/// `capture.completed`) and the checkpoints, in sequence order.
///
/// The events come in batches (`batchSize`, read back by sequence number, so memory stays at one batch however long
/// the journal): each batch is decoded and re-encoded on every core, walked in order on one thread (certificates,
/// the note key, segments grouped per capture, MOSIP hash chains, checkpoint roots), and its capture signatures —
/// the costly part, an RSA verification each — are verified on every core at the end of the batch. A failure found
/// out of order is sorted out by `(sequence, rank)`, so the first failure in journal order is reported whatever the
/// thread count.
struct ContentChecks {
    typealias Failure = JournalVerifier.Failure

    static let batchSize = 4096

    private let trustedNoteKey: String?
    private let workers: Int
    private(set) var noteKey: NoteVerifier?
    private var certificates: [String: Certificate] = [:]  // by SHA-256 hex of DER
    private var segments: [String: [Segment]] = [:]
    private(set) var captures = 0
    private(set) var signatures = 0
    /// The checkpoints (below the first broken link) that passed their root check, with the key to verify them by.
    private(set) var notes: [(checkpoint: StoredCheckpoint, root: [UInt8], key: NoteVerifier)] = []

    init(trustedNoteKey: String?, workers: Int) throws {
        self.trustedNoteKey = trustedNoteKey
        self.workers = workers
        noteKey = try trustedNoteKey.map { try NoteVerifier(verifierKey: $0) }
    }

    /// A capture signature to verify, and the failure to report if it does not.
    private struct SignatureCheck: Sendable {
        let failure: Failure
        let certificate: Certificate
        let digest: [UInt8]
        let signature: [UInt8]
    }

    /// A checked event, decoded and checked to be canonical, its digests and signature already parsed: what the
    /// in-order walk needs, prepared on every core.
    private enum Checked: Sendable {
        case keys(certificates: [(name: String, value: String)], noteKey: String?)
        case segment(captureId: String, Segment)
        case completed(captureId: String, Completed)
    }

    private struct Segment: Sendable {
        let label: String
        let digest: [UInt8]?
        let signature: [UInt8]?
        let iso: [UInt8]?
        let hash: String
    }

    private struct Completed: Sendable {
        let certificate: String?
        let entries: Int?
        let previousHash: [UInt8]
        let lastHash: String
    }

    /// Checks the events numbered `sequences` (increasing; pass 1 found their types checked) of the journal at
    /// `path` and the checkpoints `checkpoints` (increasing sizes, each after the event of its size) against
    /// `roots`; returns the first failure.
    mutating func run(path: String, sequences: [UInt64], checkpoints: ArraySlice<StoredCheckpoint>, roots: MerkleRoots) -> Failure? {
        let stores = PerThread<JournalStore>(count: workers)
        var pending = checkpoints
        var start = 0
        while true {
            let batch = sequences[start..<min(sequences.count, start + Self.batchSize)]
            var checks: [SignatureCheck] = []
            var failure: Failure?
            do {
                for (sequence, event) in zip(batch, try prepare(batch, path: path, stores: stores)) {
                    while let c = pending.first, c.size < sequence {
                        try checkpoint(c, roots)
                        pending = pending.dropFirst()
                    }
                    try apply(sequence, try event.get(), &checks)
                }
                if batch.endIndex == sequences.endIndex {
                    for c in pending { try checkpoint(c, roots) }
                }
            } catch let f as Failure {
                failure = f
            } catch {
                failure = Failure(sequence: batch.first ?? 0, reason: "reading the journal: \(error)")
            }
            let failures = [failure, verify(checks)].compactMap { $0 }
            if let first = failures.min(by: { $0.precedes($1) }) { return first }
            if batch.endIndex == sequences.endIndex { return nil }
            start = batch.endIndex
        }
    }

    /// The batch's events read (each part through a read-only connection of its own), decoded, checked to be the
    /// canonical encoding of their own sequence numbers and parsed, on every core; in order.
    private func prepare(_ batch: ArraySlice<UInt64>, path: String, stores: PerThread<JournalStore>) throws -> [Result<Checked, Failure>] {
        let count = batch.count
        let parts = min(workers, max(1, count / 64))
        let chunk = (count + parts - 1) / max(1, parts)
        let results = Mutex<[Int: Result<[Result<Checked, Failure>], any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: count == 0 ? 0 : (count + chunk - 1) / chunk) { part in
            let slice = batch[(batch.startIndex + part * chunk)..<min(batch.endIndex, batch.startIndex + (part + 1) * chunk)]
            let result = Result { () throws -> [Result<Checked, Failure>] in
                let store = try stores.value(part) { try JournalStore(path: path, readOnly: true) }
                return zip(slice, try Self.read(slice, from: store)).map { sequence, canonical in
                    Self.parse(sequence, canonical)
                }
            }
            results.withLock { $0[part] = result }
        }
        return try results.withLock { results in try results.keys.sorted().flatMap { try results[$0]!.get() } }
    }

    /// The canonical bytes of `sequences` (increasing): one range scan when they are dense, else one lookup each.
    private static func read(_ sequences: ArraySlice<UInt64>, from store: JournalStore) throws -> [[UInt8]] {
        guard let first = sequences.first, let last = sequences.last else { return [] }
        guard last - first < 2 * UInt64(sequences.count) else { return try store.canonicalBytes(of: sequences) }
        var out: [[UInt8]] = []
        out.reserveCapacity(sequences.count)
        var wanted = sequences.makeIterator(), next = wanted.next()
        try store.scan(from: Int64(first), through: Int64(last)) { sequence, canonical, _ in
            while let n = next, Int64(n) < sequence {  // a row pass 1 saw is gone: no bytes, judged as not canonical
                out.append([])
                next = wanted.next()
            }
            if let n = next, Int64(n) == sequence {
                out.append(Array(canonical))
                next = wanted.next()
            }
            return next != nil
        }
        while next != nil {
            out.append([])
            next = wanted.next()
        }
        return out
    }

    private static func parse(_ sequence: UInt64, _ canonical: [UInt8]) -> Result<Checked, Failure> {
        guard let draft = try? JournalStore.decode(canonical, sequence: sequence),
              JournalStore.canonicalBytes(sequence: sequence, draft) == canonical
        else { return .failure(Failure(sequence: sequence, reason: "not a canonical event for this sequence number")) }
        let a = Dictionary(draft.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { x, _ in x })
        switch draft.type {
        case "signer.keys":
            return .success(.keys(certificates: draft.attributes.filter { $0.key.hasPrefix("cert.") }.map { ($0.key, $0.value) },
                                  noteKey: a["note_vkey"]))
        case "capture.segment":
            return .success(.segment(captureId: draft.captureId, Segment(
                label: a["segment"] ?? "?", digest: Hex.decode(a["signing_input_sha256"] ?? ""), signature: Base64.decode(a["signature"] ?? ""),
                iso: Hex.decode(a["iso_sha256"] ?? ""), hash: a["hash"] ?? "")))
        default:
            return .success(.completed(captureId: draft.captureId, Completed(
                certificate: a["signer_cert_sha256"], entries: Int(a["entries"] ?? ""), previousHash: Hex.decode(a["previous_hash"] ?? "") ?? [],
                lastHash: a["last_hash"] ?? "")))
        }
    }

    /// One checked event, in order.
    private mutating func apply(_ sequence: UInt64, _ event: Checked, _ checks: inout [SignatureCheck]) throws {
        switch event {
        case let .keys(certificates, vkey):
            for (k, v) in certificates {
                guard let der = Base64.decode(v), let cert = try? Certificate(der: der) else {
                    throw Failure(sequence: sequence, reason: "undecodable certificate \(k)")
                }
                self.certificates[Hex.encode(cert.sha256Thumbprint)] = cert
            }
            if trustedNoteKey == nil, let vkey {
                noteKey = try? NoteVerifier(verifierKey: vkey)
            }
        case let .segment(captureId, segment):
            segments[captureId, default: []].append(segment)
        case let .completed(captureId, completed):
            let parts = segments.removeValue(forKey: captureId) ?? []
            try capture(sequence, completed, parts, &checks)
            captures += 1
            signatures += completed.entries ?? 0
        }
    }

    /// A completed capture: its certificate, its segment count, each segment's signature (queued) and the MOSIP hash
    /// chain `hash_i = SHA-256(hash_{i-1} ‖ iso_sha256_i)` from `previous_hash` to `last_hash`. Failures at the
    /// capture's sequence rank as the checks would run one after another: segment by segment, signature first.
    private func capture(_ sequence: UInt64, _ c: Completed, _ parts: [Segment], _ checks: inout [SignatureCheck]) throws {
        guard let certHash = c.certificate, let cert = certificates[certHash] else {
            throw Failure(sequence: sequence, reason: "capture signed by a certificate the journal does not carry")
        }
        guard parts.count == c.entries else { throw Failure(sequence: sequence, reason: "segment count differs", rank: 1) }
        var chain = c.previousHash
        for (i, s) in parts.enumerated() {
            let signatureFailure = Failure(sequence: sequence, reason: "capture signature of segment \(s.label) does not verify", rank: 2 + 3 * i)
            guard let digest = s.digest, let signature = s.signature else { throw signatureFailure }
            checks.append(SignatureCheck(failure: signatureFailure, certificate: cert, digest: digest, signature: signature))
            guard let iso = s.iso, iso.count == 32 else {
                throw Failure(sequence: sequence, reason: "segment without an ISO digest", rank: 3 + 3 * i)
            }
            chain = SHA256.hash(chain + iso)
            guard Hex.encode(chain, uppercase: true) == s.hash else {
                throw Failure(sequence: sequence, reason: "MOSIP hash chain broken at segment \(s.label)", rank: 4 + 3 * i)
            }
        }
        guard Hex.encode(chain, uppercase: true) == c.lastHash else {
            throw Failure(sequence: sequence, reason: "last_hash differs", rank: 2 + 3 * parts.count)
        }
    }

    /// A checkpoint, after the event of its size: its root against the tree's; its note is verified later.
    private mutating func checkpoint(_ c: StoredCheckpoint, _ roots: MerkleRoots) throws {
        guard c.size > 0 else { throw Failure(sequence: 0, reason: "checkpoint for size 0 precedes its tree") }
        guard let root = roots[c.size] else { throw Failure(sequence: c.size, reason: "no tree of size \(c.size)") }
        guard c.root == root else { throw Failure(sequence: c.size, reason: "checkpoint root differs from the tree at size \(c.size)") }
        guard let key = noteKey else { throw Failure(sequence: c.size, reason: "checkpoint before any note key is known") }
        notes.append((c, root, key))
    }

    /// The queued signatures, on every core; the first failure in journal order.
    private func verify(_ checks: [SignatureCheck]) -> Failure? {
        guard !checks.isEmpty else { return nil }
        let first = Mutex<Failure?>(nil)
        let chunk = max(16, (checks.count + workers - 1) / workers)
        DispatchQueue.concurrentPerform(iterations: (checks.count + chunk - 1) / chunk) { part in
            for check in checks[(part * chunk)..<min(checks.count, (part + 1) * chunk)]
            where !check.certificate.publicKey.isValidRS256(signature: check.signature, digest: check.digest) {
                first.withLock { if $0.map({ check.failure.precedes($0) }) ?? true { $0 = check.failure } }
                return  // later checks of this part come later in the journal
            }
        }
        return first.withLock { $0 }
    }
}
