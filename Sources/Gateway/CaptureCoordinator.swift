public import Foundation
public import JSON
public import MDSModel
public import ServiceKit
import Wire

/// Runs one validated capture through sensor → quality → encoder → signer → journal and builds the MDS answer
/// (spec §5.3 CAPTURE, §5.5 RCAPTURE; shapes per mosip-clients.md §a.4, §a.5).
///
/// The device is Busy for the whole capture; the answer goes out only after `capture.completed` is durable in the
/// journal. A stage that fails or does not answer ends the capture with the internal-error code and a
/// `capture.failed` event, never a hang: every bus call has a deadline.
public struct CaptureCoordinator: Sendable {
    public let configuration: ServiceConfiguration
    public let registry: DeviceRegistry
    public let pipeline: any CapturePipeline
    public let logger: Logger
    /// Where STREAM viewers watch the running capture (nil: nobody can watch).
    public let previews: PreviewHub?

    public init(configuration: ServiceConfiguration, registry: DeviceRegistry, pipeline: any CapturePipeline, logger: Logger,
                previews: PreviewHub? = nil) {
        self.configuration = configuration
        self.registry = registry
        self.pipeline = pipeline
        self.logger = logger
        self.previews = previews
    }

    struct Failure: Error {
        let error: MDSError
        let reason: String
    }

    /// A capture's answer and where its time went (milliseconds per stage, for the `Server-Timing` header).
    public struct Outcome: Sendable {
        public var body: JSON
        public var timings: [(String, Double)] = []
    }

    /// Captures and returns the response body (`{"biometrics":[…]}`).
    public func run(_ plan: CapturePlan, now: () -> Date = Date.init) -> Outcome {
        let method = plan.method
        let (granted, busy) = registry.tryMarkBusy(plan.device.deviceId)
        guard granted else { return Outcome(body: Self.errorBody(CaptureErrors.busy(method), plan: plan)) }
        let captureId = UUID().uuidString.lowercased()
        let log = logger.with("capture.id", captureId).with("device.id", plan.device.deviceId)
        let started = now()
        previews?.captureStarted(plan.device.deviceId)
        defer {
            previews?.captureEnded(plan.device.deviceId)
            let idle = registry.markIdle(plan.device.deviceId)
            try? pipeline.journal(Self.statusEvents(idle, captureId: captureId), timeout: 5)
        }
        do {
            try pipeline.journal(Self.statusEvents(busy, captureId: captureId) + [event("capture.requested", captureId, [
                ("method", method.rawValue), ("device", plan.device.deviceId), ("sub_id", "\(plan.subId)"),
                ("segments", plan.segments.map { $0.bioSubType.isEmpty ? "face" : $0.bioSubType }.joined(separator: ",")),
                ("requested_score", format(plan.requestedScore)), ("timeout_ms", "\(plan.timeoutMillis)"),
                ("transaction_id", plan.transactionId), ("env", plan.env),
            ])], timeout: 5)
            let outcome = try capture(plan, captureId: captureId, started: started, now: now, log: log)
            log.info("capture completed", [("capture.duration_ms", "\(Int(now().timeIntervalSince(started) * 1000))")])
            return outcome
        } catch let failure as Failure {
            log.notice("capture failed", [("error.code", failure.error.code), ("error.reason", failure.reason)])
            try? pipeline.journal([event("capture.failed", captureId, [("code", failure.error.code), ("reason", failure.reason),
                                                                       ("elapsed_ms", "\(Int(now().timeIntervalSince(started) * 1000))")])],
                                  timeout: 5)
            return Outcome(body: Self.errorBody(failure.error, plan: plan))
        } catch {
            log.error("capture failed", [("error", "\(error)")])
            try? pipeline.journal([event("capture.failed", captureId, [("code", CaptureErrors.internalError(method).code),
                                                                       ("reason", "\(error)")])], timeout: 5)
            return Outcome(body: Self.errorBody(CaptureErrors.internalError(method), plan: plan))
        }
    }

    private func capture(_ plan: CapturePlan, captureId: String, started: Date, now: () -> Date, log: Logger) throws -> Outcome {
        let method = plan.method
        let deadline = started.addingTimeInterval(Double(plan.timeoutMillis) / 1000)
        let modality = plan.device.type.modality
        var session = CaptureSession(segments: plan.segments, requestedScore: plan.requestedScore, modality: modality)
        var frameIndex: UInt32 = 0
        var engine = ""
        var acquireSeconds = 0.0, scoreSeconds = 0.0

        // Acquire and score frames until every segment reached the requested score or the time is up.
        while true {
            let frameStart = now()
            let frame: Frame
            do {
                frame = try pipeline.frame(FrameRequest(captureId: captureId, deviceId: plan.device.deviceId, subId: UInt8(plan.subId),
                                                        segments: plan.segments, frameIndex: frameIndex, options: plan.options),
                                           timeout: 5)
            } catch let error as ErrorReply where error.code == .badRequest {
                throw Failure(error: MDSError.invalidRequest.detail(error.message), reason: "sensor: \(error.message)")
            }
            let acquired = now()
            let report = try pipeline.score(ScoreRequest(modality: modality, layout: frame.layout, segments: plan.segments,
                                                         images: frame.images), timeout: 5)
            engine = report.engine
            previews?.publish(plan.device.deviceId, frame: frame, report: report, segments: plan.segments,
                              requestedScore: plan.requestedScore)
            acquireSeconds += acquired.timeIntervalSince(frameStart)
            scoreSeconds += now().timeIntervalSince(acquired)
            if session.observe(frame, report: report) == .complete { break }
            frameIndex += 1
            let next = frameStart.addingTimeInterval(Double(frame.framePeriodMillis) / 1000)
            if next >= deadline {
                // Wait out the capture time: the compliance toolkit expects an answer no sooner than the timeout.
                let rest = deadline.timeIntervalSince(now())
                if rest > 0 { Thread.sleep(forTimeInterval: rest) }
                break
            }
            let wait = next.timeIntervalSince(now())
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        }
        guard let chosen = session.result else {
            throw Failure(error: CaptureErrors.timeout(method), reason: "no \(modality) found in \(session.framesSeen) frames")
        }

        // Encode the chosen frames as ISO records.
        let captureTime = now()
        let encodeStart = now()
        let records = try pipeline.encode(EncodeRequest(
            lossless: plan.device.purpose == .registration, modality: modality,
            captureTimeMillis: Int64(captureTime.timeIntervalSince1970 * 1000),
            items: chosen.map { EncodeRequest.Item(segment: $0.0, score: $0.1.score, raster: $0.1.crop) }), timeout: 30).records
        guard records.count == chosen.count else { throw Failure(error: CaptureErrors.internalError(method), reason: "encoder answered \(records.count) records") }

        // Sign the digital ID (FTM key for L1, device key for L0), then seal every entry.
        let sealStart = now()
        let timestamp = Timestamp.mds(captureTime)
        let digitalId = try pipeline.sign([SignRequest.Item(
            key: plan.device.signsDigitalIdWithFTM ? .ftm(plan.device.deviceId) : .device(plan.device.deviceId),
            payload: plan.device.digitalId(dateTime: timestamp).serialized())], timeout: 10)[0]
        let items = zip(chosen, records).map { pick, iso in
            SealRequest.Item(iso: iso, fields: dataFields(plan, segment: pick.0, score: pick.1.score, digitalId: digitalId, timestamp: timestamp)
                .map { EventDraft.Attribute($0.0, $0.1) })
        }
        let sealed = try pipeline.seal(SealRequest(
            deviceId: plan.device.deviceId, encryptForDomain: method == .capture ? plan.domainUri : nil,
            previousHash: plan.previousHash, transactionId: plan.transactionId, timestamp: timestamp, items: items), timeout: 15)
        guard sealed.entries.count == chosen.count else { throw Failure(error: CaptureErrors.internalError(method), reason: "signer answered \(sealed.entries.count) entries") }
        let sealSeconds = now().timeIntervalSince(sealStart)
        let encodeSeconds = sealStart.timeIntervalSince(encodeStart)

        // Journal what was captured (digests, scores, chain values, signatures, timings; never the records), and
        // answer only once that is durable.
        var events: [EventDraft] = zip(chosen, sealed.entries).map { pick, entry in
            event("capture.segment", captureId, [
                ("segment", pick.0.key), ("bio_sub_type", pick.0.bioSubType), ("score", format(pick.1.score)),
                ("frame", "\(pick.1.frameIndex)"), ("engine", engine), ("iso_sha256", Hex.encode(entry.isoDigest)),
                ("signing_input_sha256", Hex.encode(entry.signingInputDigest)), ("signature", Base64.encode(entry.signature)),
                ("hash", Hex.encode(entry.hash, uppercase: true)),
            ])
        }
        events.append(event("capture.completed", captureId, [
            ("method", method.rawValue), ("device", plan.device.deviceId), ("entries", "\(sealed.entries.count)"),
            ("previous_hash", Hex.encode(plan.previousHash, uppercase: true)), ("last_hash", Hex.encode(sealed.entries.last?.hash ?? [], uppercase: true)),
            ("signer_cert_sha256", sealed.signerCertificate), ("frames", "\(session.framesSeen)"),
            ("acquire_ms", ms(acquireSeconds)), ("quality_ms", ms(scoreSeconds)), ("encode_ms", ms(encodeSeconds)),
            ("seal_ms", ms(sealSeconds)), ("total_ms", ms(now().timeIntervalSince(started))),
        ]))
        let journalStart = now()
        do {
            try pipeline.journal(events, timeout: 10)
        } catch {
            throw Failure(error: CaptureErrors.internalError(method), reason: "journal did not confirm capture.completed")
        }
        let timings: [(String, Double)] = [
            ("acquire", acquireSeconds * 1000), ("quality", scoreSeconds * 1000), ("encode", encodeSeconds * 1000),
            ("seal", sealSeconds * 1000), ("journal", now().timeIntervalSince(journalStart) * 1000),
            ("total", now().timeIntervalSince(started) * 1000),
        ]

        let body = JSON.object(["biometrics": .array(sealed.entries.map { entry in
            var members: [(String, JSON)] = [
                ("specVersion", .string(plan.specVersion)), ("data", .string(entry.data)), ("hash", .string(Hex.encode(entry.hash, uppercase: true))),
            ]
            if method == .capture {
                members += [("sessionKey", .string(entry.sessionKey)), ("thumbprint", .string(entry.thumbprint))]
            }
            members.append(("error", MDSError.success.json))
            return .object(members)
        })])
        return Outcome(body: body, timings: timings)
    }

    /// The data payload, members in the order of MOSIP's mock DTO (mosip-clients.md §a.4, §a.5). RCAPTURE carries no
    /// domainUri (the registration client's strict mapper would reject it); a face carries no bioSubType.
    func dataFields(_ plan: CapturePlan, segment: SegmentSpec, score: Double, digitalId: String, timestamp: String) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("digitalId", digitalId), ("deviceCode", plan.device.deviceCode), ("deviceServiceVersion", configuration.serviceVersion),
            ("bioType", plan.device.type.rawValue),
        ]
        if plan.device.type != .face { fields.append(("bioSubType", segment.bioSubType)) }
        fields += [("purpose", plan.device.purpose.rawValue), ("env", plan.env)]
        if plan.method == .capture { fields.append(("domainUri", plan.domainUri)) }
        fields += [("bioValue", ""), ("transactionId", plan.transactionId), ("timestamp", timestamp),
                   ("requestedScore", format(plan.requestedScore)), ("qualityScore", format(score))]
        return fields
    }

    /// An error answer in the §d envelope: the keys clients require, empty values, HTTP 200.
    public static func errorBody(_ error: MDSError, plan: CapturePlan) -> JSON {
        errorBody(error, method: plan.method, specVersion: plan.specVersion)
    }

    public static func errorBody(_ error: MDSError, method: CaptureMethod, specVersion: String) -> JSON {
        var members: [(String, JSON)] = [("specVersion", .string(specVersion)), ("data", ""), ("hash", "")]
        if method == .capture { members += [("sessionKey", ""), ("thumbprint", "")] }
        members.append(("error", error.json))
        return .object(["biometrics": .array([.object(members)])])
    }

    static func statusEvents(_ transitions: [DeviceRegistry.Transition], captureId: String) -> [EventDraft] {
        transitions.map {
            EventDraft(type: "device.status", stage: "gateway", captureId: captureId, timeMillis: Clock.millis(),
                       attributes: [.init("device", $0.deviceId), .init("from", $0.from.rawValue), .init("to", $0.to.rawValue)])
        }
    }

    func event(_ type: String, _ captureId: String, _ attributes: [(String, String)]) -> EventDraft {
        EventDraft(type: type, stage: "gateway", captureId: captureId, timeMillis: Clock.millis(),
                   attributes: attributes.map { EventDraft.Attribute($0.0, $0.1) })
    }

    /// Scores as strings holding floats (MOSIP-31258): "40.0", "67.5".
    func format(_ value: Double) -> String { String(format: "%.1f", value) }
    func ms(_ seconds: Double) -> String { String(Int((seconds * 1000).rounded())) }
}
