import Testing
import Imaging
import QualityMeasures
import Simulation

@Suite("Iris quality engine")
struct IrisEngineTests {
    let engine = SegmentationIrisEngine()
    let generator = IrisGenerator()

    private func eye(_ subject: UInt64, _ side: Eye = .left, _ condition: Presentation.Condition = .good) -> (Raster, IrisGeometry?) {
        let presentation = Presentation(condition)
        return (Raster(generator.eye(subject: subject, eye: side, presentation: presentation, frameIndex: 10, seed: subject)),
                generator.geometry(subject: subject, eye: side, presentation: presentation, frameIndex: 10, seed: subject))
    }

    @Test("a simulated eye is segmented: pupil centre within 3 px, iris radius within 10 %")
    func segmentation() throws {
        for subject: UInt64 in 1...3 {
            for side in Eye.allCases {
                let (image, geometry) = eye(subject, side)
                let truth = try #require(geometry)
                let a = try #require(engine.assess(image), "subject \(subject) \(side)")
                let dx = a.pupilCentre.x - Double(truth.pupilX), dy = a.pupilCentre.y - Double(truth.pupilY)
                #expect((dx * dx + dy * dy).squareRoot() < 3, "subject \(subject) \(side): pupil at \(a.pupilCentre)")
                #expect(abs(a.pupilRadius - Double(truth.pupilRadius)) < 0.15 * Double(truth.pupilRadius))
                #expect(abs(a.irisRadius - Double(truth.irisRadius)) < 0.1 * Double(truth.irisRadius),
                        "subject \(subject) \(side): iris radius \(a.irisRadius) vs \(truth.irisRadius)")
                #expect(a.usableIrisArea > 0.8)
                #expect(a.score > 60)
                #expect(try #require(a.features[IrisFeature.irisDiameter]) >= 150)
            }
        }
    }

    @Test("no eye (empty dark frame, uniform frames) gives nil")
    func noEye() {
        #expect(engine.assess(eye(1, .left, .none).0) == nil)
        #expect(engine.assess(Raster(grayWidth: 640, height: 480, fill: 18)) == nil)
        #expect(engine.assess(Raster(grayWidth: 640, height: 480, fill: 200)) == nil)
    }

    @Test("a closed eye (lid skin over the whole eye) gives nil")
    func closedEye() {
        // Skin-coloured texture with a dark lash line where the lids meet, as a closed eye looks in NIR.
        var rng = TestRandom(seed: 11)
        let closed = Raster.gray(width: 640, height: 480) { x, y in
            let lid = abs(Double(y) - 240 - 0.0004 * Double((x - 320) * (x - 320))) < 3 && abs(x - 320) < 250
            return (lid ? 70 : 170) + 4 * rng.gaussian()
        }
        #expect(engine.assess(closed) == nil)
    }

    @Test("blur lowers the score step by step")
    func blur() throws {
        let (image, _) = eye(2)
        let scores = try [0, 1, 2, 4].map { try #require(engine.assess(image.boxBlurred(radius: $0))).score }
        #expect(strictlyDecreasing(scores), "\(scores)")
    }

    @Test("squinting (lids over the iris) lowers the usable area; an eye at the frame edge scores low")
    func occlusionAndMargin() throws {
        let good = try #require(engine.assess(eye(3).0))
        let squint = try #require(engine.assess(eye(3, .left, .dry).0))
        #expect(squint.usableIrisArea < good.usableIrisArea - 0.1)
        let edge = try #require(engine.assess(eye(3, .left, .partial).0))
        #expect(edge.score < good.score - 20)
        #expect(try #require(edge.features[IrisFeature.marginAdequacy]) < 1)
    }

    @Test("the engine names its standard subset")
    func name() {
        #expect(engine.name.contains("ISO/IEC 29794-6"))
    }
}
