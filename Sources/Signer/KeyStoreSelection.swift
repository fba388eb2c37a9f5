import Foundation
public import MDSModel
import ServiceKit

extension SignerStage {
    /// The stores the configuration names: the device and journal keys' and the FTM keys'. SoftHSM2 tokens that do
    /// not exist yet are created under `<state>/hsm` (unless `SOFTHSM2_CONF` names another configuration), with their
    /// PINs in `<state>/pki/<label>.pin`; a token with a configured PIN file, and any other module's tokens, must
    /// exist already.
    public static func keyStores(_ keys: KeyStoreConfiguration, stateDirectory: String) throws -> (device: any KeyStore, ftm: any KeyStore) {
        let pkiDirectory = stateDirectory + "/pki"
        switch keys {
        case .files:
            let store = FileKeyStore(directory: pkiDirectory)
            return (store, store)
        case let .pkcs11(module, device, ftm):
            let isSoftHSM = (module as NSString).lastPathComponent == "libsofthsm2.so"
            if isSoftHSM { try SoftHSMConfiguration.useStateDirectory(stateDirectory) }
            func open(_ token: KeyStoreConfiguration.Token) throws -> PKCS11KeyStore {
                // A configured PIN file belongs to a token the operator provisioned: it is read, never written.
                let own = token.pinFile.isEmpty
                return try PKCS11KeyStore(module: module, token: token.label, pinFile: own ? "\(pkiDirectory)/\(token.label).pin" : token.pinFile,
                                          createIfMissing: isSoftHSM && own)
            }
            return (try open(device), try open(ftm))
        }
    }
}

extension SignerStage {
    /// The device, FTM and journal key files a `files` key store left under `pkiDirectory` (paths relative to it,
    /// sorted): unused once the keys are on tokens, so the operator is told (they are not deleted for them).
    public static func leftoverKeyFiles(pkiDirectory: String) -> [String] {
        var found = ["journal.key", "journal-note.key"].filter { FileManager.default.fileExists(atPath: "\(pkiDirectory)/\($0)") }
        let devices = (try? FileManager.default.contentsOfDirectory(atPath: pkiDirectory + "/devices")) ?? []
        for device in devices.sorted() {
            for name in ["device.key", "ftm-chip.key"] where FileManager.default.fileExists(atPath: "\(pkiDirectory)/devices/\(device)/\(name)") {
                found.append("devices/\(device)/\(name)")
            }
        }
        return found
    }
}

/// Where SoftHSM2 keeps its tokens for this service.
public enum SoftHSMConfiguration {
    /// Points SoftHSM2 (which reads `SOFTHSM2_CONF` once, when the module is initialised) at `<state>/hsm/tokens`,
    /// unless `SOFTHSM2_CONF` already names a configuration (an operator's, or a test process's).
    public static func useStateDirectory(_ stateDirectory: String) throws {
        guard ProcessInfo.processInfo.environment["SOFTHSM2_CONF"] == nil else { return }
        let directory = stateDirectory + "/hsm"
        try Directories.ensurePrivate(directory + "/tokens")
        let text = """
            # Written by the MDS signer: SoftHSM2 tokens of this service's state directory.
            directories.tokendir = \(directory)/tokens
            objectstore.backend = file
            log.level = ERROR
            slots.removable = false

            """
        try Directories.writeFile(directory + "/softhsm2.conf", Array(text.utf8), mode: 0o600)
        setenv("SOFTHSM2_CONF", directory + "/softhsm2.conf", 1)
    }
}
