import Foundation
import Testing
import Imaging
import QualityMeasures
import Simulation

@Suite("Fingerprint quality engine")
struct FingerprintEngineTests {
    let engine = BlockFeatureFingerprintEngine()

    private func impression(subject: UInt64 = 1, finger: Finger = .rightIndex, _ condition: Presentation.Condition = .good, frame: Int = 10) -> Raster {
        Raster(sharedFingerprints.impression(subject: subject, finger: finger, presentation: Presentation(condition), frameIndex: frame, seed: subject))
    }

    @Test("the engine says it is not NIST NFIQ 2")
    func honestName() {
        #expect(engine.name.contains("mds-fq-1"))
        #expect(engine.name.contains("not NIST NFIQ 2"))
    }

    @Test("blank, empty-platen and tiny images score 0 with no foreground")
    func blank() {
        for image in [Raster(grayWidth: 320, height: 480, fill: 240), Raster(grayWidth: 320, height: 480, fill: 0),
                      impression(.none), Raster(grayWidth: 20, height: 20, fill: 100)] {
            let a = engine.assess(image)
            #expect(a.score == 0)
            #expect(a.foregroundFraction == 0)
        }
    }

    @Test("an ideal ridge grating covering the image is all foreground with OCL ≈ 1")
    func idealGrating() throws {
        let image = Raster.gray(width: 256, height: 256) { x, _ in 140 + 90 * sin(2 * Double.pi * Double(x) / 9) }
        let a = engine.assess(image)
        #expect(a.foregroundFraction == 1)
        #expect(try #require(a.features[FingerprintFeature.orientationCertaintyMean]) > 0.999)
        #expect(try #require(a.features[FingerprintFeature.localClarityMean]) > 0.95)
        #expect(try #require(a.features[FingerprintFeature.orientationFlowMean]) == 0, "a straight flow never turns")
        #expect(a.score > 50)
    }

    @Test("a good impression scores well and reports its features")
    func good() throws {
        let a = engine.assess(impression())
        #expect(a.score > 50)
        #expect(a.foregroundFraction > 0.3 && a.foregroundFraction < 0.9)
        let ocl = try #require(a.features[FingerprintFeature.orientationCertaintyMean])
        #expect(ocl > 0.75)
        let period = try #require(a.features[FingerprintFeature.ridgePeriod])
        #expect(period >= 8 && period <= 11, "simulated ridges are 8.6–10.6 px apart at 500 ppi")
    }

    @Test("degraded versions of a good impression all score clearly lower")
    func degradations() {
        for subject: UInt64 in [1, 2] {
            let good = impression(subject: subject)
            let reference = engine.assess(good).score
            let degraded: [(String, Raster)] = [
                ("blank", Raster(grayWidth: good.width, height: good.height, fill: 240)),
                ("heavily blurred", good.boxBlurred(radius: 4)),
                ("noisy", good.withNoise(sigma: 50)),
                ("low contrast", good.withContrast(0.12)),
                ("partial", good.keepingTop(0.4)),
            ]
            for (label, image) in degraded {
                let score = engine.assess(image).score
                #expect(score < reference - 10, "subject \(subject), \(label): \(score) vs \(reference)")
            }
        }
    }

    @Test("the score falls monotonically with increasing blur")
    func blurLadder() {
        for (subject, finger) in [(UInt64(1), Finger.rightIndex), (2, .leftThumb)] {
            let good = impression(subject: subject, finger: finger)
            let scores = (0...5).map { engine.assess(good.boxBlurred(radius: $0)).score }
            #expect(strictlyDecreasing(scores), "subject \(subject): \(scores)")
        }
    }

    @Test("the score falls monotonically with increasing noise")
    func noiseLadder() {
        for (subject, finger) in [(UInt64(1), Finger.rightIndex), (2, .leftThumb)] {
            let good = impression(subject: subject, finger: finger)
            let scores = [0.0, 20, 35, 50].map { engine.assess(good.withNoise(sigma: $0)).score }
            #expect(strictlyDecreasing(scores), "subject \(subject): \(scores)")
        }
    }

    @Test("simulated poor presentations score below a good one; a light first touch below a settled press")
    func presentations() {
        let good = engine.assess(impression()).score
        for condition in [Presentation.Condition.dry, .smudged, .moving, .partial] {
            #expect(engine.assess(impression(condition)).score < good, "\(condition)")
        }
        #expect(engine.assess(impression(frame: 0)).score < good)
    }

    @Test("colour input is reduced to luma and scores like the grey image")
    func colour() {
        let gray = impression()
        var rgb = [UInt8]()
        rgb.reserveCapacity(gray.pixels.count * 3)
        for v in gray.pixels { rgb.append(v); rgb.append(v); rgb.append(v) }
        let colour = try! Raster(width: gray.width, height: gray.height, channels: 3, pixels: rgb)
        #expect(engine.assess(colour) == engine.assess(gray))
    }
}
