import Gateway
import Imaging
import Testing
import Wire

/// The auto-capture rule as a pure state machine (spec §5.5: the average of the fingers is the capture threshold).
@Suite struct CaptureSessionTests {
    let segments = (0..<4).map { SegmentSpec(key: "\($0)", bioSubType: "f\($0)", position: UInt8(7 + $0)) }
    let image = LabeledRaster(label: "slap", raster: Raster(grayWidth: 400, height: 200, fill: 200))

    func frame(_ index: UInt32) -> Frame { Frame(frameIndex: index, layout: .slap, images: [image], framePeriodMillis: 200) }
    func report(_ scores: [Double?]) -> ScoreReport {
        ScoreReport(engine: "test", scores: scores.enumerated().map { i, s in
            SegmentScore(key: "\(i)", score: s, imageIndex: 0, box: PixelRect(x: i * 90 + 10, y: 20, width: 60, height: 100))
        })
    }

    @Test func stopsWhenTheAverageOfTheBestScoresReachesTheRequestedScore() {
        var session = CaptureSession(segments: segments, requestedScore: 60, modality: .finger)
        #expect(session.observe(frame(0), report: report([70, 50, nil, 65])) == .continueCapturing)  // one finger unseen
        // Best so far: 70, 52, 55, 65 → mean 60.5: done, although two fingers are below 60.
        #expect(session.observe(frame(1), report: report([40, 52, 55, 30])) == .complete)
        let chosen = session.result!.map { $0.1.frameIndex }
        #expect(chosen == [0, 1, 1, 0])  // each finger keeps its own best frame
        #expect(session.result!.allSatisfy { $0.1.crop.width == 76 && $0.1.crop.height == 116 })  // box + 8 px margin
    }

    @Test func withoutEverySegmentThereIsNoResult() {
        var session = CaptureSession(segments: segments, requestedScore: 10, modality: .finger)
        #expect(session.observe(frame(0), report: report([90, 90, 90, nil])) == .continueCapturing)
        #expect(session.result == nil)
    }

    @Test func singleSegmentUsesItsOwnScore() {
        var session = CaptureSession(segments: [segments[0]], requestedScore: 60, modality: .finger)
        #expect(session.observe(frame(0), report: report([59.9])) == .continueCapturing)
        #expect(session.observe(frame(1), report: report([60])) == .complete)
    }
}
