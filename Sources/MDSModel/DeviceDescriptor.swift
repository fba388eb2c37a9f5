public import JSON

/// One biometric device this service exposes: its identity (the digital ID fields), how MOSIP knows it
/// (deviceId, deviceCode, purpose, certification) and what it can capture (deviceSubIds).
public struct DeviceDescriptor: Sendable, Equatable {
    public var deviceId: String
    public var purpose: Purpose
    public var type: BiometricType
    /// `Slap`, `Single`, `Double`, `Full face` (spec §4 "Accepted Values").
    public var deviceSubType: String
    public var subIds: [Int]
    public var certification: Certification
    public var deviceCode: String
    public var serialNo: String
    public var make: String
    public var model: String
    public var firmware: String
    public var deviceProvider: String
    public var deviceProviderId: String
    /// False models a device whose registration with MOSIP is missing: it answers with status `Not Registered`.
    public var registered: Bool
    /// For the simulator driver: how the subject presents by default (good, dry, wet, smudged, moving, partial,
    /// none); a capture's `customOpts.presentation` overrides it.
    public var presentation: String = "good"
    /// The presentations a simulated device understands (`Simulation.Presentation.Condition`, which this pure module
    /// cannot import; a stage test keeps the two lists equal).
    public static let presentations = ["good", "dry", "wet", "smudged", "moving", "partial", "none"]

    public init(deviceId: String, purpose: Purpose, type: BiometricType, deviceSubType: String, subIds: [Int],
                certification: Certification, deviceCode: String, serialNo: String, make: String, model: String,
                firmware: String, deviceProvider: String, deviceProviderId: String, registered: Bool = true)
    {
        self.deviceId = deviceId
        self.purpose = purpose
        self.type = type
        self.deviceSubType = deviceSubType
        self.subIds = subIds
        self.certification = certification
        self.deviceCode = deviceCode
        self.serialNo = serialNo
        self.make = make
        self.model = model
        self.firmware = firmware
        self.deviceProvider = deviceProvider
        self.deviceProviderId = deviceProviderId
        self.registered = registered
    }

    /// Whether the FTM key (L1) or the device key (L0, Registration) signs the digital ID (spec §4, "Digital Id").
    public var signsDigitalIdWithFTM: Bool { certification == .l1 }

    /// The simulated devices a fresh install exposes (issue 2): Registration devices certified L0, Auth devices L1.
    public static let simulatedDefaults: [DeviceDescriptor] = [
        .init(deviceId: "1", purpose: .registration, type: .finger, deviceSubType: "Slap", subIds: [1, 2, 3],
              certification: .l0, deviceCode: "6f1b2c3d-0001-4a5b-9c7d-5e1f00000001", serialNo: "SIMSLAP000000001",
              make: "MOSIP-SIM", model: "SLAP-4X", firmware: "SIM.SLAP.1.0.0", deviceProvider: "MDS Swift Simulator",
              deviceProviderId: "MDS.SWIFT.SIM"),
        .init(deviceId: "2", purpose: .registration, type: .iris, deviceSubType: "Double", subIds: [1, 2, 3],
              certification: .l0, deviceCode: "6f1b2c3d-0002-4a5b-9c7d-5e1f00000002", serialNo: "SIMIRIS000000002",
              make: "MOSIP-SIM", model: "IRIS-DUAL", firmware: "SIM.IRIS.1.0.0", deviceProvider: "MDS Swift Simulator",
              deviceProviderId: "MDS.SWIFT.SIM"),
        .init(deviceId: "3", purpose: .registration, type: .face, deviceSubType: "Full face", subIds: [0],
              certification: .l0, deviceCode: "6f1b2c3d-0003-4a5b-9c7d-5e1f00000003", serialNo: "SIMFACE000000003",
              make: "MOSIP-SIM", model: "FACE-CAM", firmware: "SIM.FACE.1.0.0", deviceProvider: "MDS Swift Simulator",
              deviceProviderId: "MDS.SWIFT.SIM"),
        .init(deviceId: "4", purpose: .auth, type: .finger, deviceSubType: "Single", subIds: [0],
              certification: .l1, deviceCode: "6f1b2c3d-0004-4a5b-9c7d-5e1f00000004", serialNo: "SIMFING000000004",
              make: "MOSIP-SIM", model: "FINGER-1", firmware: "SIM.FINGER.1.0.0", deviceProvider: "MDS Swift Simulator",
              deviceProviderId: "MDS.SWIFT.SIM"),
        .init(deviceId: "5", purpose: .auth, type: .iris, deviceSubType: "Double", subIds: [0],
              certification: .l1, deviceCode: "6f1b2c3d-0005-4a5b-9c7d-5e1f00000005", serialNo: "SIMIRIS000000005",
              make: "MOSIP-SIM", model: "IRIS-AUTH", firmware: "SIM.IRIS.1.0.0", deviceProvider: "MDS Swift Simulator",
              deviceProviderId: "MDS.SWIFT.SIM"),
        .init(deviceId: "6", purpose: .auth, type: .face, deviceSubType: "Full face", subIds: [0],
              certification: .l1, deviceCode: "6f1b2c3d-0006-4a5b-9c7d-5e1f00000006", serialNo: "SIMFACE000000006",
              make: "MOSIP-SIM", model: "FACE-AUTH", firmware: "SIM.FACE.1.0.0", deviceProvider: "MDS Swift Simulator",
              deviceProviderId: "MDS.SWIFT.SIM"),
    ]
}

extension DeviceDescriptor {
    /// The digital ID payload (spec §4 "Digital Id"; field order as MOSIP's mock DTO, mosip-clients.md §a.2).
    /// `type` is the single string `Finger`/`Iris`/`Face` every client expects, not the spec's array.
    public func digitalId(dateTime: String) -> JSON {
        .object([
            "serialNo": .string(serialNo),
            "make": .string(make),
            "model": .string(model),
            "type": .string(type.rawValue),
            "deviceSubType": .string(deviceSubType),
            "deviceProviderId": .string(deviceProviderId),
            "deviceProvider": .string(deviceProvider),
            "dateTime": .string(dateTime),
        ])
    }

    /// deviceSubId as the string array MOSIP's mock and compliance toolkit use (`["1","2","3"]`, `["0"]`).
    public var subIdStrings: [String] { subIds.map(String.init) }
}
