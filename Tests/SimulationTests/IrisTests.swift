import Testing
import Simulation

@Suite("Iris frames")
struct IrisTests {
    private let generator = IrisGenerator()

    @Test("pupil darker than iris darker than sclera, along a horizontal radius")
    func radialProfile() throws {
        let image = generator.eye(subject: 4, eye: .left, presentation: .good, frameIndex: 12)
        #expect(image.width == 640 && image.height == 480)
        let g = try #require(generator.geometry(subject: 4, eye: .left, presentation: .good, frameIndex: 12))
        #expect(g.irisRadius >= 75)
        #expect(g.pupilRadius >= 25 && g.pupilRadius <= 65)
        let y = Int(g.pupilY.rounded())
        func band(_ from: Float, _ to: Float) -> Float {
            var values: [UInt8] = []
            for x in Int(g.pupilX + from)..<Int(g.pupilX + to) { values.append(image[x, y]) }
            return ImageAnalysis.mean(values)
        }
        // Stay clear of the specular reflections, which sit in the upper half of the pupil.
        let pupil = band(2, g.pupilRadius - 6)
        let iris = band(g.pupilRadius + 8, g.irisRadius - 8)
        let sclera = band(g.irisRadius + 8, g.irisRadius + 35)
        #expect(pupil + 30 < iris, "pupil \(pupil), iris \(iris)")
        #expect(iris + 20 < sclera, "iris \(iris), sclera \(sclera)")
    }

    @Test("the pupil changes size from frame to frame")
    func hippus() {
        let radii = (0..<12).compactMap { generator.geometry(subject: 4, eye: .left, presentation: .good, frameIndex: $0)?.pupilRadius }
        #expect(radii.count == 12)
        #expect((radii.max() ?? 0) - (radii.min() ?? 0) > 4)
        #expect(radii.allSatisfy { $0 >= 30 && $0 <= 60 })
    }

    @Test("deterministic per subject and eye; eyes differ")
    func identity() {
        let a = generator.eye(subject: 4, eye: .left, presentation: .good, frameIndex: 7)
        #expect(a == generator.eye(subject: 4, eye: .left, presentation: .good, frameIndex: 7))
        #expect(a != generator.eye(subject: 4, eye: .right, presentation: .good, frameIndex: 7))
        #expect(a != generator.eye(subject: 5, eye: .left, presentation: .good, frameIndex: 7))
    }

    @Test("no eye presented gives a flat, dark frame")
    func empty() {
        let image = generator.eye(subject: 4, eye: .left, presentation: .none, frameIndex: 3)
        #expect(generator.geometry(subject: 4, eye: .left, presentation: .none, frameIndex: 3) == nil)
        #expect(ImageAnalysis.standardDeviation(image.pixels) < 4)
        #expect(ImageAnalysis.mean(image.pixels) < 40)
    }
}
