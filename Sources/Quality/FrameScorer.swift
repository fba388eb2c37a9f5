import Imaging
import MDSModel
public import QualityMeasures
public import Wire

/// Scores the segments of one frame. Stateless: everything it needs is in the request, so any number of quality
/// workers can share the load.
///
/// A slap frame is segmented here (the sensor hands over the whole platen); the fingers found are matched, left to
/// right, to the requested fingers in the order a hand lies on the glass (`BioSubType.slapImageOrder`). A frame in
/// which a different number of fingers is found scores nothing: which finger is which would be a guess.
public struct FrameScorer: Sendable {
    public let fingerprints: any FingerprintQualityEngine
    public let irises: any IrisQualityEngine
    public let faces: any FaceQualityEngine
    /// A single-finger image with less ridge area than this holds no finger.
    public var minimumFingerForeground = 0.08

    public init(fingerprints: any FingerprintQualityEngine, irises: any IrisQualityEngine, faces: any FaceQualityEngine) {
        self.fingerprints = fingerprints
        self.irises = irises
        self.faces = faces
    }

    public var engineNames: String {
        [fingerprints.name, irises.name, faces.name].joined(separator: "; ")
    }

    public func score(_ request: ScoreRequest) -> ScoreReport {
        switch (request.modality, request.layout) {
        case (.finger, .slap): return ScoreReport(engine: fingerprints.name, scores: scoreSlap(request))
        case (.finger, .perSegment): return ScoreReport(engine: fingerprints.name, scores: perSegment(request) { image in
                let a = fingerprints.assess(image)
                return a.foregroundFraction >= minimumFingerForeground ? (a.score, image.bounds) : nil
            })
        case (.iris, _): return ScoreReport(engine: irises.name, scores: perSegment(request) { image in
                guard let a = irises.assess(image) else { return nil }
                let r = a.irisRadius
                return (a.score, PixelRect(x: Int(a.irisCentre.x - r), y: Int(a.irisCentre.y - r), width: Int(2 * r), height: Int(2 * r)))
            })
        case (.face, _): return ScoreReport(engine: faces.name, scores: perSegment(request) { image in
                guard let a = faces.assess(image) else { return nil }
                return (a.score, a.faceBox)
            })
        }
    }

    private func perSegment(_ request: ScoreRequest, _ assess: (Raster) -> (Double, PixelRect)?) -> [SegmentScore] {
        request.segments.map { segment in
            guard let index = request.images.firstIndex(where: { $0.label == segment.key }),
                  let (score, box) = assess(request.images[index].raster)
            else { return SegmentScore(key: segment.key, score: nil, imageIndex: 0, box: PixelRect(x: 0, y: 0, width: 0, height: 0)) }
            return SegmentScore(key: segment.key, score: score.clamped(0, 100), imageIndex: UInt16(index), box: box)
        }
    }

    private func scoreSlap(_ request: ScoreRequest) -> [SegmentScore] {
        let missing = request.segments.map {
            SegmentScore(key: $0.key, score: nil, imageIndex: 0, box: PixelRect(x: 0, y: 0, width: 0, height: 0))
        }
        guard let slap = request.images.first?.raster.gray() else { return missing }
        let boxes = SlapSegmenter.segment(slap, expected: request.segments.count)
        guard boxes.count == request.segments.count else { return missing }
        let order = BioSubType.slapImageOrder(request.segments.map(\.bioSubType))
        return zip(boxes.sorted { $0.x < $1.x }, order).compactMap { box, name in
            guard let segment = request.segments.first(where: { $0.bioSubType == name }), let crop = slap.cropped(to: box) else { return nil }
            let a = fingerprints.assess(crop)
            return SegmentScore(key: segment.key, score: a.score.clamped(0, 100), imageIndex: 0, box: box)
        }
    }
}

extension Comparable {
    func clamped(_ lo: Self, _ hi: Self) -> Self { min(max(self, lo), hi) }
}
