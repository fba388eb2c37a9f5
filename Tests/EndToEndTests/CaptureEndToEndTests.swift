import CryptoPrimitives
import Dispatch
import Foundation
import Imaging
import JSON
import Journal
import Preview
import MDSClient
import MDSModel
import Synchronization
import TestSupport
import Testing
import Wire

/// CAPTURE and RCAPTURE through the real processes: sensor → quality → encoder → signer → journal, for every default
/// device and both request styles, checked as MOSIP's clients check them.
extension EndToEnd {
@Suite struct CaptureEndToEndTests {
    @Test func everyDeviceBothStylesVerifiedDecryptedAndJournaled() throws {
        let service = try ServiceHarness()
        try service.start()
        let client = HTTPClient(port: service.port, timeout: 90)
        let verifier = try CaptureVerifier(pkiDirectory: service.stateDirectory + "/pki")

        // Every biometric byte string the service produced, to prove none of it reached the journal or the logs.
        var secrets: [[UInt8]] = []
        func send(_ request: JSON, _ method: CaptureMethod) throws -> (JSON, CaptureVerifier.Outcome) {
            let response = try client.send(method: method.rawValue, path: "/capture", body: request.serialized())
            #expect(response.status == 200)
            let json = try JSON(parsing: response.body)
            let outcome = verifier.verify(response: json, request: request, method: method)
            for entry in outcome.entries {
                if let iso = entry.iso {
                    secrets.append(Array(iso[min(80, iso.count / 2)..<min(iso.count, min(80, iso.count / 2) + 24)]))  // header + codestream
                    secrets.append(Array(iso.suffix(24)))  // image data
                }
                if let key = entry.sessionKey { secrets.append(key); secrets.append(Array(Base64.urlEncode(key).utf8)) }
                if let bioValue = entry.payload["bioValue"]?.stringValue { secrets.append(Array(bioValue.utf8.prefix(40))) }
            }
            return (json, outcome)
        }
        func txn() -> String { "SBI-\(UInt32.random(in: 1000...UInt32.max))" }

        // Registration client style: strings, previousHash null, zone-less captureTime, bioSubType null.
        var lastHash: String?
        for (deviceId, type, subId, count, exceptions) in [
            ("1", "Finger", 1, 4, [String]()), ("1", "Finger", 2, 3, ["Right RingFinger"]), ("1", "Finger", 3, 2, []),
            ("2", "Iris", 1, 1, []), ("2", "Iris", 2, 1, []), ("2", "Iris", 3, 2, []), ("3", "Face", 0, 1, []),
        ] {
            let request = CaptureRequests.registrationClient(deviceId: deviceId, type: type, subId: subId, count: count,
                                                             exceptions: exceptions, score: 30, timeoutMillis: 20000,
                                                             transactionId: UUID().uuidString.lowercased(), previousHash: lastHash)
            let (json, outcome) = try send(request, .registrationCapture)
            #expect(outcome.problems == [], "RCAPTURE device \(deviceId) sub \(subId): \(json.serializedString.prefix(300))")
            #expect(outcome.entries.count == count)
            for entry in outcome.entries {
                let image = try ISOImage(record: try #require(entry.iso))
                #expect(image.lossless, "registration records are lossless")
                #expect(entry.payload["domainUri"] == nil)
            }
            if type == "Finger" {
                let expected = (BioSubType.slapSlot(subId) ?? []).filter { !exceptions.contains($0) }
                #expect(outcome.entries.compactMap { $0.payload["bioSubType"]?.stringValue } == expected)
            }
            lastHash = outcome.lastHash  // chain across calls
        }

        // Compliance toolkit style (strings, lowercase hash) and testing-kit style (numbers, uppercase hash, offset time).
        for (deviceId, type, subTypes) in [("4", "Finger", ["UNKNOWN"]), ("4", "Finger", ["Left IndexFinger", "Left MiddleFinger"]),
                                           ("5", "Iris", ["UNKNOWN"]), ("5", "Iris", ["Left", "Right"]), ("6", "Face", [String]())] {
            for style in ["ctk", "mtk"] {
                let request = style == "ctk"
                    ? CaptureRequests.complianceToolkitCapture(deviceId: deviceId, type: type, subTypes: subTypes, score: 30,
                                                               timeoutMillis: 20000, transactionId: txn())
                    : CaptureRequests.testingKitCapture(deviceId: deviceId, type: type, subTypes: subTypes, score: 30,
                                                        timeoutMillis: 20000, transactionId: txn())
                let (json, outcome) = try send(request, .capture)
                #expect(outcome.problems == [], "CAPTURE \(style) device \(deviceId): \(json.serializedString.prefix(300))")
                #expect(outcome.entries.count == max(1, subTypes.count))
                for entry in outcome.entries {
                    let iso = try #require(entry.iso, "auth bioValue must decrypt with the dev MOSIP key")
                    let image = try ISOImage(record: iso)
                    #expect(!image.lossless, "auth records are lossy")
                    // A real image of the declared size, not a flat one.
                    let pixels = image.raster.pixels
                    let mean = Double(pixels.reduce(0) { $0 + Int($1) }) / Double(pixels.count)
                    let variance = pixels.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(pixels.count)
                    #expect(variance > 100)
                }
            }
        }

        // One capture per device at a time: a parallel call is refused while the first succeeds, and the device
        // reports Busy meanwhile.
        let slow = CaptureRequests.complianceToolkitCapture(deviceId: "6", type: "Face", subTypes: [], score: 100, timeoutMillis: 3000,
                                                            transactionId: txn())
        let first = Mutex<JSON?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let r = try? HTTPClient(port: service.port, timeout: 30).send(method: "CAPTURE", path: "/capture", body: slow.serialized())
            first.withLock { $0 = r.flatMap { try? JSON(parsing: $0.body) } }
            done.signal()
        }
        try waitUntil(timeout: 5, "device 6 busy") {
            let r = try client.send(method: "MOSIPDISC", path: "/device", body: Array(#"{"type":"Face"}"#.utf8))
            return (try JSON(parsing: r.body).arrayValue ?? []).contains { $0["deviceId"]?.stringValue == "6" && $0["deviceStatus"]?.stringValue == "Busy" }
        }
        let (parallel, _) = try send(CaptureRequests.complianceToolkitCapture(deviceId: "6", type: "Face", subTypes: [], transactionId: txn()), .capture)
        #expect(parallel["biometrics"]?[0]?["error"]?["errorCode"]?.stringValue == "111")
        #expect(parallel["biometrics"]?[0]?.objectMembers?.map(\.0) == ["specVersion", "data", "hash", "sessionKey", "thumbprint", "error"])
        done.wait()
        // requestedScore 100 is never reached: the best frame comes back after the timeout, successfully.
        #expect(first.withLock { $0 }?["biometrics"]?[0]?["error"]?["errorCode"]?.stringValue == "0")

        // No subject presented: an error after the timeout.
        let started = Date()
        let (absent, _) = try send(CaptureRequests.complianceToolkitCapture(deviceId: "4", type: "Finger", subTypes: ["UNKNOWN"], timeoutMillis: 1500,
                                                                              transactionId: txn(), options: [("presentation", "none")]), .capture)
        #expect(Date().timeIntervalSince(started) >= 1.5)
        #expect(absent["biometrics"]?[0]?["error"]?["errorCode"]?.stringValue == "801")

        // Bad input: a 3-digit code in the §d envelope, and the service stays healthy.
        for (method, body) in [("RCAPTURE", "{"), ("CAPTURE", #"{"env":"Developer"}"#),
                               ("RCAPTURE", String(decoding: CaptureRequests.registrationClient(deviceId: "1", type: "Finger", subId: 1, count: 5, transactionId: "t-12345").serialized(), as: UTF8.self)),
                               ("CAPTURE", String(decoding: CaptureRequests.complianceToolkitCapture(deviceId: "1", type: "Finger", subTypes: ["UNKNOWN"], transactionId: "t-12345").serialized(), as: UTF8.self)),
                               ("CAPTURE", String(repeating: "x", count: 300_000))] {
            let r = try client.send(method: method, path: "/capture", body: Array(body.utf8))
            #expect(r.status == 200)
            let code = try JSON(parsing: r.body)["biometrics"]?[0]?["error"]?["errorCode"]?.stringValue ?? ""
            #expect(code.count == 3 && code != "000", "\(method) \(body.prefix(40)) → \(code)")
        }
        let healthy = try client.send(method: "MOSIPDISC", path: "/device", body: Array(#"{"type":"Biometric Device"}"#.utf8))
        #expect((try JSON(parsing: healthy.body).arrayValue ?? []).allSatisfy { $0["deviceStatus"]?.stringValue == "Ready" })

        #expect(try service.stop() == 0)

        // The journal holds the captures as digests, scores and signatures, and verifies.
        let store = try JournalStore(path: service.stateDirectory + "/journal/journal.db", readOnly: true)
        #expect(try store.verifyChain() > 0)
        let events = try store.events()
        let completed = events.filter { $0.draft.type == "capture.completed" }
        #expect(completed.count >= 17)
        #expect(events.contains { $0.draft.type == "capture.failed" })
        let segment = try #require(events.first { $0.draft.type == "capture.segment" })
        #expect(segment.draft.attributes.contains { $0.key == "iso_sha256" && $0.value.count == 64 })
        #expect(segment.draft.attributes.contains { $0.key == "engine" && !$0.value.isEmpty })

        // Never biometric data: no ISO record, codestream, bioValue or session-key bytes anywhere in the database
        // files or the logs.
        #expect(secrets.count > 60)
        let journalDir = service.stateDirectory + "/journal"
        var haystacks: [(String, [UInt8])] = [("log", Array(service.log.utf8))]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: journalDir)) ?? [] {
            haystacks.append((name, Array(FileManager.default.contents(atPath: journalDir + "/" + name) ?? Data())))
        }
        for (name, haystack) in haystacks {
            for secret in secrets where secret.count >= 16 {
                #expect(!contains(haystack, secret), "biometric bytes found in \(name)")
            }
        }

        // The offline audit: verify, two identical replays, and an export an independent script verifies.
        let audit = ServiceHarness.executable("mds-audit")
        let db = journalDir + "/journal.db"
        let verified = try runProcess(audit, ["verify", "--db", db])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.contains("OK:"))
        // Every capture was found and checked (signatures and MOSIP hash chain), not just chained.
        #expect(verified.output.contains(" \(completed.count) captures,"), "\(verified.output)")
        let replay1 = try runProcess(audit, ["replay", "--db", db]), replay2 = try runProcess(audit, ["replay", "--db", db])
        #expect(replay1.output == replay2.output && replay1.output.contains("answered"))
        let export = service.root.path + "/export.jsonl"
        #expect(try runProcess(audit, ["export", "--db", db, "--out", export]).status == 0)
        let vkey = try #require(events.last { $0.draft.type == "signer.keys" }?.draft.attributes.first { $0.key == "note_vkey" }?.value)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../tests/audit/verify_export.py").standardizedFileURL.path
        let python = try runProcess("/usr/bin/python3", [script, export, vkey])
        #expect(python.status == 0, "\(python.output.suffix(2000))")
        #expect(python.output.contains(" passed, 0 failed"))
        #expect(try store.checkpoints().last?.size == UInt64(events.count), "the final checkpoint covers every event")
        // The same tree as a tiled log, checked by another independent script.
        let tiles = service.root.path + "/tiles"
        #expect(try runProcess(audit, ["tiles", "--db", db, "--out", tiles]).status == 0)
        let tiled = try runProcess("/usr/bin/python3", [script.replacingOccurrences(of: "verify_export.py", with: "verify_tiles.py"), tiles, vkey])
        #expect(tiled.status == 0 && tiled.output.contains("tiled log verified: size \(events.count),"), "\(tiled.output.suffix(2000))")
        let proof = try runProcess(audit, ["prove", "\(completed[0].sequence)", "--db", db])
        #expect(proof.status == 0 && proof.output.hasPrefix("c2sp.org/tlog-proof@v1"))
    }

    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first, haystack[i..<i + needle.count].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    /// STREAM while an RCAPTURE runs: a reader decodes at least 3 JPEG frames a second, the stream ends with the
    /// capture, a viewer that goes away never stalls a capture, and the request errors are the §d STREAM codes.
    @Test func previewStreamDuringRegistrationCapture() throws {
        let service = try ServiceHarness()
        try service.start()
        let port = service.port
        let body = Array(#"{"deviceId":"1","deviceSubId":"1","timeout":"60000"}"#.utf8)
        let reader = try PreviewReader(port: port, body: body)
        #expect(reader.status == 200)
        #expect(reader.header("Content-Type")?.hasPrefix("multipart/x-mixed-replace") == true)
        // The capture: requestedScore 100 is never reached, so it runs its full 10 s and answers with the best frames.
        let answered = Mutex<JSON?>(nil), answeredAt = Mutex<Date?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let request = CaptureRequests.registrationClient(deviceId: "1", type: "Finger", subId: 1, count: 4, score: 100,
                                                             timeoutMillis: 10000, transactionId: UUID().uuidString.lowercased())
            let r = try? HTTPClient(port: port, timeout: 60).send(method: "RCAPTURE", path: "/capture", body: request.serialized())
            answered.withLock { $0 = r.flatMap { try? JSON(parsing: $0.body) } }
            answeredAt.withLock { $0 = Date() }
            done.signal()
        }
        var stamps: [Date] = []
        while let part = try reader.nextPart() {
            let image = try JPEGEncoder.decode(part)
            #expect(image.width > 100 && image.height > 100)
            stamps.append(Date())
        }
        let ended = Date()
        done.wait()
        // The stream ended with the capture, not at the reader's 15 s socket timeout (its own timeout is 60 s).
        let answeredTime = try #require(answeredAt.withLock { $0 })
        #expect(abs(ended.timeIntervalSince(answeredTime)) < 5, "stream ended \(ended.timeIntervalSince(answeredTime)) s after the answer")
        #expect(answered.withLock { $0 }?["biometrics"]?[0]?["error"]?["errorCode"]?.stringValue == "0")
        // At least 3 frames per second over the capture's 10 seconds.
        let during = stamps.filter { $0 >= stamps[0].addingTimeInterval(1) }
        #expect(during.count >= 27, "\(stamps.count) frames")
        var worstSecond = Int.max
        for s in 1..<9 {
            let from = stamps[0].addingTimeInterval(Double(s)), to = from.addingTimeInterval(1)
            worstSecond = min(worstSecond, stamps.filter { $0 >= from && $0 < to }.count)
        }
        #expect(worstSecond >= 3)

        // A viewer that vanishes mid-stream does not stall the capture it watches.
        let vanishing = try PreviewReader(port: port, body: Array(#"{"deviceId":"3","deviceSubId":"0"}"#.utf8))
        _ = try vanishing.nextPart()
        vanishing.close()
        let face = try HTTPClient(port: port, timeout: 30).send(method: "RCAPTURE", path: "/capture", body: CaptureRequests.registrationClient(
            deviceId: "3", type: "Face", subId: 0, count: 1, score: 30, timeoutMillis: 5000, transactionId: UUID().uuidString.lowercased()).serialized())
        #expect((try JSON(parsing: face.body))["biometrics"]?[0]?["error"]?["errorCode"]?.stringValue == "0")

        // GET for an <img>, Host-checked like every request.
        let img = try PreviewReader(port: port, method: "GET", path: "/stream?deviceId=2&deviceSubId=3", body: [])
        #expect(img.status == 200)
        #expect(try img.nextPart().map { try JPEGEncoder.decode($0).width } ?? 0 > 0)
        img.close()
        let forged = try HTTPClient(port: port).send(method: "GET", path: "/stream?deviceId=1", headers: [("Host", "evil.example:\(port)")])
        #expect(forged.status == 403)
        for (request, code) in [(#"{"deviceId":"4"}"#, "606"), (#"{"deviceId":"99"}"#, "605"), (#"{"deviceId":""}"#, "604"),
                                ("{", "123"), (#"{"deviceId":"1","deviceSubId":"7"}"#, "607")] {
            let r = try HTTPClient(port: port).send(method: "STREAM", path: "/stream", body: Array(request.utf8))
            #expect(r.status == 200)
            #expect(try JSON(parsing: r.body)["errorCode"]?.stringValue == code, "\(request)")
        }
        #expect(try service.stop() == 0)
    }

    /// The independent checker (Python `cryptography`, written from mosip-clients.md, not from this code) against
    /// the real service: discovery, device info, security and capture rules.
    @Test func independentInteropCheckerPasses() throws {
        let service = try ServiceHarness()
        try service.start()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../tests/interop/mds_check.py").standardizedFileURL.path
        let checker = try runProcess("/usr/bin/python3", [script, "--port", "\(service.port)", "--pki", service.stateDirectory + "/pki",
                                                           "--checks", "discovery,info,security,capture"])
        #expect(checker.status == 0, "\(checker.output.suffix(3000))")
        #expect(checker.output.contains(" passed, 0 failed"))
        #expect(try service.stop() == 0)
    }
}
}
