extension FingerImageRecord {
    /// The record's bytes, laid out as documented on ``FingerImageRecord``.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: encodedSize)
        GeneralHeader.write(into: &writer, format: Self.formatIdentifier, version: Self.versionNumber,
                            recordLength: encodedSize, certificationFlag: certificationBlocks == nil ? 0 : 1)
        writer.uint8(1)  // finger positions

        RepresentationHeader.write(into: &writer, length: representationLength, captureTime: captureTime,
                                   captureDevice: captureDevice, qualityBlocks: qualityBlocks)
        if let certificationBlocks {
            writer.uint8(certificationBlocks.count)
            for block in certificationBlocks { block.encode(into: &writer) }
        }
        writer.uint8(position.rawValue)
        writer.uint8(representationNumber)
        writer.uint8(scaleUnits.rawValue)
        writer.uint16(scanResolution.horizontal)
        writer.uint16(scanResolution.vertical)
        writer.uint16(imageResolution.horizontal)
        writer.uint16(imageResolution.vertical)
        writer.uint8(bitDepth)
        writer.uint8(compression.rawValue)
        writer.uint8(impressionType.rawValue)
        writer.uint16(width)
        writer.uint16(height)
        writer.uint32(imageData.count)
        writer.append(imageData)
        for block in extendedDataBlocks { block.encode(into: &writer) }
        return writer.bytes
    }

    /// Parses a complete record.
    /// - Throws: ``ISORecordError`` — `truncated`, `wrongFormatIdentifier`, `unsupportedVersion`,
    ///   `lengthMismatch` (length fields disagreeing with each other or the data), `trailingBytes`,
    ///   `invalidField`, or `unsupportedFeature` for records with several representations or fingers.
    public init(decoding bytes: [UInt8]) throws(ISORecordError) {
        var reader = ByteReader(bytes)
        let (recordLength, certificationFlag) = try GeneralHeader.readShared(
            &reader, byteCount: bytes.count, format: Self.formatIdentifier, version: Self.versionNumber,
            record: "finger image")
        guard certificationFlag <= 1 else {
            throw ISORecordError(.invalidField, reason: "certification flag \(certificationFlag)")
        }
        let fingers = try reader.uint8("number of finger positions")
        guard fingers == 1 else {
            throw ISORecordError(.unsupportedFeature, reason: "\(fingers) finger positions; only 1 supported")
        }

        let header = try RepresentationHeader(from: &reader, expectedLength: recordLength - Self.generalHeaderSize)
        var certificationBlocks: [CertificationBlock]?
        if certificationFlag == 1 {
            let count = Int(try reader.uint8("number of certification blocks"))
            var blocks: [CertificationBlock] = []
            for _ in 0..<count { blocks.append(try CertificationBlock(from: &reader)) }
            certificationBlocks = blocks
        }
        let position = try reader.code(FingerPosition.self, "finger position")
        let representationNumber = Int(try reader.uint8("representation number"))
        let scaleUnits = try reader.code(FingerScaleUnits.self, "scale units")
        let scan = SpatialSamplingRate(
            horizontal: Int(try reader.uint16("scan horizontal sampling rate")),
            vertical: Int(try reader.uint16("scan vertical sampling rate")))
        let image = SpatialSamplingRate(
            horizontal: Int(try reader.uint16("image horizontal sampling rate")),
            vertical: Int(try reader.uint16("image vertical sampling rate")))
        let bitDepth = Int(try reader.uint8("bit depth"))
        let compression = try reader.code(FingerImageCompression.self, "compression")
        let impressionType = try reader.code(FingerImpressionType.self, "impression type")
        let width = Int(try reader.uint16("image width"))
        let height = Int(try reader.uint16("image height"))
        let imageLength = Int(try reader.uint32("image data length"))
        try GeneralHeader.checkImageLength(imageLength, available: reader.remaining, exact: false)
        let imageData = try reader.bytes(imageLength, "image data")
        var extendedDataBlocks: [FingerExtendedDataBlock] = []
        while reader.remaining > 0 {
            extendedDataBlocks.append(try FingerExtendedDataBlock(from: &reader))
        }

        try self.init(
            captureTime: header.captureTime, captureDevice: header.captureDevice, qualityBlocks: header.qualityBlocks,
            certificationBlocks: certificationBlocks, position: position, representationNumber: representationNumber,
            scaleUnits: scaleUnits, scanResolution: scan, imageResolution: image, bitDepth: bitDepth,
            compression: compression, impressionType: impressionType, width: width, height: height,
            imageData: imageData, extendedDataBlocks: extendedDataBlocks)
    }
}
