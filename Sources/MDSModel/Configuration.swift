public import JSON
import Foundation

/// Everything the stages share, from one place. Defaults need no file; `mds run --config FILE` reads a JSON file
/// with any subset of these keys, and the supervisor hands the resolved configuration to every stage.
public struct ServiceConfiguration: Sendable, Equatable {
    public var devices: [DeviceDescriptor] = DeviceDescriptor.simulatedDefaults
    /// The `env` reported in device info.
    public var environment: String = Environment.developer.rawValue
    public var serviceVersion: String = SpecVersion.current
    /// Gateway bind address: 127.0.0.1 only (spec §5.1: "has to be 127.0.0.1 and not localhost").
    public var host: String = "127.0.0.1"
    public var ports: ClosedRange<Int> = 4501...4600
    /// Browser origins allowed by CORS (none by default: no web page may drive the devices).
    public var allowedOrigins: [String] = []
    public var maxBodyBytes: Int = 256 * 1024
    public var stateDirectory: String = ""
    public var runtimeDirectory: String = ""
    /// Per-stage bus endpoint overrides (`tcp://…`), keyed by stage name.
    public var endpointOverrides: [String: String] = [:]
    public var logLevel: String = "info"
    /// Where the device, FTM and journal keys live (DESIGN.md "Keys and trust").
    public var keys: KeyStoreConfiguration = .default

    public init() {}
}

/// Where the signer keeps the keys that sign for the devices and the journal.
///
/// `pkcs11` (the default): on PKCS#11 tokens, generated there, never extractable; the signer asks the token to sign.
/// The device and journal keys are on one token, the L1 devices' FTM chip keys on a second (DESIGN.md "Keys and
/// trust": the FTM key in its own token). With SoftHSM2's module, a token without a configured `pinFile` that does
/// not exist yet is created under `<state>/hsm` with PINs of its own (`<state>/pki/<label>.pin`, 0600). A token with
/// a `pinFile` (the file holding its user PIN, read and never written), and every token of any other module, must
/// exist already, initialised by the operator. `files`: PKCS#8 PEM files (0600) under `<state>/pki`, the development
/// fallback.
public enum KeyStoreConfiguration: Sendable, Equatable {
    case files
    case pkcs11(module: String, device: Token, ftm: Token)

    /// A PKCS#11 token by label, and the file with its user PIN ("" = the signer's own, for tokens it creates).
    public struct Token: Sendable, Equatable {
        public var label: String
        public var pinFile: String

        public init(label: String, pinFile: String = "") {
            self.label = label
            self.pinFile = pinFile
        }
    }

    /// Debian 12's SoftHSM2 module (package softhsm2).
    public static let softHSMModule = "/usr/lib/softhsm/libsofthsm2.so"
    public static let defaultDeviceToken = "mosip-mds"
    public static let defaultFTMToken = "mosip-mds-ftm"
    public static let `default` = KeyStoreConfiguration.pkcs11(module: softHSMModule, device: Token(label: defaultDeviceToken),
                                                               ftm: Token(label: defaultFTMToken))

    var json: JSON {
        switch self {
        case .files: .object(["store": "files"])
        case let .pkcs11(module, device, ftm):
            .object(["store": "pkcs11", "module": .string(module), "token": .string(device.label), "pinFile": .string(device.pinFile),
                     "ftmToken": .string(ftm.label), "ftmPinFile": .string(ftm.pinFile)])
        }
    }

    init(json: JSON) throws {
        guard let members = json.objectMembers else { throw ConfigurationError("keys must be an object") }
        var fields: [String: String] = [:]
        for (key, value) in members {
            guard ["store", "module", "token", "pinFile", "ftmToken", "ftmPinFile"].contains(key) else {
                throw ConfigurationError("unknown key 'keys.\(key)'")
            }
            guard let text = value.stringValue else { throw ConfigurationError("'keys.\(key)' must be a string") }
            fields[key] = text
        }
        switch fields["store"] {
        case "files":
            guard fields.count == 1 else { throw ConfigurationError("keys.store files takes no other keys") }
            self = .files
        case "pkcs11":
            let chosen = (module: fields["module"] ?? Self.softHSMModule,
                          device: Token(label: fields["token"] ?? Self.defaultDeviceToken, pinFile: fields["pinFile"] ?? ""),
                          ftm: Token(label: fields["ftmToken"] ?? Self.defaultFTMToken, pinFile: fields["ftmPinFile"] ?? ""))
            guard chosen.module.hasPrefix("/") else { throw ConfigurationError("keys.module must be an absolute path") }
            for (key, token) in [("token", chosen.device), ("ftmToken", chosen.ftm)] {
                // CK_TOKEN_INFO.label is 32 bytes, blank-padded; the PIN file name is derived from the label.
                guard !token.label.isEmpty, token.label.utf8.count <= 32, !token.label.contains("/"), token.label.trimmingCharacters(in: .whitespaces) == token.label
                else { throw ConfigurationError("keys.\(key) must be a PKCS#11 token label: 1…32 bytes, no '/', no leading or trailing blanks") }
            }
            guard chosen.device.label != chosen.ftm.label else {
                throw ConfigurationError("keys.ftmToken must differ from keys.token (the FTM keys have a token of their own)")
            }
            self = .pkcs11(module: chosen.module, device: chosen.device, ftm: chosen.ftm)
        default:
            throw ConfigurationError("keys.store must be pkcs11 or files")
        }
    }
}

public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "configuration: \(message)" }
}

extension ServiceConfiguration {
    public init(json: JSON) throws {
        self.init()
        guard let members = json.objectMembers else { throw ConfigurationError("top level must be an object") }
        for (key, value) in members {
            switch key {
            case "environment": environment = try Self.string(value, key)
            case "serviceVersion": serviceVersion = try Self.string(value, key)
            case "host": host = try Self.string(value, key)
            case "ports":
                let parts = try Self.string(value, key).split(separator: "-")
                guard let lo = parts.first.flatMap({ Int($0) }), let hi = parts.last.flatMap({ Int($0) }), lo <= hi
                else { throw ConfigurationError("ports must look like 4501-4600") }
                ports = lo...hi
            case "allowedOrigins": allowedOrigins = try Self.strings(value, key)
            case "maxBodyBytes": maxBodyBytes = try Self.int(value, key)
            case "stateDirectory": stateDirectory = try Self.string(value, key)
            case "runtimeDirectory": runtimeDirectory = try Self.string(value, key)
            case "logLevel": logLevel = try Self.string(value, key)
            case "keys": keys = try KeyStoreConfiguration(json: value)
            case "endpoints":
                guard let m = value.objectMembers else { throw ConfigurationError("endpoints must be an object") }
                endpointOverrides = Dictionary(try m.map { ($0.0, try Self.string($0.1, "endpoints.\($0.0)")) }, uniquingKeysWith: { $1 })
            case "devices":
                guard let items = value.arrayValue else { throw ConfigurationError("devices must be an array") }
                devices = try items.map(Self.device)
            default:
                throw ConfigurationError("unknown key '\(key)'")
            }
        }
        guard host == "127.0.0.1" else { throw ConfigurationError("host must be 127.0.0.1 (MDS spec §5.1)") }
        guard ports.lowerBound >= 1024, ports.upperBound <= 65535 else { throw ConfigurationError("ports out of range") }
        let ids = devices.map(\.deviceId)
        guard Set(ids).count == ids.count else { throw ConfigurationError("duplicate deviceId") }
    }

    public var json: JSON {
        .object([
            "environment": .string(environment),
            "serviceVersion": .string(serviceVersion),
            "host": .string(host),
            "ports": .string("\(ports.lowerBound)-\(ports.upperBound)"),
            "allowedOrigins": .strings(allowedOrigins),
            "maxBodyBytes": .number(String(maxBodyBytes)),
            "stateDirectory": .string(stateDirectory),
            "runtimeDirectory": .string(runtimeDirectory),
            "logLevel": .string(logLevel),
            "keys": keys.json,
            "endpoints": .object(endpointOverrides.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }),
            "devices": .array(devices.map(Self.deviceJSON)),
        ])
    }

    private static func deviceJSON(_ d: DeviceDescriptor) -> JSON {
        .object([
            "deviceId": .string(d.deviceId), "purpose": .string(d.purpose.rawValue), "type": .string(d.type.rawValue),
            "deviceSubType": .string(d.deviceSubType), "subIds": .array(d.subIds.map { .number(String($0)) }),
            "certification": .string(d.certification.rawValue), "deviceCode": .string(d.deviceCode),
            "serialNo": .string(d.serialNo), "make": .string(d.make), "model": .string(d.model),
            "firmware": .string(d.firmware), "deviceProvider": .string(d.deviceProvider),
            "deviceProviderId": .string(d.deviceProviderId), "registered": .bool(d.registered),
            "presentation": .string(d.presentation),
        ])
    }

    private static func device(_ value: JSON) throws -> DeviceDescriptor {
        func s(_ k: String) throws -> String {
            guard let v = value[k] else { throw ConfigurationError("device missing '\(k)'") }
            return try string(v, "devices[].\(k)")
        }
        guard let purpose = Purpose(rawValue: try s("purpose")) else { throw ConfigurationError("device purpose must be Auth or Registration") }
        guard let type = BiometricType(rawValue: try s("type")) else { throw ConfigurationError("device type must be Finger, Iris or Face") }
        guard let cert = Certification(rawValue: try s("certification")) else { throw ConfigurationError("certification must be L0 or L1") }
        guard let subs = value["subIds"]?.arrayValue else { throw ConfigurationError("device missing 'subIds'") }
        let subIds = try subs.map { v -> Int in
            guard let t = v.scalarText, let i = Int(t), (0...3).contains(i) else { throw ConfigurationError("subIds are 0…3") }
            return i
        }
        var registered = true
        if let r = value["registered"] {
            guard case let .bool(b) = r else { throw ConfigurationError("registered must be a boolean") }
            registered = b
        }
        var device = DeviceDescriptor(
            deviceId: try s("deviceId"), purpose: purpose, type: type, deviceSubType: try s("deviceSubType"), subIds: subIds,
            certification: cert, deviceCode: try s("deviceCode"), serialNo: try s("serialNo"), make: try s("make"),
            model: try s("model"), firmware: try s("firmware"), deviceProvider: try s("deviceProvider"),
            deviceProviderId: try s("deviceProviderId"), registered: registered)
        if let p = value["presentation"] {
            guard let text = p.stringValue, DeviceDescriptor.presentations.contains(text) else {
                throw ConfigurationError("presentation must be one of \(DeviceDescriptor.presentations.joined(separator: ", "))")
            }
            device.presentation = text
        }
        return device
    }

    private static func string(_ v: JSON, _ key: String) throws -> String {
        guard let s = v.stringValue else { throw ConfigurationError("'\(key)' must be a string") }
        return s
    }

    private static func strings(_ v: JSON, _ key: String) throws -> [String] {
        guard let a = v.arrayValue else { throw ConfigurationError("'\(key)' must be an array of strings") }
        return try a.map { try string($0, key) }
    }

    private static func int(_ v: JSON, _ key: String) throws -> Int {
        guard case let .number(n) = v, let i = Int(n) else { throw ConfigurationError("'\(key)' must be an integer") }
        return i
    }
}
