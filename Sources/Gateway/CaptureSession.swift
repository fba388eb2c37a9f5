public import Imaging
public import Wire

/// The auto-capture decision for one capture, as a pure state machine (no I/O): frames come in with their
/// segment scores; it keeps the best frame of every segment and says when to stop.
///
/// Spec §5.3/§5.5: "Upon reaching the necessary quality the biometric device is expected to auto capture", "in cases
/// where you have four fingers the average of all will be considered for capture threshold", and "the device would
/// always send the best frame during the capture time even if the requested score is not met". So: stop as soon as
/// every segment has been seen and the mean of their best scores reaches `requestedScore` (for one segment, its own
/// score); at the deadline take the best frame of each segment; if some segment was never seen, there is nothing to
/// send.
public struct CaptureSession: Sendable {
    public struct Best: Sendable, Equatable {
        public var score: Double
        public var frameIndex: UInt32
        public var crop: Raster
    }

    public enum Decision: Equatable, Sendable {
        case continueCapturing
        case complete
    }

    public let segments: [SegmentSpec]
    public let requestedScore: Double
    public let modality: Modality
    public private(set) var best: [String: Best] = [:]
    public private(set) var framesSeen = 0

    public init(segments: [SegmentSpec], requestedScore: Double, modality: Modality) {
        self.segments = segments
        self.requestedScore = requestedScore
        self.modality = modality
    }

    /// Folds in one frame's scores.
    public mutating func observe(_ frame: Frame, report: ScoreReport) -> Decision {
        framesSeen += 1
        for score in report.scores {
            guard let value = score.score, segments.contains(where: { $0.key == score.key }),
                  Int(score.imageIndex) < frame.images.count else { continue }
            if let current = best[score.key], current.score >= value { continue }
            let image = frame.images[Int(score.imageIndex)].raster
            guard let crop = image.cropped(to: Self.cropRegion(modality, box: score.box, in: image.bounds)) else { continue }
            best[score.key] = Best(score: value, frameIndex: frame.frameIndex, crop: crop)
        }
        return isSatisfied ? .complete : .continueCapturing
    }

    public var isSatisfied: Bool {
        let scores = segments.compactMap { best[$0.key]?.score }
        guard scores.count == segments.count, !scores.isEmpty else { return false }
        return scores.reduce(0, +) / Double(scores.count) >= requestedScore
    }

    /// The chosen frame per segment, in segment order; nil if any segment was never found.
    public var result: [(SegmentSpec, Best)]? {
        var out: [(SegmentSpec, Best)] = []
        for segment in segments {
            guard let b = best[segment.key] else { return nil }
            out.append((segment, b))
        }
        return out
    }

    /// What goes into the ISO record around a segment's box: a finger's box with a small margin; for an eye a 4:3
    /// region around the iris with room for the sclera (as MOSIP's iris samples are cropped); the whole frame for a
    /// face (a full-frontal portrait keeps its background).
    public static func cropRegion(_ modality: Modality, box: PixelRect, in bounds: PixelRect) -> PixelRect {
        switch modality {
        case .finger:
            let m = 8
            return PixelRect(x: box.x - m, y: box.y - m, width: box.width + 2 * m, height: box.height + 2 * m).intersection(bounds) ?? bounds
        case .iris:
            let side = Int(Double(max(box.width, box.height)) * 1.6)
            let width = min(bounds.width, max(side * 4 / 3, 64)), height = min(bounds.height, max(side, 48))
            let cx = box.x + box.width / 2, cy = box.y + box.height / 2
            let x = min(max(0, cx - width / 2), bounds.width - width), y = min(max(0, cy - height / 2), bounds.height - height)
            return PixelRect(x: x, y: y, width: width, height: height)
        case .face:
            return bounds
        }
    }
}
