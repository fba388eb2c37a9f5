public import Imaging

/// The quality of one near-infrared eye image, with the segmentation it rests on.
public struct IrisAssessment: Sendable, Equatable {
    /// Quality 0 (unusable) … 100 (excellent).
    public let score: Double
    /// Centre of the pupil boundary circle.
    public let pupilCentre: ImagePoint
    /// Radius of the pupil boundary, pixels.
    public let pupilRadius: Double
    /// Centre of the limbus (iris–sclera boundary) circle.
    public let irisCentre: ImagePoint
    /// Radius of the limbus, pixels.
    public let irisRadius: Double
    /// Share (0 … 1) of the iris annulus not covered by eyelids, lashes, reflections or the frame edge.
    public let usableIrisArea: Double
    /// Named measures behind the score (see `IrisFeature`).
    public let features: [String: Double]

    /// An assessment from its parts.
    public init(score: Double, pupilCentre: ImagePoint, pupilRadius: Double, irisCentre: ImagePoint,
                irisRadius: Double, usableIrisArea: Double, features: [String: Double]) {
        self.score = score
        self.pupilCentre = pupilCentre
        self.pupilRadius = pupilRadius
        self.irisCentre = irisCentre
        self.irisRadius = irisRadius
        self.usableIrisArea = usableIrisArea
        self.features = features
    }
}

/// Something that scores iris images; `name` is recorded with every score.
public protocol IrisQualityEngine: Sendable {
    /// Identifies the algorithm and its version.
    var name: String { get }
    /// Segments and scores one eye image (gray or RGB); nil when no eye is found (closed eye, empty frame).
    func assess(_ eye: Raster) -> IrisAssessment?
}

/// Names of the values in `IrisAssessment.features`.
public enum IrisFeature {
    /// Usable iris area, 0 … 1 (ISO/IEC 29794-6 asks for ≥ 0.7).
    public static let usableArea = "Iris.usableArea"
    /// (sclera − iris) / (sclera + iris) of the median grey levels beside the limbus.
    public static let irisScleraContrast = "Iris.irisScleraContrast"
    /// (iris − pupil) / (iris + pupil) of the median iris and mean pupil grey levels.
    public static let irisPupilContrast = "Iris.irisPupilContrast"
    /// 1 − relative spread of the pupil edge points round their fitted circle.
    public static let pupilCircularity = "Iris.pupilCircularity"
    /// Shannon entropy of the image's grey-level histogram, bits (ISO/IEC 29794-6 grey-scale utilisation).
    public static let greyScaleUtilisation = "Iris.greyScaleUtilisation"
    /// Iris diameter, pixels.
    public static let irisDiameter = "Iris.diameter"
    /// Pupil radius / iris radius (dilation).
    public static let pupilIrisRatio = "Iris.pupilIrisRatio"
    /// 1 − centre offset / iris radius.
    public static let concentricity = "Iris.concentricity"
    /// Smallest frame margin round the iris, relative to what ISO/IEC 29794-6 asks for (≥ 1 is adequate).
    public static let marginAdequacy = "Iris.marginAdequacy"
    /// Focus measure x²/(x² + c²) of the iris texture's band-pass power, 0 … 1.
    public static let sharpness = "Iris.sharpness"
    /// Mean squared band-pass (Laplacian) response in the usable iris.
    public static let laplacianPower = "Iris.laplacianPower"
}
