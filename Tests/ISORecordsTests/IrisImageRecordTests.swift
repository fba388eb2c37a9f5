import ISORecords
import Testing

@Suite struct IrisImageRecordTests {
    @Test(arguments: [false, true])
    func roundTripIsFieldForFieldEqual(registration: Bool) throws {
        let record = try Fixtures.iris(registration: registration)
        let bytes = record.encode()
        #expect(bytes.count == record.encodedSize)
        let decoded = try IrisImageRecord(decoding: bytes)
        #expect(decoded == record)
        #expect(decoded.rollAngle == nil && decoded.rollAngleUncertainty == nil)
        #expect(decoded.encode() == bytes)
    }

    @Test func definedAnglesAndGeometryRoundTrip() throws {
        let record = try IrisImageRecord(
            captureTime: Fixtures.time(), qualityBlocks: [], representationNumber: 3, eyeLabel: .right,
            imageType: .uncropped, imageFormat: .monoPNG,
            imageProperties: IrisImageProperties(
                horizontalOrientation: .flipped, verticalOrientation: .base, compressionHistory: .undefined),
            width: 640, height: 480, range: 30, rollAngle: 0, rollAngleUncertainty: 65534,
            geometry: IrisGeometry(
                centreSmallestX: 1, centreLargestX: 2, centreSmallestY: 3, centreLargestY: 4, diameterSmallest: 5,
                diameterLargest: 65535),
            imageData: [1, 2, 3])
        let bytes = record.encode()
        #expect(bytes[45 - 5] == 0x06)  // no quality block
        #expect(try IrisImageRecord(decoding: bytes) == record)
    }

    @Test(arguments: [false, true])
    func headerLayout(registration: Bool) throws {
        let record = try Fixtures.iris(registration: registration)
        let bytes = record.encode()
        #expect(Array(bytes[0..<4]) == Array("IIR\0".utf8))
        #expect(Array(bytes[4..<8]) == Array("020\0".utf8))
        #expect(Bytes.uint32(bytes, 8) == bytes.count)
        #expect(Bytes.uint16(bytes, 12) == 1)
        #expect(bytes[14] == 0)
        #expect(bytes[15] == 1)
        #expect(Bytes.uint32(bytes, 16) == bytes.count - 16)
        #expect(bytes[29] == (registration ? 1 : 0))
        #expect(bytes[34] == 1)
        #expect(bytes[35] == (registration ? 96 : 80))
        #expect(Bytes.uint16(bytes, 40) == 1)
        #expect(bytes[42] == (registration ? 2 : 0))  // eye label
        #expect(bytes[43] == (registration ? 0x03 : 0x07))  // K3 / K7
        #expect(bytes[44] == 0x0A)
        #expect(bytes[45] == (registration ? 0x40 : 0x80))
        #expect(Bytes.uint16(bytes, 46) == 391)
        #expect(Bytes.uint16(bytes, 48) == 293)
        #expect(bytes[50] == 8)
        #expect(Bytes.uint16(bytes, 51) == 0)
        #expect(Bytes.uint16(bytes, 53) == 0xFFFF)
        #expect(Bytes.uint16(bytes, 55) == 0xFFFF)
        #expect(bytes[57..<69].allSatisfy { $0 == 0 })
        #expect(Bytes.uint32(bytes, 69) == record.imageData.count)
        #expect(Array(bytes[73..<85]) == Fixtures.jp2Signature)
        #expect(bytes.count == 73 + record.imageData.count)
    }

    @Test(arguments: [false, true])
    func everyTruncationIsRejected(registration: Bool) throws {
        let bytes = try Fixtures.iris(registration: registration).encode()
        for length in 0..<bytes.count {
            #expect(throws: ISORecordError.self, "prefix of \(length) bytes") {
                try IrisImageRecord(decoding: Array(bytes.prefix(length)))
            }
        }
    }

    @Test(arguments: [-1, 1])
    func lengthFieldsOffByOneAreRejected(delta: Int) throws {
        let bytes = try Fixtures.iris(registration: true).encode()
        for offset in [8, 16, 69] {
            #expect(throws: ISORecordError.self, "field at \(offset) by \(delta)") {
                try IrisImageRecord(decoding: Bytes.adjusting(bytes, at: offset, size: 4, by: delta))
            }
        }
        #expect(throws: ISORecordError(.lengthMismatch, reason: "")) {
            try IrisImageRecord(decoding: Bytes.adjusting(bytes, at: 69, size: 4, by: delta))
        }
    }

    @Test func rejectionCodes() throws {
        let bytes = try Fixtures.iris(registration: false).encode()
        #expect(throws: ISORecordError(.wrongFormatIdentifier, reason: "")) {
            try IrisImageRecord(decoding: try Fixtures.face(registration: false).encode())
        }
        #expect(throws: ISORecordError(.unsupportedVersion, reason: "")) {
            try IrisImageRecord(decoding: Bytes.setting(bytes, at: 6, to: UInt8(ascii: "1")))
        }
        #expect(throws: ISORecordError(.trailingBytes, reason: "")) { try IrisImageRecord(decoding: bytes + [0, 0]) }
        #expect(throws: ISORecordError(.unsupportedFeature, reason: "")) {
            try IrisImageRecord(decoding: Bytes.setting(bytes, at: 14, to: 1))
        }
        #expect(throws: ISORecordError(.unsupportedFeature, reason: "")) {
            try IrisImageRecord(decoding: Bytes.setting(bytes, at: 15, to: 2))
        }
        for (offset, value) in [(42, 3), (43, 4), (44, 0x0B), (45, 0x10), (45, 0x03), (45, 0xC0)] as [(Int, UInt8)] {
            #expect(throws: ISORecordError(.invalidField, reason: ""), "byte \(offset) = \(value)") {
                try IrisImageRecord(decoding: Bytes.setting(bytes, at: offset, to: value))
            }
        }
    }

    @Test func invalidFieldsAreRejectedAtConstruction() throws {
        #expect(throws: ISORecordError(.invalidField, reason: "")) {
            try IrisImageRecord(
                captureTime: Fixtures.time(), qualityBlocks: [], eyeLabel: .left, imageType: .cropped,
                imageProperties: IrisImageProperties(compressionHistory: .lossy), width: 10, height: 10,
                rollAngle: 0xFFFF, imageData: [])
        }
        #expect(throws: ISORecordError(.invalidField, reason: "")) {
            try Fixtures.iris(registration: true, width: 0)
        }
    }

    @Test func propertiesByteParsing() {
        #expect(IrisImageProperties(rawValue: 0x40) == IrisImageProperties(compressionHistory: .losslessOrNone))
        #expect(IrisImageProperties(rawValue: 0x80) == IrisImageProperties(compressionHistory: .lossy))
        #expect(IrisImageProperties(rawValue: 0x20) == nil)
        for raw in UInt8.min...UInt8.max {
            if let properties = IrisImageProperties(rawValue: raw) { #expect(properties.rawValue == raw) }
        }
    }

    @Test func eyeLabelNamesFollowMOSIP095() {
        #expect(EyeLabel.left.bioSubType == "Left")
        #expect(EyeLabel.right.bioSubType == "Right")
        #expect(EyeLabel.unknown.bioSubType == "UNKNOWN")
        #expect(EyeLabel(bioSubType: "Left") == .left)
        #expect(EyeLabel(bioSubType: "L_IRIS") == nil)
    }
}
