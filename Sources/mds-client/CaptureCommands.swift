import CryptoPrimitives
import Dispatch
import Foundation
import Imaging
import JSON
import MDSClient
import MDSModel
import ServiceKit
import Synchronization

/// `capture`, `rcapture`, `verify`, `decrypt` and `bench`.
enum CaptureCommands {
    struct Common {
        var port: Int
        var pki: String
        var out: String?
        var options: [(String, String)]
    }

    static func common(_ args: inout Arguments) throws -> Common {
        let pki = args.string("pki") ?? Directories.defaultStateDirectory() + "/pki"
        var options: [(String, String)] = []
        if let p = args.string("presentation") { options.append(("presentation", p)) }
        if let s = args.string("subject") { options.append(("subject", s)) }
        let port: Int
        if let p = try args.int("port") {
            port = p
        } else {
            guard let found = ServiceScanner.scan(ports: 4501...4600).first else { throw ValidationError("no device service found on 4501-4600") }
            port = found.port
        }
        return Common(port: port, pki: pki, out: args.string("out"), options: options)
    }

    /// `mds-client capture --device 4 [--bio-sub-type NAME]... [--score 40] [--timeout 10000] [--style ctk|mtk]`
    static func capture(_ argv: [String]) throws -> ExitCode {
        var args = try Arguments(argv)
        let c = try common(&args)
        let deviceId = args.string("device") ?? "4"
        var subTypes = args.strings("bio-sub-type")
        let score = try args.int("score") ?? 40
        let timeout = try args.int("timeout") ?? 10000
        let style = args.string("style") ?? "ctk"
        try args.checkAllConsumed()
        let type = try deviceType(deviceId, port: c.port)
        if subTypes.isEmpty && type != "Face" { subTypes = ["UNKNOWN"] }
        let txn = "MDSCLI-\(Int(Date().timeIntervalSince1970 * 1000) % 100_000_000)"
        let request = style == "mtk"
            ? CaptureRequests.testingKitCapture(deviceId: deviceId, type: type, subTypes: subTypes, score: score, timeoutMillis: timeout,
                                                transactionId: txn, options: c.options)
            : CaptureRequests.complianceToolkitCapture(deviceId: deviceId, type: type, subTypes: subTypes, score: score,
                                                       timeoutMillis: timeout, transactionId: txn, options: c.options)
        return try run(request, method: .capture, common: c)
    }

    /// `mds-client rcapture --device 1 --sub-id 1 [--exception NAME]... [--score 60] [--timeout 60000]`
    static func rcapture(_ argv: [String]) throws -> ExitCode {
        var args = try Arguments(argv)
        let c = try common(&args)
        let deviceId = args.string("device") ?? "1"
        let subId = try args.int("sub-id") ?? 1
        let exceptions = args.strings("exception")
        let score = try args.int("score") ?? 60
        let timeout = try args.int("timeout") ?? 60000
        try args.checkAllConsumed()
        let type = try deviceType(deviceId, port: c.port)
        let slot = type == "Finger" ? BioSubType.slapSlot(subId)?.count : type == "Iris" ? BioSubType.irisSlot(subId)?.count : 1
        let request = CaptureRequests.registrationClient(
            deviceId: deviceId, type: type, subId: subId, count: max(0, (slot ?? 1) - exceptions.count), exceptions: exceptions,
            score: score, timeoutMillis: timeout, transactionId: UUID().uuidString.lowercased(), options: c.options)
        return try run(request, method: .registrationCapture, common: c)
    }

    static func run(_ request: JSON, method: CaptureMethod, common c: Common) throws -> ExitCode {
        let client = HTTPClient(port: c.port, timeout: 120)
        let started = Date()
        let response = try client.send(method: method.rawValue, path: "/capture", body: request.serialized())
        let elapsed = Date().timeIntervalSince(started)
        guard response.status == 200, let json = try? JSON(parsing: response.body) else {
            throw ValidationError("HTTP \(response.status) from the service")
        }
        if let dir = c.out {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try Data(request.serialized()).write(to: URL(fileURLWithPath: dir + "/request.json"))
            try Data(response.body).write(to: URL(fileURLWithPath: dir + "/response.json"))
        }
        print(String(format: "%@ answered in %.2f s%@", method.rawValue, elapsed,
                     response.header("Server-Timing").map { "  (\($0))" } ?? ""))
        return try report(response: json, request: request, method: method, pki: c.pki, out: c.out)
    }

    static func report(response: JSON, request: JSON, method: CaptureMethod, pki: String, out: String?) throws -> ExitCode {
        let verifier = try CaptureVerifier(pkiDirectory: pki)
        let outcome = verifier.verify(response: response, request: request, method: method)
        for (i, entry) in outcome.entries.enumerated() {
            var line = "  \(entry.payload["bioType"]?.stringValue ?? "?") \(entry.payload["bioSubType"]?.stringValue ?? "-")"
                + "  quality \(entry.payload["qualityScore"]?.stringValue ?? "?")  hash \(entry.hash.prefix(16))…"
            if let iso = entry.iso {
                line += "  ISO \(iso.count) B"
                if let image = try? ISOImage(record: iso) {
                    line += " \(image.kind.rawValue) \(image.raster.width)x\(image.raster.height) \(image.lossless ? "lossless" : "lossy")"
                    if let dir = out {
                        let name = "\(dir)/\(i)-\(image.kind.rawValue)"
                        try Data(iso).write(to: URL(fileURLWithPath: name + ".iso"))
                        try Data(PNG.encode(width: image.raster.width, height: image.raster.height, channels: image.raster.channels,
                                            pixels: image.raster.pixels)).write(to: URL(fileURLWithPath: name + ".png"))
                    }
                }
            }
            print(line)
        }
        if let errors = response["biometrics"]?.arrayValue?.compactMap({ $0["error"] }), errors.contains(where: { $0["errorCode"]?.stringValue != "0" }) {
            for e in errors { print("  error \(e["errorCode"]?.stringValue ?? "?") \(e["errorInfo"]?.stringValue ?? "")") }
        }
        if outcome.problems.isEmpty {
            print("signatures, certificate chains, hash chain\(method == .capture ? ", decryption" : "") verified")
            return .success
        }
        outcome.problems.forEach { print("FAIL \($0)") }
        return .failure
    }

    /// `mds-client verify --dir DIR` (a folder written by capture/rcapture --out).
    static func verify(_ argv: [String]) throws -> ExitCode {
        var args = try Arguments(argv)
        guard let dir = args.string("dir") else { throw ValidationError("verify needs --dir DIR (written by capture/rcapture --out)") }
        let pki = args.string("pki") ?? Directories.defaultStateDirectory() + "/pki"
        try args.checkAllConsumed()
        let (request, response, method) = try load(dir)
        return try report(response: response, request: request, method: method, pki: pki, out: nil)
    }

    /// `mds-client decrypt --dir DIR [--out DIR2]`: opens every bioValue with the MOSIP key and writes ISO + PNG.
    static func decrypt(_ argv: [String]) throws -> ExitCode {
        var args = try Arguments(argv)
        guard let dir = args.string("dir") else { throw ValidationError("decrypt needs --dir DIR") }
        let pki = args.string("pki") ?? Directories.defaultStateDirectory() + "/pki"
        let out = args.string("out") ?? dir
        try args.checkAllConsumed()
        let (request, response, method) = try load(dir)
        return try report(response: response, request: request, method: method, pki: pki, out: out)
    }

    static func load(_ dir: String) throws -> (JSON, JSON, CaptureMethod) {
        guard let req = FileManager.default.contents(atPath: dir + "/request.json"),
              let res = FileManager.default.contents(atPath: dir + "/response.json") else {
            throw ValidationError("\(dir) lacks request.json and response.json")
        }
        let request = try JSON(parsing: Array(req))
        let method: CaptureMethod = request["purpose"]?.stringValue == "Auth" ? .capture : .registrationCapture
        return (request, try JSON(parsing: Array(res)), method)
    }

    static func deviceType(_ deviceId: String, port: Int) throws -> String {
        let response = try HTTPClient(port: port).send(method: "MOSIPDISC", path: "/device", body: Array(#"{"type":"Biometric Device"}"#.utf8))
        let entries = try JSON(parsing: response.body).arrayValue ?? []
        guard let entry = entries.first(where: { $0["deviceId"]?.stringValue == deviceId }),
              let digital = entry["digitalId"]?.stringValue.flatMap(Base64.decode).flatMap({ try? JSON(parsing: $0) }),
              let type = digital["type"]?.stringValue
        else { throw ValidationError("device \(deviceId) not found on port \(port)") }
        return type
    }
}
