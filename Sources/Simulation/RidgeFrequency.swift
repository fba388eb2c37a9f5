/// Local ridge period of a synthetic finger, in pixels at 500 ppi.
///
/// Real fingertips have an inter-ridge distance of about 0.45–0.5 mm (9–10 px at 500 ppi), a little
/// tighter round the core and wider towards the flexion crease; the map varies smoothly within that band.
struct RidgeFrequency: Sendable {
    private let base: Float
    private let variation: ValueNoise
    private let coreY: Float

    init(rng: inout SplitMix64, coreY: Float) {
        base = rng.uniform(9.1, 9.8)
        variation = ValueNoise(width: Float(MasterGeometry.width), height: Float(MasterGeometry.height), cell: 90, rng: &rng)
        self.coreY = coreY
    }

    /// Ridge period at `(x, y)` in pixels, within `8.6 ... 10.6`.
    func period(x: Float, y: Float) -> Float {
        let towardsBase = max(0, y - coreY) / Float(MasterGeometry.height)
        let p = base + 0.35 * variation(x, y) + 0.6 * towardsBase
        return min(10.6, max(8.6, p))
    }
}
