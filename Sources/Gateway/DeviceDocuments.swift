public import Foundation
public import JSON
public import MDSModel
import ServiceKit
import Wire

/// Builds the MOSIPDISC and MOSIPDINFO answers (spec §5.1, §5.2) in the shapes MOSIP's clients parse strictly
/// (mosip-clients.md §a.2, §a.3).
public struct DeviceDocuments: Sendable {
    public let configuration: ServiceConfiguration
    public let port: Int
    public let registry: DeviceRegistry
    public let signer: any SigningService

    public init(configuration: ServiceConfiguration, port: Int, registry: DeviceRegistry, signer: any SigningService) {
        self.configuration = configuration
        self.port = port
        self.registry = registry
        self.signer = signer
    }

    /// Ends with `/`: clients append `capture` and `stream` to it (mosip-clients.md §f.13).
    public var callbackId: String { "http://127.0.0.1:\(port)/" }

    /// Discovery `type` values, case-sensitive (the compliance toolkit's SBI1196 sends "FINGER" and expects an error).
    public static func devices(matching type: String, in devices: [DeviceDescriptor]) -> [DeviceDescriptor]? {
        switch type {
        case "Biometric Device": return devices
        case "Finger", "Fingerprint": return devices.filter { $0.type == .finger }
        case "Iris": return devices.filter { $0.type == .iris }
        case "Face": return devices.filter { $0.type == .face }
        default: return nil
        }
    }

    static func statusError(_ status: DeviceStatus) -> MDSError {
        switch status {
        case .ready: .success
        case .busy: .busy
        case .notReady: .notReady
        case .notRegistered: .notRegistered
        }
    }

    // MARK: - MOSIPDISC

    /// The discovery array; every entry has exactly the 11 keys the registration client's strict mapper knows.
    public func discovery(type: String, now: Date = Date()) -> JSON {
        guard let matches = Self.devices(matching: type, in: registry.devices) else {
            return .array([.object(["error": MDSError.invalidDiscoveryType.json])])
        }
        guard !matches.isEmpty else { return .array([.object(["error": MDSError.noDevices.json])]) }
        let dateTime = Timestamp.mds(now)
        return .array(matches.map { device in
            let status = registry.status(of: device.deviceId)
            let registered = status != .notRegistered
            return .object([
                "deviceId": .string(registered ? device.deviceId : ""),
                "deviceStatus": .string(status.rawValue),
                "certification": .string(device.certification.rawValue),
                "serviceVersion": .string(configuration.serviceVersion),
                "callbackId": .string(callbackId),
                // Discovery carries the digital ID unsigned: base64url(JSON) (mosip-clients.md §a.2).
                "digitalId": .string(Base64.urlEncode(device.digitalId(dateTime: dateTime).serialized())),
                "deviceCode": .string(registered ? device.deviceCode : ""),
                "purpose": .string(registered ? device.purpose.rawValue : ""),
                "error": Self.statusError(status).json,
                "specVersion": .strings(SpecVersion.supported),
                "deviceSubId": .strings(device.subIdStrings),
            ])
        })
    }

    // MARK: - MOSIPDINFO

    /// The device info array: `deviceInfo` is a JWS signed by the device key, whose payload holds the digital ID
    /// as a JWS signed by the FTM key (L1) or the device key (L0). A device that is not registered answers with
    /// unsigned base64url documents and error 100 (mosip-clients.md §a.3).
    public func deviceInfo(now: Date = Date()) throws -> JSON {
        let devices = registry.devices
        guard !devices.isEmpty else { return .array([.object(["error": MDSError.deviceNotFound.json])]) }
        let dateTime = Timestamp.mds(now)
        // One reading of each status: the signed payload and the error beside it must tell the same story even if a
        // capture starts while we sign.
        let statuses = Dictionary(uniqueKeysWithValues: devices.map { ($0.deviceId, registry.status(of: $0.deviceId)) })
        let signed = devices.filter { statuses[$0.deviceId] != .notRegistered }

        let digitalIds = try signer.sign(signed.map { device in
            SignRequest.Item(key: device.signsDigitalIdWithFTM ? .ftm(device.deviceId) : .device(device.deviceId),
                             payload: device.digitalId(dateTime: dateTime).serialized())
        })
        let signedDigitalId = Dictionary(uniqueKeysWithValues: zip(signed.map(\.deviceId), digitalIds))
        let infos = try signer.sign(signed.map { device in
            SignRequest.Item(key: .device(device.deviceId),
                             payload: infoPayload(device, status: statuses[device.deviceId] ?? .notReady,
                                                  digitalId: signedDigitalId[device.deviceId]!).serialized())
        })
        let signedInfo = Dictionary(uniqueKeysWithValues: zip(signed.map(\.deviceId), infos))

        return .array(devices.map { device in
            let status = statuses[device.deviceId] ?? .notReady
            let info: String
            if let jws = signedInfo[device.deviceId] {
                info = jws
            } else {
                let unsignedDigitalId = Base64.urlEncode(device.digitalId(dateTime: dateTime).serialized())
                info = Base64.urlEncode(infoPayload(device, status: .notRegistered, digitalId: unsignedDigitalId).serialized())
            }
            return .object(["deviceInfo": .string(info), "error": Self.statusError(status).json])
        })
    }

    /// The payload, members in the order of MOSIP's mock DeviceInfo DTO.
    func infoPayload(_ device: DeviceDescriptor, status: DeviceStatus, digitalId: String) -> JSON {
        let registered = status != .notRegistered
        return .object([
            "specVersion": .strings(SpecVersion.supported),
            "env": .string(registered ? configuration.environment : "None"),
            "digitalId": .string(digitalId),
            "deviceId": .string(registered ? device.deviceId : ""),
            "deviceCode": .string(registered ? device.deviceCode : ""),
            "purpose": .string(registered ? device.purpose.rawValue : ""),
            "serviceVersion": .string(configuration.serviceVersion),
            "deviceStatus": .string(status.rawValue),
            "firmware": .string(device.firmware),
            "certification": .string(device.certification.rawValue),
            "deviceSubId": .strings(device.subIdStrings),
            "callbackId": .string(callbackId),
        ])
    }
}
