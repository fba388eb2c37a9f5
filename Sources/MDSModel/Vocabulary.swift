/// The values MOSIP's clients send and check. Where the 0.9.5 spec text and the real clients disagree, the clients
/// win (mosip-clients.md §f): `Finger`/`Iris`/`Face`, not `FIR`/`IIR`.
public import JSON

public enum Purpose: String, Sendable, CaseIterable {
    case auth = "Auth"
    case registration = "Registration"
}

public enum BiometricType: String, Sendable, CaseIterable {
    case finger = "Finger"
    case iris = "Iris"
    case face = "Face"
}

public enum DeviceStatus: String, Sendable, CaseIterable {
    case ready = "Ready"
    case busy = "Busy"
    case notReady = "Not Ready"
    case notRegistered = "Not Registered"
}

/// L0: keys in software. L1: a separate FTM key signs the digital ID (spec §4).
public enum Certification: String, Sendable, CaseIterable {
    case l0 = "L0"
    case l1 = "L1"
}

/// The four environments MOSIP's compliance toolkit accepts for `env` (CTK schema; spec §5.3).
public enum Environment: String, Sendable, CaseIterable {
    case staging = "Staging"
    case developer = "Developer"
    case preProduction = "Pre-Production"
    case production = "Production"
}

/// The MDS spec versions this service speaks.
public enum SpecVersion {
    public static let current = "0.9.5"
    public static let supported = ["0.9.5"]
}

/// An MDS error: a code and a human-readable text, serialised as `{"errorCode":…,"errorInfo":…}` (camelCase, as
/// every client reads it — mosip-clients.md §a.1; the spec's lowercase `errorcode` breaks the registration client).
public struct MDSError: Sendable, Equatable, Error, CustomStringConvertible {
    public let code: String
    public let info: String

    public init(code: String, info: String) {
        self.code = code
        self.info = info
    }

    /// The same code with extra detail appended, as the mock does (message + " " + detail).
    public func detail(_ text: String) -> MDSError {
        MDSError(code: code, info: text.isEmpty ? info : "\(info) \(text)")
    }

    public var description: String { "\(code) \(info)" }

    // Spec §10 and the later revisions (110–112, 2023); discovery/info codes from mosip-clients.md §d.
    public static let success = MDSError(code: "0", info: "Success")
    public static let notRegistered = MDSError(code: "100", info: "Device not registered")
    public static let noBiometricObject = MDSError(code: "101", info: "Unable to detect a biometric object")
    public static let deviceNotFound = MDSError(code: "106", info: "Device not found")
    public static let unsupportedCount = MDSError(code: "109", info: "Requested number of biometric (Finger/IRIS) not supported")
    public static let notReady = MDSError(code: "110", info: "Device not ready")
    public static let busy = MDSError(code: "111", info: "Device busy")
    public static let invalidTransactionId = MDSError(code: "112", info: "Invalid transaction id")
    public static let invalidRequest = MDSError(code: "123", info: "Invalid request")
    public static let invalidURL = MDSError(code: "500", info: "Invalid URL")
    public static let invalidDiscoveryType = MDSError(code: "502", info: "Invalid type value in discovery request")
    public static let noDevices = MDSError(code: "503", info: "No devices found")
}

extension MDSError {
    public var json: JSON { .object(["errorCode": .string(code), "errorInfo": .string(info)]) }
}
