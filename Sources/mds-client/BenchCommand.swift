import Dispatch
import Foundation
import JSON
import MDSClient
import MDSModel
import ServiceKit
import Synchronization

/// `mds-client bench`: captures back to back on one device, then concurrently across every device, printing
/// captures/s, latency percentiles and the per-stage breakdown the gateway reports in `Server-Timing`.
enum BenchCommand {
    struct Probe: Sendable {
        let name: String
        let method: CaptureMethod
        let body: @Sendable () -> JSON
    }

    struct Sample: Sendable {
        let seconds: Double
        let stages: [String: Double]
        let ok: Bool
    }

    static func run(_ argv: [String]) throws -> ExitCode {
        var args = try Arguments(argv)
        let count = try args.int("count") ?? 30
        let score = try args.int("score") ?? 30
        let port = try args.int("port") ?? ServiceScanner.scan(ports: 4501...4600).first?.port
        try args.checkAllConsumed()
        guard let port else { throw ValidationError("no device service found on 4501-4600") }

        // One request per device kind; a good presentation and a modest score, so captures end on quality.
        let requests: [Probe] = [
            Probe(name: "1 slap", method: .registrationCapture, body: { CaptureRequests.registrationClient(deviceId: "1", type: "Finger", subId: 1, count: 4, score: score, transactionId: UUID().uuidString.lowercased()) }),
            Probe(name: "2 iris", method: .registrationCapture, body: { CaptureRequests.registrationClient(deviceId: "2", type: "Iris", subId: 3, count: 2, score: score, transactionId: UUID().uuidString.lowercased()) }),
            Probe(name: "3 face", method: .registrationCapture, body: { CaptureRequests.registrationClient(deviceId: "3", type: "Face", subId: 0, count: 1, score: score, transactionId: UUID().uuidString.lowercased()) }),
            Probe(name: "4 finger", method: .capture, body: { CaptureRequests.complianceToolkitCapture(deviceId: "4", type: "Finger", subTypes: ["UNKNOWN"], score: score, transactionId: "BENCH-\(UInt32.random(in: 0...UInt32.max))") }),
            Probe(name: "5 iris", method: .capture, body: { CaptureRequests.complianceToolkitCapture(deviceId: "5", type: "Iris", subTypes: ["UNKNOWN"], score: score, transactionId: "BENCH-\(UInt32.random(in: 0...UInt32.max))") }),
            Probe(name: "6 face", method: .capture, body: { CaptureRequests.complianceToolkitCapture(deviceId: "6", type: "Face", subTypes: [], score: score, transactionId: "BENCH-\(UInt32.random(in: 0...UInt32.max))") }),
        ]

        @Sendable func once(_ r: Probe) -> Sample {
            let start = Date()
            let response = try? HTTPClient(port: port, timeout: 120).send(method: r.method.rawValue, path: "/capture", body: r.body().serialized())
            let seconds = Date().timeIntervalSince(start)
            let ok = response.flatMap { try? JSON(parsing: $0.body) }?["biometrics"]?[0]?["error"]?["errorCode"]?.stringValue == "0"
            return Sample(seconds: seconds, stages: parseServerTiming(response?.header("Server-Timing")), ok: ok)
        }

        print("mds-client bench: \(count) captures per phase, requestedScore \(score), port \(port)")
        for r in [requests[3], requests[0]] {
            let start = Date()
            let samples = (0..<count).map { _ in once(r) }
            summarize("sequential, device \(r.name)", samples, wall: Date().timeIntervalSince(start))
        }
        let all = Mutex<[Sample]>([])
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: requests.count) { i in
            for _ in 0..<max(1, count / requests.count) {
                let s = once(requests[i])
                all.withLock { $0.append(s) }
            }
        }
        summarize("concurrent, all 6 devices", all.withLock { $0 }, wall: Date().timeIntervalSince(start))
        return .success
    }

    static func parseServerTiming(_ header: String?) -> [String: Double] {
        var out: [String: Double] = [:]
        for part in (header ?? "").split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = fields.first, let dur = fields.first(where: { $0.hasPrefix("dur=") }), let v = Double(dur.dropFirst(4)) else { continue }
            out[name] = v
        }
        return out
    }

    static func summarize(_ title: String, _ samples: [Sample], wall: Double) {
        let ok = samples.filter(\.ok)
        let latencies = ok.map(\.seconds).sorted()
        func pct(_ p: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] * 1000 }
        print(String(format: "%@: %d/%d ok, %.2f captures/s, latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms",
                     title, ok.count, samples.count, Double(ok.count) / wall, pct(0.5), pct(0.95), pct(0.99)))
        let stages = ["acquire", "quality", "encode", "seal", "journal"]
        let medians = stages.map { name -> String in
            let v = ok.compactMap { $0.stages[name] }.sorted()
            return "\(name) \(v.isEmpty ? "-" : String(format: "%.0f", v[v.count / 2])) ms"
        }
        print("  median per stage: " + medians.joined(separator: ", "))
    }
}
