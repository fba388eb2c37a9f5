import Foundation

/// Which eye of the subject.
public enum Eye: Sendable, Hashable, CaseIterable {
    /// The subject's left or right eye.
    case left, right
}

/// Ground truth of one simulated iris frame, in frame pixels.
public struct IrisGeometry: Sendable, Equatable {
    /// Pupil centre and radius.
    public let pupilX: Float, pupilY: Float, pupilRadius: Float
    /// Iris (limbus) centre and radius.
    public let irisX: Float, irisY: Float, irisRadius: Float
    /// Rows of the upper and lower eyelid margins in the iris centre's column.
    public let upperLidY: Float, lowerLidY: Float
}

/// Near-infrared iris camera frames (640 × 480, 8-bit, as ISO/IEC 19794-6 and 29794-6 expect): a dark
/// pupil whose size changes from frame to frame, an iris of 200–240 px diameter with a texture that is
/// fixed per subject and eye, eyelids and lashes occluding it, specular reflections of the illuminators,
/// sclera and skin.
public struct IrisGenerator: Sendable {
    /// Frame width in pixels.
    public let width: Int
    /// Frame height in pixels.
    public let height: Int

    /// A generator for `width × height` frames (the scene is laid out for 640 × 480).
    public init(width: Int = 640, height: Int = 480) {
        self.width = width
        self.height = height
    }

    /// Where the pupil, iris and lids are in the frame the same arguments give to `eye`, or nil when
    /// no eye is presented.
    public func geometry(subject: UInt64, eye: Eye, presentation: Presentation, frameIndex: Int, seed: UInt64 = 0) -> IrisGeometry? {
        EyeScene(subject: subject, eye: eye, presentation: presentation, frameIndex: frameIndex, seed: seed, width: width, height: height)?.geometry
    }

    /// One frame. `seed` identifies the capture attempt; `frameIndex` drives pupil size, settling and jitter.
    public func eye(subject: UInt64, eye: Eye, presentation: Presentation, frameIndex: Int, seed: UInt64 = 0) -> GrayImage {
        var noise = SplitMix64(seed: SeedMixer.mix(0x4952_4E4F, subject, seed, UInt64(bitPattern: Int64(frameIndex))))
        guard let scene = EyeScene(subject: subject, eye: eye, presentation: presentation, frameIndex: frameIndex, seed: seed, width: width, height: height) else {
            // Nothing in front of the camera: the illuminators light nothing, the frame is dark and flat.
            var pixels = [UInt8](repeating: 18, count: width * height)
            SensorNoise.add(sigma: 2, to: &pixels, width: width, rng: &noise)
            return GrayImage(width: width, height: height, pixels: pixels)
        }
        var image = scene.render()
        if scene.focusBlur > 0 || scene.motionBlur > 0 {
            Blur.box(&image, width: width, height: height, rx: max(scene.focusBlur, scene.motionBlur), ry: scene.focusBlur)
        }
        var pixels = [UInt8](repeating: 0, count: width * height)
        for i in pixels.indices { pixels[i] = UInt8(max(0, min(255, image[i] + 0.5))) }
        SensorNoise.add(sigma: scene.noise, to: &pixels, width: width, rng: &noise)
        return GrayImage(width: width, height: height, pixels: pixels)
    }
}
