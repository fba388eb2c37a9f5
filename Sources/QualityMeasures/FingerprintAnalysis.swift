/// All block-level fingerprint measures of one image, gathered in a single pass over the foreground.
///
/// Every foreground 32 × 32 block is visited once: its gradient covariance gives OCL, coherence and the
/// ridge orientation; one slanted 32 × 16 resampling along that orientation then serves LCS, FDA, RVU
/// and the ridge–valley depth. Background blocks cost only the cell-mean pass of the segmentation.
struct FingerprintAnalysis: Sendable {
    let width: Int
    let height: Int
    let roi: RegionOfInterest
    var foregroundBlocks = 0
    var orientationCertainty: [Double] = []
    var coherence: [Double] = []
    var localClarity: [Double] = []
    var frequencyDomain: [Double] = []
    var ridgePeriods: [Double] = []
    var depth: [Double] = []
    var ridgeValleyRatios: [Double] = []
    var orientationFlow: [Double] = []
    var foregroundMean = 0.0
    var imageMean = 0.0
    var meanOfBlockMeans = 0.0
    var imageStandardDeviation = 0.0

    init(_ plane: GrayPlane) {
        width = plane.width
        height = plane.height
        roi = RegionOfInterest(plane)
        let contrast = ContrastMeasures.compute(plane)
        imageMean = contrast.imageMean
        meanOfBlockMeans = contrast.meanOfBlockMeans
        imageStandardDeviation = contrast.standardDeviation

        let b = RegionOfInterest.blockSize
        let columns = roi.columns
        var angles = [Double](repeating: 0, count: columns * roi.rows)
        var foregroundSum = 0.0
        plane.pixels.withUnsafeBufferPointer { p in
            for by in 0..<roi.rows {
                for bx in 0..<columns where roi.foreground[by * columns + bx] {
                    foregroundBlocks += 1
                    let x0 = bx * b, y0 = by * b
                    var sum = 0
                    for y in y0..<(y0 + b) {
                        for x in x0..<(x0 + b) { sum += Int(p[y * plane.width + x]) }
                    }
                    foregroundSum += Double(sum) / Double(b * b)
                    let cov = GradientCovariance.of(p, stride: plane.width, x0: x0, y0: y0, w: b, h: b)
                    guard let ocl = cov.orientationCertainty else { continue }
                    orientationCertainty.append(ocl)
                    coherence.append(cov.coherence)
                    let angle = cov.normalAngle
                    angles[by * columns + bx] = angle
                    let slanted = SlantedBlock(p, width: plane.width, height: plane.height,
                                               cx: Double(x0) + Double(b - 1) / 2, cy: Double(y0) + Double(b - 1) / 2,
                                               normalAngle: angle)
                    let split = RidgeValleySplit(profile: slanted.profile)
                    localClarity.append(LocalClarity.score(slanted, split: split))
                    depth.append(LocalClarity.depth(slanted, split: split))
                    ridgeValleyRatios.append(contentsOf: RidgeValleyUniformity.ratios(split))
                    if let f = FrequencyDomainAnalysis.analyse(slanted.profile) {
                        frequencyDomain.append(f.fda)
                        ridgePeriods.append(Double(SlantedBlock.across) / Double(f.frequency))
                    } else {
                        frequencyDomain.append(0)
                    }
                }
            }
        }
        foregroundMean = foregroundBlocks > 0 ? foregroundSum / Double(foregroundBlocks) : 0
        orientationFlow = OrientationFlow.values(angles: angles, foreground: roi.foreground, columns: columns, rows: roi.rows)
    }

    /// Foreground area in pixels (whole blocks).
    var foregroundPixels: Int { foregroundBlocks * RegionOfInterest.blockSize * RegionOfInterest.blockSize }

    /// The named feature values reported with every assessment.
    var features: [String: Double] {
        typealias K = FingerprintFeature
        var f: [String: Double] = [
            K.orientationCertaintyMean: Stats.mean(orientationCertainty),
            K.orientationCertaintyStdDev: Stats.standardDeviation(orientationCertainty),
            K.localClarityMean: Stats.mean(localClarity),
            K.localClarityStdDev: Stats.standardDeviation(localClarity),
            K.frequencyDomainMean: Stats.mean(frequencyDomain),
            K.frequencyDomainStdDev: Stats.standardDeviation(frequencyDomain),
            K.ridgeValleyUniformityMean: Stats.mean(ridgeValleyRatios),
            K.ridgeValleyUniformityStdDev: Stats.standardDeviation(ridgeValleyRatios),
            K.orientationFlowMean: Stats.mean(orientationFlow),
            K.orientationFlowStdDev: Stats.standardDeviation(orientationFlow),
            K.meanOfBlockMeans: meanOfBlockMeans,
            K.imageMean: imageMean,
            K.ridgeValleyDepth: Stats.mean(depth),
            K.regionOfInterestMean: foregroundMean,
            K.coherenceMean: Stats.mean(coherence),
            K.foregroundPixels: Double(foregroundPixels),
            K.foregroundBlocks: Double(foregroundBlocks),
        ]
        if !ridgePeriods.isEmpty { f[K.ridgePeriod] = ridgePeriods.sorted()[ridgePeriods.count / 2] }
        return f
    }
}
