/// A face image record, ISO/IEC 19794-5:2011 ("FAC", version "030"), with exactly one 2D representation and
/// no certification blocks.
///
/// Byte layout, big-endian, for one quality block and no landmarks (each extra quality block shifts what
/// follows by 5 bytes, each landmark inserts 8 bytes at 58):
///
/// ```
/// General header (17 bytes)
///  0  format identifier          4  "FAC\0"
///  4  version number             4  "030\0"
///  8  record length              4  total size in bytes
/// 12  number of representations  2  1
/// 14  certification flag         1  0
/// 15  temporal semantics         2  0 (one representation)
/// Representation header
/// 17  representation length      4  record length − 17
/// 21  capture date-time          9  see CaptureTime
/// 30  device technology          1  ┐ (MOSIP: 5 = video frame, analogue)
/// 31  device vendor              2  ├ CaptureDevice
/// 33  device type                2  ┘
/// 35  number of quality blocks   1
/// 36  quality block(s)           5n score 1, algorithm vendor 2, algorithm 2
/// 41  number of landmark points  2
/// 43  gender                     1  ┐
/// 44  eye colour                 1  │
/// 45  hair colour                1  │
/// 46  subject height             1  ├ FacialInformation
/// 47  feature mask               3  │
/// 50  expression mask            2  │
/// 52  pose angle                 3  │
/// 55  pose angle uncertainty     3  ┘
///     landmark points            8n type 1, code 1, x 2, y 2, z 2
/// 58  face image type            1  FaceImageType
/// 59  image data type            1  FaceImageDataType (Auth 1 lossy, Registration 2 lossless)
/// 60  width                      2
/// 62  height                     2
/// 64  spatial sampling rate level 1 FaceSpatialSamplingRate
/// 65  post-acquisition processing 2 FacePostAcquisitionProcessing
/// 67  cross reference            1
/// 68  colour space               1  FaceColourSpace (1 = 24-bit RGB)
/// 69  image data length          4
/// 73  image data                 n  JP2 bytes; must end exactly at the record length
/// ```
public struct FaceImageRecord: Sendable, Equatable {
    /// Format identifier `FAC\0`.
    public static let formatIdentifier: [UInt8] = [0x46, 0x41, 0x43, 0x00]
    /// Version number `030\0`.
    public static let versionNumber: [UInt8] = [0x30, 0x33, 0x30, 0x00]
    /// Size of the general header.
    public static let generalHeaderSize = 17

    /// When the face was captured (UTC).
    public let captureTime: CaptureTime
    /// The capture device's technology, vendor and type.
    public let captureDevice: CaptureDevice
    /// Quality scores, at most 255.
    public let qualityBlocks: [QualityBlock]
    /// Gender, eye and hair colour, pose and masks.
    public let facialInformation: FacialInformation
    /// Landmark points, at most 65535.
    public let landmarks: [FaceLandmark]
    /// Basic, full frontal, token frontal or post-processed frontal.
    public let faceImageType: FaceImageType
    /// How ``imageData`` is encoded.
    public let imageDataType: FaceImageDataType
    /// Image width in pixels, 1…65535.
    public let width: Int
    /// Image height in pixels, 1…65535.
    public let height: Int
    /// Pixels across the head.
    public let spatialSamplingRate: FaceSpatialSamplingRate
    /// Processing applied after capture.
    public let postAcquisitionProcessing: FacePostAcquisitionProcessing
    /// Cross reference to another representation, 0 = none.
    public let crossReference: UInt8
    /// The colour space of the image.
    public let colourSpace: FaceColourSpace
    /// The encoded image (JP2…).
    public let imageData: [UInt8]

    /// Creates a record after checking every field fits its encoding.
    /// - Throws: ``ISORecordError/Code/invalidField`` for out-of-range values or a record over 4 GiB.
    public init(
        captureTime: CaptureTime,
        captureDevice: CaptureDevice = .unspecified,
        qualityBlocks: [QualityBlock],
        facialInformation: FacialInformation = .unspecified,
        landmarks: [FaceLandmark] = [],
        faceImageType: FaceImageType = .fullFrontal,
        imageDataType: FaceImageDataType,
        width: Int,
        height: Int,
        spatialSamplingRate: FaceSpatialSamplingRate = .under180,
        postAcquisitionProcessing: FacePostAcquisitionProcessing = [],
        crossReference: UInt8 = 0,
        colourSpace: FaceColourSpace = .rgb24,
        imageData: [UInt8]
    ) throws(ISORecordError) {
        try checkCount(qualityBlocks.count, "quality blocks")
        try check(landmarks.count, in: 0...0xFFFF, "number of landmark points")
        try check(Int(facialInformation.featureMask), in: 0...0xFF_FFFF, "feature mask")
        try check(width, in: 1...0xFFFF, "image width")
        try check(height, in: 1...0xFFFF, "image height")
        self.captureTime = captureTime
        self.captureDevice = captureDevice
        self.qualityBlocks = qualityBlocks
        self.facialInformation = facialInformation
        self.landmarks = landmarks
        self.faceImageType = faceImageType
        self.imageDataType = imageDataType
        self.width = width
        self.height = height
        self.spatialSamplingRate = spatialSamplingRate
        self.postAcquisitionProcessing = postAcquisitionProcessing
        self.crossReference = crossReference
        self.colourSpace = colourSpace
        self.imageData = imageData
        try GeneralHeader.checkTotal(encodedSize, record: "face")
    }

    /// The size of ``encode()``'s output.
    public var encodedSize: Int { Self.generalHeaderSize + representationLength }

    /// The representation length field: everything from offset 17 to the end.
    var representationLength: Int {
        RepresentationHeader.size(qualityBlockCount: qualityBlocks.count) + 2 + 15
            + FaceLandmark.encodedSize * landmarks.count + 11 + 4 + imageData.count
    }
}

extension FaceImageRecord: CustomStringConvertible {
    /// The coded fields and the image size; never the image bytes, so records are safe to log.
    public var description: String {
        "FaceImageRecord(\(faceImageType), \(imageDataType), \(width)x\(height), captured \(captureTime), "
            + "image \(imageData.count) bytes)"
    }
}
