import Foundation
import JSON
import MDSModel
import Testing
import Wire

/// Every validation rule of mosip-clients.md §d, in the mock's order, for both request styles.
@Suite struct CaptureRequestValidatorTests {
    let validator = CaptureRequestValidator(devices: DeviceDescriptor.simulatedDefaults)

    /// The compliance toolkit's CAPTURE body (strings everywhere, lowercase previousHash).
    func ctkCapture(_ edit: (inout [(String, JSON)], inout [(String, JSON)]) -> Void = { _, _ in }) -> [UInt8] {
        var bio: [(String, JSON)] = [
            ("type", "Finger"), ("count", "1"), ("requestedScore", "40"), ("deviceId", "4"), ("deviceSubId", "0"),
            ("previousHash", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), ("bioSubType", ["UNKNOWN"]),
        ]
        var top: [(String, JSON)] = [
            ("env", "Developer"), ("purpose", "Auth"), ("specVersion", "0.9.5"), ("timeout", "10000"),
            ("captureTime", "2025-01-01T10:00:00.000Z"), ("transactionId", "SBI1018-512"), ("domainUri", ""),
        ]
        edit(&top, &bio)
        top.append(("bio", .array([.object(bio)])))
        top.append(("customOpts", .null))
        return JSON.object(top).serialized()
    }

    /// The registration client's RCAPTURE body (strings, previousHash null, zone-less captureTime, bioSubType null).
    func regClient(deviceId: String = "1", type: String = "Finger", subId: String = "1", count: String = "4",
                   exception: [String] = [], _ edit: (inout [(String, JSON)], inout [(String, JSON)]) -> Void = { _, _ in }) -> [UInt8] {
        var bio: [(String, JSON)] = [
            ("type", .string(type)), ("count", .string(count)), ("bioSubType", .null), ("exception", .strings(exception)),
            ("requestedScore", "60"), ("deviceId", .string(deviceId)), ("deviceSubId", .string(subId)), ("previousHash", .null),
        ]
        var top: [(String, JSON)] = [
            ("env", "Developer"), ("purpose", "Registration"), ("specVersion", "0.9.5"), ("timeout", "60000"),
            ("captureTime", "2025-01-01T15:30:00.123"), ("transactionId", "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"),
        ]
        edit(&top, &bio)
        top.append(("bio", .array([.object(bio)])))
        top.append(("customOpts", .null))
        return JSON.object(top).serialized()
    }

    func code(_ body: [UInt8], _ method: CaptureMethod = .capture, status: DeviceStatus = .ready) -> String {
        switch validator.validate(body, method: method, status: { _ in status }) {
        case .success: "0"
        case let .failure(e): e.code
        }
    }

    func plan(_ body: [UInt8], _ method: CaptureMethod) throws -> CapturePlan {
        try validator.validate(body, method: method, status: { _ in .ready }).get()
    }

    @Test func acceptsTheComplianceToolkitCapture() throws {
        let p = try plan(ctkCapture(), .capture)
        #expect(p.device.deviceId == "4")
        #expect(p.segments == [SegmentSpec(key: "0", bioSubType: "UNKNOWN", position: 0)])
        #expect(p.previousHash == CaptureRequestValidator.emptyHash)
        #expect(p.timeoutMillis == 10000 && p.requestedScore == 40)
    }

    @Test func acceptsTheTestingKitsNumbersAndUppercaseHash() throws {
        let body = ctkCapture { top, bio in
            top[3] = ("timeout", 10000)
            bio[1] = ("count", 2); bio[2] = ("requestedScore", 40); bio[4] = ("deviceSubId", 0)
            bio[5] = ("previousHash", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")
            bio[6] = ("bioSubType", ["Left IndexFinger", "Left MiddleFinger"])
            top[4] = ("captureTime", "2025-01-01T10:00:00+05:30"); top[6] = ("domainUri", "default")
        }
        let p = try plan(body, .capture)
        #expect(p.segments.map(\.position) == [7, 8])
        #expect(p.domainUri == "default")
    }

    @Test func acceptsTheRegistrationClientsSlapsIrisesAndFace() throws {
        #expect(try plan(regClient(), .registrationCapture).segments.map(\.bioSubType)
            == ["Left IndexFinger", "Left MiddleFinger", "Left RingFinger", "Left LittleFinger"])
        #expect(try plan(regClient(subId: "2"), .registrationCapture).segments.map(\.position) == [2, 3, 4, 5])
        #expect(try plan(regClient(subId: "3", count: "2"), .registrationCapture).segments.map(\.bioSubType) == ["Left Thumb", "Right Thumb"])
        #expect(try plan(regClient(subId: "1", count: "3", exception: ["Left RingFinger"]), .registrationCapture).segments.count == 3)
        #expect(try plan(regClient(deviceId: "2", type: "Iris", subId: "3", count: "2"), .registrationCapture).segments.map(\.position) == [2, 1])
        #expect(try plan(regClient(deviceId: "2", type: "Iris", subId: "1", count: "1"), .registrationCapture).segments.map(\.bioSubType) == ["Left"])
        let face = try plan(regClient(deviceId: "3", type: "Face", subId: "0", count: "1"), .registrationCapture)
        #expect(face.segments.count == 1 && !face.isExceptionPhoto)
        #expect(try plan(regClient(deviceId: "3", type: "Face", subId: "0", count: "1", exception: ["Left LittleFinger"]),
                         .registrationCapture).isExceptionPhoto)
    }

    // MARK: - 123: malformed requests

    @Test(arguments: ["", "{", "[]", "null", #"{"bio":[]}"#])
    func malformedBodiesAre123(body: String) { #expect(code(Array(body.utf8)) == "123") }

    @Test(arguments: ["env", "timeout", "specVersion", "purpose", "bio"])
    func renamedTopLevelKeysAre123(key: String) {
        // The toolkit's SBI1094–1100: a key renamed to keyXXX.
        let body = regClient { top, _ in
            if let i = top.firstIndex(where: { $0.0 == key }) { top[i].0 = key + "XXX" }
        }
        let fixed = key == "bio" ? Array(String(decoding: regClient(), as: UTF8.self).replacingOccurrences(of: "\"bio\"", with: "\"bioXXX\"").utf8) : body
        #expect(code(fixed, .registrationCapture) == "123")
    }

    @Test(arguments: ["count", "deviceSubId"])
    func renamedBioKeysAre123(key: String) {
        #expect(code(regClient { _, bio in
            if let i = bio.firstIndex(where: { $0.0 == key }) { bio[i].0 = key + "XXX" }
        }, .registrationCapture) == "123")
    }

    @Test func wrongTypesAre123() {
        #expect(code(ctkCapture { _, bio in bio[1] = ("count", "one") }) == "123")
        #expect(code(ctkCapture { _, bio in bio[2] = ("requestedScore", "101") }) == "123")
        #expect(code(ctkCapture { _, bio in bio[5] = ("previousHash", "xyz") }) == "123")
        #expect(code(ctkCapture { _, bio in bio[6] = ("bioSubType", "UNKNOWN") }) == "123")
        #expect(code(ctkCapture { top, _ in top[3] = ("timeout", "-5") }) == "123")
        #expect(code(ctkCapture { top, _ in top[2] = ("specVersion", "1.0.0") }) == "123")
    }

    @Test func oversizedBodyIs123() {
        #expect(validator.validate([], bodyTooLarge: true, method: .capture, status: { _ in .ready }).failure?.code == "123")
    }

    // MARK: - the rest of the order

    @Test func environmentAndPurpose() {
        #expect(code(ctkCapture { top, _ in top[0] = ("env", "Nowhere") }) == "115")
        #expect(code(ctkCapture { top, _ in top[0] = ("env", "") }) == "115")
        #expect(code(regClient { top, _ in top[0] = ("env", "qa-profile") }, .registrationCapture) == "0")
        #expect(code(ctkCapture { top, _ in top[1] = ("purpose", "Registration") }) == "121")
        #expect(code(regClient { top, _ in top[1] = ("purpose", "Auth") }, .registrationCapture) == "121")
    }

    @Test func devicesAndTypes() {
        #expect(code(ctkCapture { _, bio in bio[3] = ("deviceId", "") }) == "804")
        #expect(code(regClient(deviceId: ""), .registrationCapture) == "704")
        #expect(code(ctkCapture { _, bio in bio[0] = ("type", "FIR") }) == "114")
        #expect(code(ctkCapture { _, bio in bio[3] = ("deviceId", "99") }) == "805")
        #expect(code(regClient(deviceId: "99"), .registrationCapture) == "705")
        #expect(code(ctkCapture { _, bio in bio[0] = ("type", "Iris") }) == "120")
        #expect(code(ctkCapture { _, bio in bio[3] = ("deviceId", "1") }) == "806")  // a Registration slap via CAPTURE
        #expect(code(regClient(deviceId: "4", subId: "0", count: "1"), .registrationCapture) == "706")
    }

    @Test func statuses() {
        #expect(code(ctkCapture(), status: .notRegistered) == "100")
        #expect(code(ctkCapture(), status: .notReady) == "110")
        #expect(code(ctkCapture(), status: .busy) == "111")
        #expect(code(regClient(), .registrationCapture, status: .busy) == "703")
    }

    @Test(arguments: ["abc", String(repeating: "a", count: 51), "SBI 1018", "SBI_1018", "tx/1"])
    func transactionIdRuleIs112(id: String) {
        #expect(code(ctkCapture { top, _ in top[5] = ("transactionId", .string(id)) }) == "112")
    }

    @Test func bioSubTypes() {
        #expect(code(ctkCapture { _, bio in bio[6] = ("bioSubType", ["LF_INDEX"]) }) == "122")
        #expect(code(ctkCapture { _, bio in bio[6] = ("bioSubType", []) }) == "122")
        #expect(code(ctkCapture { _, bio in bio[1] = ("count", "2"); bio[6] = ("bioSubType", ["Left Thumb", "Left Thumb"]) }) == "122")
        #expect(code(regClient(exception: ["Right Thumb"]), .registrationCapture) == "122")  // not in the left slot
        #expect(code(regClient(exception: ["L_IRIS"]), .registrationCapture) == "122")
        #expect(code(regClient { _, bio in bio[2] = ("bioSubType", ["Right IndexFinger"]) }, .registrationCapture) == "122")
    }

    @Test func counts() {
        // CAPTURE: finger 1…10, iris 1…2, face 1 (CTK SBI1030–1032); bioSubType names one per finger.
        #expect(code(ctkCapture { _, bio in bio[1] = ("count", "11"); bio[6] = ("bioSubType", .strings(Array(repeating: "UNKNOWN", count: 11))) }) == "109")
        #expect(code(ctkCapture { _, bio in bio[1] = ("count", "2") }) == "109")
        #expect(code(ctkCapture { _, bio in bio[0] = ("type", "Iris"); bio[3] = ("deviceId", "5"); bio[1] = ("count", "3")
            bio[6] = ("bioSubType", ["UNKNOWN", "UNKNOWN", "UNKNOWN"]) }) == "109")
        #expect(code(ctkCapture { _, bio in bio[0] = ("type", "Face"); bio[3] = ("deviceId", "6"); bio[1] = ("count", "2"); bio.remove(at: 6) }) == "109")
        // RCAPTURE: count + exceptions must fill the slot (SBI1033–1039), all excepted is 109 (SBI1008/1011).
        #expect(code(regClient(count: "5"), .registrationCapture) == "109")
        #expect(code(regClient(subId: "3", count: "3"), .registrationCapture) == "109")
        #expect(code(regClient(subId: "3", count: "0", exception: ["Left Thumb", "Right Thumb"]), .registrationCapture) == "109")
        #expect(code(regClient(deviceId: "2", type: "Iris", subId: "1", count: "2"), .registrationCapture) == "109")
        #expect(code(regClient(deviceId: "2", type: "Iris", subId: "3", count: "3"), .registrationCapture) == "109")
        #expect(code(regClient(deviceId: "2", type: "Iris", subId: "3", count: "0", exception: ["Left", "Right"]), .registrationCapture) == "109")
        #expect(code(regClient(deviceId: "3", type: "Face", subId: "0", count: "2"), .registrationCapture) == "109")
    }

    @Test func unsupportedSubIdIs123() {
        #expect(code(regClient(subId: "4"), .registrationCapture) == "123")
    }
}

extension Result {
    var failure: Failure? {
        if case let .failure(f) = self { return f }
        return nil
    }
}
