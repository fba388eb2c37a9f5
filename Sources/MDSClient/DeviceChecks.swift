public import CryptoPrimitives
public import Foundation
public import JSON
import MDSModel
import ServiceKit

/// The shape rules MOSIP's clients apply to discovery and device-info answers (mosip-clients.md §a.2, §a.3), as
/// checks that return every violation found, so the client and the tests can report them all.
public enum DeviceChecks {
    public static let discoveryKeys = ["deviceId", "deviceStatus", "certification", "serviceVersion", "callbackId", "digitalId",
                                       "deviceCode", "purpose", "error", "specVersion", "deviceSubId"]
    public static let deviceInfoKeys = ["specVersion", "env", "digitalId", "deviceId", "deviceCode", "purpose", "serviceVersion",
                                        "deviceStatus", "firmware", "certification", "deviceSubId", "callbackId"]
    public static let digitalIdKeys = ["serialNo", "make", "model", "type", "deviceSubType", "deviceProviderId", "deviceProvider", "dateTime"]

    static func keys(_ json: JSON) -> [String] { json.objectMembers?.map(\.0) ?? [] }

    static func checkError(_ error: JSON?, _ problems: inout [String], where context: String) {
        guard let e = error, Set(keys(e)) == ["errorCode", "errorInfo"], let code = e["errorCode"]?.stringValue,
              e["errorInfo"]?.stringValue != nil
        else { problems.append("\(context): error must be {errorCode, errorInfo} strings"); return }
        if code != "0", !(code.count == 3 && Int(code) != nil) { problems.append("\(context): errorCode \(code) is not 0 or 3 digits") }
        if code == "0", e["errorInfo"]?.stringValue != "Success" { problems.append("\(context): success errorInfo must be 'Success'") }
    }

    static func checkDigitalId(_ json: JSON, _ problems: inout [String], where context: String) {
        if keys(json) != digitalIdKeys { problems.append("\(context): digitalId keys \(keys(json))") }
        for key in digitalIdKeys where json[key]?.stringValue?.isEmpty != false {
            problems.append("\(context): digitalId.\(key) must be a non-empty string")
        }
        if let t = json["type"]?.stringValue, !["Finger", "Iris", "Face"].contains(t) { problems.append("\(context): digitalId.type \(t)") }
        if let d = json["dateTime"]?.stringValue, Timestamp.parse(d) == nil { problems.append("\(context): digitalId.dateTime \(d)") }
    }

    /// One discovery entry, with its unsigned base64url digital ID decoded.
    public static func discoveryEntry(_ entry: JSON, port: Int) -> [String] {
        var problems: [String] = []
        let context = "discovery[\(entry["deviceId"]?.stringValue ?? "?")]"
        if keys(entry) != discoveryKeys { problems.append("\(context): keys \(keys(entry)) != \(discoveryKeys)") }
        if entry["callbackId"]?.stringValue != "http://127.0.0.1:\(port)/" { problems.append("\(context): callbackId") }
        if entry["specVersion"] != JSON.strings(["0.9.5"]) { problems.append("\(context): specVersion") }
        if !["L0", "L1"].contains(entry["certification"]?.stringValue ?? "") { problems.append("\(context): certification") }
        if !["Ready", "Busy", "Not Ready", "Not Registered"].contains(entry["deviceStatus"]?.stringValue ?? "") {
            problems.append("\(context): deviceStatus")
        }
        let subIds = entry["deviceSubId"]?.arrayValue ?? []
        if subIds.isEmpty || !subIds.allSatisfy({ ["0", "1", "2", "3"].contains($0.stringValue ?? "") }) {
            problems.append("\(context): deviceSubId must be strings 0…3")
        }
        checkError(entry["error"], &problems, where: context)
        if entry["deviceStatus"]?.stringValue == "Ready" {
            if entry["error"]?["errorCode"]?.stringValue != "0" { problems.append("\(context): Ready with an error") }
            if !["Auth", "Registration"].contains(entry["purpose"]?.stringValue ?? "") { problems.append("\(context): purpose") }
        }
        guard let digitalId = entry["digitalId"]?.stringValue else { problems.append("\(context): digitalId missing"); return problems }
        if digitalId.contains(".") { problems.append("\(context): discovery digitalId must be unsigned") }
        if let bytes = Base64.decode(digitalId), let json = try? JSON(parsing: bytes) {
            checkDigitalId(json, &problems, where: context)
        } else {
            problems.append("\(context): digitalId is not base64url JSON")
        }
        return problems
    }

    /// A verified device: its info payload and digital ID, both signatures checked.
    public struct VerifiedDevice: Sendable {
        public let info: JSON
        public let digitalId: JSON
        public let infoCertificate: Certificate
        public let digitalIdCertificate: Certificate
        public let error: JSON
    }

    /// One device-info entry: the deviceInfo JWS (device key) and, inside it, the digital ID JWS (FTM key for L1,
    /// device key for L0), each verified against the trust store.
    public static func deviceInfoEntry(_ entry: JSON, port: Int, trust: TrustStore, now: Date = Date()) -> (VerifiedDevice?, [String]) {
        var problems: [String] = []
        if keys(entry) != ["deviceInfo", "error"] { problems.append("info: entry keys \(keys(entry))") }
        checkError(entry["error"], &problems, where: "info")
        guard let compact = entry["deviceInfo"]?.stringValue else { return (nil, problems + ["info: deviceInfo missing"]) }
        let info: VerifiedJWS
        do { info = try trust.verify(compact, at: now) } catch { return (nil, problems + ["info: deviceInfo \(error)"]) }
        let context = "info[\(info.payload["deviceId"]?.stringValue ?? "?")]"
        if keys(info.payload) != deviceInfoKeys { problems.append("\(context): keys \(keys(info.payload))") }
        if info.payload["callbackId"]?.stringValue != "http://127.0.0.1:\(port)/" { problems.append("\(context): callbackId") }
        if !["Staging", "Developer", "Pre-Production", "Production"].contains(info.payload["env"]?.stringValue ?? "") {
            problems.append("\(context): env")
        }
        if info.payload["specVersion"] != JSON.strings(["0.9.5"]) { problems.append("\(context): specVersion") }
        guard let digitalCompact = info.payload["digitalId"]?.stringValue else { return (nil, problems + ["\(context): digitalId missing"]) }
        let digital: VerifiedJWS
        do { digital = try trust.verify(digitalCompact, at: now) } catch { return (nil, problems + ["\(context): digitalId \(error)"]) }
        checkDigitalId(digital.payload, &problems, where: context)
        let certification = info.payload["certification"]?.stringValue
        if certification == "L1", digital.certificate == info.certificate {
            problems.append("\(context): an L1 digital ID must be signed by the FTM key, not the device key")
        }
        if certification == "L0", digital.certificate != info.certificate {
            problems.append("\(context): an L0 digital ID is signed by the device key")
        }
        let device = VerifiedDevice(info: info.payload, digitalId: digital.payload, infoCertificate: info.certificate,
                                    digitalIdCertificate: digital.certificate, error: entry["error"] ?? .null)
        return (device, problems)
    }
}
