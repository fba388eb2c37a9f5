import CryptoPrimitives
import Foundation
import JSON
import MDSModel
import PKCS11
import ServiceKit
import Signer
import TestSupport
import Testing
import Transparency
import Wire

/// The signer's keys on SoftHSM2 tokens, as `mds run` provisions them by default: generated on the token, never
/// extractable, signing JWS and checkpoint notes that verify against the certificates and keys it publishes.
@Suite struct PKCS11KeyStoreTests {
    let fixture = SoftHSMFixture.shared

    /// A state directory and a key configuration naming two tokens that do not exist yet.
    func freshConfiguration() throws -> (TemporaryDirectory, KeyStoreConfiguration, device: String, ftm: String) {
        let directory = try TemporaryDirectory(prefix: "mds-hsm")
        let device = fixture.freshCredentials(prefix: "dev").label, ftm = fixture.freshCredentials(prefix: "ftm").label
        return (directory, .pkcs11(module: fixture.modulePath, device: .init(label: device), ftm: .init(label: ftm)), device, ftm)
    }

    @Test func aFirstStartCreatesBothTokensAndKeepsNoPrivateKeyOfTheDeviceInFiles() throws {
        let (state, keys, deviceLabel, ftmLabel) = try freshConfiguration()
        defer { state.remove() }
        let stores = try SignerStage.keyStores(keys, stateDirectory: state.path)
        let (pki, report) = try DevelopmentPKI.provision(directory: state.path + "/pki", devices: DeviceDescriptor.simulatedDefaults,
                                                         keyStore: stores.device, ftmKeyStore: stores.ftm)
        #expect(report.created.contains("devices/1/device") && report.created.contains("journal-note"))
        #expect(stores.device.summary == "PKCS#11 token \"\(deviceLabel)\" (\(fixture.modulePath))")
        #expect(stores.ftm.summary.contains(ftmLabel))

        // PINs in 0600 files of the PKI directory; the device, FTM and journal keys nowhere on disk as PEM.
        var st = stat()
        for name in ["\(deviceLabel).pin", "\(deviceLabel).pin.so", "\(ftmLabel).pin", "\(ftmLabel).pin.so"] {
            #expect(stat(state.path + "/pki/" + name, &st) == 0 && st.st_mode & 0o777 == 0o600, "\(name)")
        }
        for name in ["devices/1/device.key", "devices/4/ftm-chip.key", "journal.key", "journal-note.key"] {
            #expect(!FileManager.default.fileExists(atPath: state.path + "/pki/" + name), "\(name)")
        }
        #expect(FileManager.default.fileExists(atPath: state.path + "/pki/device-provider-ca.key"))  // the authorities stay files

        // Each key is on its own token, sensitive and not extractable.
        let module = try PKCS11Module.shared(path: fixture.modulePath)
        for (label, name, present) in [(deviceLabel, "devices/1/device", true), (deviceLabel, "devices/4/ftm-chip", false),
                                       (ftmLabel, "devices/4/ftm-chip", true), (deviceLabel, "journal-note", true)] {
            let session = try module.openSession(tokenLabel: label)
            try session.login(userPIN: try String(contentsOfFile: state.path + "/pki/\(label).pin", encoding: .utf8))
            let found = try session.findObjects(class: .privateKey, label: name)
            #expect(found.count == (present ? 1 : 0), "\(name) on \(label)")
            if let key = found.first {
                #expect(try session.boolAttribute(.sensitive, of: key) && !session.boolAttribute(.extractable, of: key))
            }
        }

        // The token's keys sign what the certificates and the published note key verify.
        let responder = SignerResponder(pki: pki, logger: Logger(label: "test", handler: InMemoryLogHandler()))
        let reply = responder.respond(to: [Envelope(SignRequest(items: [.init(key: .device("1"), payload: Array("{}".utf8)),
                                                                         .init(key: .ftm("4"), payload: Array("{}".utf8))]), requestId: 1)])[0]
        let tokens = try reply.decode(SignResponse.self).tokens
        for (token, certificate) in zip(tokens, [pki.deviceKeys["1"]!.certificate, pki.ftmKeys["4"]!.certificate]) {
            let jws = try CompactJWS(compact: token)
            #expect(certificate.publicKey.isValidRS256(signature: jws.signature, message: jws.signingInput))
        }
        let note = try Checkpoint(origin: JournalKeys.noteKeyName, size: 3, rootHash: [UInt8](repeating: 7, count: 32))
            .signed(name: JournalKeys.noteKeyName, key: pki.journalNoteKey)
        let verifier = try NoteVerifier(name: JournalKeys.noteKeyName, publicKey: pki.journalNoteKey.publicKey)
        #expect(try Checkpoint.open(note, origin: JournalKeys.noteKeyName, verifiers: [verifier]).checkpoint.size == 3)
        let event = SignerStage.keysEvent(pki)
        #expect(event.attributes.contains { $0.key == "key_store" && $0.value == stores.device.summary })
    }

    @Test func aRestartFindsTheSameKeysOnTheTokens() throws {
        let (state, keys, _, _) = try freshConfiguration()
        defer { state.remove() }
        let devices = DeviceDescriptor.simulatedDefaults
        let first = try SignerStage.keyStores(keys, stateDirectory: state.path)
        let (pki, _) = try DevelopmentPKI.provision(directory: state.path + "/pki", devices: devices, keyStore: first.device, ftmKeyStore: first.ftm)
        let again = try SignerStage.keyStores(keys, stateDirectory: state.path)  // new sessions, tokens found by label
        let (reloaded, report) = try DevelopmentPKI.provision(directory: state.path + "/pki", devices: devices, keyStore: again.device,
                                                              ftmKeyStore: again.ftm)
        #expect(report.created.isEmpty, "\(report.created)")
        #expect(reloaded.deviceKeys["2"]?.certificate == pki.deviceKeys["2"]?.certificate)
        #expect(reloaded.ftmKeys["5"]?.key.publicKey == pki.ftmKeys["5"]?.key.publicKey)
        #expect(reloaded.journalNoteKey.publicKey == pki.journalNoteKey.publicKey)
    }

    @Test func aWrongOrMissingPINIsRefusedWithoutShowingIt() throws {
        let (state, keys, deviceLabel, _) = try freshConfiguration()
        defer { state.remove() }
        _ = try SignerStage.keyStores(keys, stateDirectory: state.path)
        let pinFile = state.path + "/pki/\(deviceLabel).pin"
        try Directories.writeFile(pinFile, Array("not-the-pin-4711".utf8), mode: 0o600)
        let wrong = #expect(throws: PKCS11Error.self) { try SignerStage.keyStores(keys, stateDirectory: state.path) }
        #expect(wrong?.returnValue == .pinIncorrect)
        #expect(!"\(String(describing: wrong))".contains("4711"))

        try FileManager.default.removeItem(atPath: pinFile)
        let missing = #expect(throws: PKCS11KeyStore.Failure.self) { try SignerStage.keyStores(keys, stateDirectory: state.path) }
        #expect(missing?.description.contains(pinFile) == true)
    }

    @Test func keyFilesOfAnEarlierFilesStoreAreFound() throws {
        let state = try TemporaryDirectory(prefix: "mds-leftover")
        defer { state.remove() }
        let pki = state.path + "/pki"
        _ = try DevelopmentPKI.provision(directory: pki, devices: DeviceDescriptor.simulatedDefaults)  // the files store
        #expect(SignerStage.leftoverKeyFiles(pkiDirectory: pki) == [
            "journal.key", "journal-note.key", "devices/1/device.key", "devices/2/device.key", "devices/3/device.key",
            "devices/4/device.key", "devices/4/ftm-chip.key", "devices/5/device.key", "devices/5/ftm-chip.key",
            "devices/6/device.key", "devices/6/ftm-chip.key",
        ])
        #expect(SignerStage.leftoverKeyFiles(pkiDirectory: state.path + "/nothing-here").isEmpty)
    }

    @Test func aTokenWithAConfiguredPINFileIsNeverCreated() throws {
        let state = try TemporaryDirectory(prefix: "mds-hsm-pin")
        defer { state.remove() }
        let label = fixture.freshCredentials(prefix: "operator").label
        let pinFile = state.path + "/operator.pin"
        try Directories.writeFile(pinFile, Array("operator-pin\n".utf8), mode: 0o600)
        let keys = KeyStoreConfiguration.pkcs11(module: fixture.modulePath, device: .init(label: label, pinFile: pinFile),
                                                ftm: .init(label: fixture.freshCredentials(prefix: "ftm").label))
        let error = #expect(throws: PKCS11KeyStore.Failure.self) { try SignerStage.keyStores(keys, stateDirectory: state.path) }
        #expect(error?.description.contains("no initialised token \"\(label)\"") == true)
        #expect(try String(contentsOfFile: pinFile, encoding: .utf8) == "operator-pin\n")  // not overwritten
        #expect(try PKCS11Module.shared(path: fixture.modulePath).slot(tokenLabel: label) == nil)

        // Once the operator has provisioned it with that PIN, the signer uses it.
        try PKCS11Module.shared(path: fixture.modulePath).initializeTokenInFreeSlot(label: label, soPIN: "so-pin-1", userPIN: "operator-pin")
        let stores = try SignerStage.keyStores(keys, stateDirectory: state.path)
        #expect(try stores.device.rsaKey(named: "journal").created)
    }

    @Test func anotherModuleMustAlreadyHoldTheToken() throws {
        let label = fixture.freshCredentials(prefix: "absent").label
        let error = #expect(throws: PKCS11KeyStore.Failure.self) {
            try PKCS11KeyStore(module: fixture.modulePath, token: label, pinFile: "/nonexistent/pin", createIfMissing: false)
        }
        #expect(error?.description.contains("no initialised token \"\(label)\"") == true)
        #expect(try PKCS11Module.shared(path: fixture.modulePath).slot(tokenLabel: label) == nil)  // nothing was created
    }
}
