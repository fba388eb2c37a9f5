import Foundation

/// The stable identity of one finger of one synthetic person: its pattern class, singular points,
/// orientation and frequency maps, and the ridge pattern grown from them.
///
/// A master is the expensive part of fingerprint simulation (hundreds of space-variant Gabor passes per
/// pixel), so it is built once per `(subject, finger)` and reused for every impression; see
/// `FingerprintGenerator` for the cache. Everything is a pure function of `(subject, finger)`.
public struct FingerprintMaster: Sendable {
    /// The synthetic person.
    public let subject: UInt64
    /// Which finger of that person.
    public let finger: Finger
    /// Henry class of the ridge flow.
    public let pattern: PatternClass
    /// Ground-truth cores and deltas, in master pixel coordinates.
    public let singularPoints: [SingularPoint]
    /// Master width in pixels (500 ppi).
    public var width: Int { MasterGeometry.width }
    /// Master height in pixels (500 ppi).
    public var height: Int { MasterGeometry.height }

    /// Ridge field in `[-1, 1]`, positive on ridges, row-major `width × height`.
    let ridges: [Float]
    /// The ridge field blurred across ridges: what a wet finger's spread moisture looks like.
    let wetRidges: [Float]
    private let orientation: OrientationField
    private let frequency: RidgeFrequency

    /// Grows the master for `finger` of `subject`. Costs on the order of 100 ms in a release build.
    public init(subject: UInt64, finger: Finger) {
        self.subject = subject
        self.finger = finger
        var rng = SplitMix64(seed: SeedMixer.mix(0x4D41_5354_4552, subject, UInt64(finger.rawValue)))
        let pattern = PatternClass.draw(for: finger, rng: &rng)
        let orientation = OrientationField(pattern: pattern, rng: &rng)
        let coreY = orientation.singularPoints.first { $0.kind == .core }?.y ?? MasterGeometry.centreY - 30
        let frequency = RidgeFrequency(rng: &rng, coreY: coreY)
        self.pattern = pattern
        self.singularPoints = orientation.singularPoints
        self.orientation = orientation
        self.frequency = frequency

        let (w, h) = (MasterGeometry.width, MasterGeometry.height)
        let kernels = Self.kernelMap(orientation: orientation, frequency: frequency)
        // Seeds on a jittered grid reach every part of the master in a few passes. Their number sets the
        // minutia density: where fronts from two seeds meet out of phase a ridge ends or forks.
        var seeds: [GaborGrowth.Seed] = []
        let cell = 64
        for gy in stride(from: 0, to: h, by: cell) {
            for gx in stride(from: 0, to: w, by: cell) {
                seeds.append(GaborGrowth.Seed(x: gx + rng.below(cell), y: gy + rng.below(cell), value: rng.chance(0.5) ? 1 : -1))
            }
        }
        let ridges = GaborGrowth.grow(width: w, height: h, kernels: kernels, seeds: seeds, iterations: Self.growthPasses)
        self.ridges = ridges
        self.wetRidges = Self.blur(ridges, width: w, height: h, radius: 2)
    }

    /// Gabor passes before the final smoothing pass: enough for fronts from neighbouring seeds to meet and
    /// for the ridge phase to settle.
    static let growthPasses = 10

    /// Ridge direction at a master pixel, radians modulo π (x right, y down): the ground truth.
    public func ridgeOrientation(x: Float, y: Float) -> Float {
        var a = orientation.angle(x: x, y: y).truncatingRemainder(dividingBy: .pi)
        if a < 0 { a += .pi }
        return a
    }

    /// Ridge period at a master pixel, in pixels: the ground truth.
    public func ridgePeriod(x: Float, y: Float) -> Float {
        frequency.period(x: x, y: y)
    }

    /// The whole master as an ideal, full-contact print: dark ridges on white.
    public func ridgeImage() -> GrayImage {
        var pixels = [UInt8](repeating: 0, count: ridges.count)
        for i in ridges.indices {
            pixels[i] = UInt8(max(0, min(255, 128 - 127 * ridges[i])))
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// The Gabor kernel for every master pixel, from the orientation and frequency maps.
    @_optimize(speed)
    private static func kernelMap(orientation: OrientationField, frequency: RidgeFrequency) -> [Int32] {
        let (w, h) = (MasterGeometry.width, MasterGeometry.height)
        let bank = GaborBank.shared
        var kernels = [Int32](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let (fx, fy) = (Float(x), Float(y))
                kernels[y * w + x] = bank.kernel(angle: orientation.angle(x: fx, y: fy), period: frequency.period(x: fx, y: fy))
            }
        }
        return kernels
    }

    /// A separable box blur, repeated twice (close to a Gaussian), clamped at the borders.
    @_optimize(speed)
    private static func blur(_ field: [Float], width: Int, height: Int, radius: Int) -> [Float] {
        var a = field
        var b = field
        let norm = 1 / Float(2 * radius + 1)
        for _ in 0..<2 {
            for y in 0..<height {
                for x in 0..<width {
                    var s: Float = 0
                    for d in -radius...radius { s += a[y * width + min(width - 1, max(0, x + d))] }
                    b[y * width + x] = s * norm
                }
            }
            for y in 0..<height {
                for x in 0..<width {
                    var s: Float = 0
                    for d in -radius...radius { s += b[min(height - 1, max(0, y + d)) * width + x] }
                    a[y * width + x] = s * norm
                }
            }
        }
        return a
    }
}
