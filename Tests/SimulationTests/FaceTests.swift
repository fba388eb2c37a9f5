import Testing
import Simulation

@Suite("Face frames")
struct FaceTests {
    private let generator = FaceGenerator()

    private func channel(_ image: RGBImage, _ c: Int, x: Range<Int>, y: Range<Int>) -> [UInt8] {
        var values: [UInt8] = []
        for yy in y {
            for xx in x { values.append(image.pixels[(yy * image.width + xx) * 3 + c]) }
        }
        return values
    }

    @Test("plain uniform background in every corner")
    func background() {
        let image = generator.face(subject: 3, presentation: .good, frameIndex: 12)
        #expect(image.width == 480 && image.height == 640)
        for (x, y) in [(0..<40, 0..<40), (440..<480, 0..<40), (0..<40, 300..<340), (440..<480, 300..<340)] {
            for c in 0..<3 {
                let values = channel(image, c, x: x, y: y)
                #expect(ImageAnalysis.standardDeviation(values) < 4)
                #expect(ImageAnalysis.mean(values) > 180, "light backdrop")
            }
        }
    }

    @Test("the face region is skin coloured, with the eyes where the geometry says")
    func skin() throws {
        for subject in UInt64(1)...4 {
            let image = generator.face(subject: subject, presentation: .good, frameIndex: 12)
            let g = try #require(generator.geometry(subject: subject, presentation: .good, frameIndex: 12))
            // A cheek patch below the eye, beside the nose.
            let x = Int(g.leftEyeX) - 10
            let y = Int(g.leftEyeY + 0.25 * g.halfHeight)
            let r = ImageAnalysis.mean(channel(image, 0, x: x..<(x + 20), y: y..<(y + 20)))
            let gr = ImageAnalysis.mean(channel(image, 1, x: x..<(x + 20), y: y..<(y + 20)))
            let b = ImageAnalysis.mean(channel(image, 2, x: x..<(x + 20), y: y..<(y + 20)))
            #expect(r > gr && gr > b && r - b > 20, "subject \(subject): \(r), \(gr), \(b)")
            // Eyes level, about a quarter of the width apart, subject's left eye on the image's right.
            #expect(g.leftEyeX > g.rightEyeX)
            #expect(abs(g.leftEyeY - g.rightEyeY) < 10)
            #expect(g.leftEyeX - g.rightEyeX > 70 && g.leftEyeX - g.rightEyeX < 140)
            // The pupil is dark.
            let pupil = image[Int(g.leftEyeX.rounded()), Int(g.leftEyeY.rounded())]
            #expect(pupil.red < 90)
        }
    }

    @Test("deterministic per subject; subjects differ")
    func identity() {
        let a = generator.face(subject: 3, presentation: .good, frameIndex: 5)
        #expect(a == generator.face(subject: 3, presentation: .good, frameIndex: 5))
        #expect(a != generator.face(subject: 4, presentation: .good, frameIndex: 5))
    }

    @Test("nobody in front of the camera gives the empty backdrop")
    func empty() {
        let image = generator.face(subject: 3, presentation: .none, frameIndex: 5)
        #expect(generator.geometry(subject: 3, presentation: .none, frameIndex: 5) == nil)
        for c in 0..<3 {
            #expect(ImageAnalysis.standardDeviation(channel(image, c, x: 0..<480, y: 0..<640)) < 4)
        }
    }
}
