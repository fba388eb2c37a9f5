public import Imaging

/// The built-in iris quality engine: segments pupil and limbus, then scores a subset of the ISO/IEC
/// 29794-6 quality components — usable iris area, iris–sclera and iris–pupil contrast, pupil boundary
/// circularity, grey-scale utilisation, iris size, pupil dilation, concentricity, margin adequacy and
/// sharpness — combined by the model documented on `IrisScoreModel`.
///
/// The components follow the standard's list, but their exact normalisations and the combination are
/// this engine's own (not BIQT-Iris or `iris-iqm`), hence the name.
public struct SegmentationIrisEngine: IrisQualityEngine {
    /// Recorded with every score.
    public let name = "mds-iq-1 (ISO/IEC 29794-6 measure subset)"

    /// The engine; it holds no state.
    public init() {}

    /// Nil when no pupil-like dark disc surrounded by brighter iris is found (empty or dark frame,
    /// closed eye).
    public func assess(_ eye: Raster) -> IrisAssessment? {
        let plane = GrayPlane(eye)
        guard let pupil = PupilLocator.locate(plane),
              let limbus = LimbusLocator.locate(plane, px: pupil.x, py: pupil.y, pupilRadius: pupil.radius)
        else { return nil }
        let region = IrisRegion(plane, pupil: pupil, limbus: limbus)
        let measures = IrisScoreModel.Measures(plane: plane, pupil: pupil, limbus: limbus, region: region)
        let (score, factors) = IrisScoreModel.score(measures)
        var features = measures.features
        for (key, value) in factors { features["Model.\(key)"] = value }
        return IrisAssessment(
            score: score, pupilCentre: ImagePoint(x: pupil.x, y: pupil.y), pupilRadius: pupil.radius,
            irisCentre: ImagePoint(x: limbus.x, y: limbus.y), irisRadius: limbus.radius,
            usableIrisArea: region.usableFraction, features: features)
    }
}
