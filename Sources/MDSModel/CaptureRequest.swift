import JSON
public import Wire

/// Which capture method a request came in on.
public enum CaptureMethod: String, Sendable {
    /// `CAPTURE`: Auth devices; bioValue encrypted for the MOSIP domain (spec §5.3).
    case capture = "CAPTURE"
    /// `RCAPTURE`: Registration devices; bioValue is the plain ISO record, signed (spec §5.5).
    case registrationCapture = "RCAPTURE"
}

/// A validated capture request: everything the pipeline needs, nothing it must re-check.
public struct CapturePlan: Sendable, Equatable {
    public var method: CaptureMethod
    public var device: DeviceDescriptor
    public var subId: Int
    public var env: String
    public var specVersion: String
    public var transactionId: String
    public var domainUri: String
    public var timeoutMillis: Int
    public var requestedScore: Double
    /// SHA-256("") when the request's previousHash was null or empty (mosip-clients.md §c).
    public var previousHash: [UInt8]
    public var segments: [SegmentSpec]
    /// customOpts string values, passed to the sensor driver (the simulator reads `presentation` and `subject`).
    public var options: [(String, String)]
    /// RCAPTURE of a face with exceptions: an exception photo.
    public var isExceptionPhoto: Bool

    public static func == (a: CapturePlan, b: CapturePlan) -> Bool {
        a.method == b.method && a.device == b.device && a.subId == b.subId && a.env == b.env && a.specVersion == b.specVersion
            && a.transactionId == b.transactionId && a.domainUri == b.domainUri && a.timeoutMillis == b.timeoutMillis
            && a.requestedScore == b.requestedScore && a.previousHash == b.previousHash && a.segments == b.segments
            && a.options.elementsEqual(b.options, by: ==) && a.isExceptionPhoto == b.isExceptionPhoto
    }
}

/// The capture error codes of mosip-clients.md §d, per method.
public enum CaptureErrors {
    public static func deviceIdMissing(_ m: CaptureMethod) -> MDSError { m == .capture ? .init(code: "804", info: "Device id missing") : .init(code: "704", info: "Device id missing") }
    public static func unknownDevice(_ m: CaptureMethod) -> MDSError { m == .capture ? .init(code: "805", info: "Device not found") : .init(code: "705", info: "Device not found") }
    public static func wrongPurpose(_ m: CaptureMethod) -> MDSError {
        m == .capture ? .init(code: "806", info: "Device not registered for Auth") : .init(code: "706", info: "Device not registered for Registration")
    }
    public static func busy(_ m: CaptureMethod) -> MDSError { m == .capture ? .busy : .init(code: "703", info: "Device busy: a capture is running") }
    public static func timeout(_ m: CaptureMethod) -> MDSError {
        m == .capture ? .init(code: "801", info: "Capture timeout: no biometric detected") : .init(code: "701", info: "Capture timeout: no biometric detected")
    }
    public static func internalError(_ m: CaptureMethod) -> MDSError {
        m == .capture ? .init(code: "810", info: "Device service internal error") : .init(code: "710", info: "Device service internal error")
    }
    public static let invalidEnvironment = MDSError(code: "115", info: "Invalid environment")
    public static let invalidType = MDSError(code: "114", info: "Invalid biometric type")
    public static let typeMismatch = MDSError(code: "120", info: "Biometric type does not match the device")
    public static let invalidPurpose = MDSError(code: "121", info: "Invalid purpose")
    public static let invalidBioSubType = MDSError(code: "122", info: "Invalid bioSubType or exception")
}

/// Parses and validates a CAPTURE or RCAPTURE body, in the order MOSIP's mock checks (mosip-clients.md §d), so a
/// request with several faults gets the same first code from us as from the reference service.
public struct CaptureRequestValidator: Sendable {
    public let devices: [DeviceDescriptor]
    public let maxTimeoutMillis: Int

    public init(devices: [DeviceDescriptor], maxTimeoutMillis: Int = 300_000) {
        self.devices = devices
        self.maxTimeoutMillis = maxTimeoutMillis
    }

    static let topLevelKeys: Set<String> = ["env", "purpose", "specVersion", "timeout", "captureTime", "domainUri", "transactionId",
                                            "registrationId", "bio", "customOpts"]
    static let bioKeys: Set<String> = ["type", "count", "bioSubType", "exception", "requestedScore", "deviceId", "deviceSubId",
                                       "previousHash"]

    /// - Parameter status: the device's current status (checked after the request's own shape).
    public func validate(_ body: [UInt8], bodyTooLarge: Bool = false, method: CaptureMethod,
                         status: (String) -> DeviceStatus) -> Result<CapturePlan, MDSError> {
        let invalid = MDSError.invalidRequest
        guard !bodyTooLarge else { return .failure(invalid.detail("Request body too large")) }
        guard let json = try? JSON(parsing: body, limits: JSONLimits(maxBytes: 256 * 1024, maxDepth: 8, maxContainerItems: 64)),
              let members = json.objectMembers
        else { return .failure(invalid.detail("Request is not a JSON object")) }
        // A renamed or unknown key (the compliance toolkit's `envXXX`, `bioXXX`…) is a malformed request.
        if let unknown = members.map(\.0).first(where: { !Self.topLevelKeys.contains($0) }) {
            return .failure(invalid.detail("Unknown key \(unknown)"))
        }
        guard let bio = json["bio"]?.arrayValue, let entry = bio.first, let bioMembers = entry.objectMembers else {
            return .failure(invalid.detail("bio must be a non-empty array"))
        }
        guard bio.count == 1 else { return .failure(invalid.detail("One bio entry per request")) }
        if let unknown = bioMembers.map(\.0).first(where: { !Self.bioKeys.contains($0) }) {
            return .failure(invalid.detail("Unknown key bio.\(unknown)"))
        }

        // Mandatory scalars, as strings or numbers (mosip-clients.md §f.16).
        guard let specVersion = json["specVersion"]?.stringValue, !specVersion.isEmpty else {
            return .failure(invalid.detail("specVersion missing"))
        }
        guard SpecVersion.supported.contains(specVersion) else { return .failure(invalid.detail("Unsupported specVersion")) }
        guard let timeoutText = json["timeout"]?.scalarText, let timeout = Int(timeoutText), timeout > 0 else {
            return .failure(invalid.detail("timeout must be a positive number of milliseconds"))
        }
        guard let transactionId = (json["transactionId"] ?? json["registrationId"])?.scalarText else {
            return .failure(invalid.detail("transactionId missing"))
        }
        if let time = json["captureTime"], !time.isNull, time.stringValue == nil {
            return .failure(invalid.detail("captureTime must be a string"))
        }
        var domainUri = ""
        if let d = json["domainUri"], !d.isNull {
            guard let s = d.stringValue else { return .failure(invalid.detail("domainUri must be a string")) }
            domainUri = s
        }
        var options: [(String, String)] = []
        if let opts = json["customOpts"], !opts.isNull {
            guard let m = opts.objectMembers, m.count <= 50 else { return .failure(invalid.detail("customOpts must be an object of at most 50 pairs")) }
            options = m.compactMap { k, v in v.scalarText.map { (k, $0) } }
        }
        guard let countText = entry["count"]?.scalarText, let count = Int(countText) else {
            return .failure(invalid.detail("bio.count must be an integer"))
        }
        guard let scoreText = entry["requestedScore"]?.scalarText, let requestedScore = Double(scoreText),
              (0...100).contains(requestedScore)
        else { return .failure(invalid.detail("bio.requestedScore must be a number from 0 to 100")) }
        guard let subIdText = entry["deviceSubId"]?.scalarText, let subId = Int(subIdText) else {
            return .failure(invalid.detail("bio.deviceSubId must be an integer"))
        }
        let previousHash: [UInt8]
        switch entry["previousHash"] {
        case nil, .null?: previousHash = Self.emptyHash
        case let .string(s)? where s.isEmpty: previousHash = Self.emptyHash
        case let .string(s)?:
            guard let bytes = Hex.decode(s), bytes.count == 32 else { return .failure(invalid.detail("bio.previousHash must be 64 hex digits")) }
            previousHash = bytes
        default: return .failure(invalid.detail("bio.previousHash must be a string"))
        }
        guard let subTypes = Self.stringList(entry["bioSubType"]), let exceptions = Self.stringList(entry["exception"]) else {
            return .failure(invalid.detail("bio.bioSubType and bio.exception must be arrays of strings"))
        }

        // env (115) and purpose (121). The registration client sends its server profile as env, so RCAPTURE accepts
        // any non-empty value; CAPTURE, whose env IDA checks, takes the four MOSIP environments.
        guard let env = json["env"]?.stringValue, !env.isEmpty else { return .failure(CaptureErrors.invalidEnvironment) }
        if method == .capture, Environment(rawValue: env) == nil { return .failure(CaptureErrors.invalidEnvironment) }
        let expectedPurpose = method == .capture ? Purpose.auth : .registration
        if let p = json["purpose"], !p.isNull, p.stringValue != expectedPurpose.rawValue { return .failure(CaptureErrors.invalidPurpose) }

        // The device: 804/704, 114, 805/705, 120, 806/706, then its status.
        guard let deviceId = entry["deviceId"]?.scalarText, !deviceId.isEmpty else { return .failure(CaptureErrors.deviceIdMissing(method)) }
        guard let typeName = entry["type"]?.stringValue, let type = BiometricType(rawValue: typeName) else {
            return .failure(CaptureErrors.invalidType)
        }
        guard let device = devices.first(where: { $0.deviceId == deviceId }) else { return .failure(CaptureErrors.unknownDevice(method)) }
        guard device.type == type else { return .failure(CaptureErrors.typeMismatch) }
        guard device.purpose == expectedPurpose else { return .failure(CaptureErrors.wrongPurpose(method)) }
        switch status(deviceId) {
        case .notRegistered: return .failure(.notRegistered)
        case .notReady: return .failure(.notReady)
        case .busy: return .failure(CaptureErrors.busy(method))
        case .ready: break
        }
        // The transaction id rule of the 2023 revision (112): 4…50 characters of [A-Za-z0-9-].
        guard (4...50).contains(transactionId.count),
              transactionId.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else { return .failure(.invalidTransactionId) }
        guard device.subIds.contains(subId) else { return .failure(invalid.detail("deviceSubId \(subId) not supported by device \(deviceId)")) }

        let segments: [SegmentSpec]
        switch Self.segments(method: method, device: device, subId: subId, count: count, subTypes: subTypes, exceptions: exceptions) {
        case let .success(s): segments = s
        case let .failure(e): return .failure(e)
        }
        return .success(CapturePlan(
            method: method, device: device, subId: subId, env: env, specVersion: specVersion, transactionId: transactionId,
            domainUri: domainUri, timeoutMillis: min(timeout, maxTimeoutMillis), requestedScore: requestedScore,
            previousHash: previousHash, segments: segments, options: options,
            isExceptionPhoto: method == .registrationCapture && type == .face && !exceptions.isEmpty))
    }

    /// The segments to capture: bioSubType names (122) and counts (109) per device kind and slot.
    static func segments(method: CaptureMethod, device: DeviceDescriptor, subId: Int, count: Int, subTypes: [String],
                         exceptions: [String]) -> Result<[SegmentSpec], MDSError> {
        let fingerNames = Set(BioSubType.fingers.map(\.name) + [BioSubType.unknown])
        let eyeNames = Set(BioSubType.eyes.map(\.name) + [BioSubType.unknown])

        switch device.type {
        case .face:
            // Face: always one; bioSubType is not used (the compliance toolkit sends [] or omits it).
            guard count == 1 else { return .failure(.unsupportedCount) }
            return .success(SegmentSpec.segments([""], of: .face))

        case .finger where method == .capture, .iris where method == .capture:
            let names = device.type == .finger ? fingerNames : eyeNames
            let limit = device.type == .finger ? 10 : 2
            guard !subTypes.isEmpty, subTypes.allSatisfy(names.contains) else { return .failure(CaptureErrors.invalidBioSubType) }
            let named = subTypes.filter { $0 != BioSubType.unknown }
            guard Set(named).count == named.count else { return .failure(CaptureErrors.invalidBioSubType) }
            guard (1...limit).contains(count), subTypes.count == count else { return .failure(.unsupportedCount) }
            return .success(SegmentSpec.segments(subTypes, of: device.type))

        case .finger, .iris:
            // RCAPTURE: the slot decides the segments; exceptions remove some; bioSubType, when sent, must name
            // segments of the slot (mosip-clients.md §e.1 ResponseMismatch).
            let slot = device.type == .finger ? BioSubType.slapSlot(subId) : BioSubType.irisSlot(subId)
            guard let slot else { return .failure(MDSError.invalidRequest.detail("deviceSubId \(subId) is not a capture slot")) }
            let allNames = device.type == .finger ? fingerNames : eyeNames
            guard exceptions.allSatisfy(allNames.contains), subTypes.allSatisfy(allNames.contains) else {
                return .failure(CaptureErrors.invalidBioSubType)
            }
            guard exceptions.allSatisfy(slot.contains), Set(exceptions).count == exceptions.count else {
                return .failure(CaptureErrors.invalidBioSubType)
            }
            if device.type == .iris, subId != 3, !exceptions.isEmpty { return .failure(.unsupportedCount) }
            let remaining = slot.filter { !exceptions.contains($0) }
            guard count >= 1, count + exceptions.count == slot.count, remaining.count == count else { return .failure(.unsupportedCount) }
            let requested = subTypes.filter { $0 != BioSubType.unknown }
            guard requested.allSatisfy(remaining.contains) else { return .failure(CaptureErrors.invalidBioSubType) }
            return .success(SegmentSpec.segments(remaining, of: device.type))
        }
    }

    /// null, missing → []; an array of strings → it; anything else → nil.
    static func stringList(_ value: JSON?) -> [String]? {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else { return nil }
        let strings = items.compactMap(\.stringValue)
        return strings.count == items.count ? strings : nil
    }

    /// SHA-256 of the empty string: the chain's start (spec §5.3 previousHash).
    public static let emptyHash: [UInt8] = [
        0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
        0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
    ]
}
