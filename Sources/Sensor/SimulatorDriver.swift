import Imaging
public import MDSModel
public import Simulation
public import Wire

/// The default driver: a simulated device that is always attached and renders frames with the `Simulation` module —
/// a synthetic person (`subject`) whose fingers, irises and face stay the same across captures, presented in a
/// configurable way (`presentation`: good, dry, wet, smudged, moving, partial, none) whose quality settles over
/// the frames of a capture the way a finger settles on glass.
///
/// customOpts of a capture request may choose `subject` (an integer) and `presentation` for that capture.
public struct SimulatorDriver: SensorDriver {
    public let device: DeviceDescriptor
    public var deviceId: String { device.deviceId }
    public var name: String { "simulator" }
    public var isConnected: Bool { true }
    public let defaultSubject: UInt64
    public let defaultPresentation: Presentation.Condition
    public let framePeriodMillis: UInt32

    private let fingerprints: FingerprintGenerator
    private let irises = IrisGenerator()
    private let faces = FaceGenerator()

    public init(device: DeviceDescriptor, fingerprints: FingerprintGenerator, subject: UInt64 = 1,
                presentation: String = "good", framePeriodMillis: UInt32 = 200) {
        self.device = device
        self.fingerprints = fingerprints
        defaultSubject = subject
        defaultPresentation = Presentation.Condition(rawValue: presentation) ?? .good
        self.framePeriodMillis = framePeriodMillis
    }

    public struct BadOption: Error, CustomStringConvertible {
        public let description: String
    }

    public func frame(_ request: FrameRequest) throws -> Frame {
        let options = Dictionary(request.options, uniquingKeysWith: { $1 })
        var subject = defaultSubject
        if let text = options["subject"] {
            guard let s = UInt64(text) else { throw BadOption(description: "customOpts.subject must be an integer") }
            subject = s
        }
        var condition = defaultPresentation
        if let text = options["presentation"] {
            guard let c = Presentation.Condition(rawValue: text) else {
                throw BadOption(description: "customOpts.presentation must be one of \(Presentation.Condition.allCases.map(\.rawValue))")
            }
            condition = c
        }
        // One placement per capture attempt: the capture id seeds where the finger lands; frames jitter within it.
        let seed = Self.seed(request.captureId)
        let presentation = Presentation(condition, seed: seed)
        let index = Int(request.frameIndex)

        switch device.type {
        case .finger where device.deviceSubType == "Slap":
            let fingers = request.segments.compactMap { Finger(rawValue: Int($0.position)) }
            let slap = fingerprints.slap(fingers: fingers, subject: subject, presentation: presentation, frameIndex: index, seed: seed)
            return Frame(frameIndex: request.frameIndex, layout: .slap, images: [try labeled("slap", slap.image)],
                         framePeriodMillis: framePeriodMillis)
        case .finger:
            let images = try request.segments.enumerated().map { i, segment in
                // An UNKNOWN finger is whichever the person puts down: the right index here.
                let finger = Finger(rawValue: Int(segment.position)) ?? .rightIndex
                let image = fingerprints.impression(subject: subject, finger: finger, presentation: presentation,
                                                    frameIndex: index, seed: seed &+ UInt64(i))
                return try labeled(segment.key, image)
            }
            return Frame(frameIndex: request.frameIndex, layout: .perSegment, images: images, framePeriodMillis: framePeriodMillis)
        case .iris:
            let images = try request.segments.enumerated().map { i, segment in
                // Eye labels (19794-6): 1 right, 2 left; UNKNOWN segments take the right eye first, then the left.
                let eye: Eye = segment.position == 2 || (segment.position == 0 && i == 1) ? .left : .right
                return try labeled(segment.key, irises.eye(subject: subject, eye: eye, presentation: presentation,
                                                          frameIndex: index, seed: seed))
            }
            return Frame(frameIndex: request.frameIndex, layout: .perSegment, images: images, framePeriodMillis: framePeriodMillis)
        case .face:
            let face = faces.face(subject: subject, presentation: presentation, frameIndex: index, seed: seed)
            let raster = try Raster(width: face.width, height: face.height, channels: 3, pixels: face.pixels)
            return Frame(frameIndex: request.frameIndex, layout: .perSegment,
                         images: request.segments.map { LabeledRaster(label: $0.key, raster: raster) },
                         framePeriodMillis: framePeriodMillis)
        }
    }

    private func labeled(_ label: String, _ image: GrayImage) throws -> LabeledRaster {
        LabeledRaster(label: label, raster: try Raster(width: image.width, height: image.height, channels: 1, pixels: image.pixels))
    }

    /// FNV-1a of the capture id: deterministic, so a capture can be replayed frame for frame.
    static func seed(_ id: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
