extension FaceImageRecord {
    /// The record's bytes, laid out as documented on ``FaceImageRecord``.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: encodedSize)
        GeneralHeader.write(into: &writer, format: Self.formatIdentifier, version: Self.versionNumber,
                            recordLength: encodedSize, certificationFlag: 0)  // certification flag
        writer.uint16(0)  // temporal semantics: one representation

        RepresentationHeader.write(into: &writer, length: representationLength, captureTime: captureTime,
                                   captureDevice: captureDevice, qualityBlocks: qualityBlocks)
        writer.uint16(landmarks.count)
        facialInformation.encode(into: &writer)
        for landmark in landmarks { landmark.encode(into: &writer) }
        writer.uint8(faceImageType.rawValue)
        writer.uint8(imageDataType.rawValue)
        writer.uint16(width)
        writer.uint16(height)
        writer.uint8(spatialSamplingRate.rawValue)
        writer.uint16(postAcquisitionProcessing.rawValue)
        writer.uint8(crossReference)
        writer.uint8(colourSpace.rawValue)
        writer.uint32(imageData.count)
        writer.append(imageData)
        return writer.bytes
    }

    /// Parses a complete record.
    /// - Throws: ``ISORecordError`` — `truncated`, `wrongFormatIdentifier`, `unsupportedVersion`,
    ///   `lengthMismatch`, `trailingBytes`, `invalidField`, or `unsupportedFeature` for several representations,
    ///   a non-zero certification flag or temporal semantics, or a 3D face image type.
    public init(decoding bytes: [UInt8]) throws(ISORecordError) {
        var reader = ByteReader(bytes)
        let (recordLength, certificationFlag) = try GeneralHeader.readShared(
            &reader, byteCount: bytes.count, format: Self.formatIdentifier, version: Self.versionNumber,
            record: "face image")
        guard certificationFlag == 0 else {
            throw ISORecordError(.unsupportedFeature, reason: "certification flag \(certificationFlag)")
        }
        let temporalSemantics = try reader.uint16("temporal semantics")
        guard temporalSemantics == 0 else {
            throw ISORecordError(.unsupportedFeature, reason: "temporal semantics \(temporalSemantics)")
        }

        let header = try RepresentationHeader(from: &reader, expectedLength: recordLength - Self.generalHeaderSize)
        let landmarkCount = Int(try reader.uint16("number of landmark points"))
        let facialInformation = try FacialInformation(from: &reader)
        var landmarks: [FaceLandmark] = []
        landmarks.reserveCapacity(min(landmarkCount, reader.remaining / FaceLandmark.encodedSize))
        for _ in 0..<landmarkCount { landmarks.append(try FaceLandmark(from: &reader)) }
        let typeOffset = reader.offset
        let rawType = try reader.uint8("face image type")
        guard let faceImageType = FaceImageType(rawValue: rawType) else {
            let code: ISORecordError.Code = (0x80...0x82).contains(rawType) ? .unsupportedFeature : .invalidField
            throw ISORecordError(code, reason: "face image type \(rawType) at offset \(typeOffset)")
        }
        let imageDataType = try reader.code(FaceImageDataType.self, "image data type")
        let width = Int(try reader.uint16("image width"))
        let height = Int(try reader.uint16("image height"))
        let spatialSamplingRate = try reader.code(FaceSpatialSamplingRate.self, "spatial sampling rate level")
        let postAcquisition = FacePostAcquisitionProcessing(rawValue: try reader.uint16("post-acquisition processing"))
        let crossReference = try reader.uint8("cross reference")
        let colourSpace = try reader.code(FaceColourSpace.self, "colour space")
        let imageLength = Int(try reader.uint32("image data length"))
        try GeneralHeader.checkImageLength(imageLength, available: reader.remaining, exact: true)
        let imageData = try reader.bytes(imageLength, "image data")

        try self.init(
            captureTime: header.captureTime, captureDevice: header.captureDevice, qualityBlocks: header.qualityBlocks,
            facialInformation: facialInformation, landmarks: landmarks, faceImageType: faceImageType,
            imageDataType: imageDataType, width: width, height: height, spatialSamplingRate: spatialSamplingRate,
            postAcquisitionProcessing: postAcquisition, crossReference: crossReference, colourSpace: colourSpace,
            imageData: imageData)
    }
}
