public import Imaging

/// The built-in face quality engine: locates the face against the plain backdrop ICAO 9303 portraits
/// use and scores simple portrait checks in the spirit of ICAO 9303 Part 3 and ISO/IEC 19794-5
/// (full frontal image): face size and centring, exposure, sharpness and background uniformity.
///
/// It does not estimate pose, expression or eye state, and it is not ISO/IEC 29794-5 / OFIQ (whose
/// unified score needs neural-network models not available here); the name says so.
public struct PortraitFaceEngine: FaceQualityEngine {
    /// Recorded with every score.
    public let name = "mds-faq-1 (ICAO 9303 portrait checks; not OFIQ)"

    /// The engine; it holds no state.
    public init() {}

    /// Nil when no skin-coloured region of face size stands out from the backdrop.
    public func assess(_ rgb: Raster) -> FaceAssessment? {
        let cells = ColourCells(rgb, cell: FaceScoreModel.cell)
        guard let face = FaceLocator.locate(cells) else { return nil }
        let c = FaceScoreModel.cell
        let box = PixelRect(x: face.minX * c, y: face.minY * c,
                            width: min(rgb.width, (face.maxX + 1) * c) - face.minX * c,
                            height: min(rgb.height, (face.maxY + 1) * c) - face.minY * c)
        let measures = FaceScoreModel.Measures(rgb, cells: cells, face: face, box: box)
        let (score, factors) = FaceScoreModel.score(measures)
        var features = measures.features
        for (key, value) in factors { features["Model.\(key)"] = value }
        return FaceAssessment(score: score, faceBox: box, features: features)
    }
}
