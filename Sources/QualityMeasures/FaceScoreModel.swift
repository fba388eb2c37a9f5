import Imaging

/// How `PortraitFaceEngine` measures and scores a located face.
///
///     score = 100 · (weighted geometric mean of the factors below) · (0.5 if the face box touches the frame edge)
///
/// | factor     | from                                                                  | weight |
/// |------------|-----------------------------------------------------------------------|--------|
/// | sharpness  | E / (E + 0.05), E = mean squared luma gradient / luma variance         | 0.25   |
/// | exposure   | backdrop white point 100 → 0 … 170 → 1, × (1 − clipped share / 0.1)   | 0.20   |
/// | centring   | horizontal offset ≤ 5 % of the width → 1 … 25 % → 0, and face centre   | 0.20   |
/// |            | 25 … 55 % down the frame → 1 (0 at 5 % / 75 %)                         |        |
/// | size       | face width 35 … 80 % of the frame → 1, 0 at 15 % and 95 %              | 0.15   |
/// | background | backdrop luma deviation 4 → 1 … 24 grey levels → 0                    | 0.20   |
///
/// ICAO 9303 and ISO/IEC 19794-5 ask for a face centred horizontally (its midline within about
/// ±5 % of the image centre), a head filling most of the frame height, even exposure without
/// blown highlights, focus and a plain, uniform, light background; the bands above are this engine's
/// readings of those requirements, not the standards' normative numbers. A face cut by the frame edge
/// is not a compliant portrait whatever its other qualities, hence the halving outside the mean.
enum FaceScoreModel {
    static let cell = 4
    static let sharpnessConstant = 0.05
    static let cutByFrame = 0.5

    struct Measures: Sendable {
        var widthRatio = 0.0
        var heightRatio = 0.0
        var offsetX = 0.0
        var centreY = 0.0
        var touchesEdge = false
        var skinLuma = 0.0
        var whitePoint = 0.0
        var clipped = 0.0
        var gradientEnergy = 0.0
        var sharpness = 0.0
        var backgroundDeviation = 0.0

        init(_ raster: Raster, cells: ColourCells, face: FaceLocator.Face, box: PixelRect) {
            let (w, h) = (Double(raster.width), Double(raster.height))
            widthRatio = Double(box.width) / w
            heightRatio = Double(box.height) / h
            offsetX = (Double(box.x) + Double(box.width) / 2 - w / 2) / w
            centreY = (Double(box.y) + Double(box.height) / 2) / h
            touchesEdge = box.x <= 0 || box.y <= 0 || box.maxX >= raster.width || box.maxY >= raster.height

            // Exposure: luma histogram of the frame, skin luma and clipping inside the face.
            var lumaSum = 0.0, lumaCount = 0
            var histogram = [Int](repeating: 0, count: 256)
            for i in 0..<(cells.width * cells.height) {
                let y = cells.luma(i)
                histogram[min(255, max(0, Int(y)))] += 1
                if face.skin[i] {
                    lumaSum += Double(y)
                    lumaCount += 1
                }
            }
            skinLuma = lumaCount > 0 ? lumaSum / Double(lumaCount) : 0
            whitePoint = Double(Stats.quantile(histogram, total: cells.width * cells.height, 0.95))

            let luma = raster.gray()
            var clippedCount = 0, boxCount = 0
            luma.pixels.withUnsafeBufferPointer { p in
                for y in box.y..<box.maxY {
                    for x in box.x..<box.maxX {
                        let v = p[y * luma.width + x]
                        if v >= 250 || v <= 5 { clippedCount += 1 }
                        boxCount += 1
                    }
                }
            }
            clipped = Double(clippedCount) / Double(max(1, boxCount))
            gradientEnergy = Self.gradientEnergy(luma, box: box)
            sharpness = gradientEnergy / (gradientEnergy + FaceScoreModel.sharpnessConstant)

            // Backdrop: non-subject cells above the face's bottom edge.
            var values: [Double] = []
            let lastRow = min(cells.height, face.maxY + 1)
            for y in 0..<lastRow {
                for x in 0..<cells.width where !face.subject[y * cells.width + x] { values.append(Double(cells.luma(y * cells.width + x))) }
            }
            backgroundDeviation = values.count >= 16 ? Stats.standardDeviation(values) : 0
        }

        /// Mean squared central-difference gradient of the 2 × 2-averaged luma inside `box`, divided by
        /// the luma variance there: defocus and motion blur lower it, overall brightness and contrast
        /// cancel out, and the averaging keeps sensor noise from posing as detail.
        static func gradientEnergy(_ luma: Raster, box: PixelRect) -> Double {
            guard let crop = luma.cropped(to: box) else { return 0 }
            let (cw, ch, m) = GrayPlane(crop).cellMeans(cell: 2)
            guard cw >= 3, ch >= 3 else { return 0 }
            var g2 = 0.0, s = 0.0, ss = 0.0, n = 0.0
            for y in 1..<(ch - 1) {
                for x in 1..<(cw - 1) {
                    let i = y * cw + x
                    let gx = Double(m[i + 1] - m[i - 1]) / 2, gy = Double(m[i + cw] - m[i - cw]) / 2
                    g2 += gx * gx + gy * gy
                    let v = Double(m[i])
                    s += v
                    ss += v * v
                    n += 1
                }
            }
            let variance = ss / n - (s / n) * (s / n)
            return variance > 1 ? (g2 / n) / variance : 0
        }

        var features: [String: Double] {
            [
                FaceFeature.widthRatio: widthRatio,
                FaceFeature.heightRatio: heightRatio,
                FaceFeature.centreOffsetX: offsetX,
                FaceFeature.centreY: centreY,
                FaceFeature.touchesEdge: touchesEdge ? 1 : 0,
                FaceFeature.skinLuma: skinLuma,
                FaceFeature.whitePoint: whitePoint,
                FaceFeature.clippedShare: clipped,
                FaceFeature.gradientEnergy: gradientEnergy,
                FaceFeature.sharpness: sharpness,
                FaceFeature.backgroundDeviation: backgroundDeviation,
            ]
        }
    }

    static func factors(_ m: Measures) -> [(name: String, value: Double, weight: Double)] {
        let exposure = Stats.ramp(m.whitePoint, from: 100, to: 170) * (1 - Stats.unit(m.clipped / 0.1))
        let horizontal = Stats.ramp(abs(m.offsetX), from: 0.25, to: 0.05)
        let vertical = m.centreY < 0.25 ? Stats.ramp(m.centreY, from: 0.05, to: 0.25)
            : Stats.ramp(m.centreY, from: 0.75, to: 0.55)
        let centring = horizontal * vertical
        let size = m.widthRatio < 0.35 ? Stats.ramp(m.widthRatio, from: 0.15, to: 0.35)
            : Stats.ramp(m.widthRatio, from: 0.95, to: 0.8)
        let background = Stats.ramp(m.backgroundDeviation, from: 24, to: 4)
        return [
            ("sharpness", m.sharpness, 0.25),
            ("exposure", exposure, 0.20),
            ("centring", centring, 0.20),
            ("size", size, 0.15),
            ("background", background, 0.20),
        ]
    }

    static func score(_ m: Measures) -> (score: Double, factors: [String: Double]) {
        let f = factors(m)
        let g = Stats.weightedGeometricMean(f.map { ($0.value, $0.weight) }) * (m.touchesEdge ? cutByFrame : 1)
        return (min(100, max(0, 100 * g)), Dictionary(uniqueKeysWithValues: f.map { ($0.name, $0.value) }))
    }
}
