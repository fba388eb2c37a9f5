import Testing
import Simulation

@Suite("Fingerprint impressions")
struct ImpressionTests {
    private let generator = sharedFingerprints

    @Test("the same inputs give the same pixels")
    func deterministic() {
        let master = generator.master(subject: 1, finger: .rightIndex)
        let a = generator.impression(of: master, presentation: .good, frameIndex: 4, seed: 9)
        let b = generator.impression(of: master, presentation: .good, frameIndex: 4, seed: 9)
        #expect(a == b)
        #expect(a.width == 320 && a.height == 480)
        let nextFrame = generator.impression(of: master, presentation: .good, frameIndex: 5, seed: 9)
        #expect(nextFrame != a)
    }

    @Test("dark ridges on a near-white platen")
    func liveScanLook() {
        let image = generator.impression(subject: 1, finger: .rightIndex, presentation: .good, frameIndex: 12, seed: 3)
        let corners = [image[2, 2], image[317, 2], image[2, 477], image[317, 477]]
        #expect(corners.allSatisfy { $0 > 200 })
        let dark = image.pixels.filter { $0 < 100 }.count
        // A settled finger covers a good part of a 320 × 480 frame, about half of it ridges.
        #expect(Float(dark) / Float(image.pixels.count) > 0.12)
    }

    @Test("two captures of one finger share its ridge flow better than captures of different fingers")
    func sameFingerMatches() {
        let first = generator.impression(subject: 1, finger: .rightIndex, presentation: .good, frameIndex: 12, seed: 1)
        let second = generator.impression(subject: 1, finger: .rightIndex, presentation: .good, frameIndex: 12, seed: 2)
        let otherSubject = generator.impression(subject: 2, finger: .rightIndex, presentation: .good, frameIndex: 12, seed: 2)
        let otherFinger = generator.impression(subject: 1, finger: .rightMiddle, presentation: .good, frameIndex: 12, seed: 2)
        let same = ImageAnalysis.alignedOrientationSimilarity(first, second)
        let differentSubject = ImageAnalysis.alignedOrientationSimilarity(first, otherSubject)
        let differentFinger = ImageAnalysis.alignedOrientationSimilarity(first, otherFinger)
        #expect(same > 0.9)
        #expect(same > differentSubject + 0.15, "same \(same), other subject \(differentSubject)")
        #expect(same > differentFinger + 0.15, "same \(same), other finger \(differentFinger)")
    }

    @Test("a settling finger prints darker and larger than its first touch")
    func settling() {
        let master = generator.master(subject: 1, finger: .rightIndex)
        let early = generator.impression(of: master, presentation: .good, frameIndex: 0, seed: 5)
        let late = generator.impression(of: master, presentation: .good, frameIndex: 12, seed: 5)
        #expect(ImageAnalysis.mean(late.pixels) < ImageAnalysis.mean(early.pixels) - 10)
    }

    @Test("dry fingers print broken ridges, wet fingers merge them")
    func skinConditions() {
        let master = generator.master(subject: 1, finger: .rightIndex)
        let good = ImageAnalysis.inkRatio(generator.impression(of: master, presentation: .good, frameIndex: 12, seed: 5))
        let dry = ImageAnalysis.inkRatio(generator.impression(of: master, presentation: .dry, frameIndex: 12, seed: 5))
        let wet = ImageAnalysis.inkRatio(generator.impression(of: master, presentation: .wet, frameIndex: 12, seed: 5))
        #expect(good > 0.3 && good < 0.7, "good \(good)")
        #expect(dry < good - 0.15, "dry \(dry), good \(good)")
        #expect(wet > good + 0.05, "wet \(wet), good \(good)")
    }

    @Test("nothing on the platen gives an empty frame")
    func empty() {
        let master = generator.master(subject: 1, finger: .rightIndex)
        let image = generator.impression(of: master, presentation: .none, frameIndex: 12, seed: 5)
        #expect(ImageAnalysis.mean(image.pixels) > 220)
        #expect(ImageAnalysis.standardDeviation(image.pixels) < 6)
    }
}
