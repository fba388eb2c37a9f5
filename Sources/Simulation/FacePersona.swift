/// The fixed appearance of one synthetic person's face: proportions and colours, drawn once from the
/// subject number so every capture of that subject shows the same person.
struct FacePersona: Sendable {
    enum HairStyle: CaseIterable {
        case short, long, bald, bob
    }

    /// Half width and half height of the face oval, in pixels for a 480 × 640 portrait.
    let halfWidth: Float
    let halfHeight: Float
    /// Jaw taper: how much narrower the chin is than an ellipse (0 … 0.2).
    let jaw: Float
    /// Eye centres at ±eyeSpacing · halfWidth, on row eyeRow · halfHeight (negative is above centre).
    let eyeSpacing: Float
    let eyeRow: Float
    let eyeSize: Float
    let browLift: Float
    let browThickness: Float
    let noseLength: Float
    let noseWidth: Float
    let mouthWidth: Float
    let lipFullness: Float
    let skin: Colour
    let hair: Colour
    let iris: Colour
    let lips: Colour
    let clothing: Colour
    let hairStyle: HairStyle
    /// Height of the hairline above the eye row, as a fraction of `halfHeight`.
    let hairline: Float
    let background: Colour

    init(subject: UInt64) {
        var rng = SplitMix64(seed: SeedMixer.mix(0x4641_4345, subject))
        halfWidth = rng.uniform(124, 146)
        halfHeight = halfWidth * rng.uniform(1.28, 1.42)
        jaw = rng.uniform(0.04, 0.18)
        eyeSpacing = rng.uniform(0.34, 0.4)
        eyeRow = rng.uniform(-0.1, -0.02)
        eyeSize = rng.uniform(0.9, 1.12)
        browLift = rng.uniform(0.2, 0.27)
        browThickness = rng.uniform(0.035, 0.06)
        noseLength = rng.uniform(0.3, 0.4)
        noseWidth = rng.uniform(0.15, 0.22)
        mouthWidth = rng.uniform(0.26, 0.36)
        lipFullness = rng.uniform(0.8, 1.3)
        // Skin tones spanning the Fitzpatrick scale (typical sRGB of well-lit skin).
        let skins = [
            Colour(246, 214, 190), Colour(236, 192, 164), Colour(222, 170, 135), Colour(198, 140, 102),
            Colour(165, 108, 74), Colour(128, 82, 56), Colour(96, 62, 44),
        ]
        skin = skins[rng.below(skins.count)].mixed(with: Colour(210, 160, 130), rng.uniform(0, 0.15))
        let hairs = [
            Colour(28, 24, 22), Colour(52, 36, 26), Colour(92, 62, 40), Colour(176, 146, 98),
            Colour(140, 138, 134), Colour(118, 56, 32),
        ]
        hair = hairs[rng.below(hairs.count)]
        let irises = [
            Colour(74, 46, 26), Colour(46, 30, 20), Colour(112, 88, 50), Colour(84, 104, 66),
            Colour(78, 110, 146), Colour(104, 114, 124),
        ]
        iris = irises[rng.below(irises.count)]
        lips = skin.mixed(with: Colour(170, 70, 70), rng.uniform(0.25, 0.45)) * 0.92
        let clothes = [
            Colour(40, 50, 80), Colour(30, 30, 34), Colour(120, 30, 40), Colour(200, 200, 205),
            Colour(60, 90, 60), Colour(150, 120, 90), Colour(90, 110, 150),
        ]
        clothing = clothes[rng.below(clothes.count)]
        hairStyle = HairStyle.allCases[rng.below(HairStyle.allCases.count)]
        hairline = rng.uniform(0.42, 0.56)
        // A plain, light, uniform backdrop as ICAO 9303 asks for: off-white to pale grey or blue.
        let backdrops = [Colour(236, 236, 234), Colour(226, 230, 236), Colour(232, 232, 232), Colour(220, 228, 238)]
        background = backdrops[rng.below(backdrops.count)]
    }
}
