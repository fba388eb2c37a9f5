import ISORecords
import Testing

@Suite struct FaceImageRecordTests {
    @Test(arguments: [false, true])
    func roundTripIsFieldForFieldEqual(registration: Bool) throws {
        let record = try Fixtures.face(registration: registration)
        let bytes = record.encode()
        #expect(bytes.count == record.encodedSize)
        let decoded = try FaceImageRecord(decoding: bytes)
        #expect(decoded == record)
        #expect(decoded.facialInformation == record.facialInformation)
        #expect(decoded.encode() == bytes)
    }

    @Test func landmarksAndFacialInformationRoundTrip() throws {
        let record = try FaceImageRecord(
            captureTime: Fixtures.time(), qualityBlocks: [],
            facialInformation: FacialInformation(
                gender: .female, eyeColour: .green, hairColour: .red, subjectHeight: 170, featureMask: 0xFF_FFFF,
                expressionMask: 0x1234, poseAngle: FacePoseAngle(yaw: 91, pitch: 92, roll: 93),
                poseAngleUncertainty: FacePoseAngle(yaw: 1, pitch: 2, roll: 3)),
            landmarks: [
                FaceLandmark(type: 1, code: 0x34, x: 100, y: 120),
                FaceLandmark(type: 2, code: 0x11, x: 65535, y: 0, z: 7),
            ],
            faceImageType: .tokenFrontal, imageDataType: .png, width: 600, height: 400,
            spatialSamplingRate: .from300To370, postAcquisitionProcessing: [.cropped, .downSampled],
            crossReference: 9, colourSpace: .grayscale8, imageData: Fixtures.payload(10))
        let bytes = record.encode()
        #expect(bytes[58 - 5 + 16] == 0x02)  // no quality block, two landmarks
        #expect(try FaceImageRecord(decoding: bytes) == record)
        #expect(throws: ISORecordError(.invalidField, reason: "")) {
            try FaceImageRecord(
                captureTime: Fixtures.time(), qualityBlocks: [],
                facialInformation: FacialInformation(featureMask: 0x100_0000), imageDataType: .png, width: 1,
                height: 1, imageData: [])
        }
    }

    @Test(arguments: [false, true])
    func headerLayout(registration: Bool) throws {
        let record = try Fixtures.face(registration: registration)
        let bytes = record.encode()
        #expect(Array(bytes[0..<4]) == Array("FAC\0".utf8))
        #expect(Array(bytes[4..<8]) == Array("030\0".utf8))
        #expect(Bytes.uint32(bytes, 8) == bytes.count)
        #expect(Bytes.uint16(bytes, 12) == 1)
        #expect(bytes[14] == 0)
        #expect(Bytes.uint16(bytes, 15) == 0)
        #expect(Bytes.uint32(bytes, 17) == bytes.count - 17)
        #expect(Bytes.uint16(bytes, 21) == 2024)
        #expect(bytes[30] == 5)
        #expect(bytes[35] == 1)
        #expect(bytes[36] == (registration ? 80 : 40))
        #expect(Bytes.uint16(bytes, 41) == 0)  // landmarks
        #expect(bytes[43] == 0xFF)  // gender unknown
        #expect(bytes[44..<58].allSatisfy { $0 == 0 })
        #expect(bytes[58] == 1)  // full frontal
        #expect(bytes[59] == (registration ? 2 : 1))  // data type
        #expect(Bytes.uint16(bytes, 60) == 240)
        #expect(Bytes.uint16(bytes, 62) == 320)
        #expect(bytes[64] == 0)
        #expect(Bytes.uint16(bytes, 65) == (registration ? 1 : 0))
        #expect(bytes[67] == 0)
        #expect(bytes[68] == 1)  // 24-bit RGB
        #expect(Bytes.uint32(bytes, 69) == record.imageData.count)
        #expect(Array(bytes[73..<85]) == Fixtures.jp2Signature)
        #expect(bytes.count == 73 + record.imageData.count)
    }

    @Test(arguments: [false, true])
    func everyTruncationIsRejected(registration: Bool) throws {
        let bytes = try Fixtures.face(registration: registration).encode()
        for length in 0..<bytes.count {
            #expect(throws: ISORecordError.self, "prefix of \(length) bytes") {
                try FaceImageRecord(decoding: Array(bytes.prefix(length)))
            }
        }
    }

    @Test(arguments: [-1, 1])
    func lengthFieldsOffByOneAreRejected(delta: Int) throws {
        let bytes = try Fixtures.face(registration: true).encode()
        for (offset, size) in [(8, 4), (17, 4), (69, 4), (41, 2)] {
            #expect(throws: ISORecordError.self, "field at \(offset) by \(delta)") {
                try FaceImageRecord(decoding: Bytes.adjusting(bytes, at: offset, size: size, by: delta))
            }
        }
    }

    @Test func rejectionCodes() throws {
        let bytes = try Fixtures.face(registration: false).encode()
        #expect(throws: ISORecordError(.wrongFormatIdentifier, reason: "")) {
            try FaceImageRecord(decoding: try Fixtures.finger(registration: false).encode())
        }
        #expect(throws: ISORecordError(.unsupportedVersion, reason: "")) {
            try FaceImageRecord(decoding: Bytes.setting(bytes, at: 5, to: UInt8(ascii: "2")))
        }
        #expect(throws: ISORecordError(.trailingBytes, reason: "")) { try FaceImageRecord(decoding: bytes + [1]) }
        for (offset, value) in [(14, 1), (16, 1), (58, 0x80)] as [(Int, UInt8)] {
            #expect(throws: ISORecordError(.unsupportedFeature, reason: ""), "byte \(offset) = \(value)") {
                try FaceImageRecord(decoding: Bytes.setting(bytes, at: offset, to: value))
            }
        }
        for (offset, value) in [(43, 3), (44, 8), (45, 9), (58, 4), (59, 4), (64, 8), (68, 5)] as [(Int, UInt8)] {
            #expect(throws: ISORecordError(.invalidField, reason: ""), "byte \(offset) = \(value)") {
                try FaceImageRecord(decoding: Bytes.setting(bytes, at: offset, to: value))
            }
        }
    }
}
