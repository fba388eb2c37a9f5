import ISORecords
import Testing

@Suite struct FingerImageRecordTests {
    @Test(arguments: [false, true])
    func roundTripIsFieldForFieldEqual(registration: Bool) throws {
        let record = try Fixtures.finger(registration: registration)
        let bytes = record.encode()
        #expect(bytes.count == record.encodedSize)
        let decoded = try FingerImageRecord(decoding: bytes)
        #expect(decoded == record)
        #expect(decoded.captureTime == record.captureTime)
        #expect(decoded.qualityBlocks == record.qualityBlocks)
        #expect(decoded.certificationBlocks == record.certificationBlocks)
        #expect(decoded.extendedDataBlocks == record.extendedDataBlocks)
        #expect(decoded.imageData == record.imageData)
        #expect(decoded.encode() == bytes)
    }

    @Test func authHeaderLayout() throws {
        let bytes = try Fixtures.finger(registration: false).encode()
        #expect(Array(bytes[0..<4]) == Array("FIR\0".utf8))
        #expect(Array(bytes[4..<8]) == Array("020\0".utf8))
        #expect(Bytes.uint32(bytes, 8) == bytes.count)
        #expect(Bytes.uint16(bytes, 12) == 1)
        #expect(bytes[14] == 0)  // certification flag
        #expect(bytes[15] == 1)
        #expect(Bytes.uint32(bytes, 16) == bytes.count - 16)
        #expect(Bytes.uint16(bytes, 20) == 2024)
        #expect(Array(bytes[22..<27]) == [2, 29, 13, 5, 59])
        #expect(Bytes.uint16(bytes, 27) == 987)
        #expect(bytes[29] == 0)
        #expect(Bytes.uint16(bytes, 30) == 0x1234)
        #expect(Bytes.uint16(bytes, 32) == 0x5678)
        #expect(bytes[34] == 1)
        #expect(bytes[35] == 50)  // quality score
        #expect(Bytes.uint16(bytes, 36) == 0x000F)
        #expect(Bytes.uint16(bytes, 38) == 0x000F)
        #expect(bytes[40] == 0)  // position unknown
        #expect(bytes[41] == 0)
        #expect(bytes[42] == 1)  // ppi
        #expect([43, 45, 47, 49].allSatisfy { Bytes.uint16(bytes, $0) == 500 })
        #expect(bytes[51] == 8)
        #expect(bytes[52] == 0x04)  // JPEG 2000 lossy
        #expect(bytes[53] == 0x1D)
        #expect(Bytes.uint16(bytes, 54) == 280)
        #expect(Bytes.uint16(bytes, 56) == 448)
        #expect(Bytes.uint32(bytes, 58) == bytes.count - 62)
        #expect(Array(bytes[62..<74]) == Fixtures.jp2Signature)
    }

    @Test func registrationHeaderLayout() throws {
        let record = try Fixtures.finger(registration: true)
        let bytes = record.encode()
        #expect(Bytes.uint32(bytes, 8) == bytes.count)
        #expect(bytes[14] == 1)  // certification flag
        #expect(bytes[35] == 80)
        #expect(bytes[40] == 2)  // two certification blocks
        #expect(Bytes.uint16(bytes, 41) == 0x0040 && bytes[43] == 0x02)
        #expect(Bytes.uint16(bytes, 44) == 0x0040 && bytes[46] == 0x02)
        #expect(bytes[47] == 7)  // left index
        #expect(bytes[59] == 0x05)  // JPEG 2000 lossless
        #expect(Bytes.uint16(bytes, 61) == 280)
        #expect(Bytes.uint16(bytes, 63) == 448)
        #expect(Bytes.uint32(bytes, 65) == record.imageData.count)
        #expect(Array(bytes[69..<81]) == Fixtures.jp2Signature)
        let extended = 69 + record.imageData.count
        #expect(Bytes.uint16(bytes, extended) == 0x0003)
        #expect(Bytes.uint16(bytes, extended + 2) == bytes.count - extended)
    }

    @Test(arguments: [false, true])
    func everyTruncationIsRejected(registration: Bool) throws {
        let bytes = try Fixtures.finger(registration: registration).encode()
        for length in 0..<bytes.count {
            #expect(throws: ISORecordError.self, "prefix of \(length) bytes") {
                try FingerImageRecord(decoding: Array(bytes.prefix(length)))
            }
        }
    }

    @Test(arguments: [false, true], [-1, 1])
    func lengthFieldsOffByOneAreRejected(registration: Bool, delta: Int) throws {
        let record = try Fixtures.finger(registration: registration)
        let bytes = record.encode()
        let imageLengthOffset = registration ? 65 : 58
        var fields = [(8, 4), (16, 4), (imageLengthOffset, 4)]
        if registration { fields.append((69 + record.imageData.count + 2, 2)) }  // extended block length
        for (offset, size) in fields {
            #expect(throws: ISORecordError.self, "field at \(offset) \(delta > 0 ? "+" : "")\(delta)") {
                try FingerImageRecord(decoding: Bytes.adjusting(bytes, at: offset, size: size, by: delta))
            }
        }
    }

    @Test func rejectionCodes() throws {
        let bytes = try Fixtures.finger(registration: false).encode()
        #expect(throws: ISORecordError(.wrongFormatIdentifier, reason: "")) {
            try FingerImageRecord(decoding: Bytes.setting(bytes, at: 0, to: UInt8(ascii: "X")))
        }
        #expect(throws: ISORecordError(.wrongFormatIdentifier, reason: "")) {
            try FingerImageRecord(decoding: try Fixtures.iris(registration: false).encode())
        }
        #expect(throws: ISORecordError(.unsupportedVersion, reason: "")) {
            try FingerImageRecord(decoding: Bytes.setting(bytes, at: 5, to: UInt8(ascii: "1")))
        }
        #expect(throws: ISORecordError(.trailingBytes, reason: "")) {
            try FingerImageRecord(decoding: bytes + [0])
        }
        #expect(throws: ISORecordError(.truncated, reason: "")) {
            try FingerImageRecord(decoding: Bytes.adjusting(bytes, at: 8, size: 4, by: 1))
        }
        #expect(throws: ISORecordError(.lengthMismatch, reason: "")) {
            try FingerImageRecord(decoding: Bytes.adjusting(bytes, at: 16, size: 4, by: -1))
        }
        #expect(throws: ISORecordError(.lengthMismatch, reason: "")) {
            try FingerImageRecord(decoding: Bytes.adjusting(bytes, at: 58, size: 4, by: 1))
        }
        #expect(throws: ISORecordError(.unsupportedFeature, reason: "")) {
            try FingerImageRecord(decoding: Bytes.setting(bytes, at: 13, to: 2))
        }
        for (offset, value) in [(14, 2), (35, 101), (40, 11), (42, 3), (52, 7), (53, 16), (23, 30)] as [(Int, UInt8)] {
            #expect(throws: ISORecordError(.invalidField, reason: ""), "byte \(offset) = \(value)") {
                try FingerImageRecord(decoding: Bytes.setting(bytes, at: offset, to: value))
            }
        }
    }

    @Test func invalidFieldsAreRejectedAtConstruction() throws {
        #expect(throws: ISORecordError(.invalidField, reason: "")) {
            try QualityBlock(score: 101, algorithmVendorId: 0, algorithmId: 0)
        }
        #expect(try QualityBlock(score: 255, algorithmVendorId: 0, algorithmId: 0).score == QualityBlock.failedScore)
        for (width, height) in [(0, 10), (10, 0), (65536, 10)] {
            #expect(throws: ISORecordError(.invalidField, reason: "")) {
                try Fixtures.finger(registration: false, width: width, height: height)
            }
        }
        #expect(throws: ISORecordError(.invalidField, reason: "")) {
            try FingerImageRecord(
                captureTime: Fixtures.time(), qualityBlocks: [], position: .leftThumb, representationNumber: 16,
                compression: .wsq, width: 1, height: 1, imageData: [])
        }
        #expect(throws: ISORecordError(.invalidField, reason: "")) {
            try FingerExtendedDataBlock(type: .init(rawValue: 0), payload: [])
        }
    }

    @Test func certificationFlagOneWithNoBlocksRoundTrips() throws {
        let record = try FingerImageRecord(
            captureTime: Fixtures.time(), qualityBlocks: [], certificationBlocks: [], position: .rightThumb,
            compression: .jpeg2000Lossless, width: 1, height: 1, imageData: [])
        let bytes = record.encode()
        #expect(bytes[14] == 1)
        #expect(try FingerImageRecord(decoding: bytes) == record)
        #expect(try FingerImageRecord(decoding: bytes).certificationBlocks == [])
    }

    @Test func descriptionCarriesNoImageBytes() throws {
        let record = try Fixtures.finger(registration: true)
        let text = String(describing: record)
        #expect(text.contains("leftIndex") && text.contains("\(record.imageData.count) bytes"))
        #expect(!text.contains("106, 80"))  // no byte array rendering of the JP2 signature
    }

    @Test func errorCodesMatchInCatchPatterns() throws {
        let bytes = try Fixtures.finger(registration: false).encode()
        do {
            _ = try FingerImageRecord(decoding: Array(bytes.dropLast()))
            Issue.record("expected truncation")
        } catch ISORecordError.Code.truncated {
            // expected
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func bioSubTypeNamesFollowMOSIP095() {
        #expect(FingerPosition.leftIndex.bioSubType == "Left IndexFinger")
        #expect(FingerPosition.rightThumb.bioSubType == "Right Thumb")
        #expect(FingerPosition.leftLittle.bioSubType == "Left LittleFinger")
        #expect(FingerPosition.unknown.bioSubType == "UNKNOWN")
        #expect(FingerPosition(bioSubType: "Right RingFinger") == .rightRing)
        #expect(FingerPosition(bioSubType: "LF_INDEX") == nil)
        for position in FingerPosition.allCases {
            #expect(FingerPosition(bioSubType: position.bioSubType) == position)
        }
        #expect(FingerPosition.allCases.map(\.rawValue) == Array(0...10))
    }
}
