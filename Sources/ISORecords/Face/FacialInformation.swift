/// The facial information block of a face representation (ISO/IEC 19794-5:2011 §5.5), minus the landmark
/// count, which ``FaceImageRecord`` derives from its landmarks.
///
/// Byte layout (15 bytes after the 2-byte landmark count): gender 1, eye colour 1, hair colour 1,
/// subject height 1 (cm, 0 = unspecified), feature mask 3, expression mask 2, pose angle 3 (yaw, pitch, roll),
/// pose angle uncertainty 3.
public struct FacialInformation: Sendable, Hashable {
    /// Subject gender.
    public let gender: FaceGender
    /// Subject eye colour.
    public let eyeColour: FaceEyeColour
    /// Subject hair colour.
    public let hairColour: FaceHairColour
    /// Subject height in centimetres, 0 = unspecified.
    public let subjectHeight: UInt8
    /// The 24-bit property mask (bit 0 = "properties are specified", the others glasses, moustache, beard…
    /// per the standard's table); at most 0xFFFFFF.
    public let featureMask: UInt32
    /// The 16-bit expression mask (0 = unspecified).
    public let expressionMask: UInt16
    /// Yaw, pitch and roll, as the encoded bytes (0 = unspecified).
    public let poseAngle: FacePoseAngle
    /// Uncertainty of ``poseAngle``, encoded the same way.
    public let poseAngleUncertainty: FacePoseAngle

    /// Creates facial information; the feature mask is range-checked when the record is built.
    public init(
        gender: FaceGender = .unspecified,
        eyeColour: FaceEyeColour = .unspecified,
        hairColour: FaceHairColour = .unspecified,
        subjectHeight: UInt8 = 0,
        featureMask: UInt32 = 0,
        expressionMask: UInt16 = 0,
        poseAngle: FacePoseAngle = .unspecified,
        poseAngleUncertainty: FacePoseAngle = .unspecified
    ) {
        self.gender = gender
        self.eyeColour = eyeColour
        self.hairColour = hairColour
        self.subjectHeight = subjectHeight
        self.featureMask = featureMask
        self.expressionMask = expressionMask
        self.poseAngle = poseAngle
        self.poseAngleUncertainty = poseAngleUncertainty
    }

    /// Everything unspecified (all zero bytes).
    public static let unspecified = FacialInformation()

    func encode(into writer: inout ByteWriter) {
        writer.uint8(gender.rawValue)
        writer.uint8(eyeColour.rawValue)
        writer.uint8(hairColour.rawValue)
        writer.uint8(subjectHeight)
        writer.uint24(featureMask)
        writer.uint16(expressionMask)
        poseAngle.encode(into: &writer)
        poseAngleUncertainty.encode(into: &writer)
    }

    init(from reader: inout ByteReader) throws(ISORecordError) {
        self.init(
            gender: try reader.code(FaceGender.self, "gender"),
            eyeColour: try reader.code(FaceEyeColour.self, "eye colour"),
            hairColour: try reader.code(FaceHairColour.self, "hair colour"),
            subjectHeight: try reader.uint8("subject height"),
            featureMask: try reader.uint24("feature mask"),
            expressionMask: try reader.uint16("expression mask"),
            poseAngle: try FacePoseAngle(from: &reader),
            poseAngleUncertainty: try FacePoseAngle(from: &reader))
    }
}

/// Yaw, pitch and roll bytes as encoded by ISO/IEC 19794-5:2011 (0 = unspecified).
public struct FacePoseAngle: Sendable, Hashable {
    /// Encoded yaw.
    public let yaw: UInt8
    /// Encoded pitch.
    public let pitch: UInt8
    /// Encoded roll.
    public let roll: UInt8

    /// Creates a pose from its encoded bytes.
    public init(yaw: UInt8, pitch: UInt8, roll: UInt8) {
        self.yaw = yaw
        self.pitch = pitch
        self.roll = roll
    }

    /// All three unspecified (0).
    public static let unspecified = FacePoseAngle(yaw: 0, pitch: 0, roll: 0)

    func encode(into writer: inout ByteWriter) {
        writer.uint8(yaw)
        writer.uint8(pitch)
        writer.uint8(roll)
    }

    init(from reader: inout ByteReader) throws(ISORecordError) {
        self.init(yaw: try reader.uint8("pose yaw"), pitch: try reader.uint8("pose pitch"), roll: try reader.uint8("pose roll"))
    }
}
