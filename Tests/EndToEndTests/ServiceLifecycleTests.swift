import CryptoPrimitives
import Foundation
import JSON
import Journal
import MDSClient
import MDSModel
import TestSupport
import Testing
import Wire

/// The whole service through real, separate processes: the supervisor, six stages, ZeroMQ over ipc://, the HTTP
/// gateway on 127.0.0.1, the signer's development PKI and the SQLite journal.
/// The end-to-end suites start real services: one at a time, so they never compete for the two cores.
@Suite(.serialized) enum EndToEnd {}

extension EndToEnd {
@Suite struct ServiceLifecycleTests {
    static let origin = "https://esignet.example"

    @Test func discoveryInfoSecurityRestartAndCleanStop() throws {
        let service = try ServiceHarness(arguments: ["--ports", "4501-4600", "--allow-origin", Self.origin])
        try service.start()
        let port = service.port
        #expect((4501...4600).contains(port))
        let client = HTTPClient(port: port)

        // MOSIPDISC: every default device, each entry exactly as MOSIP's clients parse it.
        let all = try discover(client, type: "Biometric Device")
        #expect(all.count == 6)
        for entry in all {
            #expect(DeviceChecks.discoveryEntry(entry, port: port) == [])
            #expect(entry["deviceStatus"]?.stringValue == "Ready")
        }
        let expected: [(String, String, [String], String, String)] = [
            ("1", "Registration", ["1", "2", "3"], "L0", "Finger"), ("2", "Registration", ["1", "2", "3"], "L0", "Iris"),
            ("3", "Registration", ["0"], "L0", "Face"), ("4", "Auth", ["0"], "L1", "Finger"),
            ("5", "Auth", ["0"], "L1", "Iris"), ("6", "Auth", ["0"], "L1", "Face"),
        ]
        for (id, purpose, subIds, level, type) in expected {
            let entry = try #require(all.first { $0["deviceId"]?.stringValue == id })
            #expect(entry["purpose"]?.stringValue == purpose)
            #expect(entry["deviceSubId"] == JSON.strings(subIds))
            #expect(entry["certification"]?.stringValue == level)
            let digital = try JSON(parsing: try #require(Base64.decode(entry["digitalId"]?.stringValue ?? "")))
            #expect(digital["type"]?.stringValue == type)
        }
        #expect(try discover(client, type: "Finger").map { $0["deviceId"]?.stringValue } == ["1", "4"])
        #expect(try discover(client, type: "Iris").map { $0["deviceId"]?.stringValue } == ["2", "5"])
        #expect(try discover(client, type: "Face").map { $0["deviceId"]?.stringValue } == ["3", "6"])
        // Type matching is case-sensitive (CTK SBI1196); bad bodies are business errors in a 200.
        for body in [#"{"type":"FINGER"}"#, #"{"type":"Scanner"}"#, #"{"type":1}"#, "{", "", #"{"kind":"Finger"}"#] {
            let response = try client.send(method: "MOSIPDISC", path: "/device", body: Array(body.utf8))
            #expect(response.status == 200)
            let json = try JSON(parsing: response.body)
            #expect(json[0]?["error"]?["errorCode"]?.stringValue == "502", "body \(body)")
            #expect(json[0]?.objectMembers?.count == 1)
        }

        // MOSIPDINFO: signed by the device key; the digital ID inside by the FTM key (L1) or the device key (L0).
        let trust = try TrustStore(pkiDirectory: service.stateDirectory + "/pki")
        let info = try client.send(method: "MOSIPDINFO", path: "/info")
        #expect(info.status == 200)
        #expect(info.header("Content-Type") == "application/json")
        // The response headers of the spec (§5.1) and the mock (mosip-clients.md §a.1): no caching, where to call back.
        #expect(info.header("Cache-Control") == "no-store")
        #expect(info.header("Location") == "http://127.0.0.1:\(port)/")
        let entries = try #require(try JSON(parsing: info.body).arrayValue)
        #expect(entries.count == 6)
        for entry in entries {
            let (device, problems) = DeviceChecks.deviceInfoEntry(entry, port: port, trust: trust)
            #expect(problems == [])
            let verified = try #require(device)
            #expect(verified.info["deviceStatus"]?.stringValue == "Ready")
            #expect(verified.info["env"]?.stringValue == "Developer")
            if verified.info["certification"]?.stringValue == "L1" {
                #expect(verified.digitalIdCertificate.issuer.contains("FTM Root"))
            } else {
                #expect(verified.digitalIdCertificate == verified.infoCertificate)
            }
            // The JWS header carries x5c as an array and typ JWT, and OpenSSL agrees with the signature.
            let jws = try CompactJWS(compact: try #require(entry["deviceInfo"]?.stringValue))
            #expect(jws.header["x5c"]?.arrayValue?.count == 1)
            #expect(jws.header["typ"]?.stringValue == "JWT")
            try expectOpenSSLVerifies(jws, root: service.root.path)
        }

        // DNS rebinding: any other Host is refused, preflights included.
        for (method, host) in [("MOSIPDINFO", "evil.example:\(port)"), ("OPTIONS", "evil.example:\(port)"),
                               ("MOSIPDISC", "127.0.0.1:\(port + 1)"), ("MOSIPDINFO", "127.0.0.1")] {
            let r = try client.send(method: method, path: "/info", headers: [("Host", host)])
            #expect(r.status == 403, "\(method) Host: \(host)")
        }
        let viaLocalhost = try client.send(method: "MOSIPDINFO", path: "/info", headers: [("Host", "localhost:\(port)")])
        #expect(viaLocalhost.status == 200)

        // CORS: only the configured origin, methods in exact case, never a wildcard or credentials.
        let preflight = try client.send(method: "OPTIONS", path: "/capture", headers: [
            ("Origin", Self.origin), ("Access-Control-Request-Method", "RCAPTURE"),
            ("Access-Control-Request-Headers", "content-type")])
        #expect(preflight.status == 204)
        #expect(preflight.header("Access-Control-Allow-Origin") == Self.origin)
        #expect(preflight.header("Access-Control-Allow-Methods") == "MOSIPDISC, MOSIPDINFO, CAPTURE, RCAPTURE, STREAM")
        #expect(preflight.header("Access-Control-Allow-Credentials") == nil)
        let foreign = try client.send(method: "OPTIONS", path: "/device", headers: [("Origin", "https://attacker.example")])
        #expect(foreign.status == 403)
        #expect(foreign.header("Access-Control-Allow-Origin") == nil)
        let browserDiscovery = try client.send(method: "MOSIPDISC", path: "/device", headers: [("Origin", Self.origin)],
                                               body: Array(#"{"type":"Face"}"#.utf8))
        #expect(browserDiscovery.header("Access-Control-Allow-Origin") == Self.origin)

        // An unknown method: 405 with the mock's error body.
        let unknown = try client.send(method: "FROBNICATE", path: "/device")
        #expect(unknown.status == 405)
        #expect(try JSON(parsing: unknown.body)[0]?["error"]?["errorCode"]?.stringValue == "500")

        // Bound to 127.0.0.1 only.
        #expect(listeningAddresses(port: port) == ["0100007F"])

        // A sensor that stops answering makes its devices Not Ready (the gateway polls it every second), and Ready
        // again when it answers.
        let frozen = try #require(service.stagePid("sensor"))
        kill(frozen, SIGSTOP)
        try waitUntil(timeout: 20, "devices not ready") {
            (try? discover(client, type: "Biometric Device"))?.allSatisfy { $0["deviceStatus"]?.stringValue == "Not Ready" } ?? false
        }
        let notReady = try discover(client, type: "Face")
        #expect(notReady.first?["error"]?["errorCode"]?.stringValue == "110")
        kill(frozen, SIGCONT)
        try waitUntil(timeout: 20, "devices ready again") {
            (try? discover(client, type: "Biometric Device"))?.allSatisfy { $0["deviceStatus"]?.stringValue == "Ready" } ?? false
        }

        // A stage killed with SIGKILL is restarted by the supervisor, and the service keeps answering.
        for stage in ["sensor", "signer"] {
            let victim = try #require(service.stagePid(stage))
            kill(victim, SIGKILL)
            try waitUntil(timeout: 30, "\(stage) restarted") {
                guard let pid = service.stagePid(stage) else { return false }
                return pid != victim
            }
        }
        try waitUntil(timeout: 20, "signed device info again") {
            guard let r = try? client.send(method: "MOSIPDINFO", path: "/info"), let entries = try? JSON(parsing: r.body).arrayValue
            else { return false }
            return entries.count == 6 && entries.allSatisfy { DeviceChecks.deviceInfoEntry($0, port: port, trust: trust).1.isEmpty }
        }

        // SIGTERM: exit 0, no process left, no socket file left, the port closed.
        let pidsBefore = service.stagePids()
        #expect(pidsBefore.count == 6)
        #expect(try service.stop() == 0)
        try waitUntil(timeout: 10, "stages gone") { service.stagePids().isEmpty }
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: service.runtimeDirectory)) ?? []
        #expect(leftovers.filter { $0.hasSuffix(".sock") || $0 == "gateway.json" || $0 == "config.json" } == [])
        #expect(!client.isListening())

        // The journal recorded the story, hash-chained.
        let store = try JournalStore(path: service.stateDirectory + "/journal/journal.db", readOnly: true)
        #expect(try store.verifyChain() > 0)
        let events = try store.events()
        let types = events.map(\.draft.type)
        for type in ["journal.opened", "service.started", "device.status", "stage.exited", "stage.restarted", "service.stopping",
                     "service.stopped"] {
            #expect(types.contains(type), "journal lacks \(type)")
        }
        let restartedStages = events.filter { $0.draft.type == "stage.restarted" }
            .compactMap { $0.draft.attributes.first { $0.key == "stage" }?.value }
        #expect(restartedStages.sorted() == ["sensor", "signer"])
        let toNotReady = events.filter { $0.draft.type == "device.status" && $0.draft.attributes.contains { $0.key == "to" && $0.value == "Not Ready" } }
        #expect(toNotReady.count >= 6)
        #expect(types.last == "service.stopped")
    }

    func discover(_ client: HTTPClient, type: String) throws -> [JSON] {
        let response = try client.send(method: "MOSIPDISC", path: "/device", body: JSON.object(["type": .string(type)]).serialized())
        guard response.status == 200, let entries = try JSON(parsing: response.body).arrayValue else { return [] }
        return entries
    }

    /// Verifies the RS256 signature with the `openssl` command against the certificate from `x5c`.
    func expectOpenSSLVerifies(_ jws: CompactJWS, root: String) throws {
        let der = try #require(jws.certificateChainDER.first)
        let dir = root + "/openssl-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Certificate(der: der).pem.write(toFile: dir + "/cert.pem", atomically: true, encoding: .utf8)
        try Data(jws.signingInput).write(to: URL(fileURLWithPath: dir + "/input"))
        try Data(jws.signature).write(to: URL(fileURLWithPath: dir + "/sig"))
        let extract = try runOpenSSL(["x509", "-in", dir + "/cert.pem", "-pubkey", "-noout", "-out", dir + "/pub.pem"])
        #expect(extract.status == 0, "\(extract.output)")
        let verify = try runOpenSSL(["dgst", "-sha256", "-verify", dir + "/pub.pem", "-signature", dir + "/sig", dir + "/input"])
        #expect(verify.status == 0, "\(verify.output)")
    }

    /// Local addresses (hex, as in /proc/net/tcp) listening on `port`.
    func listeningAddresses(port: Int) -> [String] {
        let hexPort = String(format: "%04X", port)
        var found: [String] = []
        for file in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let cols = line.split(separator: " ")
                guard cols.count > 3, cols[3] == "0A" else { continue }  // LISTEN
                let local = cols[1].split(separator: ":")
                if local.count == 2, local[1] == hexPort { found.append(String(local[0])) }
            }
        }
        return found
    }
}
}
