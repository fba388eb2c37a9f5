/// A finger image record, ISO/IEC 19794-4:2011 ("FIR", version "020"), with exactly one representation of one
/// finger.
///
/// Byte layout, big-endian. Offsets are for one quality block; each extra quality block shifts what follows by
/// 5 bytes, and when ``certificationBlocks`` is non-nil (certification flag 1) a count byte plus 3 bytes per
/// block are inserted at 40 (MOSIP Registration: 2 blocks, so everything after moves by 7).
///
/// ```
/// General header (16 bytes)
///  0  format identifier        4   "FIR\0"
///  4  version number           4   "020\0"
///  8  record length            4   total size in bytes
/// 12  number of representations 2  1
/// 14  certification flag       1   0 (Auth) or 1 (Registration: cert blocks present)
/// 15  number of finger positions 1 1
/// Representation header
/// 16  representation length    4   record length − 16
/// 20  capture date-time        9   see CaptureTime
/// 29  device technology        1   ┐
/// 30  device vendor            2   ├ CaptureDevice
/// 32  device type              2   ┘
/// 34  number of quality blocks 1
/// 35  quality block(s)         5n  score 1, algorithm vendor 2, algorithm 2
///     [cert flag 1 only: number of certification blocks 1, then 3 each: authority 2, scheme 1]
/// 40  finger position          1   FingerPosition
/// 41  representation number    1   0…15
/// 42  scale units              1   1 = pixels per inch
/// 43  scan sampling H, V       2+2
/// 47  image sampling H, V      2+2
/// 51  bit depth                1   8
/// 52  compression              1   FingerImageCompression (Auth 0x04, Registration 0x05)
/// 53  impression type          1   FingerImpressionType
/// 54  width, height            2+2
/// 58  image data length        4
/// 62  image data               n   JP2 / WSQ bytes
///     extended data blocks         type 2, length 2 (incl. header), payload — to the end of the record
/// ```
public struct FingerImageRecord: Sendable, Equatable {
    /// Format identifier `FIR\0`.
    public static let formatIdentifier: [UInt8] = [0x46, 0x49, 0x52, 0x00]
    /// Version number `020\0`.
    public static let versionNumber: [UInt8] = [0x30, 0x32, 0x30, 0x00]
    /// Size of the general header.
    public static let generalHeaderSize = 16

    /// When the finger was captured (UTC).
    public let captureTime: CaptureTime
    /// The capture device's technology, vendor and type.
    public let captureDevice: CaptureDevice
    /// Quality scores, at most 255.
    public let qualityBlocks: [QualityBlock]
    /// `nil` encodes certification flag 0 (no certification fields at all); an array, even empty, encodes flag 1
    /// followed by the block count and the blocks.
    public let certificationBlocks: [CertificationBlock]?
    /// Which finger.
    public let position: FingerPosition
    /// The representation number, 0…15.
    public let representationNumber: Int
    /// The unit of ``scanResolution`` and ``imageResolution``.
    public let scaleUnits: FingerScaleUnits
    /// The sensor's sampling rate.
    public let scanResolution: SpatialSamplingRate
    /// The image's sampling rate (≤ the scan rate).
    public let imageResolution: SpatialSamplingRate
    /// Bits per pixel, 1…16 (MOSIP: 8).
    public let bitDepth: Int
    /// How ``imageData`` is encoded.
    public let compression: FingerImageCompression
    /// How the finger was presented.
    public let impressionType: FingerImpressionType
    /// Image width in pixels, 1…65535.
    public let width: Int
    /// Image height in pixels, 1…65535.
    public let height: Int
    /// The encoded image (JP2, WSQ…).
    public let imageData: [UInt8]
    /// Extended data blocks after the image.
    public let extendedDataBlocks: [FingerExtendedDataBlock]

    /// Creates a record after checking every field fits its encoding.
    /// - Throws: ``ISORecordError/Code/invalidField`` for out-of-range values or a record over 4 GiB.
    public init(
        captureTime: CaptureTime,
        captureDevice: CaptureDevice = .unspecified,
        qualityBlocks: [QualityBlock],
        certificationBlocks: [CertificationBlock]? = nil,
        position: FingerPosition,
        representationNumber: Int = 0,
        scaleUnits: FingerScaleUnits = .pixelsPerInch,
        scanResolution: SpatialSamplingRate = .ppi500,
        imageResolution: SpatialSamplingRate = .ppi500,
        bitDepth: Int = 8,
        compression: FingerImageCompression,
        impressionType: FingerImpressionType = .liveScanPlain,
        width: Int,
        height: Int,
        imageData: [UInt8],
        extendedDataBlocks: [FingerExtendedDataBlock] = []
    ) throws(ISORecordError) {
        try checkCount(qualityBlocks.count, "quality blocks")
        try checkCount(certificationBlocks?.count ?? 0, "certification blocks")
        try check(representationNumber, in: 0...15, "representation number")
        for (name, rate) in [("scan", scanResolution), ("image", imageResolution)] {
            try check(rate.horizontal, in: 0...0xFFFF, "\(name) horizontal sampling rate")
            try check(rate.vertical, in: 0...0xFFFF, "\(name) vertical sampling rate")
        }
        try check(bitDepth, in: 1...16, "bit depth")
        try check(width, in: 1...0xFFFF, "image width")
        try check(height, in: 1...0xFFFF, "image height")
        self.captureTime = captureTime
        self.captureDevice = captureDevice
        self.qualityBlocks = qualityBlocks
        self.certificationBlocks = certificationBlocks
        self.position = position
        self.representationNumber = representationNumber
        self.scaleUnits = scaleUnits
        self.scanResolution = scanResolution
        self.imageResolution = imageResolution
        self.bitDepth = bitDepth
        self.compression = compression
        self.impressionType = impressionType
        self.width = width
        self.height = height
        self.imageData = imageData
        self.extendedDataBlocks = extendedDataBlocks
        try GeneralHeader.checkTotal(encodedSize, record: "finger")
    }

    /// The size of ``encode()``'s output.
    public var encodedSize: Int { Self.generalHeaderSize + representationLength }

    /// The representation length field: everything from offset 16 to the end.
    var representationLength: Int {
        let certification = certificationBlocks.map { 1 + CertificationBlock.encodedSize * $0.count } ?? 0
        return RepresentationHeader.size(qualityBlockCount: qualityBlocks.count)
            + certification + 18 + 4 + imageData.count + extendedDataBlocks.reduce(0) { $0 + $1.encodedSize }
    }
}

extension FingerImageRecord: CustomStringConvertible {
    /// The coded fields and the image size; never the image bytes, so records are safe to log.
    public var description: String {
        "FingerImageRecord(\(position), \(compression), \(width)x\(height), captured \(captureTime), "
            + "image \(imageData.count) bytes, \(extendedDataBlocks.count) extended block(s))"
    }
}
