import Foundation
import Gateway
import JSON
import Journal
import MDSClient
import MDSModel
import ServiceKit
import Signer
import Synchronization
import TestSupport
import Testing
import Wire

/// Auto-capture through the real stage responders: a good presentation reaches a high score early; a poor one never
/// does and the capture ends at the timeout with the best frame (spec §5.3: "always send the best frame").
@Suite struct AutoCaptureTests {
    let fixture = PKIFixture.shared

    func capture(presentation: String, score: Int, timeoutMillis: Int) throws -> (elapsed: Double, frames: Int, code: String) {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let pipeline = RecordingPipeline(devices: fixture.devices, pki: fixture.pki, journal: try JournalStore(path: dir.path + "/j.db"))
        let (captures, registry) = fixture.coordinator(pipeline)
        let request = CaptureRequests.complianceToolkitCapture(deviceId: "4", type: "Finger", subTypes: ["UNKNOWN"], score: score,
                                                               timeoutMillis: timeoutMillis, transactionId: "AUTO-\(presentation)",
                                                               options: [("presentation", presentation)])
        let plan = try CaptureRequestValidator(devices: fixture.devices)
            .validate(request.serialized(), method: .capture, status: registry.status(of:)).get()
        let start = Date()
        let outcome = captures.run(plan)
        return (Date().timeIntervalSince(start), pipeline.frames.withLock { $0.count },
                outcome.body["biometrics"]?[0]?["error"]?["errorCode"]?.stringValue ?? "?")
    }

    @Test func aGoodPresentationEndsEarly() throws {
        let good = try capture(presentation: "good", score: 45, timeoutMillis: 8000)
        #expect(good.code == "0")
        #expect(good.elapsed < 4)
        #expect(good.frames < 20)
    }

    @Test func aPoorPresentationRunsToTheTimeoutAndStillAnswersWithTheBestFrame() throws {
        let dry = try capture(presentation: "dry", score: 95, timeoutMillis: 1500)
        #expect(dry.code == "0")
        #expect(dry.elapsed >= 1.5)
        #expect(dry.frames > 3)
    }

    @Test func noSubjectIsAnErrorAfterTheTimeout() throws {
        let none = try capture(presentation: "none", score: 40, timeoutMillis: 1000)
        #expect(none.code == "801")
        #expect(none.elapsed >= 1.0)
    }
}
