import Bus
import CryptoPrimitives
import Foundation
import Journal
import SQLite
import ServiceKit
import Synchronization
import Transparency
import Wire

/// Measures 1 and 3: raw batched SQLite inserts and acknowledged journal appends.
extension BenchCommand {
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
        try db.execute(JournalStore.schema)  // exactly the journal's tables, index and triggers
        let insert = try db.prepare(
            "INSERT INTO events (seq, time_ms, type, stage, capture_id, canonical, hash) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let start = Clock.monotonicSeconds(), cpuStart = Clock.threadCPUSeconds()
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
        let seconds = Clock.monotonicSeconds() - start
        return RawRun(rate: Double(rows) / seconds, batch: batch, seconds: seconds, cpu: Clock.threadCPUSeconds() - cpuStart,
                      transactions: transactions)
    }

    // MARK: 3. acknowledged appends

    static func acknowledged(dir: String, run: Int, options o: Options, key: Ed25519.PrivateKey) throws -> AckRun {
        let store = try JournalStore(path: "\(dir)/ack-\(run).db")
        let logger = Logger(label: "bench", level: .error)
        let endpoint = "ipc://\(dir)/journal-\(run).sock"
        // The journal process's own pieces: its writer thread (with its Checkpointer, signing locally here) behind a
        // bus server with the deferred JournalResponder.
        let checkpointer = try localCheckpointer(store, key: key)
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
        let cpuStart = Clock.processCPUSeconds()

        let clients = try (0..<(o.clientPerProducer ? o.producers : 1)).map { _ in try BusClient(endpoint: endpoint) }
        defer { clients.forEach { $0.close() } }
        for c in clients where !c.waitUntilReachable(timeout: 5) { throw ValidationError("journal server not reachable") }

        let pool = (0..<4096).map { draft($0) }
        let claimed = Atomic<Int>(0)
        let results = Mutex<[AckRun]>([])
        let finished = DispatchSemaphore(value: 0)
        let start = Clock.monotonicSeconds()
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
                    let t = Clock.monotonicSeconds()
                    do {
                        let ack = try client.call(JournalAppend(events: events), expecting: JournalAck.self, timeout: 30)
                        r.latencies.append(Clock.monotonicSeconds() - t)
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
        let seconds = Clock.monotonicSeconds() - start
        let cpu = Clock.processCPUSeconds() - cpuStart
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
        let start = Clock.monotonicSeconds()
        for i in 0..<events {
            let canonical = JournalStore.canonicalBytes(sequence: UInt64(i + 1), pool[i % pool.count])
            hash = JournalStore.chain(hash, canonical)
            range.append(leafHash: JournalStore.leaf(eventHash: hash))
        }
        let seconds = Clock.monotonicSeconds() - start
        blackHole((hash, range.size))
        return seconds / Double(events)
    }
}
