extension IrisImageRecord {
    /// The record's bytes, laid out as documented on ``IrisImageRecord``.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: encodedSize)
        writer.append(Self.formatIdentifier)
        writer.append(Self.versionNumber)
        writer.uint32(encodedSize)
        writer.uint16(1)  // representations
        writer.uint8(0)  // certification flag
        writer.uint8(1)  // eyes

        writer.uint32(representationLength)
        captureTime.encode(into: &writer)
        captureDevice.encode(into: &writer)
        QualityBlock.encode(qualityBlocks, into: &writer)
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
        let recordLength = try GeneralHeader.read(
            &reader, byteCount: bytes.count, format: Self.formatIdentifier, version: Self.versionNumber,
            record: "iris image")
        let representations = try reader.uint16("number of representations")
        guard representations == 1 else {
            throw ISORecordError(.unsupportedFeature, reason: "\(representations) representations; only 1 supported")
        }
        let certificationFlag = try reader.uint8("certification flag")
        guard certificationFlag == 0 else {
            throw ISORecordError(.unsupportedFeature, reason: "certification flag \(certificationFlag)")
        }
        let eyes = try reader.uint8("number of eyes")
        guard eyes == 1 else {
            throw ISORecordError(.unsupportedFeature, reason: "\(eyes) eyes; only 1 supported")
        }

        let representationLength = Int(try reader.uint32("representation length"))
        try GeneralHeader.checkRepresentationLength(
            representationLength, expected: recordLength - Self.generalHeaderSize)
        let captureTime = try CaptureTime(from: &reader)
        let captureDevice = try CaptureDevice(from: &reader)
        let qualityBlocks = try QualityBlock.readAll(from: &reader)
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
            captureTime: captureTime, captureDevice: captureDevice, qualityBlocks: qualityBlocks,
            representationNumber: representationNumber, eyeLabel: eyeLabel, imageType: imageType,
            imageFormat: imageFormat, imageProperties: imageProperties, width: width, height: height,
            bitDepth: bitDepth, range: range,
            rollAngle: roll == Self.undefinedAngle ? nil : roll,
            rollAngleUncertainty: rollUncertainty == Self.undefinedAngle ? nil : rollUncertainty,
            geometry: geometry, imageData: imageData)
    }
}
