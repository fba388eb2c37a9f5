import Testing
import Foundation
@testable import Simulation

@Test func probeMasterTime() {
    let c = clock()
    let m = FingerprintMaster(subject: 1, finger: .rightIndex)
    let ms = Double(clock() - c) / Double(CLOCKS_PER_SEC) * 1000
    Issue.record("master debug cpu ms: \(ms) \(m.pattern)")
    let g = FingerprintGenerator()
    let c2 = clock()
    _ = g.impression(of: m, presentation: .good, frameIndex: 5, seed: 1)
    Issue.record("impression debug cpu ms: \(Double(clock() - c2) / Double(CLOCKS_PER_SEC) * 1000)")
}
