import Bus
import Encoder
import Foundation
import Gateway
import Imaging
import JSON
import Journal
import MDSClient
import MDSModel
import Quality
import Sensor
import ServiceKit
import Signer
import Simulation
import Synchronization
import TestSupport
import Testing
import Wire

/// Every stage's real responder, called in-process, with a recorder on the wires: what the sensor produced, what the
/// encoder was given, and what the journal received.
final class RecordingPipeline: CapturePipeline, @unchecked Sendable {
    let sensor: RequestHandlers
    let quality: RequestHandlers
    let encoder: RequestHandlers
    let signer: SignerResponder
    let journalStore: JournalStore
    let frames = Mutex<[Frame]>([])
    let reports = Mutex<[ScoreReport]>([])
    let encoded = Mutex<[EncodeRequest]>([])
    private let lock = NSLock()

    init(devices: [DeviceDescriptor], pki: DevelopmentPKI, journal: JournalStore) {
        let fingerprints = FingerprintGenerator()
        sensor = SensorStage.responder(drivers: devices.map { SimulatorDriver(device: $0, fingerprints: fingerprints, framePeriodMillis: 100) })
        quality = QualityStage.responder(QualityStage.defaultScorer)
        encoder = EncoderStage.responder
        signer = SignerResponder(pki: pki, logger: Logger(label: "t", handler: InMemoryLogHandler()))
        journalStore = journal
    }

    func call<R: BusMessage>(_ responder: some BusResponder, _ message: some BusMessage, _: R.Type) throws -> R {
        try responder.respond(to: [Envelope(message, requestId: 1)])[0].decode(R.self)
    }

    func frame(_ request: FrameRequest, timeout: Double) throws -> Frame {
        let f = try call(sensor, request, Frame.self)
        frames.withLock { $0.append(f) }
        return f
    }
    func score(_ request: ScoreRequest, timeout: Double) throws -> ScoreReport {
        let r = try call(quality, request, ScoreReport.self)
        reports.withLock { $0.append(r) }
        return r
    }
    func encode(_ request: EncodeRequest, timeout: Double) throws -> EncodedRecords {
        encoded.withLock { $0.append(request) }
        return try call(encoder, request, EncodedRecords.self)
    }
    func sign(_ items: [SignRequest.Item], timeout: Double) throws -> [String] { try call(signer, SignRequest(items: items), SignResponse.self).tokens }
    func seal(_ request: SealRequest, timeout: Double) throws -> SealResponse { try call(signer, request, SealResponse.self) }
    func journal(_ events: [EventDraft], timeout: Double) throws {
        try lock.withLock { _ = try journalStore.append(events) }
    }
}

extension PKIFixture {
    /// The registry of the fixture's devices, every one attached and (when registered) holding its key: Ready.
    func readyRegistry() -> DeviceRegistry {
        let registry = DeviceRegistry(devices: devices)
        _ = registry.update(keys: pki.references,
                            sensor: SensorStatus(devices: devices.map { .init(deviceId: $0.deviceId, connected: true, driver: "sim") }))
        return registry
    }

    /// The gateway's capture coordinator over `pipeline`, every device Ready, publishing frames to `previews`.
    func coordinator(_ pipeline: RecordingPipeline, previews: PreviewHub? = nil) -> (CaptureCoordinator, DeviceRegistry) {
        let registry = readyRegistry()
        var configuration = ServiceConfiguration()
        configuration.devices = devices
        return (CaptureCoordinator(configuration: configuration, registry: registry, pipeline: pipeline,
                                   logger: Logger(label: "t", handler: InMemoryLogHandler()), previews: previews), registry)
    }
}

@Suite struct CaptureRoundTripTests {
    let fixture = PKIFixture.shared

    /// Registration (lossless): the pixels in each returned ISO record are exactly pixels the sensor produced.
    @Test(arguments: [("1", "Finger", 1, 4), ("1", "Finger", 3, 2), ("2", "Iris", 3, 2)])
    func registrationRecordsCarryTheSensorsPixels(deviceId: String, type: String, subId: Int, count: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let pipeline = RecordingPipeline(devices: fixture.devices, pki: fixture.pki, journal: try JournalStore(path: dir.path + "/j.db"))
        let (captures, registry) = fixture.coordinator(pipeline)
        let request = CaptureRequests.registrationClient(deviceId: deviceId, type: type, subId: subId, count: count, score: 20,
                                                         timeoutMillis: 15000, transactionId: "round-trip-1")
        let plan = try CaptureRequestValidator(devices: fixture.devices)
            .validate(request.serialized(), method: .registrationCapture, status: registry.status(of:)).get()
        let outcome = captures.run(plan)
        let verified = CaptureVerifier(trust: try TrustStore(pkiDirectory: fixture.pki.directory))
            .verify(response: outcome.body, request: request, method: .registrationCapture)
        #expect(verified.problems == [])
        #expect(verified.entries.count == count)

        let frames = pipeline.frames.withLock { $0 }
        let reports = pipeline.reports.withLock { $0 }
        let handed = try #require(pipeline.encoded.withLock { $0 }.first)
        for (entry, item) in zip(verified.entries, handed.items) {
            // ISO → JPEG 2000 → pixels identical to what the encoder was given…
            let image = try ISOImage(record: try #require(entry.iso))
            #expect(image.lossless)
            #expect(image.raster == item.raster)
            // …which is a region of a frame the sensor produced, exactly where quality found the segment.
            let found = zip(frames, reports).contains { frame, report in
                report.scores.contains { score in
                    guard score.key == item.segment.key else { return false }
                    let source = frame.images[Int(score.imageIndex)].raster
                    return source.cropped(to: CaptureSession.cropRegion(type == "Finger" ? .finger : .iris, box: score.box,
                                                                        in: source.bounds)) == item.raster
                }
            }
            #expect(found, "segment \(item.segment.bioSubType) is not a crop of any sensor frame")
        }
        // The journal has the capture, without any biometric bytes.
        let events = try pipeline.journalStore.events()
        #expect(events.contains { $0.draft.type == "capture.completed" })
        let everything = events.flatMap(\.canonical)
        for item in handed.items {
            let probe = Array(item.raster.pixels.prefix(64))
            #expect(!contains(everything, probe))
        }
    }

    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
