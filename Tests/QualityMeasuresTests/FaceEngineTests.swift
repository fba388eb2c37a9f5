import Testing
import Imaging
import QualityMeasures
import Simulation

@Suite("Face quality engine")
struct FaceEngineTests {
    let engine = PortraitFaceEngine()
    let generator = FaceGenerator()

    private func portrait(_ subject: UInt64, _ condition: Presentation.Condition = .good) -> (Raster, FaceGeometry?) {
        let presentation = Presentation(condition)
        return (Raster(generator.face(subject: subject, presentation: presentation, frameIndex: 10, seed: subject)),
                generator.geometry(subject: subject, presentation: presentation, frameIndex: 10, seed: subject))
    }

    @Test("the face is found and its box contains the face centre, for every skin tone drawn")
    func located() throws {
        for subject: UInt64 in 1...6 {
            let (image, geometry) = portrait(subject)
            let truth = try #require(geometry)
            let a = try #require(engine.assess(image), "subject \(subject)")
            let (cx, cy) = (Int(truth.centreX), Int(truth.centreY))
            #expect(a.faceBox.x <= cx && cx < a.faceBox.maxX && a.faceBox.y <= cy && cy < a.faceBox.maxY,
                    "subject \(subject): \(a.faceBox) vs centre \(cx),\(cy)")
            // The box is face-sized, not the whole frame or a fragment.
            #expect(Double(a.faceBox.width) > Double(truth.halfWidth) && Double(a.faceBox.width) < 3 * Double(truth.halfWidth))
            #expect(a.score > 70)
        }
    }

    @Test("no face on a plain background or an empty frame")
    func noFace() {
        #expect(engine.assess(portrait(1, .none).0) == nil)
        let plain = try! Raster(width: 480, height: 640, channels: 3, pixels: [UInt8](repeating: 232, count: 480 * 640 * 3))
        #expect(engine.assess(plain) == nil)
    }

    @Test("the score falls with blur")
    func blur() throws {
        let (image, _) = portrait(2)
        let scores = try [0, 2, 4, 6].map { try #require(engine.assess(image.boxBlurred(radius: $0))).score }
        #expect(strictlyDecreasing(scores), "\(scores)")
    }

    @Test("the score falls as the face moves off centre")
    func offCentre() throws {
        let (image, _) = portrait(3)
        let scores = try [0, 40, 80, 130].map { try #require(engine.assess(image.shifted(by: $0))).score }
        #expect(strictlyDecreasing(scores), "\(scores)")
    }

    @Test("under-exposed, cut-off and moving portraits score below a good one")
    func conditions() throws {
        let good = try #require(engine.assess(portrait(4).0)).score
        for condition in [Presentation.Condition.dry, .partial, .moving, .smudged] {
            let score = try #require(engine.assess(portrait(4, condition).0), "\(condition)").score
            #expect(score < good - 5, "\(condition): \(score) vs \(good)")
        }
    }
}
