import Dispatch
import Foundation
import JSON
import Journal
import MDSClient
import MDSModel
import Synchronization
import TestSupport
import Testing
import Wire

extension EndToEnd {
    /// SIGKILL the journal while captures are running: the supervisor restarts it, every capture that was answered
    /// (and so acknowledged) is in the journal, captures caught in the outage fail with a clear error, and the whole
    /// journal verifies.
    @Suite struct JournalCrashTests {
        @Test func killingTheJournalUnderLoadLosesNoAcknowledgedEvent() throws {
            let service = try ServiceHarness()
            try service.start()
            let port = service.port
            let answered = Mutex<[(hash: String, code: String)]>([])
            let stop = Atomic<Bool>(false)
            let group = DispatchGroup()
            for (deviceId, type, subTypes) in [("4", "Finger", ["UNKNOWN"]), ("5", "Iris", ["UNKNOWN"]), ("6", "Face", [String]())] {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    while !stop.load(ordering: .relaxed) {
                        let request = CaptureRequests.complianceToolkitCapture(
                            deviceId: deviceId, type: type, subTypes: subTypes, score: 20, timeoutMillis: 5000,
                            transactionId: "CRASH-\(UInt32.random(in: 1000...UInt32.max))")
                        guard let r = try? HTTPClient(port: port, timeout: 60).send(method: "CAPTURE", path: "/capture", body: request.serialized()),
                              let entry = (try? JSON(parsing: r.body))?["biometrics"]?[0] else { continue }
                        let code = entry["error"]?["errorCode"]?.stringValue ?? "?"
                        answered.withLock { $0.append((entry["hash"]?.stringValue ?? "", code)) }
                    }
                }
            }
            try waitUntil(timeout: 60, "captures under way") { answered.withLock { $0.count } >= 6 }
            let victim = try #require(service.stagePid("journal"))
            kill(victim, SIGKILL)
            try waitUntil(timeout: 30, "journal restarted") {
                guard let pid = service.stagePid("journal") else { return false }
                return pid != victim
            }
            let before = answered.withLock { $0.count }
            try waitUntil(timeout: 90, "captures succeed again") {
                answered.withLock { $0.dropFirst(before).contains { $0.code == "0" } }
            }
            stop.store(true, ordering: .relaxed)
            group.wait()
            #expect(try service.stop() == 0)

            let results = answered.withLock { $0 }
            // Every outcome is a success or a clear 3-digit error (the internal-error code while the journal was down).
            for r in results { #expect(r.code == "0" || ["810", "111"].contains(r.code), "unexpected code \(r.code)") }
            let store = try JournalStore(path: service.stateDirectory + "/journal/journal.db", readOnly: true)
            #expect(try store.verifyChain() > 0)
            let recorded = Set(try store.events().filter { $0.draft.type == "capture.completed" }
                .compactMap { $0.draft.attributes.first { $0.key == "last_hash" }?.value })
            let acknowledged = results.filter { $0.code == "0" }.map(\.hash)
            #expect(acknowledged.count >= 6)
            for hash in acknowledged { #expect(recorded.contains(hash), "an answered capture is missing from the journal") }
            #expect(try store.events().contains { $0.draft.type == "stage.restarted" && $0.draft.attributes.contains { $0.value == "journal" } })
            let audit = try runProcess(ServiceHarness.executable("mds-audit"), ["verify", "--db", service.stateDirectory + "/journal/journal.db"])
            #expect(audit.status == 0, "\(audit.output)")
        }
    }
}
