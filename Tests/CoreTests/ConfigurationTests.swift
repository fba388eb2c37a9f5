import JSON
import MDSModel
import Testing

/// The configuration every stage receives from the supervisor as JSON: it must survive the round trip exactly, and
/// refuse what the spec or the clients forbid.
@Suite struct ConfigurationTests {
    func parse(_ text: String) throws -> ServiceConfiguration {
        try ServiceConfiguration(json: try JSON(parsing: Array(text.utf8)))
    }

    /// The default configuration's JSON with `edit` applied to its first device.
    func withFirstDevice(_ edit: (inout [(String, JSON)]) -> Void) throws -> JSON {
        var top = try #require(ServiceConfiguration().json.objectMembers)
        let devicesIndex = try #require(top.firstIndex { $0.0 == "devices" })
        var devices = try #require(top[devicesIndex].1.arrayValue)
        var first = try #require(devices[0].objectMembers)
        edit(&first)
        devices[0] = .object(first)
        top[devicesIndex].1 = .array(devices)
        return .object(top)
    }

    @Test func theResolvedConfigurationSurvivesItsJSON() throws {
        var configuration = ServiceConfiguration()
        configuration.allowedOrigins = ["https://enrol.example"]
        configuration.endpointOverrides = ["journal": "tcp://127.0.0.1:7001"]
        configuration.devices[0].registered = false
        configuration.devices[1].presentation = "dry"
        let text = configuration.json.serialized()
        #expect(try ServiceConfiguration(json: try JSON(parsing: text)) == configuration)
        #expect(try parse("{}") == ServiceConfiguration())  // every key optional
        #expect(ServiceConfiguration().keys == .pkcs11(module: "/usr/lib/softhsm/libsofthsm2.so", device: .init(label: "mosip-mds"),
                                                       ftm: .init(label: "mosip-mds-ftm")))
        for keys in [KeyStoreConfiguration.files,
                     .pkcs11(module: "/opt/hsm/lib.so", device: .init(label: "line-7", pinFile: "/run/credentials/pin"),
                             ftm: .init(label: "line-7 ftm", pinFile: "/run/credentials/ftm-pin"))] {
            configuration.keys = keys
            #expect(try ServiceConfiguration(json: try JSON(parsing: configuration.json.serialized())) == configuration)
        }
        #expect(try parse(#"{"keys":{"store":"pkcs11"}}"#).keys == .default)
        #expect(try parse(#"{"keys":{"store":"files"}}"#).keys == .files)
    }

    @Test(arguments: [
        (#"{"host":"localhost"}"#, "127.0.0.1"),  // spec §5.1: 127.0.0.1, not localhost
        (#"{"host":"0.0.0.0"}"#, "127.0.0.1"),
        (#"{"ports":"80-90"}"#, "ports"),
        (#"{"ports":"4600-4501"}"#, "ports"),
        (#"{"colour":"blue"}"#, "unknown key"),
        (#"{"maxBodyBytes":"big"}"#, "maxBodyBytes"),
        (#"[]"#, "object"),
        (#"{"keys":"softhsm"}"#, "keys must be an object"),
        (#"{"keys":{"store":"tpm"}}"#, "pkcs11 or files"),
        (#"{"keys":{}}"#, "pkcs11 or files"),
        (#"{"keys":{"store":"files","token":"x"}}"#, "no other keys"),
        (#"{"keys":{"store":"pkcs11","module":"libsofthsm2.so"}}"#, "absolute path"),
        (#"{"keys":{"store":"pkcs11","token":""}}"#, "1…32 bytes"),
        (#"{"keys":{"store":"pkcs11","token":"a-label-longer-than-thirty-two-bytes"}}"#, "1…32 bytes"),
        (#"{"keys":{"store":"pkcs11","ftmToken":"../pins"}}"#, "keys.ftmToken must be a PKCS#11 token label"),
        (#"{"keys":{"store":"pkcs11","token":" padded"}}"#, "keys.token must be a PKCS#11 token label"),
        (#"{"keys":{"store":"pkcs11","token":"one","ftmToken":"one"}}"#, "must differ"),
        (#"{"keys":{"store":"pkcs11","pin":"1234"}}"#, "unknown key 'keys.pin'"),
        (#"{"keys":{"store":"pkcs11","token":7}}"#, "'keys.token' must be a string"),
    ])
    func topLevelMistakesAreRefusedByName(text: String, mention: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try parse(text) }
        #expect(error?.message.contains(mention) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        ("certification", JSON.string("L2"), "L0 or L1"),  // mosip-clients.md §f.18: CTK accepts only L0/L1
        ("purpose", .string("Enrolment"), "Auth or Registration"),
        ("type", .string("Fingerprint"), "Finger, Iris or Face"),  // §f.5: the real name is Finger
        ("subIds", .array([.number("4")]), "0…3"),
        ("registered", .string("yes"), "boolean"),
        ("presentation", .string("sweaty"), "presentation"),
        ("deviceCode", .number("7"), "string"),
    ])
    func deviceMistakesAreRefused(key: String, value: JSON, mention: String) throws {
        let json = try withFirstDevice { members in
            if let i = members.firstIndex(where: { $0.0 == key }) { members[i].1 = value } else { members.append((key, value)) }
        }
        let error = #expect(throws: ConfigurationError.self) { try ServiceConfiguration(json: json) }
        #expect(error?.message.contains(mention) == true, "\(String(describing: error))")
    }

    @Test func aMissingDeviceFieldAndDuplicateDeviceIdsAreRefused() throws {
        let missing = try withFirstDevice { $0.removeAll { $0.0 == "serialNo" } }
        #expect(throws: ConfigurationError.self) { try ServiceConfiguration(json: missing) }
        var twice = ServiceConfiguration()
        twice.devices[1].deviceId = twice.devices[0].deviceId
        let error = #expect(throws: ConfigurationError.self) { try ServiceConfiguration(json: twice.json) }
        #expect(error?.message.contains("duplicate deviceId") == true)
    }
}
