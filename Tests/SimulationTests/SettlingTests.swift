import Testing
import Simulation

@Suite("Settling and seeds")
struct SettlingTests {
    @Test("a good presentation passes 0.8 before frame 10, a dry one never does")
    func curves() {
        for seed in UInt64(0)..<200 {
            let good = Presentation(.good, seed: seed)
            #expect((0..<10).contains { good.quality(atFrame: $0) > 0.8 }, "seed \(seed)")
            let dry = Presentation(.dry, seed: seed)
            #expect((0..<300).allSatisfy { dry.quality(atFrame: $0) < 0.8 }, "seed \(seed)")
            let none = Presentation(.none, seed: seed)
            #expect((0..<50).allSatisfy { none.quality(atFrame: $0) == 0 })
        }
    }

    @Test("quality starts poor and rises")
    func rises() {
        let good = Presentation.good
        #expect(good.quality(atFrame: 0) < 0.5)
        #expect(good.quality(atFrame: 20) > good.quality(atFrame: 0) + 0.4)
    }

    @Test("the generator and mixer are reproducible and well spread")
    func prng() {
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
        var c = SplitMix64(seed: 7)
        let values = (0..<10_000).map { _ in c.unit() }
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = values.reduce(0, +) / Float(values.count)
        #expect(abs(mean - 0.5) < 0.02)
        #expect(SeedMixer.mix(1, 2) != SeedMixer.mix(2, 1))
        #expect(SeedMixer.mix(1) != SeedMixer.mix(2))
    }
}
