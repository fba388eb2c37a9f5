import Foundation
import Testing
import Imaging
import QualityMeasures
import Simulation

@Suite("Slap segmentation")
struct SlapSegmenterTests {
    private func slap(_ fingers: [Finger], subject: UInt64 = 1, _ condition: Presentation.Condition = .good) -> SlapFrame {
        sharedFingerprints.slap(fingers: fingers, subject: subject, presentation: Presentation(condition), frameIndex: 8, seed: subject)
    }

    /// Every found box matches its ground-truth finger, in order.
    private func expectMatches(_ boxes: [Imaging.PixelRect], _ frame: SlapFrame, _ label: String) {
        #expect(boxes.count == frame.truth.count, "\(label): \(boxes) vs \(frame.truth.map(\.box))")
        guard boxes.count == frame.truth.count else { return }
        for (box, truth) in zip(boxes, frame.truth) {
            let iou = intersectionOverUnion(box, truth.box)
            #expect(iou >= 0.5, "\(label) \(truth.finger): IoU \(iou)")
        }
        #expect(zip(boxes, boxes.dropFirst()).allSatisfy { $0.x < $1.x }, "left to right")
    }

    @Test("four fingers of either hand give four boxes in image order")
    func fourFingers() {
        for subject: UInt64 in [1, 2] {
            let right = slap([.rightIndex, .rightMiddle, .rightRing, .rightLittle], subject: subject)
            expectMatches(SlapSegmenter.segment(Raster(right.image), expected: 4), right, "right hand \(subject)")
            let left = slap([.leftIndex, .leftMiddle, .leftRing, .leftLittle], subject: subject)
            expectMatches(SlapSegmenter.segment(Raster(left.image), expected: 4), left, "left hand \(subject)")
        }
    }

    @Test("two thumbs give two boxes")
    func thumbs() {
        let frame = slap([.leftThumb, .rightThumb])
        expectMatches(SlapSegmenter.segment(Raster(frame.image), expected: 2), frame, "thumbs")
    }

    @Test("missing fingers leave fewer boxes")
    func missing() {
        let three = slap([.rightIndex, .rightMiddle, .rightLittle])
        expectMatches(SlapSegmenter.segment(Raster(three.image), expected: 4), three, "ring finger excepted")
        let two = slap([.leftIndex, .leftLittle], subject: 2)
        expectMatches(SlapSegmenter.segment(Raster(two.image), expected: 4), two, "two fingers")
    }

    @Test("poor but complete presentations still segment")
    func conditions() {
        for condition in [Presentation.Condition.dry, .wet, .smudged, .moving] {
            let frame = slap([.rightIndex, .rightMiddle, .rightRing, .rightLittle], condition)
            expectMatches(SlapSegmenter.segment(Raster(frame.image), expected: 4), frame, "\(condition)")
        }
    }

    @Test("an empty platen gives no boxes")
    func empty() {
        #expect(SlapSegmenter.segment(Raster(slap([.rightIndex], .none).image), expected: 4).isEmpty)
        #expect(SlapSegmenter.segment(Raster(grayWidth: 1600, height: 1000, fill: 240), expected: 4).isEmpty)
    }

    @Test("a hand partly off the platen gives at most the visible fingertips, each on a real finger")
    func partial() {
        for subject: UInt64 in 1...6 {
            let frame = slap([.rightIndex, .rightMiddle, .rightRing, .rightLittle], subject: subject, .partial)
            let boxes = SlapSegmenter.segment(Raster(frame.image), expected: 4)
            #expect(boxes.count <= frame.truth.count)
            for box in boxes {
                #expect(frame.truth.contains { intersectionOverUnion(box, $0.box) >= 0.5 }, "subject \(subject): \(box)")
            }
        }
    }

    @Test("never more boxes than expected")
    func expectedCap() {
        let frame = slap([.rightIndex, .rightMiddle, .rightRing, .rightLittle])
        let boxes = SlapSegmenter.segment(Raster(frame.image), expected: 2)
        #expect(boxes.count == 2)
        #expect(SlapSegmenter.segment(Raster(frame.image), expected: 0).isEmpty)
    }

    @Test("two touching fingertips are split at the gap between them")
    func touching() {
        // Two ridge-textured ovals, 200 × 300, joined by a 6 px neck of texture.
        let image = Raster.gray(width: 900, height: 600) { x, y in
            let oval = { (cx: Double) in
                let u = (Double(x) - cx) / 100, v = (Double(y) - 300) / 150
                return u * u + v * v <= 1
            }
            let bridge = abs(Double(y) - 300) < 3 && x > 300 && x < 600
            guard oval(350) || oval(550) || bridge else { return 240 }
            return 130 + 90 * sin(2 * Double.pi * Double(x + y) / 9)
        }
        let boxes = SlapSegmenter.segment(image, expected: 2)
        #expect(boxes.count == 2, "\(boxes)")
        if boxes.count == 2 {
            #expect(boxes[0].maxX <= 470 && boxes[1].x >= 430, "\(boxes)")
        }
    }

    @Test("segmented fingertips can be scored one by one")
    func scoreEachFingertip() {
        let frame = slap([.rightIndex, .rightMiddle, .rightRing, .rightLittle])
        let image = Raster(frame.image)
        let engine = BlockFeatureFingerprintEngine()
        for box in SlapSegmenter.segment(image, expected: 4) {
            let crop = image.cropped(to: box)!
            #expect(engine.assess(crop).score > 40, "\(box)")
        }
    }
}
