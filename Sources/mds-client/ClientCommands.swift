import CryptoPrimitives
import Foundation
import JSON
import MDSClient
import ServiceKit

enum ClientCommands {
    static let usage = """
        usage: mds-client discover [--ports 4501-4600] [--type "Biometric Device"]
               mds-client info     [--ports 4501-4600] [--pki DIR]
               mds-client capture  [--device 4] [--bio-sub-type NAME]... [--score 40] [--timeout 10000] [--style ctk|mtk]
                                   [--presentation good|dry|wet|smudged|moving|partial|none] [--subject N] [--out DIR]
               mds-client rcapture [--device 1] [--sub-id 1] [--exception NAME]... [--score 60] [--timeout 60000] [--out DIR]
               mds-client verify   --dir DIR [--pki DIR]
               mds-client decrypt  --dir DIR [--out DIR] [--pki DIR]
               mds-client bench    [--count 30] [--score 30] [--port P]

        discover  scans the ports with MOSIPDISC and checks every entry's shape and unsigned digital ID.
        info      scans with MOSIPDINFO and verifies each deviceInfo JWS and the digital ID JWS inside it against
                  DIR/trust/roots.pem and intermediates.pem (default: the service's state directory's pki/).
        capture   sends the compliance toolkit's CAPTURE (or mds-testing-kit's with --style mtk) to an Auth device,
                  verifies signatures, chains and the hash chain, decrypts with DIR/mosip-encryption.key, and with
                  --out writes request.json, response.json, each ISO record and a PNG of its image.
        rcapture  the registration client's RCAPTURE for a slot of a Registration device; same checks and output.
        verify    re-checks a folder written by capture/rcapture --out; decrypt writes its ISO records and PNGs.
        bench     captures back to back and concurrently across devices: captures/s, p50/p95/p99, per stage.
        Exit status 0 when every check passed, 1 when any failed, 69 when no service was found.
        """

    static func discover(_ argv: [String]) -> ExitCode {
        do {
            var args = try Arguments(argv)
            let ports = try args.range("ports") ?? 4501...4600
            let type = args.string("type") ?? "Biometric Device"
            try args.checkAllConsumed()
            let services = ServiceScanner.scan(ports: ports, type: type)
            guard !services.isEmpty else { return fail("no device service answered on ports \(ports)", .unavailable) }
            var problems: [String] = []
            for service in services {
                print("port \(service.port)")
                for entry in service.discovery.arrayValue ?? [] {
                    if entry["deviceId"] == nil {
                        print("  error \(entry["error"]?["errorCode"]?.stringValue ?? "?") \(entry["error"]?["errorInfo"]?.stringValue ?? "")")
                        continue
                    }
                    let digital = entry["digitalId"]?.stringValue.flatMap(Base64.decode).flatMap { try? JSON(parsing: $0) }
                    print("  device \(pad(entry["deviceId"]?.stringValue, 3)) \(pad(entry["purpose"]?.stringValue, 13))"
                          + "\(pad(digital?["type"]?.stringValue, 7))\(pad(digital?["deviceSubType"]?.stringValue, 10))"
                          + "\(pad(entry["certification"]?.stringValue, 4))\(pad(entry["deviceStatus"]?.stringValue, 15))"
                          + "subIds \((entry["deviceSubId"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ","))")
                    problems += DeviceChecks.discoveryEntry(entry, port: service.port)
                }
            }
            return report(problems)
        } catch {
            return fail("\(error)", .usage)
        }
    }

    static func info(_ argv: [String]) -> ExitCode {
        do {
            var args = try Arguments(argv)
            let ports = try args.range("ports") ?? 4501...4600
            let pki = args.string("pki") ?? Directories.defaultStateDirectory() + "/pki"
            try args.checkAllConsumed()
            let trust = try TrustStore(pkiDirectory: pki)
            var problems: [String] = []
            var found = 0
            for port in ports {
                let client = HTTPClient(port: port)
                guard client.isListening(), let response = try? client.send(method: "MOSIPDINFO", path: "/info"),
                      response.status == 200, let json = try? JSON(parsing: response.body), let entries = json.arrayValue
                else { continue }
                found += 1
                print("port \(port)")
                for entry in entries {
                    let (device, entryProblems) = DeviceChecks.deviceInfoEntry(entry, port: port, trust: trust)
                    problems += entryProblems
                    guard let device else {
                        print("  unverified entry: error \(entry["error"]?["errorCode"]?.stringValue ?? "?")")
                        continue
                    }
                    print("  device \(pad(device.info["deviceId"]?.stringValue, 3))\(pad(device.info["purpose"]?.stringValue, 13))"
                          + "\(pad(device.digitalId["type"]?.stringValue, 7))\(pad(device.info["certification"]?.stringValue, 4))"
                          + "\(pad(device.info["deviceStatus"]?.stringValue, 15))info signed by \(device.infoCertificate.subject)")
                    print("    digitalId signed by \(device.digitalIdCertificate.subject)  (issuer \(device.digitalIdCertificate.issuer))")
                }
            }
            guard found > 0 else { return fail("no device service answered on ports \(ports)", .unavailable) }
            return report(problems)
        } catch {
            return fail("\(error)", .usage)
        }
    }

    static func guarded(_ body: () throws -> ExitCode) -> ExitCode {
        do { return try body() } catch { return fail("\(error)", .usage) }
    }

    static func pad(_ s: String?, _ width: Int) -> String {
        let text = s ?? "-"
        return text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func report(_ problems: [String]) -> ExitCode {
        if problems.isEmpty {
            print("all checks passed")
            return .success
        }
        problems.forEach { print("FAIL \($0)") }
        return .failure
    }

    static func fail(_ message: String, _ code: ExitCode) -> ExitCode {
        FileHandle.standardError.write(Data("mds-client: \(message)\n".utf8))
        return code
    }
}
