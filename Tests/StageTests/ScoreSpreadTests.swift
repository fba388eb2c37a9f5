import MDSModel
import Quality
import Sensor
import Simulation
import Testing
import Wire

/// Issue 5: across the simulator's presentations the quality scores spread over the 0–100 range, and a high
/// requestedScore separates presentations that reach it from those that cannot.
@Suite struct ScoreSpreadTests {
    @Test func theConfigurationAcceptsExactlyThePresentationsTheSimulatorKnows() {
        // MDSModel (pure) keeps its own list for validating `devices[].presentation`; the sensor maps it onto
        // Presentation.Condition and would fall back to "good" for a name it does not know.
        #expect(DeviceDescriptor.presentations == Presentation.Condition.allCases.map(\.rawValue))
    }

    let scorer = QualityStage.defaultScorer
    let fingerprints = FingerprintGenerator()

    func scores(deviceIndex: Int, subId: UInt8, segments: [SegmentSpec]) throws -> [String: [Double]] {
        let device = DeviceDescriptor.simulatedDefaults[deviceIndex]
        var out: [String: [Double]] = [:]
        for presentation in Presentation.Condition.allCases {
            let driver = SimulatorDriver(device: device, fingerprints: fingerprints, presentation: presentation.rawValue)
            for frame in stride(from: 0, to: 24, by: 3) {
                let f = try driver.frame(FrameRequest(captureId: "spread-\(presentation)", deviceId: device.deviceId, subId: subId,
                                                      segments: segments, frameIndex: UInt32(frame)))
                let report = scorer.score(ScoreRequest(modality: device.type.modality, layout: f.layout, segments: segments, images: f.images))
                out[presentation.rawValue, default: []] += report.scores.map { $0.score ?? 0 }
            }
        }
        return out
    }

    @Test(arguments: [
        (3, UInt8(0), [SegmentSpec(key: "0", bioSubType: "UNKNOWN", position: 0)]),
        (1, UInt8(0), [SegmentSpec(key: "0", bioSubType: "Left", position: 2)]),
        (2, UInt8(0), [SegmentSpec(key: "0", bioSubType: "", position: 0)]),
    ])
    func scoresSpreadAcrossPresentations(deviceIndex: Int, subId: UInt8, segments: [SegmentSpec]) throws {
        let byPresentation = try scores(deviceIndex: deviceIndex, subId: subId, segments: segments)
        let all = byPresentation.values.flatMap { $0 }
        #expect(all.min()! < 20, "\(byPresentation)")
        #expect(all.max()! > 60, "\(byPresentation)")
        let good = byPresentation["good"]!.max()!, none = byPresentation["none"]!.max()!
        #expect(good > none + 40)
        // Degraded presentations never beat a good one.
        for (name, values) in byPresentation where name != "good" { #expect(values.max()! <= good + 5, "\(name)") }
    }
}
