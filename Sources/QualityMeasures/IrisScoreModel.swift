import Foundation

/// How `SegmentationIrisEngine` combines its measures into 0 … 100.
///
///     score = 100 · weighted geometric mean of the factors below
///
/// | factor        | from                                                        | weight |
/// |---------------|-------------------------------------------------------------|--------|
/// | sharpness     | P / (P + 150), P the band-pass Laplacian power              | 0.25   |
/// | usable        | usable iris area, linear 0.3 → 0 … 0.8 → 1                  | 0.20   |
/// | margin        | margin adequacy, 0 → 0 … 1 → 1                              | 0.10   |
/// | iris–sclera   | contrast, 0 → 0 … 0.15 → 1                                  | 0.10   |
/// | iris–pupil    | contrast, 0.2 → 0 … 0.6 → 1                                 | 0.10   |
/// | grey scale    | entropy, 4 → 0 … 6.5 bits → 1                               | 0.05   |
/// | diameter      | iris diameter, 70 → 0 … 150 px → 1 (ISO/IEC 19794-6)        | 0.05   |
/// | dilation      | pupil/iris ratio: 1 within 0.2 … 0.7, 0 at 0.1 and 0.8      | 0.05   |
/// | concentricity | 0.7 → 0 … 0.9 → 1                                           | 0.05   |
/// | circularity   | pupil circularity, 0.8 → 0 … 0.97 → 1                       | 0.05   |
///
/// The sharpness form x²/(x² + c²) is the one ISO/IEC 29794-6 (after Daugman) uses for its focus
/// kernel's power; the constant is calibrated for this engine's band-pass, not the standard's kernel.
/// Margin adequacy follows the ISO/IEC 19794-6 / 29794-6 recommendation of at least 0.6 R beside and
/// 0.2 R above and below the iris.
enum IrisScoreModel {
    static let sharpnessConstant = 150.0

    struct Measures: Sendable {
        var usable: Double
        var irisSclera: Double
        var irisPupil: Double
        var circularity: Double
        var entropy: Double
        var diameter: Double
        var ratio: Double
        var concentricity: Double
        var margin: Double
        var laplacianPower: Double
        var sharpness: Double

        init(plane: GrayPlane, pupil: PupilLocator.Pupil, limbus: LimbusLocator.Limbus, region: IrisRegion) {
            usable = region.usableFraction
            let s = region.scleraMedian, i = region.irisMedian
            irisSclera = s + i > 0 ? max(0, s - i) / (s + i) : 0
            irisPupil = i + pupil.level > 0 ? max(0, i - pupil.level) / (i + pupil.level) : 0
            circularity = max(0, 1 - pupil.roughness)
            entropy = IrisScoreModel.entropy(plane)
            diameter = 2 * limbus.radius
            ratio = pupil.radius / limbus.radius
            let offset = ((pupil.x - limbus.x) * (pupil.x - limbus.x) + (pupil.y - limbus.y) * (pupil.y - limbus.y)).squareRoot()
            concentricity = max(0, 1 - offset / limbus.radius)
            let r = limbus.radius
            let left = limbus.x - r, right = Double(plane.width - 1) - (limbus.x + r)
            let top = limbus.y - r, bottom = Double(plane.height - 1) - (limbus.y + r)
            margin = max(0, min(left / (0.6 * r), right / (0.6 * r), top / (0.2 * r), bottom / (0.2 * r)))
            laplacianPower = region.laplacianPower
            sharpness = laplacianPower / (laplacianPower + IrisScoreModel.sharpnessConstant)
        }

        var features: [String: Double] {
            [
                IrisFeature.usableArea: usable,
                IrisFeature.irisScleraContrast: irisSclera,
                IrisFeature.irisPupilContrast: irisPupil,
                IrisFeature.pupilCircularity: circularity,
                IrisFeature.greyScaleUtilisation: entropy,
                IrisFeature.irisDiameter: diameter,
                IrisFeature.pupilIrisRatio: ratio,
                IrisFeature.concentricity: concentricity,
                IrisFeature.marginAdequacy: margin,
                IrisFeature.sharpness: sharpness,
                IrisFeature.laplacianPower: laplacianPower,
            ]
        }
    }

    static func factors(_ m: Measures) -> [(name: String, value: Double, weight: Double)] {
        let dilation = m.ratio < 0.2 ? Stats.ramp(m.ratio, from: 0.1, to: 0.2)
            : m.ratio > 0.7 ? Stats.ramp(m.ratio, from: 0.8, to: 0.7) : 1
        return [
            ("sharpness", m.sharpness, 0.25),
            ("usable", Stats.ramp(m.usable, from: 0.3, to: 0.8), 0.20),
            ("margin", Stats.unit(m.margin), 0.10),
            ("irisSclera", Stats.ramp(m.irisSclera, from: 0, to: 0.15), 0.10),
            ("irisPupil", Stats.ramp(m.irisPupil, from: 0.2, to: 0.6), 0.10),
            ("greyScale", Stats.ramp(m.entropy, from: 4, to: 6.5), 0.05),
            ("diameter", Stats.ramp(m.diameter, from: 70, to: 150), 0.05),
            ("dilation", dilation, 0.05),
            ("concentricity", Stats.ramp(m.concentricity, from: 0.7, to: 0.9), 0.05),
            ("circularity", Stats.ramp(m.circularity, from: 0.8, to: 0.97), 0.05),
        ]
    }

    static func score(_ m: Measures) -> (score: Double, factors: [String: Double]) {
        let f = factors(m)
        let g = Stats.weightedGeometricMean(f.map { ($0.value, $0.weight) })
        return (min(100, max(0, 100 * g)), Dictionary(uniqueKeysWithValues: f.map { ($0.name, $0.value) }))
    }

    /// Shannon entropy of the grey-level histogram, bits.
    static func entropy(_ plane: GrayPlane) -> Double {
        var histogram = [Int](repeating: 0, count: 256)
        plane.pixels.withUnsafeBufferPointer { p in
            for v in p { histogram[Int(v)] += 1 }
        }
        let n = Double(plane.pixels.count)
        var h = 0.0
        for c in histogram where c > 0 {
            let q = Double(c) / n
            h -= q * log2(q)
        }
        return h
    }
}
