import CryptoPrimitives
import Foundation
import Gateway
import JSON
import MDSClient
import MDSModel
import ServiceKit
import Signer
import TestSupport
import Testing
import Wire

/// The signer's responder used in-process as the gateway's signing service: the same code path as over the bus,
/// minus the socket.
struct InProcessSigner: SigningService {
    let responder: SignerResponder
    func sign(_ items: [SignRequest.Item]) throws -> [String] {
        let reply = responder.respond(to: [Envelope(SignRequest(items: items), requestId: 1)])[0]
        return try reply.decode(SignResponse.self).tokens
    }
}

/// One development PKI for the whole suite: RSA key generation is the slow part.
final class PKIFixture: @unchecked Sendable {
    static let shared = PKIFixture()
    let directory: TemporaryDirectory
    let pki: DevelopmentPKI
    let report: DevelopmentPKI.Report
    let devices: [DeviceDescriptor]

    init() {
        var devices = DeviceDescriptor.simulatedDefaults
        devices[2].registered = false  // device 3: exercises the Not Registered shapes
        self.devices = devices
        directory = try! TemporaryDirectory(prefix: "mds-pki")
        (pki, report) = try! DevelopmentPKI.provision(directory: directory.path + "/pki", devices: devices)
    }
}

@Suite struct DevelopmentPKITests {
    let fixture = PKIFixture.shared

    @Test func keysArePrivateAndChainsVerify() throws {
        let dir = fixture.pki.directory
        var st = stat()
        for name in ["mosip-root.key", "ftm-root.key", "device-provider-ca.key", "devices/1/device.key", "devices/4/ftm-chip.key"] {
            #expect(stat(dir + "/" + name, &st) == 0)
            #expect(st.st_mode & 0o777 == 0o600, "\(name)")
        }
        #expect(stat(dir, &st) == 0 && st.st_mode & 0o777 == 0o700)
        let trust = try TrustStore(pkiDirectory: dir)
        for (_, pair) in fixture.pki.deviceKeys {
            try CertificateChain.verify(leaf: pair.certificate, intermediates: trust.intermediates, roots: trust.roots)
            #expect(pair.certificate.subjectName?.organization == "MDS Swift Simulator")
        }
        for (_, pair) in fixture.pki.ftmKeys {
            try CertificateChain.verify(leaf: pair.certificate, intermediates: [], roots: [fixture.pki.ftmRoot.certificate])
        }
        #expect(fixture.pki.deviceKeys["3"] == nil)  // not registered: no device key
        #expect(Set(fixture.pki.ftmKeys.keys) == ["4", "5", "6"])  // the L1 devices
    }

    @Test func anExpiredCertificateIsIssuedAgainForTheKeyItHad() throws {
        let directory = try TemporaryDirectory(prefix: "mds-pki-expiry")
        defer { directory.remove() }
        let devices = Array(DeviceDescriptor.simulatedDefaults.prefix(1))
        let twoYearsAgo = Date(timeIntervalSinceNow: -2 * 365 * 86400)
        let (old, _) = try DevelopmentPKI.provision(directory: directory.path + "/pki", devices: devices, now: twoYearsAgo)
        let (renewed, report) = try DevelopmentPKI.provision(directory: directory.path + "/pki", devices: devices)
        // Device certificates last a year, the roots ten: the device's is renewed over the same key, the roots kept.
        #expect(report.created.contains("devices/1/device") && report.loaded.contains("mosip-root"), "\(report)")
        #expect(renewed.deviceKeys["1"]?.key.publicKey == old.deviceKeys["1"]?.key.publicKey)
        #expect(renewed.deviceKeys["1"]?.certificate != old.deviceKeys["1"]?.certificate)
        #expect(try #require(renewed.deviceKeys["1"]).certificate.notAfter > Date())
        #expect(renewed.mosipRoot.certificate == old.mosipRoot.certificate)
    }

    @Test func secondStartLoadsInsteadOfRegenerating() throws {
        let (again, report) = try DevelopmentPKI.provision(directory: fixture.pki.directory, devices: fixture.devices)
        #expect(report.created.isEmpty)
        #expect(again.deviceKeys["1"]?.certificate == fixture.pki.deviceKeys["1"]?.certificate)
    }
}

@Suite struct SignerResponderTests {
    let fixture = PKIFixture.shared
    var responder: SignerResponder { SignerResponder(pki: fixture.pki, logger: Logger(label: "test", handler: InMemoryLogHandler())) }

    @Test func signsCompactJWSWithX5CArrayAndTypJWT() throws {
        let payload = Array(#"{"hello":"world"}"#.utf8)
        let tokens = try InProcessSigner(responder: responder).sign([.init(key: .device("1"), payload: payload)])
        let jws = try CompactJWS(compact: tokens[0])
        #expect(jws.payload == payload)
        #expect(jws.header == JSON.object(["x5c": .array([.string(Base64.encode(fixture.pki.deviceKeys["1"]!.certificate.der))]),
                                           "alg": "RS256", "typ": "JWT"]))
        let cert = try Certificate(der: try #require(jws.certificateChainDER.first))
        #expect(cert.publicKey.isValidRS256(signature: jws.signature, message: jws.signingInput))
        #expect(!cert.publicKey.isValidRS256(signature: jws.signature, message: jws.signingInput + [0x20]))
    }

    @Test func unknownKeyIsAnError() {
        let reply = responder.respond(to: [Envelope(SignRequest(items: [.init(key: .device("99"), payload: [1])]), requestId: 7)])[0]
        #expect(reply.requestId == 7)
        #expect(throws: ErrorReply.self) { try reply.decode(SignResponse.self) }
    }

    @Test func inventoryListsDeviceFTMAndJournalKeys() throws {
        let reply = responder.respond(to: [Envelope(KeyInventoryRequest(), requestId: 2)])[0]
        let keys = try reply.decode(KeyInventory.self).keys
        #expect(keys.contains(.device("1")) && keys.contains(.ftm("4")) && keys.contains(.journal))
        #expect(!keys.contains(.device("3")) && !keys.contains(.ftm("1")))
    }
}

@Suite struct DeviceDocumentsTests {
    let fixture = PKIFixture.shared

    func documents() -> DeviceDocuments {
        var configuration = ServiceConfiguration()
        configuration.devices = fixture.devices
        let registry = fixture.readyRegistry()
        let signer = InProcessSigner(responder: SignerResponder(pki: fixture.pki, logger: Logger(label: "t", handler: InMemoryLogHandler())))
        return DeviceDocuments(configuration: configuration, port: 4507, registry: registry, signer: signer)
    }

    @Test func discoveryEntriesHaveTheStrictShape() throws {
        let entries = try #require(documents().discovery(type: "Biometric Device").arrayValue)
        #expect(entries.count == 6)
        for entry in entries { #expect(DeviceChecks.discoveryEntry(entry, port: 4507) == []) }
        let unregistered = try #require(entries.first { $0["deviceStatus"]?.stringValue == "Not Registered" })
        #expect(unregistered["deviceId"]?.stringValue == "")
        #expect(unregistered["deviceCode"]?.stringValue == "")
        #expect(unregistered["purpose"]?.stringValue == "")
        #expect(unregistered["error"]?["errorCode"]?.stringValue == "100")
    }

    @Test(arguments: ["FINGER", "finger", "Biometric device", "", "Fingerprints"])
    func discoveryTypeIsCaseSensitive(type: String) {
        #expect(documents().discovery(type: type)[0]?["error"]?["errorCode"]?.stringValue == "502")
    }

    @Test func deviceInfoVerifiesAndNotRegisteredIsUnsigned() throws {
        let entries = try #require(try documents().deviceInfo().arrayValue)
        let trust = try TrustStore(pkiDirectory: fixture.pki.directory)
        var verified = 0
        for entry in entries {
            if entry["error"]?["errorCode"]?.stringValue == "100" {
                let info = try #require(entry["deviceInfo"]?.stringValue)
                #expect(!info.contains("."))
                let payload = try JSON(parsing: try #require(Base64.decode(info)))
                #expect(payload["env"]?.stringValue == "None")
                #expect(payload["deviceStatus"]?.stringValue == "Not Registered")
                #expect(payload["purpose"]?.stringValue == "")
                #expect(payload["digitalId"]?.stringValue?.contains(".") == false)
                continue
            }
            let (device, problems) = DeviceChecks.deviceInfoEntry(entry, port: 4507, trust: trust)
            #expect(problems == [])
            if device != nil { verified += 1 }
        }
        #expect(verified == 5)
    }

    @Test func busyDeviceIsStillSignedWithError111() throws {
        let docs = documents()
        _ = docs.registry.tryMarkBusy("1")
        let entries = try #require(try docs.deviceInfo().arrayValue)
        let busy = try #require(entries.first { $0["error"]?["errorCode"]?.stringValue == "111" })
        let trust = try TrustStore(pkiDirectory: fixture.pki.directory)
        let (device, _) = DeviceChecks.deviceInfoEntry(busy, port: 4507, trust: trust)
        #expect(device?.info["deviceStatus"]?.stringValue == "Busy")
        #expect(docs.discovery(type: "Finger")[0]?["deviceStatus"]?.stringValue == "Busy")
    }
}
