import Audit
import CryptoPrimitives
import Foundation
import Journal
import ServiceKit
import Transparency

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
///    `JournalVerifier.verify(path:)` exactly as `mds-audit verify` does it, with the verifier's own step timings;
/// 5. verify over `--captures` captures shaped like the service's (`buildCaptureJournal`): where the content checks
///    (decoding, RS256 signatures, MOSIP hash chains) dominate; not part of a ratio, reported per capture.
///
/// 1 and 3 are interleaved run by run (the disk's fsync latency drifts); 4 runs before 2 loads a million rows into
/// memory, so the verifier works in a process the size of `mds-audit verify`'s.
enum BenchCommand {
    static let usage = """
        usage: mds-audit bench [--events 1000000] [--producers 8] [--batch 64] [--dir DIR]
                               [--raw-rows 100000] [--ack-events 100000] [--captures 20000] [--runs 3]
                               [--client-per-producer] [--keep]

        Measures, in a fresh directory under DIR (default: the temporary directory): the raw batched SQLite insert
        rate, the SHA-256 chaining rate, acknowledged journal appends/s under concurrent producers, verify speed
        over a journal of --events events, and verify over a journal of --captures service-shaped captures (RS256
        signatures and MOSIP hash chains to check); prints the figures, the two ratios and the verify breakdown.
        """

    // MARK: options and results

    struct Options {
        var events = 1_000_000
        var producers = 8
        var batch = 64
        var rawRows = 100_000
        var ackEvents = 100_000
        var captures = 20_000
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
        o.captures = try args.int("captures") ?? o.captures
        o.runs = try args.int("runs") ?? o.runs
        o.clientPerProducer = args.flag("client-per-producer")
        o.keep = args.flag("keep")
        o.parent = args.string("dir") ?? o.parent
        try args.checkAllConsumed()
        guard args.positional.isEmpty else { throw ValidationError("bench takes no positional argument") }
        guard o.events >= 1000, o.producers >= 1, o.batch >= 1, o.rawRows >= o.batch, o.ackEvents >= o.producers, o.runs >= 1,
              o.captures >= 1
        else { throw ValidationError("need --events ≥ 1000, --producers ≥ 1, --batch ≥ 1, --raw-rows ≥ --batch, --ack-events ≥ --producers, --captures ≥ 1, --runs ≥ 1") }

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
        let buildStart = Clock.monotonicSeconds()
        try buildJournal(path: journalPath, events: o.events, key: key)
        let buildSeconds = Clock.monotonicSeconds() - buildStart
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: journalPath)[.size] as? Int) ?? 0
        print("  [4] built \(o.events) events + \((o.events + 999) / 1000) checkpoints in \(fixed(buildSeconds, 1)) s "
              + "(\(grouped(Double(o.events) / buildSeconds)) events/s through JournalStore.append, 1000 per transaction), "
              + "\(fixed(Double(fileBytes) / 1e6, 0)) MB")
        // What a journal restart costs before the first append: opening as the writer resumes the tree.
        let reopenStart = Clock.monotonicSeconds()
        let reopenedSize = try JournalStore(path: journalPath).tree.size
        let reopenSeconds = Clock.monotonicSeconds() - reopenStart
        guard reopenedSize == UInt64(o.events) else { throw ValidationError("the reopened journal's tree has \(reopenedSize) leaves") }
        print("  [4] reopened as the writer (resumes the tree from \(o.events) stored hashes) in \(fixed(reopenSeconds, 2)) s")

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

        // 5. verify over service-shaped captures
        let capturesPath = "\(dir)/captures.db"
        let (captureEvents, captureSignatures) = try buildCaptureJournal(path: capturesPath, captures: o.captures, key: key)
        var captureRuns: [JournalVerifier.Timings] = []
        for i in 0..<o.runs {
            let r = JournalVerifier(trustedNoteKey: vkey).verify(path: capturesPath)
            guard r.failure == nil, r.captures == o.captures, r.signatures == captureSignatures else {
                throw ValidationError("verify of the capture journal did not pass: \(r)")
            }
            captureRuns.append(r.timings)
            print("  [5] verify run \(i + 1): \(fixed(total(r.timings), 2)) s for \(o.captures) captures, \(captureEvents) events, "
                  + "\(captureSignatures) signatures (links + tree \(fixed(r.timings.links, 3)), contents \(fixed(r.timings.contents, 3)) s)")
        }
        let captureMedian = captureRuns.sorted { total($0) < total($1) }[captureRuns.count / 2]
        let captureOneThread = JournalVerifier(trustedNoteKey: vkey, parallelism: 1).verify(path: capturesPath).timings

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
        print("| 5 | verify over service-shaped captures (\(o.captures) captures: \(captureEvents) events, \(captureSignatures) RS256 signatures) | \(grouped(Double(o.captures) / total(captureMedian))) captures/s = \(grouped(Double(captureEvents) / total(captureMedian))) events/s | content checks \(fixed(captureMedian.contents, 2)) s = \(fixed(captureMedian.contents / Double(captureSignatures) * 1e6, 1)) µs per signature, links + tree \(fixed(captureMedian.links, 2)) s; on one thread \(fixed(total(captureOneThread), 2)) s |")
        print("")
        print("acknowledged / raw SQLite  = \(fixed(ackRatio, 3))  (target ≥ 0.5) \(ackRatio >= 0.5 ? "PASS" : "FAIL")"
              + "   [median of the per-run paired ratios: \(fixed(median(zip(ackRuns, rawRuns).map { $0.rate / $1.rate }), 2)); "
              + "vs raw at the observed ≈ \(observedBatch) rows/transaction: \(fixed(ack.rate / rawAtObserved, 2))]")
        print("verify / SHA-256 chaining  = \(fixed(verifyRatio, 3))  (target ≥ 0.5) \(verifyRatio >= 0.5 ? "PASS" : "FAIL")")
        if o.events < Options().events || o.ackEvents < Options().ackEvents || o.rawRows < Options().rawRows {
            print("(sizes below the defaults: fixed costs weigh more and the ratios are indications only)")
        }
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
}
