import Imaging
import Testing
import Simulation

@Suite("Slaps")
struct SlapTests {
    private let rightHand: [Finger] = [.rightIndex, .rightMiddle, .rightRing, .rightLittle]

    @Test("four fingers, each inside its truth box, with background between them")
    func fourFingers() {
        let frame = sharedFingerprints.slap(fingers: rightHand, subject: 1, presentation: .good, frameIndex: 12)
        let image = frame.image
        #expect(image.width == 1600 && image.height == 1000)
        #expect(frame.truth.map(\.finger) == rightHand, "index … little from left to right")
        for location in frame.truth {
            let box = location.box
            #expect(box.x >= 0 && box.y >= 0 && box.maxX <= image.width && box.maxY <= image.height)
            #expect(box.width > 100 && box.height > 150)
            var dark = 0
            for y in box.y..<box.maxY {
                for x in box.x..<box.maxX where image[x, y] < 110 { dark += 1 }
            }
            #expect(Float(dark) / Float(box.width * box.height) > 0.15, "\(location.finger) has ridges")
        }
        // Between neighbouring fingers the platen is empty.
        for (left, right) in zip(frame.truth, frame.truth.dropFirst()) {
            #expect(left.box.maxX < right.box.x, "\(left.finger) and \(right.finger) do not overlap")
            let top = max(left.box.y, right.box.y)
            let bottom = min(left.box.maxY, right.box.maxY)
            var light = 0
            var total = 0
            for y in top..<bottom {
                for x in left.box.maxX..<right.box.x {
                    total += 1
                    if image[x, y] > 200 { light += 1 }
                }
            }
            #expect(total > 0)
            #expect(Float(light) / Float(max(1, total)) > 0.95)
        }
        #expect(frame == sharedFingerprints.slap(fingers: rightHand, subject: 1, presentation: .good, frameIndex: 12))
    }

    @Test("an empty platen has no fingers")
    func empty() {
        let frame = sharedFingerprints.slap(fingers: rightHand, subject: 1, presentation: .none, frameIndex: 3)
        #expect(frame.truth.isEmpty)
        #expect(ImageAnalysis.mean(frame.image.pixels) > 220)
        #expect(ImageAnalysis.standardDeviation(frame.image.pixels) < 6)
    }
}
