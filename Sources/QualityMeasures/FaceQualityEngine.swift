public import Imaging

/// The quality of one portrait frame and where the face is.
public struct FaceAssessment: Sendable, Equatable {
    /// Quality 0 (unusable) … 100 (excellent).
    public let score: Double
    /// The face (skin region from hairline or crown to chin, ears included), in image pixels.
    public let faceBox: PixelRect
    /// Named measures behind the score (see `FaceFeature`).
    public let features: [String: Double]

    /// An assessment from its parts.
    public init(score: Double, faceBox: PixelRect, features: [String: Double]) {
        self.score = score
        self.faceBox = faceBox
        self.features = features
    }
}

/// Something that scores face (portrait) images; `name` is recorded with every score.
public protocol FaceQualityEngine: Sendable {
    /// Identifies the algorithm and its version.
    var name: String { get }
    /// Locates and scores the face in a 24-bit RGB frame; nil when no face is found.
    func assess(_ rgb: Raster) -> FaceAssessment?
}

/// Names of the values in `FaceAssessment.features`.
public enum FaceFeature {
    /// Face box width / image width.
    public static let widthRatio = "Face.widthRatio"
    /// Face box height / image height.
    public static let heightRatio = "Face.heightRatio"
    /// Horizontal offset of the face centre from the image centre, in image widths (signed).
    public static let centreOffsetX = "Face.centreOffsetX"
    /// Vertical position of the face centre, in image heights from the top.
    public static let centreY = "Face.centreY"
    /// Whether the face box touches the frame edge (1) or not (0).
    public static let touchesEdge = "Face.touchesEdge"
    /// Mean luma of the face's skin.
    public static let skinLuma = "Face.skinLuma"
    /// 95th percentile of the image luma (the backdrop's white point).
    public static let whitePoint = "Face.whitePoint"
    /// Share of face pixels at or above 250 (blown highlights) or at or below 5 (crushed shadows).
    public static let clippedShare = "Face.clippedShare"
    /// Gradient energy relative to luma variance in the face box (1/px²).
    public static let gradientEnergy = "Face.gradientEnergy"
    /// Sharpness, 0 … 1.
    public static let sharpness = "Face.sharpness"
    /// Standard deviation of the backdrop luma, grey levels.
    public static let backgroundDeviation = "Face.backgroundDeviation"
}
