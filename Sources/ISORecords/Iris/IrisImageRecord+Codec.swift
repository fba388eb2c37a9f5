extension IrisImageRecord {
    /// The record's bytes, laid out as documented on ``IrisImageRecord``.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: encodedSize)
        GeneralHeader.write(into: &writer, format: Self.formatIdentifier, version: Self.versionNumber,
                            recordLength: encodedSize, certificationFlag: 0)  // certification flag
        writer.uint8(1)  // eyes

        RepresentationHeader.write(into: &writer, length: representationLength, captureTime: captureTime,
                                   captureDevice: captureDevice, qualityBlocks: qualityBlocks)
        writer.uint16(representationNumber)
        writer.uint8(eyeLabel.rawValue)
        writer.uint8(imageType.rawValue)
        writer.uint8(imageFormat.rawValue)
        writer.uint8(imageProperties.rawValue)
        writer.uint16(width)
        writer.uint16(height)
        writer.uint8(bitDepth)
        writer.uint16(range)
        writer.uint16(rollAngle ?? Self.undefinedAngle)
        writer.uint16(rollAngleUncertainty ?? Self.undefinedAngle)
        geometry.encode(into: &writer)
        writer.uint32(imageData.count)
        writer.append(imageData)
        return writer.bytes
    }

    /// Parses a complete record.
    /// - Throws: ``ISORecordError`` — `truncated`, `wrongFormatIdentifier`, `unsupportedVersion`,
    ///   `lengthMismatch`, `trailingBytes`, `invalidField`, or `unsupportedFeature` for several representations
    ///   or eyes or a non-zero certification flag.
    public init(decoding bytes: [UInt8]) throws(ISORecordError) {
        var reader = ByteReader(bytes)
        let (recordLength, certificationFlag) = try GeneralHeader.readShared(
            &reader, byteCount: bytes.count, format: Self.formatIdentifier, version: Self.versionNumber,
            record: "iris image")
        guard certificationFlag == 0 else {
            throw ISORecordError(.unsupportedFeature, reason: "certification flag \(certificationFlag)")
        }
        let eyes = try reader.uint8("number of eyes")
        guard eyes == 1 else {
            throw ISORecordError(.unsupportedFeature, reason: "\(eyes) eyes; only 1 supported")
        }

        let header = try RepresentationHeader(from: &reader, expectedLength: recordLength - Self.generalHeaderSize)
        let representationNumber = Int(try reader.uint16("representation number"))
        let eyeLabel = try reader.code(EyeLabel.self, "eye label")
        let imageType = try reader.code(IrisImageType.self, "image type")
        let imageFormat = try reader.code(IrisImageFormat.self, "image format")
        let propertiesOffset = reader.offset
        let propertiesByte = try reader.uint8("image properties")
        guard let imageProperties = IrisImageProperties(rawValue: propertiesByte) else {
            throw ISORecordError(
                .invalidField, reason: "image properties at offset \(propertiesOffset): undefined bits set")
        }
        let width = Int(try reader.uint16("image width"))
        let height = Int(try reader.uint16("image height"))
        let bitDepth = Int(try reader.uint8("bit depth"))
        let range = Int(try reader.uint16("range"))
        let roll = Int(try reader.uint16("roll angle"))
        let rollUncertainty = Int(try reader.uint16("roll angle uncertainty"))
        let geometry = try IrisGeometry(from: &reader)
        let imageLength = Int(try reader.uint32("image data length"))
        try GeneralHeader.checkImageLength(imageLength, available: reader.remaining, exact: true)
        let imageData = try reader.bytes(imageLength, "image data")

        try self.init(
            captureTime: header.captureTime, captureDevice: header.captureDevice, qualityBlocks: header.qualityBlocks,
            representationNumber: representationNumber, eyeLabel: eyeLabel, imageType: imageType,
            imageFormat: imageFormat, imageProperties: imageProperties, width: width, height: height,
            bitDepth: bitDepth, range: range,
            rollAngle: roll == Self.undefinedAngle ? nil : roll,
            rollAngleUncertainty: rollUncertainty == Self.undefinedAngle ? nil : rollUncertainty,
            geometry: geometry, imageData: imageData)
    }
}
