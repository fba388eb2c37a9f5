import Foundation
import Testing
import Simulation

@Suite("Fingerprint masters")
struct FingerprintMasterTests {
    @Test("a master is a pure function of subject and finger")
    func deterministic() {
        let fresh = FingerprintMaster(subject: 1, finger: .rightIndex)
        let cached = sharedFingerprints.master(subject: 1, finger: .rightIndex)
        #expect(fresh.ridgeImage() == cached.ridgeImage())
        #expect(fresh.pattern == cached.pattern)
        #expect(fresh.singularPoints == cached.singularPoints)
    }

    @Test("different subjects and different fingers give different ridge patterns")
    func distinct() {
        let a = sharedFingerprints.master(subject: 1, finger: .rightIndex).ridgeImage()
        let otherSubject = sharedFingerprints.master(subject: 2, finger: .rightIndex).ridgeImage()
        let otherFinger = sharedFingerprints.master(subject: 1, finger: .rightMiddle).ridgeImage()
        for other in [otherSubject, otherFinger] {
            // Unrelated ridge patterns disagree on ridge/valley at about half the pixels.
            let differing = zip(a.pixels, other.pixels).filter { ($0 < 128) != ($1 < 128) }.count
            #expect(Float(differing) / Float(a.pixels.count) > 0.3)
        }
    }

    @Test("central blocks have a ridge period of 8–11 px")
    func ridgePeriod() {
        for (subject, finger) in [(UInt64(1), Finger.rightIndex), (2, .rightIndex)] {
            let master = sharedFingerprints.master(subject: subject, finger: finger)
            let image = master.ridgeImage()
            var periods: [Float] = []
            for by in -2...1 {
                for bx in -2...1 {
                    let x0 = image.width / 2 + bx * 32
                    let y0 = image.height / 2 + by * 32
                    // Round a core or delta the ridges have no single direction or spacing to measure.
                    let nearSingularity = master.singularPoints.contains { point in
                        let dx = point.x - Float(x0 + 16)
                        let dy = point.y - Float(y0 + 16)
                        return dx * dx + dy * dy < 48 * 48
                    }
                    let (period, coherence) = ImageAnalysis.ridgePeriod(image, x0: x0, y0: y0, size: 32)
                    if coherence > 0.5 && !nearSingularity { periods.append(period) }
                }
            }
            #expect(periods.count >= 8)
            let median = periods.sorted()[periods.count / 2]
            #expect(median >= 8.5 && median <= 10.5, "median \(median) px")
            // Where a ridge forks or ends, the spacing beside it is briefly wider or narrower, as on real
            // skin; most blocks still sit squarely in the 500 ppi band.
            let inBand = periods.filter { $0 >= 8 && $0 <= 11 }.count
            #expect(Float(inBand) >= 0.75 * Float(periods.count), "\(periods)")
        }
    }

    @Test("ridges follow a curved flow, not parallel stripes")
    func curvedFlow() {
        let image = sharedFingerprints.master(subject: 1, finger: .rightIndex).ridgeImage()
        let blocks = ImageAnalysis.orientationField(image, block: 16, window: 24).flatMap { $0 }
        #expect(ImageAnalysis.orientationVariance(blocks) > 0.25)
    }

    @Test("loops and whorls show a core where the ground truth puts it")
    func singularPoints() {
        let masters = [
            sharedFingerprints.master(subject: 1, finger: .rightIndex),
            sharedFingerprints.master(subject: 2, finger: .rightIndex),
            sharedFingerprints.master(subject: 1, finger: .rightMiddle),
        ].filter { $0.pattern != .arch }
        #expect(!masters.isEmpty)
        for master in masters {
            let field = ImageAnalysis.orientationField(master.ridgeImage(), block: 16, window: 32)
            let cores = ImageAnalysis.poincare(field).filter { $0.index > 0 }
            #expect(!cores.isEmpty, "\(master.pattern): no core found")
            let truth = master.singularPoints.filter { $0.kind == .core }
            let near = cores.contains { c in
                truth.contains { t in
                    let dx = Float(c.x * 16 + 8) - t.x
                    let dy = Float(c.y * 16 + 8) - t.y
                    return (dx * dx + dy * dy).squareRoot() < 40
                }
            }
            #expect(near, "\(master.pattern): cores \(cores) vs truth \(truth)")
        }
    }

    @Test("the generator hands out the same master on every request")
    func cache() {
        let generator = FingerprintGenerator(cacheCapacity: 1)
        #expect(generator.cacheCapacity == 1)
        let first = generator.master(subject: 1, finger: .rightIndex)
        let again = generator.master(subject: 1, finger: .rightIndex)
        #expect(first.ridgeImage() == again.ridgeImage())
    }
}
