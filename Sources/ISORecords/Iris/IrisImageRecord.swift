/// An iris image record, ISO/IEC 19794-6:2011 ("IIR", version "020"), with exactly one representation of one
/// eye and no certification blocks.
///
/// Byte layout, big-endian, for one quality block (each extra block shifts what follows by 5 bytes):
///
/// ```
/// General header (16 bytes)
///  0  format identifier         4  "IIR\0"
///  4  version number            4  "020\0"
///  8  record length             4  total size in bytes
/// 12  number of representations 2  1
/// 14  certification flag        1  0
/// 15  number of eyes            1  1
/// Representation header
/// 16  representation length     4  record length − 16
/// 20  capture date-time         9  see CaptureTime
/// 29  device technology         1  ┐ (MOSIP: Auth 0, Registration 1 = CMOS/CCD)
/// 30  device vendor             2  ├ CaptureDevice
/// 32  device type               2  ┘
/// 34  number of quality blocks  1
/// 35  quality block(s)          5n score 1, algorithm vendor 2, algorithm 2
/// 40  representation number     2  1
/// 42  eye label                 1  EyeLabel (0 unknown, 1 right, 2 left)
/// 43  image type                1  IrisImageType (Auth 7 = K7, Registration 3 = K3)
/// 44  image format              1  IrisImageFormat (0x0A mono JPEG 2000)
/// 45  image properties          1  IrisImageProperties (Auth 0x80 lossy, Registration 0x40 lossless)
/// 46  width                     2
/// 48  height                    2
/// 50  bit depth                 1  8
/// 51  range                     2  0 = unassigned, 1 = failed, 65535 = overflow, else cm
/// 53  roll angle of eye         2  0xFFFF = undefined, else units of 360°/65536
/// 55  roll angle uncertainty    2  0xFFFF = undefined
/// 57  iris geometry            12  see IrisGeometry (0 = undefined)
/// 69  image data length         4
/// 73  image data                n  JP2 bytes; must end exactly at the record length
/// ```
public struct IrisImageRecord: Sendable, Equatable {
    /// Format identifier `IIR\0`.
    public static let formatIdentifier: [UInt8] = [0x49, 0x49, 0x52, 0x00]
    /// Version number `020\0`.
    public static let versionNumber: [UInt8] = [0x30, 0x32, 0x30, 0x00]
    /// Size of the general header.
    public static let generalHeaderSize = 16
    /// The encoded value meaning "angle undefined".
    public static let undefinedAngle = 0xFFFF

    /// When the eye was captured (UTC).
    public let captureTime: CaptureTime
    /// The capture device's technology, vendor and type.
    public let captureDevice: CaptureDevice
    /// Quality scores, at most 255.
    public let qualityBlocks: [QualityBlock]
    /// The representation number, 0…65535 (MOSIP: 1).
    public let representationNumber: Int
    /// Which eye.
    public let eyeLabel: EyeLabel
    /// K1/K2/K3/K7.
    public let imageType: IrisImageType
    /// How ``imageData`` is encoded.
    public let imageFormat: IrisImageFormat
    /// Orientation and compression history.
    public let imageProperties: IrisImageProperties
    /// Image width in pixels, 1…65535.
    public let width: Int
    /// Image height in pixels, 1…65535.
    public let height: Int
    /// Bits per pixel, 1…255 (MOSIP: 8).
    public let bitDepth: Int
    /// Camera-to-subject range, 0…65535 (0 = unassigned).
    public let range: Int
    /// Roll angle of the eye, 0…65534 in units of 360°/65536, or `nil` (encoded 0xFFFF) when undefined.
    public let rollAngle: Int?
    /// Roll angle uncertainty, 0…65534, or `nil` (encoded 0xFFFF) when undefined.
    public let rollAngleUncertainty: Int?
    /// Iris centre and diameter bounds.
    public let geometry: IrisGeometry
    /// The encoded image (JP2…).
    public let imageData: [UInt8]

    /// Creates a record after checking every field fits its encoding.
    /// - Throws: ``ISORecordError/Code/invalidField`` for out-of-range values or a record over 4 GiB.
    public init(
        captureTime: CaptureTime,
        captureDevice: CaptureDevice = .unspecified,
        qualityBlocks: [QualityBlock],
        representationNumber: Int = 1,
        eyeLabel: EyeLabel,
        imageType: IrisImageType,
        imageFormat: IrisImageFormat = .monoJPEG2000,
        imageProperties: IrisImageProperties,
        width: Int,
        height: Int,
        bitDepth: Int = 8,
        range: Int = 0,
        rollAngle: Int? = nil,
        rollAngleUncertainty: Int? = nil,
        geometry: IrisGeometry = .undefined,
        imageData: [UInt8]
    ) throws(ISORecordError) {
        try checkCount(qualityBlocks.count, "quality blocks")
        try check(representationNumber, in: 0...0xFFFF, "representation number")
        try check(width, in: 1...0xFFFF, "image width")
        try check(height, in: 1...0xFFFF, "image height")
        try check(bitDepth, in: 1...0xFF, "bit depth")
        try check(range, in: 0...0xFFFF, "range")
        if let rollAngle { try check(rollAngle, in: 0...0xFFFE, "roll angle") }
        if let rollAngleUncertainty { try check(rollAngleUncertainty, in: 0...0xFFFE, "roll angle uncertainty") }
        for (name, value) in geometry.fields { try check(value, in: 0...0xFFFF, name) }
        self.captureTime = captureTime
        self.captureDevice = captureDevice
        self.qualityBlocks = qualityBlocks
        self.representationNumber = representationNumber
        self.eyeLabel = eyeLabel
        self.imageType = imageType
        self.imageFormat = imageFormat
        self.imageProperties = imageProperties
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.range = range
        self.rollAngle = rollAngle
        self.rollAngleUncertainty = rollAngleUncertainty
        self.geometry = geometry
        self.imageData = imageData
        try GeneralHeader.checkTotal(encodedSize, record: "iris")
    }

    /// The size of ``encode()``'s output.
    public var encodedSize: Int { Self.generalHeaderSize + representationLength }

    /// The representation length field: everything from offset 16 to the end.
    var representationLength: Int {
        RepresentationHeader.size(qualityBlockCount: qualityBlocks.count) + 2 + 27 + 4
            + imageData.count
    }
}

extension IrisImageRecord: CustomStringConvertible {
    /// The coded fields and the image size; never the image bytes, so records are safe to log.
    public var description: String {
        "IrisImageRecord(\(eyeLabel), \(imageType), \(imageFormat), \(width)x\(height), captured \(captureTime), "
            + "image \(imageData.count) bytes)"
    }
}
