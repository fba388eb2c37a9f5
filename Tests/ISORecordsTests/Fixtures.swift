import ISORecords

/// Records shaped like MOSIP's Auth and Registration samples, with a stand-in image payload.
enum Fixtures {
    static let jp2Signature: [UInt8] = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]

    /// A JP2 signature followed by `count` patterned bytes (not a decodable image; codecs treat it as opaque).
    static func payload(_ count: Int = 300) -> [UInt8] {
        jp2Signature + (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    }

    static func time() throws -> CaptureTime {
        try CaptureTime(year: 2024, month: 2, day: 29, hour: 13, minute: 5, second: 59, millisecond: 987)
    }

    static func finger(registration: Bool, image: [UInt8] = payload(), width: Int = 280, height: Int = 448) throws
        -> FingerImageRecord
    {
        try FingerImageRecord(
            captureTime: time(),
            captureDevice: CaptureDevice(technologyId: 0, vendorId: 0x1234, typeId: 0x5678),
            qualityBlocks: [try QualityBlock(score: registration ? 80 : 50, algorithmVendorId: 0x000F, algorithmId: 0x000F)],
            certificationBlocks: registration
                ? [CertificationBlock(authorityId: 0x0040, schemeId: 0x02), CertificationBlock(authorityId: 0x0040, schemeId: 0x02)]
                : nil,
            position: registration ? .leftIndex : .unknown,
            compression: .jpeg2000(lossless: registration),
            impressionType: .unknown,
            width: width, height: height,
            imageData: image,
            extendedDataBlocks: registration
                ? [try FingerExtendedDataBlock(type: .comment, payload: Array("This is of Finger (7)".utf8))]
                : [])
    }

    static func iris(registration: Bool, image: [UInt8] = payload(), width: Int = 391, height: Int = 293) throws
        -> IrisImageRecord
    {
        try IrisImageRecord(
            captureTime: time(),
            captureDevice: CaptureDevice(technologyId: registration ? 1 : 0),
            qualityBlocks: [try QualityBlock(score: registration ? 96 : 80, algorithmVendorId: 1, algorithmId: 2)],
            eyeLabel: registration ? .left : .unknown,
            imageType: registration ? .cropped : .croppedAndMasked,
            imageProperties: IrisImageProperties(compressionHistory: registration ? .losslessOrNone : .lossy),
            width: width, height: height,
            imageData: image)
    }

    static func face(registration: Bool, image: [UInt8] = payload(), width: Int = 240, height: Int = 320) throws
        -> FaceImageRecord
    {
        try FaceImageRecord(
            captureTime: time(),
            captureDevice: CaptureDevice(technologyId: 5, vendorId: 7, typeId: 9),
            qualityBlocks: [try QualityBlock(score: registration ? 80 : 40, algorithmVendorId: 1, algorithmId: 1)],
            facialInformation: FacialInformation(gender: .unknown),
            faceImageType: .fullFrontal,
            imageDataType: .jpeg2000(lossless: registration),
            width: width, height: height,
            postAcquisitionProcessing: registration ? .rotated : [],
            colourSpace: .rgb24,
            imageData: image)
    }
}

/// Big-endian field readers and in-place edits for layout assertions.
enum Bytes {
    static func uint16(_ bytes: [UInt8], _ offset: Int) -> Int { Int(bytes[offset]) << 8 | Int(bytes[offset + 1]) }

    static func uint32(_ bytes: [UInt8], _ offset: Int) -> Int {
        Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
    }

    /// `bytes` with the big-endian field of `size` bytes at `offset` changed by `delta`.
    static func adjusting(_ bytes: [UInt8], at offset: Int, size: Int, by delta: Int) -> [UInt8] {
        var value = 0
        for index in 0..<size { value = value << 8 | Int(bytes[offset + index]) }
        value += delta
        var copy = bytes
        for index in 0..<size { copy[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * (size - 1 - index))) }
        return copy
    }

    static func setting(_ bytes: [UInt8], at offset: Int, to value: UInt8) -> [UInt8] {
        var copy = bytes
        copy[offset] = value
        return copy
    }
}
