import Audit
import Bus
import CryptoPrimitives
import Dispatch
import Foundation
import Glibc
import JSON
import Journal
import SQLite
import ServiceKit
import Synchronization
import Transparency
import Wire

/// `mds-audit bench`: the journal's throughput figures next to the ceilings they are judged against, all measured
/// by this one command, on this machine, in one directory (so on one filesystem):
///
/// 1. raw SQLite: rows/s inserting journal-shaped rows (same schema, same canonical bytes and hashes) with a prepared
///    statement, `--batch` rows per transaction, WAL + `synchronous=FULL`: the ceiling for the journal's durability;
/// 2. SHA-256 chaining `h = SHA-256(h ‖ canonical)` over the stored canonical bytes of the verify journal, in memory,
///    the fastest of three ways of writing it (the baseline);
/// 3. acknowledged events/s: a real `JournalWriter` (with its `Checkpointer`, signing locally) behind a real
///    `BusServer` with the deferred `JournalResponder` on `ipc://`, `--producers` threads each sending `JournalAppend`
///    requests of 1–6 events and waiting for each ack;
/// 4. verify: a journal of `--events` events with a signed checkpoint every 1000, checked by
///    `JournalVerifier.verify(path:)` exactly as `mds-audit verify` does it, with the verifier's own step timings.
///
/// 1 and 3 are interleaved run by run (the disk's fsync latency drifts); 4 runs before 2 loads a million rows into
/// memory, so the verifier works in a process the size of `mds-audit verify`'s.
enum BenchCommand {
    static let usage = """
        usage: mds-audit bench [--events 1000000] [--producers 8] [--batch 64] [--dir DIR]
                               [--raw-rows 100000] [--ack-events 100000] [--runs 3] [--client-per-producer] [--keep]

        Measures, in a fresh directory under DIR (default: the temporary directory): the raw batched SQLite insert
        rate, the SHA-256 chaining rate, acknowledged journal appends/s under concurrent producers, and verify speed
        over a journal of --events events; prints the figures, the two ratios and the verify phase breakdown.
        """

    // MARK: options and results

    struct Options {
        var events = 1_000_000
        var producers = 8
        var batch = 64
        var rawRows = 100_000
        var ackEvents = 100_000
        var runs = 3
        var clientPerProducer = false
        var keep = false
        var parent = NSTemporaryDirectory()
    }

    struct AckRun {
        var events = 0
        var requests = 0
        var errors = 0
        var seconds = 0.0
        var latencies: [Double] = []
        var commits = 0
        var committedEvents = 0
        /// Wall seconds the journal's writer spent appending and committing.
        var serverBusy = 0.0
        /// CPU seconds of the writer thread in append + commit.
        var writerCPU = 0.0
        /// CPU seconds of the whole process (journal threads, producers, bus I/O) during the run.
        var processCPU = 0.0
        var rate: Double { Double(events) / seconds }
        var meanBatch: Double { Double(committedEvents) / Double(max(1, commits)) }
    }

    struct RawRun {
        var rate = 0.0
        var batch = 0
        var seconds = 0.0
        /// CPU time of the inserting thread (the rest of `seconds` is waiting, mostly for fsync).
        var cpu = 0.0
        var transactions: Int = 0
    }

    static func run(_ argv: [String]) throws -> ExitCode {
        if argv.contains("--help") || argv.contains("-h") {
            print(usage)
            return .success
        }
        var args = try Arguments(argv, flagNames: ["client-per-producer", "keep"])
        var o = Options()
        o.events = try args.int("events") ?? o.events
        o.producers = try args.int("producers") ?? o.producers
        o.batch = try args.int("batch") ?? o.batch
        o.rawRows = try args.int("raw-rows") ?? o.rawRows
        o.ackEvents = try args.int("ack-events") ?? o.ackEvents
        o.runs = try args.int("runs") ?? o.runs
        o.clientPerProducer = args.flag("client-per-producer")
        o.keep = args.flag("keep")
        o.parent = args.string("dir") ?? o.parent
        try args.checkAllConsumed()
        guard args.positional.isEmpty else { throw ValidationError("bench takes no positional argument") }
        guard o.events >= 1000, o.producers >= 1, o.batch >= 1, o.rawRows >= o.batch, o.ackEvents >= o.producers, o.runs >= 1
        else { throw ValidationError("need --events ≥ 1000, --producers ≥ 1, --batch ≥ 1, --raw-rows ≥ --batch, --ack-events ≥ --producers, --runs ≥ 1") }

        try FileManager.default.createDirectory(atPath: o.parent, withIntermediateDirectories: true)
        let dir = (o.parent.hasSuffix("/") ? o.parent : o.parent + "/") + "mds-audit-bench-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { if !o.keep { try? FileManager.default.removeItem(atPath: dir) } }

        let key = try Ed25519.PrivateKey.generate()
        let vkey = try NoteSigner(name: JournalStore.checkpointOrigin, key: key).verifier.verifierKey
        let sizes = (1...10_000).map { JournalStore.canonicalBytes(sequence: UInt64($0 * 97), draft($0)).count }
        let meanSize = Double(sizes.reduce(0, +)) / Double(sizes.count)

        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = ProcessInfo.processInfo.physicalMemory >> 30
        print("mds-audit bench: \(cores) cores, \(memory) GiB, dir \(dir), load average at start \(loadAverage())")
        print("  events \(o.events), producers \(o.producers), batch \(o.batch), raw rows \(o.rawRows), ack events \(o.ackEvents), runs \(o.runs), \(o.clientPerProducer ? "one BusClient per producer" : "one shared BusClient")")
        print("  checkpoint note key (for `mds-audit verify --vkey` on a --keep'd verify.db): \(vkey)")
        print("  canonical event: mean \(Int(meanSize.rounded())) B (min \(sizes.min()!), max \(sizes.max()!)); row = seq, time, type, stage, capture_id, canonical, 32-byte hash")

        // 1 and 3, interleaved (raw at --batch, acked, raw at the batch the journal committed in that run): the disk's
        // fsync latency drifts over minutes on shared machines, so each ratio compares figures taken moments apart.
        var rawRuns: [RawRun] = [], ackRuns: [AckRun] = [], rawObservedRuns: [RawRun] = []
        for i in 0..<o.runs {
            let r = try rawInsert(path: "\(dir)/raw-\(i).db", rows: o.rawRows, batch: o.batch)
            let a = try acknowledged(dir: dir, run: i, options: o, key: key)
            let observed = max(1, Int(a.meanBatch.rounded()))
            let ro = try rawInsert(path: "\(dir)/raw-observed-\(i).db", rows: o.rawRows, batch: observed)
            rawRuns.append(r)
            ackRuns.append(a)
            rawObservedRuns.append(ro)
            print("  run \(i + 1): [1] raw \(grouped(r.rate)) rows/s at \(o.batch)/txn; [3] acked \(grouped(a.rate)) events/s "
                  + "(\(a.requests) requests, \(a.errors) errors, \(fixed(a.meanBatch, 1)) events/commit, writer busy "
                  + "\(fixed(100 * a.serverBusy / a.seconds, 0)) %); [1′] raw \(grouped(ro.rate)) rows/s at \(observed)/txn; "
                  + "ratios \(fixed(a.rate / r.rate, 2)) / \(fixed(a.rate / ro.rate, 2))")
        }
        let raw = median(rawRuns.map(\.rate))
        let rawAtObserved = median(rawObservedRuns.map(\.rate))
        let ack = ackRuns.sorted { $0.rate < $1.rate }[ackRuns.count / 2]
        let ackMeanBatch = ack.meanBatch
        let observedBatch = max(1, Int(median(ackRuns.map(\.meanBatch)).rounded()))
        let rawObservedMedian = rawObservedRuns.sorted { $0.rate < $1.rate }[rawObservedRuns.count / 2]
        let rawMedian = rawRuns.sorted { $0.rate < $1.rate }[rawRuns.count / 2]

        // 4a. the journal to verify
        let journalPath = "\(dir)/verify.db"
        let buildStart = now()
        try buildJournal(path: journalPath, events: o.events, key: key)
        let buildSeconds = now() - buildStart
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: journalPath)[.size] as? Int) ?? 0
        print("  [4] built \(o.events) events + \((o.events + 999) / 1000) checkpoints in \(fixed(buildSeconds, 1)) s "
              + "(\(grouped(Double(o.events) / buildSeconds)) events/s through JournalStore.append, 1000 per transaction), "
              + "\(fixed(Double(fileBytes) / 1e6, 0)) MB")

        // 4b. verify, exactly as `mds-audit verify` does it (opening the file included)
        var verifyRuns: [JournalVerifier.Report] = []
        for i in 0..<o.runs {
            let r = try verifyOnce(path: journalPath, vkey: vkey, events: o.events)
            verifyRuns.append(r)
            let t = r.timings
            print("  [4] verify run \(i + 1): \(fixed(total(t), 2)) s → \(grouped(Double(o.events) / total(t))) events/s "
                  + "(open \(fixed(t.open, 3)), links + tree \(fixed(t.links, 3)), contents \(fixed(t.contents, 3)), "
                  + "notes \(fixed(t.notes, 3)) s)")
        }
        let verifyRate = median(verifyRuns.map { Double(o.events) / total($0.timings) })
        let medianVerify = verifyRuns.sorted { total($0.timings) < total($1.timings) }[verifyRuns.count / 2].timings
        let oneThread = try verifyOnce(path: journalPath, vkey: vkey, events: o.events, parallelism: 1).timings

        // 2. SHA-256 chaining over exactly the stored canonical bytes
        let (sha, shaHasher, shaOneShot, shaInPlace, shaMB, storedCount) = try shaBaseline(path: journalPath, runs: o.runs)

        // Report
        print("  load average at end \(loadAverage()) (other processes share these cores: compare medians, not single runs)")
        let ackRatio = ack.rate / raw
        let verifyRatio = verifyRate / sha
        let lat = ack.latencies.sorted()
        func pct(_ p: Double) -> Double { lat.isEmpty ? 0 : lat[min(lat.count - 1, Int(Double(lat.count) * p))] * 1000 }
        print("")
        print("| # | measure | rate (median of \(o.runs)) | notes |")
        print("|---|---|---|---|")
        print("| 1 | raw SQLite insert, \(o.batch) rows/transaction, WAL + synchronous=FULL, prepared statement | \(grouped(raw)) rows/s | \(o.rawRows) rows per run, fresh database each run |")
        print("| 1′ | same, at the journal's observed ≈ \(observedBatch) rows/transaction | \(grouped(rawAtObserved)) rows/s | each run at the mean group-commit size of the acked run just before it |")
        print("| 2 | SHA-256 chain h = SHA-256(h ‖ canonical) | \(grouped(sha)) events/s (\(fixed(shaMB, 0)) MB/s) | \(storedCount) stored events in memory, one thread; JournalStore.chain \(grouped(shaHasher))/s, reused buffer \(grouped(shaOneShot))/s, in place \(grouped(shaInPlace))/s: the fastest is the baseline |")
        print("| 3 | acknowledged appends, \(o.producers) producers, 1–6 events/request | \(grouped(ack.rate)) events/s | \(ack.requests) requests, ack p50 \(fixed(pct(0.5), 2)) ms, p99 \(fixed(pct(0.99), 2)) ms; \(fixed(ackMeanBatch, 1)) events/commit; \(ack.errors) errors |")
        print("| 4 | verify: `mds-audit verify` (JournalVerifier.verify(path:)), from opening the file to the report | \(grouped(verifyRate)) events/s | \(o.events) events, \((o.events + 999) / 1000) signed checkpoints, \(cores) threads; on one thread \(grouped(Double(o.events) / total(oneThread)))/s |")
        print("")
        print("acknowledged / raw SQLite  = \(fixed(ackRatio, 3))  (target ≥ 0.5) \(ackRatio >= 0.5 ? "PASS" : "FAIL")"
              + "   [median of the per-run paired ratios: \(fixed(median(zip(ackRuns, rawRuns).map { $0.rate / $1.rate }), 2)); "
              + "vs raw at the observed ≈ \(observedBatch) rows/transaction: \(fixed(ack.rate / rawAtObserved, 2))]")
        print("verify / SHA-256 chaining  = \(fixed(verifyRatio, 3))  (target ≥ 0.5) \(verifyRatio >= 0.5 ? "PASS" : "FAIL")")
        print("")
        let n = Double(o.events)
        func row(_ name: String, _ t: Double, _ single: Double) {
            print("| \(name) | \(fixed(t, 3)) s | \(fixed(t / n * 1e9, 0)) ns | \(fixed(100 * t / total(medianVerify), 0)) % | \(fixed(single, 3)) s |")
        }
        print("verify steps (median run; JournalVerifier's own laps):")
        print("")
        print("| step | wall | per event | share | on 1 thread |")
        print("|---|---|---|---|---|")
        row("open, read checkpoints and max(seq)", medianVerify.open, oneThread.open)
        row("pass 1: read rows (one connection per thread), chain links, prefixes, leaf hashes, tree levels", medianVerify.links, oneThread.links)
        row("pass 2: checked events, captures, checkpoint roots", medianVerify.contents, oneThread.contents)
        row("checkpoint note signatures (Ed25519)", medianVerify.notes, oneThread.notes)

        // Where the acknowledged path spends its time (median run of 3).
        let commits = Double(max(1, ack.commits))
        let journalCommitMs = ack.serverBusy / commits * 1000, processCPUMs = ack.processCPU / commits * 1000
        let ro = rawObservedMedian, rb = rawMedian
        let rawCommitMs = ro.seconds / Double(ro.transactions) * 1000, rawCPUMs = ro.cpu / Double(ro.transactions) * 1000
        let rawCommit64Ms = rb.seconds / Double(rb.transactions) * 1000, rawCPU64Ms = rb.cpu / Double(rb.transactions) * 1000
        let cpu = appendCPU(events: 100_000)
        print("")
        print("acknowledged path (median run of 3):")
        print("")
        print("| figure | value |")
        print("|---|---|")
        print("| commits/s (one fsync each) | \(grouped(commits / ack.seconds)) |")
        print("| events per commit / requests per commit | \(fixed(ackMeanBatch, 1)) / \(fixed(Double(ack.requests) / commits, 1)) (at most \(o.producers) requests: one in flight per producer) |")
        print("| journal writer thread in append + commit | \(fixed(100 * ack.serverBusy / ack.seconds, 0)) % of wall time; \(fixed(journalCommitMs, 2)) ms wall, \(fixed(ack.writerCPU / commits * 1000, 2)) ms CPU per commit |")
        print("| CPU of the whole process (writer, bus server, producers, bus I/O) per commit | \(fixed(processCPUMs, 2)) ms (\(fixed(ack.processCPU / ack.seconds, 2)) cores busy on average) |")
        print("| raw SQLite per transaction at \(ro.batch) rows (median 1′ run) | \(fixed(rawCommitMs, 2)) ms wall, \(fixed(rawCPUMs, 2)) ms CPU |")
        print("| raw SQLite per transaction at \(rb.batch) rows (median 1 run) | \(fixed(rawCommit64Ms, 2)) ms wall, \(fixed(rawCPU64Ms, 2)) ms CPU |")
        print("| journal CPU per event outside SQLite (canonicalBytes + chain + leaf hash + CompactRange.append) | \(fixed(cpu * 1e6, 2)) µs (\(fixed(cpu * ackMeanBatch * 1000, 2)) ms per commit) |")
        print("| ack latency p50 / p99 | \(fixed(pct(0.5), 2)) ms / \(fixed(pct(0.99), 2)) ms |")
        return .success
    }

    // MARK: events

    /// A capture-shaped event (≈ 250 canonical bytes), deterministic in `i`.
    static func draft(_ i: Int) -> EventDraft {
        let x = UInt64(truncatingIfNeeded: i) &* 0x9E37_79B9_7F4A_7C15
        let capture = "\(hex(x >> 32, 8))-\(hex(x >> 16, 4))-4\(hex(x >> 4, 3))-8\(hex(x, 3))-\(hex(x &* 31, 12))"
        let time = Int64(1_764_806_400_000) + Int64(i)
        switch i % 4 {
        case 0:
            return EventDraft(type: "capture.requested", stage: "gateway", captureId: capture, timeMillis: time, attributes: [
                .init("method", "RCAPTURE"), .init("device", "\(i % 6 + 1)"), .init("sub_id", "1"),
                .init("segments", "Left IndexFinger,Left MiddleFinger"), .init("requested_score", "40.0"),
                .init("transaction_id", "BENCH-\(i)"),
            ])
        case 1:
            return EventDraft(type: "device.status", stage: "gateway", captureId: capture, timeMillis: time, attributes: [
                .init("device", "\(i % 6 + 1)"), .init("from", "Ready"), .init("to", "Busy"), .init("reason", "capture started"),
                .init("serial", "MOCK-SLAP-\(1000 + i % 9000)"),
            ])
        case 2:
            return EventDraft(type: "capture.failed", stage: "gateway", captureId: capture, timeMillis: time, attributes: [
                .init("code", "703"), .init("reason", "requested score not reached before the timeout"),
                .init("elapsed_ms", "\(10_000 + i % 997)"),
            ])
        default:
            return EventDraft(type: "stage.restarted", stage: "supervisor", captureId: capture, timeMillis: time, attributes: [
                .init("stage", "quality"), .init("pid", "\(4000 + i % 30_000)"), .init("exit", "signal 9"),
                .init("restarts", "\(i % 5)"), .init("backoff_ms", "250"),
            ])
        }
    }

    // MARK: 1. raw SQLite

    /// Rows/s for `rows` journal rows (canonical bytes and hashes computed beforehand) in transactions of `batch`.
    static func rawInsert(path: String, rows: Int, batch: Int) throws -> RawRun {
        struct RawRow { let seq: Int64, time: Int64, type: String, stage: String, capture: String, canonical: [UInt8], hash: [UInt8] }
        var prepared: [RawRow] = []
        prepared.reserveCapacity(rows)
        var hash = JournalStore.genesis
        for i in 1...rows {
            let d = draft(i)
            let canonical = JournalStore.canonicalBytes(sequence: UInt64(i), d)
            hash = JournalStore.chain(hash, canonical)
            prepared.append(RawRow(seq: Int64(i), time: d.timeMillis, type: d.type, stage: d.stage, capture: d.captureId,
                                   canonical: canonical, hash: hash))
        }
        let db = try Connection(path: path)
        try db.execute("PRAGMA journal_mode=WAL")
        try db.execute("PRAGMA synchronous=FULL")
        try db.execute("""
            CREATE TABLE events (
                seq        INTEGER PRIMARY KEY,
                time_ms    INTEGER NOT NULL,
                type       TEXT    NOT NULL,
                stage      TEXT    NOT NULL,
                capture_id TEXT    NOT NULL,
                canonical  BLOB    NOT NULL,
                hash       BLOB    NOT NULL
            );
            CREATE INDEX events_capture ON events(capture_id) WHERE capture_id != '';
            CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
            CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
            """)
        let insert = try db.prepare(
            "INSERT INTO events (seq, time_ms, type, stage, capture_id, canonical, hash) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let start = now(), cpuStart = threadCPU()
        var i = 0, transactions = 0
        while i < prepared.count {
            let end = min(prepared.count, i + batch)
            try db.inTransaction(.immediate) {
                for r in prepared[i..<end] {
                    try insert.run([.integer(r.seq), .integer(r.time), .text(r.type), .text(r.stage), .text(r.capture),
                                    .blob(r.canonical), .blob(r.hash)])
                }
                return .commit
            }
            i = end
            transactions += 1
        }
        let seconds = now() - start
        return RawRun(rate: Double(rows) / seconds, batch: batch, seconds: seconds, cpu: threadCPU() - cpuStart,
                      transactions: transactions)
    }

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
        let start = now()
        var h = JournalStore.genesis
        for r in rows { h = JournalStore.chain(h, r.canonical) }
        let seconds = now() - start
        blackHole(h)
        return Double(rows.count) / seconds
    }

    /// With one-shot `SHA256.hash` over `h ‖ canonical` copied into a reused buffer.
    static func shaChainOneShot(_ rows: [JournalStore.Row]) -> Double {
        let start = now()
        let h = shaChainFinal(rows)
        let seconds = now() - start
        blackHole(h)
        return Double(rows.count) / seconds
    }

    /// With `SHA256.hash(h, canonical, into:)`: no concatenation, no allocation per event.
    static func shaChainInPlace(_ rows: [JournalStore.Row]) -> Double {
        let start = now()
        var h = JournalStore.genesis, next = JournalStore.genesis
        for r in rows {
            h.withUnsafeBytes { h in r.canonical.withUnsafeBytes { c in next.withUnsafeMutableBytes { SHA256.hash(h, c, into: $0) } } }
            swap(&h, &next)
        }
        let seconds = now() - start
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

    // MARK: 3. acknowledged appends

    static func acknowledged(dir: String, run: Int, options o: Options, key: Ed25519.PrivateKey) throws -> AckRun {
        let store = try JournalStore(path: "\(dir)/ack-\(run).db")
        let logger = Logger(label: "bench", level: .error)
        let endpoint = "ipc://\(dir)/journal-\(run).sock"
        // The journal process's own pieces: its writer thread (with its Checkpointer, signing locally here) behind a
        // bus server with the deferred JournalResponder.
        let checkpointer = try Checkpointer(store: store, origin: JournalStore.checkpointOrigin, logger: logger) { body in
            try SignedNote.sign(text: body, name: JournalStore.checkpointOrigin, key: key)
        }
        let writer = JournalWriter(store: store, checkpointer: checkpointer, logger: logger)
        let shutdown = ShutdownSignal()
        let ready = DispatchSemaphore(value: 0), stopped = DispatchSemaphore(value: 0)
        let startError = Mutex<String?>(nil)
        Thread.detachNewThread {
            defer { stopped.signal() }
            do {
                // Created, run and closed on this thread, as the journal process does.
                let server = try BusServer(endpoint: endpoint, deferredResponder: JournalResponder(writer: writer), logger: logger)
                ready.signal()
                server.run(until: shutdown)
            } catch {
                startError.withLock { $0 = "\(error)" }
                ready.signal()
            }
        }
        ready.wait()
        if let e = startError.withLock({ $0 }) { throw ValidationError("journal server did not start: \(e)") }
        let cpuStart = processCPU()

        let clients = try (0..<(o.clientPerProducer ? o.producers : 1)).map { _ in try BusClient(endpoint: endpoint) }
        defer { clients.forEach { $0.close() } }
        for c in clients where !c.waitUntilReachable(timeout: 5) { throw ValidationError("journal server not reachable") }

        let pool = (0..<4096).map { draft($0) }
        let claimed = Atomic<Int>(0)
        let results = Mutex<[AckRun]>([])
        let finished = DispatchSemaphore(value: 0)
        let start = now()
        for p in 0..<o.producers {
            let client = clients[o.clientPerProducer ? p : 0]
            Thread.detachNewThread {
                var r = AckRun()
                var rng = UInt64(0x9E37_79B9_7F4A_7C15) &* UInt64(p + 1)
                while true {
                    rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let k = Int((rng >> 33) % 6) + 1
                    let first = claimed.add(k, ordering: .relaxed).oldValue
                    guard first < o.ackEvents else { break }
                    let events = (first..<first + k).map { pool[$0 % pool.count] }
                    let t = now()
                    do {
                        let ack = try client.call(JournalAppend(events: events), expecting: JournalAck.self, timeout: 30)
                        r.latencies.append(now() - t)
                        r.events += Int(ack.count)
                        r.requests += 1
                    } catch {
                        r.errors += 1
                    }
                }
                results.withLock { $0.append(r) }
                finished.signal()
            }
        }
        for _ in 0..<o.producers { finished.wait() }
        let seconds = now() - start
        let cpu = processCPU() - cpuStart
        shutdown.trip("bench done")
        stopped.wait()
        writer.stop()

        var total = AckRun()
        for r in results.withLock({ $0 }) {
            total.events += r.events
            total.requests += r.requests
            total.errors += r.errors
            total.latencies += r.latencies
        }
        total.seconds = seconds
        let statistics = writer.statistics
        total.commits = statistics.commits
        total.committedEvents = statistics.events
        total.serverBusy = statistics.busySeconds
        total.writerCPU = statistics.cpuSeconds
        total.processCPU = cpu
        return total
    }

    /// Seconds per event of what `JournalStore.append` computes besides SQLite: the canonical bytes, the chain hash,
    /// the Merkle leaf hash and the compact-range append.
    static func appendCPU(events: Int) -> Double {
        let pool = (0..<4096).map { draft($0) }
        var hash = JournalStore.genesis
        var range = CompactRange()
        let start = now()
        for i in 0..<events {
            let canonical = JournalStore.canonicalBytes(sequence: UInt64(i + 1), pool[i % pool.count])
            hash = JournalStore.chain(hash, canonical)
            range.append(leafHash: JournalStore.leaf(eventHash: hash))
        }
        let seconds = now() - start
        blackHole((hash, range.size))
        return seconds / Double(events)
    }

    // MARK: 4. verify

    static func buildJournal(path: String, events: Int, key: Ed25519.PrivateKey) throws {
        let store = try JournalStore(path: path)
        var done = 0
        while done < events {
            let n = min(1000, events - done)
            try store.append((done..<done + n).map { draft($0) })
            done += n
            let root = store.tree.root()
            let note = try Checkpoint(origin: JournalStore.checkpointOrigin, size: store.tree.size, rootHash: root)
                .signed(name: JournalStore.checkpointOrigin, key: key)
            try store.appendCheckpoint(StoredCheckpoint(size: store.tree.size, root: root, note: note, timeMillis: Clock.millis()))
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

    // MARK: helpers

    /// The 1, 5 and 15 minute load averages from /proc/loadavg.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// CPU seconds used by this process so far.
    static func processCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// CPU seconds used by the calling thread.
    static func threadCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    static func fixed(_ x: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", x)
    }

    /// The low `width` hex digits of `x`, zero-padded.
    static func hex(_ x: UInt64, _ width: Int) -> String {
        let digits = String(x, radix: 16)
        return digits.count >= width ? String(digits.suffix(width)) : String(repeating: "0", count: width - digits.count) + digits
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func grouped(_ x: Double) -> String {
        let digits = String(Int(x.rounded()))
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    @inline(never)
    static func blackHole<T>(_ x: T) { withExtendedLifetime(x) {} }
}
