import Foundation

/// The stable identity of one finger of one synthetic person: its pattern class, singular points,
/// orientation and frequency maps, and the ridge pattern grown from them.
///
/// A master is the expensive part of fingerprint simulation (a dozen space-variant Gabor passes, each a
/// few hundred multiply-adds per pixel), so it is built once per `(subject, finger)` and reused for
/// every impression; see
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
    /// The ridge field blurred by a few pixels: how moisture spreads between the ridges of a wet finger.
    let wetRidges: [Float]
    private let orientation: OrientationField
    private let frequency: RidgeFrequency

    /// Grows the master for `finger` of `subject`: about 70 ms on two cores in a release build (about
    /// 1.5 s in a debug build).
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

        // Growth runs at half resolution, where a pass costs a tenth as much and spreads the pattern
        // just as far in real distance; one softly saturating pass at full resolution then turns the
        // upsampled pattern into crisp ridges with a rounded profile.
        let (w, h) = (MasterGeometry.width, MasterGeometry.height)
        let (hw, hh) = (w / 2, h / 2)
        let coarseKernels = Self.kernelMap(width: hw, height: hh, scale: 2, bank: .halfResolution, orientation: orientation, frequency: frequency)
        // Seeds on a jittered grid reach every part of the master in a few passes. Their number sets the
        // minutia density: where fronts from two seeds meet out of phase a ridge ends or forks.
        var seeds: [GaborGrowth.Seed] = []
        let cell = 32
        for gy in stride(from: 0, to: hh, by: cell) {
            for gx in stride(from: 0, to: hw, by: cell) {
                seeds.append(GaborGrowth.Seed(x: gx + rng.below(cell), y: gy + rng.below(cell), value: rng.chance(0.5) ? 1 : -1))
            }
        }
        let coarse = GaborGrowth.grow(
            width: hw, height: hh, seeds: seeds, kernels: coarseKernels, bank: .halfResolution,
            passes: Array(repeating: .clip, count: Self.growthPasses))
        let fineKernels = Self.kernelMap(width: w, height: h, scale: 1, bank: .fullResolution, orientation: orientation, frequency: frequency)
        let ridges = GaborGrowth.grow(
            width: w, height: h, initial: Self.upsample(coarse, width: hw, height: hh), kernels: fineKernels,
            bank: .fullResolution, passes: [.soft])
        self.ridges = ridges
        self.wetRidges = Self.blur(ridges, width: w, height: h, radius: 2)
    }

    /// Half-resolution growth passes: enough for fronts from neighbouring seeds to meet and for the
    /// ridge phase to settle.
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

    /// The bank kernel for every pixel of a grid whose pixels are `scale` master pixels wide.
    private static func kernelMap(
        width: Int, height: Int, scale: Float, bank: GaborBank, orientation: OrientationField, frequency: RidgeFrequency
    ) -> [Int32] {
        var kernels = [Int32](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                // The centre of the grid pixel, in master coordinates.
                let mx = (Float(x) + 0.5) * scale - 0.5
                let my = (Float(y) + 0.5) * scale - 0.5
                kernels[y * width + x] = bank.kernel(angle: orientation.angle(x: mx, y: my), period: frequency.period(x: mx, y: my) / scale)
            }
        }
        return kernels
    }

    /// Doubles a field's resolution by bilinear interpolation.
    private static func upsample(_ field: [Float], width: Int, height: Int) -> [Float] {
        let (w2, h2) = (2 * width, 2 * height)
        var out = [Float](repeating: 0, count: w2 * h2)
        for y in 0..<h2 {
            let sy = min(Float(height - 1), max(0, (Float(y) + 0.5) / 2 - 0.5))
            let y0 = min(height - 2, Int(sy))
            let fy = sy - Float(y0)
            for x in 0..<w2 {
                let sx = min(Float(width - 1), max(0, (Float(x) + 0.5) / 2 - 0.5))
                let x0 = min(width - 2, Int(sx))
                let fx = sx - Float(x0)
                let i = y0 * width + x0
                let top = field[i] + (field[i + 1] - field[i]) * fx
                let bottom = field[i + width] + (field[i + width + 1] - field[i + width]) * fx
                out[y * w2 + x] = top + (bottom - top) * fy
            }
        }
        return out
    }

    /// A separable box blur, repeated twice (close to a Gaussian), clamped at the borders.
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
