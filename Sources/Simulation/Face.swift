/// Ground truth of one simulated face frame, in image pixels.
///
/// "Left" and "right" are the subject's own, as in ISO/IEC 19794-5: the subject's left eye appears on
/// the right-hand side of the image.
public struct FaceGeometry: Sendable, Equatable {
    /// Centre of the face oval.
    public let centreX: Float, centreY: Float
    /// Half width and half height of the face oval (ears and hair excluded).
    public let halfWidth: Float, halfHeight: Float
    /// Centre of the subject's left eye (on the image's right).
    public let leftEyeX: Float, leftEyeY: Float
    /// Centre of the subject's right eye (on the image's left).
    public let rightEyeX: Float, rightEyeY: Float
    /// Head roll, radians, clockwise on screen.
    public let roll: Float
}

/// Colour portrait frames of synthetic people (480 × 640, 24-bit RGB by default), framed the way ICAO
/// 9303 portraits are: plain light background, frontal face centred with the eyes a little above the
/// middle, shoulders at the bottom; skin, hair and features fixed per subject, pose and image quality
/// following the presentation.
public struct FaceGenerator: Sendable {
    /// Frame width in pixels.
    public let width: Int
    /// Frame height in pixels.
    public let height: Int

    /// A generator for `width × height` frames (proportions scale with the width).
    public init(width: Int = 480, height: Int = 640) {
        self.width = width
        self.height = height
    }

    /// Where the face and eyes are in the frame the same arguments give to `face`; nil when no face is
    /// presented.
    public func geometry(subject: UInt64, presentation: Presentation, frameIndex: Int, seed: UInt64 = 0) -> FaceGeometry? {
        FaceScene(subject: subject, presentation: presentation, frameIndex: frameIndex, seed: seed, width: width, height: height)?.geometry
    }

    /// One frame. `seed` identifies the capture attempt; `frameIndex` drives settling and movement.
    public func face(subject: UInt64, presentation: Presentation, frameIndex: Int, seed: UInt64 = 0) -> RGBImage {
        var noise = SplitMix64(seed: SeedMixer.mix(0x4641_4E4F, subject, seed, UInt64(bitPattern: Int64(frameIndex))))
        guard let scene = FaceScene(subject: subject, presentation: presentation, frameIndex: frameIndex, seed: seed, width: width, height: height) else {
            // Nobody in front of the camera: the empty backdrop.
            let persona = FacePersona(subject: subject)
            return RGBCanvas(width: width, height: height, fill: persona.background).image(noise: 1.5, rng: &noise)
        }
        return scene.render().image(noise: scene.noise, rng: &noise)
    }
}
