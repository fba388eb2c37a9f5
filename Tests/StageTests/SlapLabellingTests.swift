import Imaging
import MDSModel
import Quality
import Simulation
import Testing
import Wire

/// The quality stage names the fingers it finds in a slap by the order a hand lies on the platen
/// (`BioSubType.slapImageOrder`); the simulator lays hands out the same way. This pins that contract: each segment's
/// box must sit on the simulator's ground-truth box of the same finger.
@Suite struct SlapLabellingTests {
    @Test(arguments: [1, 2, 3], [[String](), ["Left RingFinger"], ["Right IndexFinger"]])
    func segmentsLandOnTheirOwnFingers(subId: Int, exceptions: [String]) throws {
        let slot = try #require(BioSubType.slapSlot(subId)).filter { !exceptions.contains($0) }
        let segments = slot.enumerated().map { SegmentSpec(key: "\($0.offset)", bioSubType: $0.element, position: BioSubType.fingerPosition($0.element)!) }
        let frame = FingerprintGenerator().slap(fingers: segments.compactMap { Finger(rawValue: Int($0.position)) }, subject: 7,
                                                presentation: Presentation(.good), frameIndex: 12, seed: 3)
        let raster = try Raster(width: frame.image.width, height: frame.image.height, channels: 1, pixels: frame.image.pixels)
        let report = QualityStage.defaultScorer.score(ScoreRequest(modality: .finger, layout: .slap, segments: segments,
                                                                   images: [LabeledRaster(label: "slap", raster: raster)]))
        #expect(report.scores.count == segments.count)
        for score in report.scores {
            let segment = try #require(segments.first { $0.key == score.key })
            let truth = try #require(frame.truth.first { $0.finger.rawValue == Int(segment.position) })
            let overlap = score.box.intersection(truth.box)?.area ?? 0
            #expect(Double(overlap) > 0.5 * Double(truth.box.area), "\(segment.bioSubType) is labelled on another finger")
        }
    }
}
