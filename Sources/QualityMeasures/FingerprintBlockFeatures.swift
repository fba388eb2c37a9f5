public import Imaging

/// The per-region fingerprint features on their own, each computed over a whole raster taken as one
/// local region (normally 32 × 32 px at 500 ppi), for checking the formulas and for other engines.
public enum FingerprintBlockFeatures {
    /// Orientation certainty level `1 − λmin/λmax` of the gradient covariance (see `GradientCovariance`
    /// for the gradient scheme); nil for a flat region (λmax = 0), which NFIQ 2 skips.
    public static func orientationCertainty(_ region: Raster) -> Double? {
        covariance(region).orientationCertainty
    }

    /// The ridge-normal angle in radians from the +x axis (y pointing down), in `(−π/2, π/2]`.
    public static func ridgeNormalAngle(_ region: Raster) -> Double {
        covariance(region).normalAngle
    }

    /// Local clarity score of the 32 × 16 ridge-aligned block at the region's centre (needs ≥ 32 × 32).
    public static func localClarity(_ region: Raster) -> Double? {
        slanted(region).map { LocalClarity.score($0, split: RidgeValleySplit(profile: $0.profile)) }
    }

    /// Frequency domain analysis value of the region's ridge-aligned profile (needs ≥ 32 × 32).
    public static func frequencyDomainAnalysis(_ region: Raster) -> Double? {
        slanted(region).flatMap { FrequencyDomainAnalysis.analyse($0.profile)?.fda }
    }

    /// The NFIQ 2 contrast pair: image mean (`Mu`) and mean of 32 × 32 block means (`MMB`).
    public static func contrast(_ image: Raster) -> (imageMean: Double, meanOfBlockMeans: Double) {
        let c = ContrastMeasures.compute(GrayPlane(image))
        return (c.imageMean, c.meanOfBlockMeans)
    }

    private static func covariance(_ region: Raster) -> GradientCovariance {
        let plane = GrayPlane(region)
        return plane.pixels.withUnsafeBufferPointer {
            GradientCovariance.of($0, stride: plane.width, x0: 0, y0: 0, w: plane.width, h: plane.height)
        }
    }

    private static func slanted(_ region: Raster) -> SlantedBlock? {
        let plane = GrayPlane(region)
        guard plane.width >= 32, plane.height >= 32 else { return nil }
        return plane.pixels.withUnsafeBufferPointer { p in
            let cov = GradientCovariance.of(p, stride: plane.width, x0: 0, y0: 0, w: plane.width, h: plane.height)
            guard cov.orientationCertainty != nil else { return nil }
            return SlantedBlock(p, width: plane.width, height: plane.height,
                                cx: Double(plane.width - 1) / 2, cy: Double(plane.height - 1) / 2, normalAngle: cov.normalAngle)
        }
    }
}
