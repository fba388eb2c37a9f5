import Foundation
@testable import Gateway
import HTTPCore
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

/// STREAM viewers of a registration capture, through the real stage responders (mosip-clients.md §a.6): every part is a
/// plain JPEG framed by `--BoundaryString`, `Content-Type: image/jpeg` and its exact `Content-Length`; the stream ends
/// when the capture it watches completes, or at its own `timeout`; and the viewers of a device share one rendering of
/// each capture frame.
@Suite struct PreviewStreamTests {
    let fixture = PKIFixture.shared

    func setUp(_ dir: TemporaryDirectory) throws -> (RecordingPipeline, DeviceRegistry, CaptureCoordinator, PreviewHub) {
        let pipeline = RecordingPipeline(devices: fixture.devices, pki: fixture.pki, journal: try JournalStore(path: dir.path + "/j.db"))
        let hub = PreviewHub()
        let (captures, registry) = fixture.coordinator(pipeline, previews: hub)
        return (pipeline, registry, captures, hub)
    }

    /// Reads `stream` to its end on another thread: the parts and when `next()` returned nil.
    final class Drain: @unchecked Sendable {
        let result = Mutex<(parts: [[UInt8]], ended: Date?)>(([], nil))
        private let done = DispatchSemaphore(value: 0)
        private let stream: PreviewStream

        init(_ stream: PreviewStream) {
            self.stream = stream
            Thread.detachNewThread { [self] in
                while let part = stream.next() { result.withLock { $0.parts.append(part) } }
                result.withLock { $0.ended = Date() }
                done.signal()
            }
        }

        /// Whether the stream ended within `seconds`; if not, it is closed so the thread finishes.
        func wait(_ seconds: Double) -> Bool {
            if done.wait(timeout: .now() + seconds) == .success { return true }
            stream.close()
            done.wait()
            return false
        }
    }

    /// `--BoundaryString`, the part headers, the JPEG (SOI … EOI) of exactly `Content-Length` bytes, CRLF.
    static func checkFraming(_ part: [UInt8]) {
        let text = String(decoding: part.prefix(200), as: UTF8.self)
        let prefix = "--\(PreviewStream.boundary)\r\nContent-Type: image/jpeg\r\nContent-Length: "
        guard text.hasPrefix(prefix), let headEnd = text.range(of: "\r\n\r\n") else {
            Issue.record("bad part head: \(text.prefix(80).debugDescription)")
            return
        }
        let length = Int(text[text.index(text.startIndex, offsetBy: prefix.count)..<headEnd.lowerBound])
        let bodyStart = text.utf8.distance(from: text.startIndex, to: headEnd.upperBound)
        #expect(length == part.count - bodyStart - 2, "Content-Length is the JPEG's exact size")
        let jpeg = part[bodyStart..<(part.count - 2)]
        #expect(jpeg.prefix(2).elementsEqual([0xFF, 0xD8]) && jpeg.suffix(2).elementsEqual([0xFF, 0xD9]), "plain JPEG")
        #expect(part.suffix(2).elementsEqual([13, 10]))
    }

    @Test func viewersShareTheCapturesFramesAndEndWithIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (pipeline, registry, captures, hub) = try setUp(dir)
        let streamPlan = try StreamRequestValidator.validate(["deviceId": "1", "deviceSubId": "1"], devices: fixture.devices,
                                                             status: registry.status(of:)).get()
        let response = HTTPResponse.preview(PreviewStream(plan: streamPlan, hub: hub, pipeline: pipeline))
        #expect(response.headers["Content-Type"] == "multipart/x-mixed-replace; boundary=\(PreviewStream.boundary)")
        let viewers = [Drain(PreviewStream(plan: streamPlan, hub: hub, pipeline: pipeline)),
                       Drain(PreviewStream(plan: streamPlan, hub: hub, pipeline: pipeline))]
        // requestedScore 100 is never reached: the capture publishes frames for its whole 1.5 s.
        let request = CaptureRequests.registrationClient(deviceId: "1", type: "Finger", subId: 1, count: 4, score: 100,
                                                         timeoutMillis: 1500, transactionId: "STREAM-VIEW")
        let plan = try CaptureRequestValidator(devices: fixture.devices)
            .validate(request.serialized(), method: .registrationCapture, status: registry.status(of:)).get()
        let outcome = captures.run(plan)
        let captureEnded = Date()
        #expect(outcome.body["biometrics"]?[0]?["error"]?["errorCode"]?.stringValue == "0")

        // Neither viewer has a timeout: only the capture's end can end their streams.
        for viewer in viewers { #expect(viewer.wait(10), "the stream ends with the capture") }
        let results = viewers.map { $0.result.withLock { $0 } }
        for (parts, ended) in results {
            #expect(parts.count > 5)
            #expect(try #require(ended).timeIntervalSince(captureEnded) < 2)
            parts.forEach(Self.checkFraming)
        }
        // A capture frame is drawn and encoded once: both viewers hold the very same bytes for it.
        func storage(_ part: [UInt8]) -> UInt { part.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }
        let first = Set(results[0].parts.map(storage))
        #expect(results[1].parts.filter { first.contains(storage($0)) }.count >= 3)
    }

    @Test func aStreamEndsAtItsTimeout() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (pipeline, registry, _, hub) = try setUp(dir)
        let plan = try StreamRequestValidator.validate(["deviceId": "2", "deviceSubId": "3", "timeout": "400"], devices: fixture.devices,
                                                       status: registry.status(of:)).get()
        let started = Date()
        let viewer = Drain(PreviewStream(plan: plan, hub: hub, pipeline: pipeline))
        #expect(viewer.wait(5), "no capture runs: only the timeout ends the idle preview")
        let (parts, ended) = viewer.result.withLock { $0 }
        let elapsed = try #require(ended).timeIntervalSince(started)
        #expect(elapsed >= 0.4 && elapsed < 2, "\(elapsed) s")
        #expect(!parts.isEmpty, "the idle preview shows frames before the timeout")
        parts.forEach(Self.checkFraming)
    }

    /// The STREAM row of mosip-clients.md §d, and this service's one deliberate difference: a Busy device can be
    /// watched, since a stream exists to watch the capture that makes it busy.
    @Test func requestValidationFollowsTheStreamErrorTable() throws {
        func code(_ fields: [String: String]?, _ status: DeviceStatus = .ready) -> String {
            switch StreamRequestValidator.validate(fields, devices: fixture.devices, status: { _ in status }) {
            case .success: "0"
            case let .failure(error): error.code
            }
        }
        #expect(code(nil) == "123")
        #expect(code(["deviceId": "1", "format": "jpeg"]) == "123")
        #expect(code(["deviceId": ""]) == "604")
        #expect(code(["deviceId": "99"]) == "605")
        #expect(code(["deviceId": "4"]) == "606")
        #expect(code(["deviceId": "1"], .notRegistered) == "100")
        #expect(code(["deviceId": "1"], .notReady) == "110")
        #expect(code(["deviceId": "1"], .busy) == "0")
        for subId in ["0", "4", "one", ""] { #expect(code(["deviceId": "1", "deviceSubId": subId]) == "607", "\(subId)") }
        for timeout in ["0", "-5", "soon"] { #expect(code(["deviceId": "1", "timeout": timeout]) == "123", "\(timeout)") }

        // The reg-client's strings, the testing kit's numbers, and an <img>'s query all give the same plan.
        let plans = try [
            StreamRequestValidator.fields(json: Array(#"{"deviceId":"2","deviceSubId":"3","timeout":"60000"}"#.utf8)),
            StreamRequestValidator.fields(json: Array(#"{"deviceId":2,"deviceSubId":3,"timeout":60000}"#.utf8)),
            StreamRequestValidator.fields(query: "deviceId=2&deviceSubId=3&timeout=60000"),
        ].map { try StreamRequestValidator.validate($0, devices: fixture.devices, status: { _ in .ready }).get() }
        #expect(plans.allSatisfy { $0 == plans[0] })
        #expect(plans[0].subId == 3 && plans[0].timeoutMillis == 60000)
        #expect(plans[0].idleSegments.map(\.bioSubType) == ["Left", "Right"])
        let defaulted = try StreamRequestValidator.validate(["deviceId": "1"], devices: fixture.devices, status: { _ in .ready }).get()
        #expect(defaulted.subId == 1 && defaulted.timeoutMillis == nil)
        #expect(defaulted.idleSegments.map(\.bioSubType) == BioSubType.slapSlot(1))
    }
}
