import Audit
import CryptoPrimitives
import Journal
import ServiceKit
import Transparency

/// Measures 2 and 4: SHA-256 chaining and verify.
extension BenchCommand {
    // MARK: 2. SHA-256 chaining

    /// The chaining rates over the stored canonical bytes of the journal at `path`, read into memory first: the
    /// fastest (the baseline), each variant's median, MB/s at the baseline, and the number of events.
    static func shaBaseline(path: String, runs: Int) throws
        -> (best: Double, hasher: Double, oneShot: Double, inPlace: Double, megabytesPerSecond: Double, events: Int) {
        let stored = try JournalStore(path: path, readOnly: true).rows()
        let totalBytes = stored.reduce(0) { $0 + $1.canonical.count }
        var shaRuns: [(chain: Double, oneShot: Double, inPlace: Double)] = []
        for i in 0..<runs {
            shaRuns.append((shaChainHasher(stored), shaChainOneShot(stored), shaChainInPlace(stored)))
            print("  [2] SHA-256 chain run \(i + 1): \(grouped(shaRuns.last!.chain)) events/s (JournalStore.chain), "
                  + "\(grouped(shaRuns.last!.oneShot)) events/s (SHA256.hash of a reused concatenation buffer), "
                  + "\(grouped(shaRuns.last!.inPlace)) events/s (SHA256.hash(h, canonical, into: h), no allocation)")
        }
        let hasher = median(shaRuns.map(\.chain)), oneShot = median(shaRuns.map(\.oneShot)), inPlace = median(shaRuns.map(\.inPlace))
        let best = max(hasher, oneShot, inPlace)
        guard stored.last.map({ $0.hash }) == (shaChainFinal(stored)) else { throw ValidationError("chain mismatch in the built journal") }
        return (best, hasher, oneShot, inPlace, best * Double(totalBytes + 32 * stored.count) / Double(stored.count) / 1e6, stored.count)
    }

    /// With the journal's own `JournalStore.chain` (an incremental hasher per event).
    static func shaChainHasher(_ rows: [JournalStore.Row]) -> Double {
        let start = Clock.monotonicSeconds()
        var h = JournalStore.genesis
        for r in rows { h = JournalStore.chain(h, r.canonical) }
        let seconds = Clock.monotonicSeconds() - start
        blackHole(h)
        return Double(rows.count) / seconds
    }

    /// With one-shot `SHA256.hash` over `h ‖ canonical` copied into a reused buffer.
    static func shaChainOneShot(_ rows: [JournalStore.Row]) -> Double {
        let start = Clock.monotonicSeconds()
        let h = shaChainFinal(rows)
        let seconds = Clock.monotonicSeconds() - start
        blackHole(h)
        return Double(rows.count) / seconds
    }

    /// With `SHA256.hash(h, canonical, into:)`: no concatenation, no allocation per event.
    static func shaChainInPlace(_ rows: [JournalStore.Row]) -> Double {
        let start = Clock.monotonicSeconds()
        var h = JournalStore.genesis, next = JournalStore.genesis
        for r in rows {
            h.withUnsafeBytes { h in r.canonical.withUnsafeBytes { c in next.withUnsafeMutableBytes { SHA256.hash(h, c, into: $0) } } }
            swap(&h, &next)
        }
        let seconds = Clock.monotonicSeconds() - start
        blackHole(h)
        return Double(rows.count) / seconds
    }

    static func shaChainFinal(_ rows: [JournalStore.Row]) -> [UInt8] {
        var h = JournalStore.genesis
        var scratch: [UInt8] = []
        scratch.reserveCapacity(4096)
        for r in rows {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: h)
            scratch.append(contentsOf: r.canonical)
            h = SHA256.hash(scratch)
        }
        return h
    }

    // MARK: 4. verify

    static func buildJournal(path: String, events: Int, key: Ed25519.PrivateKey) throws {
        let store = try JournalStore(path: path)
        let checkpointer = try localCheckpointer(store, key: key)
        var done = 0
        while done < events {
            let n = min(1000, events - done)
            try store.append((done..<done + n).map { draft($0) })
            done += n
            try checkpoint(checkpointer)
        }
    }

    static func verifyOnce(path: String, vkey: String, events: Int, parallelism: Int? = nil) throws -> JournalVerifier.Report {
        let report = JournalVerifier(trustedNoteKey: vkey, parallelism: parallelism).verify(path: path)
        guard report.failure == nil, report.events == UInt64(events), report.checkpoints == (events + 999) / 1000 else {
            throw ValidationError("verify did not pass: \(report)")
        }
        return report
    }

    static func total(_ t: JournalVerifier.Timings) -> Double { t.open + t.links + t.contents + t.notes }
}
