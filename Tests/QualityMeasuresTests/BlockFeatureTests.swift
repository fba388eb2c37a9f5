import Foundation
import Testing
import Imaging
import QualityMeasures

/// Block-level features checked against values worked out by hand from the ISO/IEC 29794-4 / NFIQ 2
/// definitions.
@Suite("Fingerprint block features")
struct BlockFeatureTests {
    /// A 32 × 32 sinusoidal grating of period `period` px whose ridges run at `degrees` from vertical.
    private func grating(period: Double, degrees: Double = 0, size: Int = 32) -> Raster {
        let t = degrees * .pi / 180
        return .gray(width: size, height: size) { x, y in
            128 + 100 * sin(2 * .pi * (Double(x) * cos(t) + Double(y) * sin(t)) / period)
        }
    }

    @Test("OCL of a vertical sine grating is 1: the gradient has no y component, so λmin = 0")
    func verticalGrating() throws {
        let ocl = try #require(FingerprintBlockFeatures.orientationCertainty(grating(period: 8)))
        #expect(abs(ocl - 1) < 1e-12)
        #expect(abs(FingerprintBlockFeatures.ridgeNormalAngle(grating(period: 8))) < 1e-9, "ridge normal along x")
    }

    @Test("OCL stays near 1 for oblique gratings and the normal angle follows them")
    func obliqueGratings() throws {
        for degrees in [20.0, 45, 70, 90] {
            let block = grating(period: 10, degrees: degrees)
            let ocl = try #require(FingerprintBlockFeatures.orientationCertainty(block))
            #expect(ocl > 0.99, "\(degrees)°: \(ocl)")
            let angle = FingerprintBlockFeatures.ridgeNormalAngle(block) * 180 / .pi
            let error = abs(angle - degrees).truncatingRemainder(dividingBy: 180)
            #expect(min(error, 180 - error) < 2.5, "\(degrees)°: normal at \(angle)°")
        }
    }

    @Test("OCL of I = x·y on a 3 × 3 block is 0.75, worked by hand")
    func handComputed() throws {
        // gx = y and gy = x exactly (central and one-sided differences agree on a bilinear surface), so
        // a = mean(y²) = 5/3, b = mean(x²) = 5/3, c = mean(x)·mean(y) = 1;
        // λ = 5/3 ± 1, OCL = 1 − (2/3)/(8/3) = 0.75.
        let block = Raster.gray(width: 3, height: 3) { x, y in Double(x * y) }
        let ocl = try #require(FingerprintBlockFeatures.orientationCertainty(block))
        #expect(abs(ocl - 0.75) < 1e-12)
    }

    @Test("a single bright pixel in a 3 × 3 block is isotropic: OCL = 0")
    func impulse() throws {
        // With (x, y) positions: gx = ±9 at (0,1), (2,1); gy = ±9 at (1,0), (1,2); nowhere both, so
        // a = b = 162/9 = 18, c = 0 and λmax = λmin.
        let block = Raster.gray(width: 3, height: 3) { x, y in x == 1 && y == 1 ? 9 : 0 }
        let ocl = try #require(FingerprintBlockFeatures.orientationCertainty(block))
        #expect(abs(ocl) < 1e-12)
    }

    @Test("a uniform block has λmax = 0 and is skipped (nil), as NFIQ 2 skips it")
    func uniform() {
        #expect(FingerprintBlockFeatures.orientationCertainty(Raster(grayWidth: 32, height: 32, fill: 128)) == nil)
        #expect(FingerprintBlockFeatures.localClarity(Raster(grayWidth: 32, height: 32, fill: 128)) == nil)
    }

    @Test("isotropic noise has low orientation certainty")
    func noise() throws {
        var rng = TestRandom(seed: 3)
        var values: [Double] = []
        for _ in 0..<8 {
            let block = Raster.gray(width: 32, height: 32) { _, _ in 128 + 40 * rng.gaussian() }
            values.append(try #require(FingerprintBlockFeatures.orientationCertainty(block)))
        }
        #expect(values.allSatisfy { $0 < 0.3 }, "\(values)")
    }

    @Test("a clean grating has perfect local clarity and, at an integer DFT frequency, FDA = 1")
    func clarityAndFrequency() throws {
        let clean = grating(period: 8)
        #expect(try #require(FingerprintBlockFeatures.localClarity(clean)) == 1)
        // Period 8 = 4 cycles per 32-sample profile: all energy in one bin.
        #expect(try #require(FingerprintBlockFeatures.frequencyDomainAnalysis(clean)) > 0.98)
        var rng = TestRandom(seed: 5)
        let noisy = Raster.gray(width: 32, height: 32) { _, _ in 128 + 40 * rng.gaussian() }
        #expect(try #require(FingerprintBlockFeatures.frequencyDomainAnalysis(noisy)) < 0.6)
    }

    @Test("ridge widths outside 3…10 px (ridges) or 2…10 px (valleys) give LCS = 0")
    func clarityLimits() throws {
        // Period 30: ridges and valleys 15 px wide, beyond the NFIQ 2 limits at 500 ppi.
        #expect(try #require(FingerprintBlockFeatures.localClarity(grating(period: 30))) == 0)
    }

    @Test("contrast: Mu is the pixel mean, MMB the mean of 32 × 32 block means (edge blocks partial)")
    func contrast() {
        // 64 × 48: two full blocks on top (10, 50), two 32 × 16 blocks below (90, 130).
        let image = Raster.gray(width: 64, height: 48) { x, y in
            switch (x < 32, y < 32) {
            case (true, true): 10
            case (false, true): 50
            case (true, false): 90
            case (false, false): 130
            }
        }
        let c = FingerprintBlockFeatures.contrast(image)
        // Mu = (1024·10 + 1024·50 + 512·90 + 512·130) / 3072 = 174 080 / 3072.
        #expect(abs(c.imageMean - 174_080.0 / 3072) < 1e-9)
        // MMB = (10 + 50 + 90 + 130) / 4.
        #expect(abs(c.meanOfBlockMeans - 70) < 1e-9)
    }
}
