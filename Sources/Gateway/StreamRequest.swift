import JSON
public import MDSModel
public import Wire

/// A validated STREAM request (spec §5.4; codes per mosip-clients.md §d STREAM row).
public struct StreamPlan: Sendable, Equatable {
    public let device: DeviceDescriptor
    public let subId: Int
    /// The preview's own end, from the optional `timeout` (ms); nil = until the capture ends or the viewer leaves.
    public let timeoutMillis: Int?
    /// The segments shown while no capture runs: the slot of `subId`.
    public let idleSegments: [SegmentSpec]
}

public enum StreamRequestValidator {
    static let keys: Set<String> = ["deviceId", "deviceSubId", "timeout"]

    /// - Parameters:
    ///   - fields: the request's members, from a JSON body (STREAM) or a query string (GET from an `<img>`).
    public static func validate(_ fields: [String: String]?, devices: [DeviceDescriptor],
                                status: (String) -> DeviceStatus) -> Result<StreamPlan, MDSError> {
        guard let fields, Set(fields.keys).isSubset(of: keys) else { return .failure(MDSError.invalidRequest.detail("Invalid stream request")) }
        guard let deviceId = fields["deviceId"], !deviceId.isEmpty else { return .failure(.init(code: "604", info: "Device id missing")) }
        guard let device = devices.first(where: { $0.deviceId == deviceId }) else { return .failure(.init(code: "605", info: "Device not found")) }
        guard device.purpose == .registration else {
            return .failure(.init(code: "606", info: "Stream is available only for Registration devices"))
        }
        switch status(deviceId) {
        case .notRegistered: return .failure(.notRegistered)
        case .notReady: return .failure(.notReady)
        case .ready, .busy: break  // a stream watches the capture that makes the device busy
        }
        // Absent: the device's first sub id; present but not a number: 607 like any other wrong sub id.
        let subId = fields["deviceSubId"].map { Int($0) } ?? device.subIds[0]
        guard let subId, device.subIds.contains(subId) else { return .failure(.init(code: "607", info: "Invalid deviceSubId for stream")) }
        var timeout: Int?
        if let t = fields["timeout"] {
            guard let ms = Int(t), ms > 0 else { return .failure(MDSError.invalidRequest.detail("timeout must be a positive integer")) }
            timeout = ms
        }
        let names: [String] = switch device.type {
        case .finger: BioSubType.slapSlot(subId) ?? [BioSubType.unknown]
        case .iris: BioSubType.irisSlot(subId) ?? [BioSubType.unknown]
        case .face: [""]
        }
        return .success(StreamPlan(device: device, subId: subId, timeoutMillis: timeout,
                                   idleSegments: SegmentSpec.segments(names, of: device.type)))
    }

    /// A JSON body's members as text (strings or numbers, as the registration client and CTK send them).
    public static func fields(json body: [UInt8]) -> [String: String]? {
        guard let json = try? JSON(parsing: body, limits: JSONLimits(maxBytes: 16 * 1024, maxDepth: 4)),
              let members = json.objectMembers else { return nil }
        var out: [String: String] = [:]
        for (k, v) in members {
            guard let text = v.scalarText else { return nil }
            out[k] = text
        }
        return out
    }

    /// `deviceId=1&deviceSubId=2` (percent-decoding not needed for these values; anything else is rejected).
    public static func fields(query: String?) -> [String: String]? {
        guard let query, !query.isEmpty else { return nil }
        var out: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { return nil }
            out[kv[0]] = kv[1]
        }
        return out
    }
}
