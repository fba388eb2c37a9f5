import CryptoPrimitives
import Dispatch
import Foundation
import Synchronization
import JSON
import Journal
import Transparency
import Wire

/// The offline audit of a journal database: everything is recomputed from the stored canonical bytes.
///
/// Checks, reporting the failure with the lowest sequence number (checkpoints count at their tree size, after the
/// event of that number):
/// 1. the hash chain `hash = SHA-256(prev ‖ canonical)`, gap-free sequence, each event a canonical event of its own
///    sequence number (the `{"v":1,"seq":N,` prefix for every event; a full decode and re-encode for the events whose
///    contents are checked below);
/// 2. the RFC 6962 tree (leaves: the events' chain values): every stored checkpoint's size and root match;
/// 3. every checkpoint's C2SP signed note verifies with the journal's note key (given, or taken from the
///    journal's own `signer.keys` event — then only as strong as the file itself, which the report says);
/// 4. every capture signature: the RS256 signature in `capture.segment` verifies against the stored digest of the
///    JWS signing input with the device certificate the `signer.keys` event carries;
/// 5. the MOSIP hash chain of each capture: `hash_i = SHA-256(hash_{i-1} ‖ iso_sha256_i)` from `previous_hash`.
///
/// How it runs (docs/AUDIT.md): each link depends only on stored bytes (the previous row's stored hash), so pass 1
/// splits the sequence into chunks spread over the cores, each thread reading through a read-only connection of its
/// own straight from SQLite's buffers, checking links and prefixes and hashing the Merkle leaves and the chunk's
/// subtree (`MerkleRoots`, which keeps only the roots at the checkpoints' sizes); pass 2 (`ContentChecks`) reads back
/// the events whose contents matter in batches, decodes them and verifies their capture signatures on every core and
/// walks them with the checkpoints in order; the checkpoint signatures are verified in parallel.
public struct JournalVerifier {
    public struct Report: Sendable, CustomStringConvertible {
        public var events: UInt64 = 0
        public var checkpoints = 0
        public var captures = 0
        public var signatures = 0
        public var noteKeySource = ""
        /// The first failure, if any.
        public var failure: (sequence: UInt64, reason: String)?
        /// Wall-clock seconds of each step, for `mds-audit bench`.
        public var timings = Timings()

        public var description: String {
            if let f = failure { return "FAILED at seq \(f.sequence): \(f.reason)" }
            return "OK: \(events) events, \(checkpoints) checkpoints (\(noteKeySource)), \(captures) captures, \(signatures) signatures"
        }
    }

    public struct Timings: Sendable {
        /// Opening, reading the checkpoints and the row count.
        public var open = 0.0
        /// Pass 1 and the tree: reading every row, chain links, prefixes, leaf hashes, the tree's levels.
        public var links = 0.0
        /// Pass 2: decoding the checked events, captures, checkpoint roots.
        public var contents = 0.0
        /// Checkpoint note signatures.
        public var notes = 0.0
    }

    /// The note verifier key as a C2SP vkey line; nil = use the one recorded in the journal.
    public var trustedNoteKey: String?
    /// Threads for the parallel steps (one read connection each in pass 1).
    public var parallelism: Int

    /// A verifier using `parallelism` threads (nil: one per core).
    public init(trustedNoteKey: String? = nil, parallelism: Int? = nil) {
        self.trustedNoteKey = trustedNoteKey
        self.parallelism = max(1, parallelism ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    struct Failure: Error, Sendable {
        let sequence: UInt64
        let reason: String
        /// Orders failures at one sequence number as the checks would meet them one after another.
        var rank = 0

        /// Whether this failure comes before `other` in journal order.
        func precedes(_ other: Failure) -> Bool {
            (sequence, rank) < (other.sequence, other.rank)
        }
    }

    /// Verifies the journal database at `path`, opened read-only.
    public func verify(path: String) -> Report {
        var report = Report()
        do {
            try run(path, &report)
        } catch let f as Failure {
            report.failure = (f.sequence, f.reason)
        } catch {
            report.failure = (0, "\(error)")
        }
        return report
    }

    private func run(_ path: String, _ report: inout Report) throws {
        var clock = Stopwatch()
        let store = try JournalStore(path: path, readOnly: true)
        // Checkpoints first, then the row count: on a live journal no checkpoint is then newer than the rows counted.
        let checkpoints = try store.checkpoints()
        let last = UInt64(clamping: try store.maxSequence())
        report.timings.open = clock.lap()

        // Pass 1 and the tree, on every core: each chunk of events is read, linked and hashed up to its subtree root.
        let (roots, checked, linkFailure) = Self.checkLinks(path: path, last: last, checkpointSizes: checkpoints.map(\.size),
                                                            workers: parallelism)
        report.timings.links = clock.lap()
        // Everything from the first broken link on is unverifiable; earlier failures (pass 2) still come first.
        let limit = linkFailure?.sequence ?? last + 1

        // Pass 2, in order: the checked events and the checkpoints' roots (each after the event of its size).
        var content = try ContentChecks(trustedNoteKey: trustedNoteKey, workers: parallelism)
        report.noteKeySource = trustedNoteKey == nil ? "note key from the journal itself" : "note key given"
        let contentFailure = content.run(path: path, sequences: checked.filter { $0 < limit },
                                         checkpoints: checkpoints.prefix { $0.size < limit }, roots: roots)
        report.timings.contents = clock.lap()

        // The notes, in parallel; a bad one counts only if it comes before the failures above.
        let noteFailure = Self.verifyNotes(content.notes, workers: parallelism)
        report.timings.notes = clock.lap()

        let failures = [linkFailure, contentFailure, noteFailure].compactMap { $0 }
        if let first = failures.min(by: { $0.precedes($1) }) { throw first }
        if let c = checkpoints.last, c.size > last {
            throw Failure(sequence: last + 1, reason: "event missing: checkpoint of size \(c.size) but \(last) events stored (truncated?)")
        }
        report.checkpoints = content.notes.count
        report.captures = content.captures
        report.signatures = content.signatures
        report.events = last
    }

    /// Verifies each note's signature and that it commits to its size and root, `workers` at a time; returns the
    /// failure of the smallest size.
    static func verifyNotes(_ notes: [(checkpoint: StoredCheckpoint, root: [UInt8], key: NoteVerifier)], workers: Int) -> Failure? {
        guard !notes.isEmpty else { return nil }
        let firstBad = Mutex<Failure?>(nil)
        let chunk = max(1, (notes.count + workers - 1) / workers)
        DispatchQueue.concurrentPerform(iterations: (notes.count + chunk - 1) / chunk) { w in
            for (c, root, key) in notes[(w * chunk)..<min(notes.count, (w + 1) * chunk)] {
                let failure: Failure?
                do {
                    let parsed = try Checkpoint.open(c.note, origin: JournalStore.checkpointOrigin, verifiers: [key]).checkpoint
                    failure = parsed.size == c.size && parsed.rootHash == root ? nil
                        : Failure(sequence: c.size, reason: "signed checkpoint does not commit to size \(c.size) and its root")
                } catch {
                    failure = Failure(sequence: c.size, reason: "checkpoint signature: \(error)")
                }
                if let failure {
                    firstBad.withLock { if failure.sequence < ($0?.sequence ?? .max) { $0 = failure } }
                    return  // later notes of this chunk cannot come first
                }
            }
        }
        return firstBad.withLock { $0 }
    }

    /// Pass 1: the events `1...last` in chunks of `MerkleLevels.chunkLeaves`, spread over `workers` threads, each
    /// reading through a connection of its own; the chunk's leaf hashes go into the tree (`MerkleRoots`), which keeps
    /// the roots at the checkpoints' sizes. Returns those roots (valid up to the first failure), the events whose
    /// contents pass 2 checks, in order, and the failure with the lowest sequence number.
    static func checkLinks(path: String, last: UInt64, checkpointSizes: [UInt64], workers: Int)
        -> (roots: MerkleRoots, checked: [UInt64], failure: Failure?) {
        let stores = PerThread<JournalStore>(count: workers)
        let results = Mutex<[Int: LinkResult]>([:])
        let firstFailure = Atomic<UInt64>(.max)
        let roots = MerkleRoots(count: Int(last), sizes: checkpointSizes, parallelism: workers) { thread, range, leaves in
            let lo = UInt64(range.lowerBound + 1), hi = UInt64(range.upperBound)
            guard lo < firstFailure.load(ordering: .relaxed) else { return }  // past a failure: nothing to verify
            var result: LinkResult
            do {
                let store = try stores.value(thread) { try JournalStore(path: path, readOnly: true) }
                result = try LinkChecker.run(store: store, lo: lo, hi: hi, leaves: leaves)
            } catch {
                result = LinkResult(checked: [], failure: Failure(sequence: lo, reason: "reading the journal: \(error)"))
            }
            if let f = result.failure { firstFailure.min(f.sequence, ordering: .relaxed) }
            results.withLock { $0[range.lowerBound] = result }
        }
        let ordered = results.withLock { r in r.keys.sorted().compactMap { r[$0] } }
        let failure = ordered.compactMap(\.failure).min { $0.sequence < $1.sequence }
        return (roots, ordered.flatMap(\.checked), failure)
    }
}

struct LinkResult: Sendable {
    /// The events whose contents pass 2 checks, by sequence number (their bytes are read again then).
    var checked: [UInt64]
    var failure: JournalVerifier.Failure?
}

/// One pass-1 range: rows `lo...hi` (and `lo - 1`, for the first link), read through a connection of its own.
enum LinkChecker {
    /// The event types whose contents pass 2 decodes and checks.
    static let checkedTypes = ["signer.keys", "capture.segment", "capture.completed"].map { Array("\($0)\"".utf8) }

    /// Checks events `lo...hi` (reading `lo - 1` too, for the first link) and writes their leaf hashes to `leaves`
    /// (32 bytes per event, from `lo`).
    static func run(store: JournalStore, lo: UInt64, hi: UInt64, leaves: UnsafeMutableRawBufferPointer) throws -> LinkResult {
        var result = LinkResult(checked: [], failure: nil)
        guard lo <= hi else { return result }
        let isFirst = lo == 1
        var expected = lo
        // The previous link's stored hash; the genesis before event 1. Unknown (nil) if row lo - 1 is missing, which
        // the chunk before reports as a gap.
        var previous: [UInt8]? = isFirst ? JournalStore.genesis : nil
        var computed = [UInt8](repeating: 0, count: 32)
        try store.scan(from: isFirst ? .min : Int64(lo) - 1, through: Int64(hi)) { seq, canonical, hash in
            if seq < Int64(lo) {
                if isFirst {
                    result.failure = .init(sequence: 1, reason: "a row numbered \(seq) before the first event")
                    return false
                }
                previous = Array(hash)
                return true
            }
            let sequence = UInt64(seq)
            guard sequence == expected else {
                result.failure = .init(sequence: expected, reason: "event missing (next stored is \(sequence))")
                return false
            }
            let linked = previous.map { previous in
                computed.withUnsafeMutableBytes { out in
                    previous.withUnsafeBytes { SHA256.hash($0, canonical, into: out) }
                    return hash.count == 32 && memcmp(out.baseAddress!, hash.baseAddress!, 32) == 0
                }
            } ?? false
            guard linked else {
                result.failure = .init(sequence: sequence, reason: "hash chain broken")
                return false
            }
            guard let typeStart = JournalStore.typeOffset(in: canonical, sequence: sequence) else {
                result.failure = .init(sequence: sequence, reason: "not a canonical event for this sequence number")
                return false
            }
            let slot = Int(sequence - lo) * 32
            JournalStore.leaf(eventHash: hash, into: UnsafeMutableRawBufferPointer(rebasing: leaves[slot..<slot + 32]))
            if isChecked(canonical, typeAt: typeStart) { result.checked.append(sequence) }
            previous!.withUnsafeMutableBytes { $0.copyMemory(from: hash) }
            expected += 1
            return true
        }
        if result.failure == nil, expected <= hi {
            result.failure = .init(sequence: expected, reason: "event missing")
        }
        return result
    }

    /// Whether the type whose text starts at `start` is one pass 2 checks. The header before it is canonical
    /// (`JournalStore.typeOffset`), so no event can hide its type from pass 2 behind another layout, even with a
    /// recomputed chain; every other event is checked by its chain link and that header only.
    static func isChecked(_ canonical: UnsafeRawBufferPointer, typeAt start: Int) -> Bool {
        checkedTypes.contains { name in
            canonical.count >= start + name.count && memcmp(canonical.baseAddress! + start, name, name.count) == 0
        }
    }
}

/// One lazily made value per worker thread (a read connection each).
final class PerThread<Value: Sendable>: Sendable {
    private let values: Mutex<[Value?]>

    init(count: Int) { values = Mutex(Array(repeating: nil, count: count)) }

    func value(_ thread: Int, make: () throws -> Value) throws -> Value {
        try values.withLock { values in
            if let value = values[thread] { return value }
            let value = try make()
            values[thread] = value
            return value
        }
    }
}

/// Wall-clock laps.
struct Stopwatch {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
