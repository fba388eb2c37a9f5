import Foundation
import HTTPCore
import Imaging
import MDSModel
import Preview
import Synchronization
import Wire

/// One STREAM viewer: `multipart/x-mixed-replace` JPEG frames with the segment boxes and scores drawn on them
/// (spec §5.4 "Preview should have the quality markings and segment marking"; framing as mosip-clients.md §a.6:
/// each part carries `Content-Type: image/jpeg` and `Content-Length`, which is what the registration client scans for).
///
/// While a capture runs on the device, the viewer shows the capture's own frames (from the `PreviewHub`); before it
/// starts, it shows a live idle preview pulled from the sensor and scored by the quality stage at the sensor's
/// frame rate. The stream ends when a capture on the device completes, when its optional timeout passes, or when
/// the viewer goes away (the server calls `close()`).
final class PreviewStream: HTTPBodyStream, @unchecked Sendable {
    static let boundary = "BoundaryString"

    private let plan: StreamPlan
    private let hub: PreviewHub
    private let pipeline: any CapturePipeline
    private let deadline: Date?
    private let closed = Atomic<Bool>(false)
    private var lastSequence: UInt64
    private let endedBefore: UInt64
    private var idleFrame: UInt32 = 0
    private var lastIdle = Date.distantPast
    private let streamId = UUID().uuidString.lowercased()

    init(plan: StreamPlan, hub: PreviewHub, pipeline: any CapturePipeline) {
        self.plan = plan
        self.hub = hub
        self.pipeline = pipeline
        deadline = plan.timeoutMillis.map { Date().addingTimeInterval(Double($0) / 1000) }
        let position = hub.position(plan.device.deviceId)
        lastSequence = position.sequence
        endedBefore = position.capturesEnded
    }

    func close() { closed.store(true, ordering: .relaxed) }

    func next() -> [UInt8]? {
        while !closed.load(ordering: .relaxed) {
            if let deadline, Date() >= deadline { return nil }
            let wait = min(deadline ?? .distantFuture, Date().addingTimeInterval(1))
            switch hub.next(plan.device.deviceId, after: lastSequence, endedBefore: endedBefore, deadline: wait) {
            case let .frame(snapshot):
                lastSequence = snapshot.sequence
                // The drawing depends only on the snapshot and the device, so all viewers of the device share it.
                let shared = snapshot.rendering.part {
                    part(snapshot.frame, snapshot.report, snapshot.segments, requestedScore: snapshot.requestedScore, live: true)
                }
                if let shared { return shared }
            case .captureEnded:
                return nil
            case .timedOut:
                continue
            case .idle:
                if let part = idlePart() { return part }
            }
        }
        return nil
    }

    /// A frame of the idle preview, paced at the sensor's frame period.
    private func idlePart() -> [UInt8]? {
        do {
            let request = FrameRequest(captureId: "stream-\(streamId)", deviceId: plan.device.deviceId, subId: UInt8(plan.subId),
                                       segments: plan.idleSegments, frameIndex: idleFrame)
            let frame = try pipeline.frame(request, timeout: 2)
            let pause = lastIdle.addingTimeInterval(Double(frame.framePeriodMillis) / 1000).timeIntervalSinceNow
            if pause > 0 { Thread.sleep(forTimeInterval: pause) }
            lastIdle = Date()
            idleFrame += 1
            let report = try pipeline.score(ScoreRequest(modality: plan.device.type.modality, layout: frame.layout, segments: plan.idleSegments,
                                                         images: frame.images), timeout: 2)
            return part(frame, report, plan.idleSegments, requestedScore: nil, live: false)
        } catch {
            Thread.sleep(forTimeInterval: 0.2)
            return nil
        }
    }

    /// "Left IndexFinger" → "L INDEX": labels must fit above a fingertip.
    static func shortName(_ name: String) -> String {
        if name.isEmpty { return "Face" }
        return name.replacingOccurrences(of: "Left ", with: "L ").replacingOccurrences(of: "Right ", with: "R ")
            .replacingOccurrences(of: "Finger", with: "")
    }

    /// One multipart part: the annotated first image of the frame (a slap, one eye, the face) as JPEG.
    private func part(_ frame: Frame, _ report: ScoreReport, _ segments: [SegmentSpec], requestedScore: Double?, live: Bool) -> [UInt8]? {
        guard let first = frame.images.first else { return nil }
        var canvas = PreviewFrame(base: first.raster)
        canvas.scaleDown(toFit: 800, maxHeight: 800)
        var worst: Double?
        for score in report.scores where Int(score.imageIndex) == 0 {
            let name = segments.first { $0.key == score.key }?.bioSubType ?? score.key
            guard let value = score.score else { continue }
            worst = min(worst ?? value, value)
            let color: OverlayColor = value >= (requestedScore ?? 60) ? .green : .amber
            canvas.drawBox(score.box, color: color)
            canvas.drawLabel("\(Self.shortName(name)) \(String(format: "%.0f", value))", at: (score.box.x, max(0, score.box.y - 24)),
                             color: color, background: .black)
        }
        let found = report.scores.filter { $0.score != nil }.count
        let banner = (live ? "CAPTURE " : "PREVIEW ") + "frame \(frame.frameIndex)  "
            + (worst.map { String(format: "quality %.0f", $0) } ?? "no \(plan.device.type.rawValue.lowercased()) found")
            + (requestedScore.map { String(format: " / %.0f", $0) } ?? "") + "  \(found)/\(segments.count)"
        canvas.drawBanner(banner, color: worst == nil ? .red : .white)
        guard let jpeg = try? JPEGEncoder.encode(canvas.raster, quality: 75) else { return nil }
        var out = Array("--\(Self.boundary)\r\nContent-Type: image/jpeg\r\nContent-Length: \(jpeg.count)\r\n\r\n".utf8)
        out += jpeg
        out += Array("\r\n".utf8)
        return out
    }
}

extension HTTPResponse {
    /// The multipart JPEG stream with the headers the mock service sends (mosip-clients.md §a.6). `Cache-Control` is
    /// left to `MDSResponder`, which sets `no-store` on every answer.
    static func preview(_ stream: any HTTPBodyStream) -> HTTPResponse {
        var response = HTTPResponse.stream(stream, contentType: "multipart/x-mixed-replace; boundary=\(PreviewStream.boundary)")
        response.headers.add(name: "Pragma", value: "no-cache")
        response.headers.add(name: "Expires", value: "0")
        return response
    }
}
