import Foundation
import Synchronization

/// The one SoftHSM2 configuration of a test process.
///
/// SoftHSM2 reads `SOFTHSM2_CONF` once per process, when the module is first initialised (`C_Initialize`), and
/// the module then stays initialised for the rest of the process. Every test (of any test target linked into the
/// same test process) that loads SoftHSM2 must therefore go through ``shared`` *before* loading the module, and
/// make its own tokens (``freshCredentials(prefix:)``) instead of counting on a private configuration.
///
/// On first use it writes `softhsm2.conf` in a new temporary directory (tokens in `<dir>/tokens`, file object
/// store, log level ERROR), sets `SOFTHSM2_CONF` to it and removes the directory when the process exits. If
/// `SOFTHSM2_CONF` is already set, that configuration is used as it is and nothing is written or removed.
///
/// This module does not depend on the PKCS#11 wrapper: initialising a token is up to the test target
/// (`PKCS11Module.initializeTokenInFreeSlot`, which serialises initialisations in the process).
public final class SoftHSMFixture: Sendable {
    /// The process's fixture, created (and `SOFTHSM2_CONF` set) on first use. Thread-safe.
    public static let shared = SoftHSMFixture()

    /// Debian 12's SoftHSM2 PKCS#11 module (package softhsm2).
    public let modulePath = "/usr/lib/softhsm/libsofthsm2.so"
    /// The configuration file `SOFTHSM2_CONF` names.
    public let configurationPath: String
    /// The directory this fixture created (configuration and tokens), or `nil` when `SOFTHSM2_CONF` was given.
    public let directory: String?

    private let tokenCounter = Atomic<Int>(0)

    /// The directory to remove at exit (read by the `atexit` handler, which cannot capture).
    private static let directoryToRemove = Mutex<String?>(nil)

    private init() {
        if let existing = ProcessInfo.processInfo.environment["SOFTHSM2_CONF"], !existing.isEmpty {
            configurationPath = existing
            directory = nil
            return
        }
        do {
            let root = try TemporaryDirectory(prefix: "mds-softhsm")
            let tokens = root.path + "/tokens"
            try FileManager.default.createDirectory(atPath: tokens, withIntermediateDirectories: true)
            let configuration = root.path + "/softhsm2.conf"
            let text = """
                # Written by SoftHSMFixture for one test process.
                directories.tokendir = \(tokens)
                objectstore.backend = file
                log.level = ERROR

                """
            try text.write(toFile: configuration, atomically: true, encoding: .utf8)
            configurationPath = configuration
            directory = root.path
        } catch {
            fatalError("cannot write a SoftHSM2 configuration: \(error)")
        }
        // Never overwrites a configuration someone else set.
        setenv("SOFTHSM2_CONF", configurationPath, 0)
        Self.directoryToRemove.withLock { $0 = directory }
        atexit {
            guard let directory = SoftHSMFixture.directoryToRemove.withLock({ $0 }) else { return }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// Whether the SoftHSM2 module is installed.
    public var isModuleInstalled: Bool { FileManager.default.isReadableFile(atPath: modulePath) }

    /// A token label unique in this process and, with high probability, across processes sharing a
    /// configuration (at most 32 bytes: `prefix` is cut to 12 characters), and random PINs for it.
    public func freshCredentials(prefix: String) -> (label: String, userPIN: String, soPIN: String) {
        let number = tokenCounter.add(1, ordering: .relaxed).newValue
        let nonce = String(UInt32.random(in: .min ... .max), radix: 16)
        let label = "\(prefix.prefix(12))-\(nonce)-\(number)"
        let userPIN = "u" + String(UInt64.random(in: .min ... .max), radix: 16)
        let soPIN = "s" + String(UInt64.random(in: .min ... .max), radix: 16)
        return (label, userPIN, soPIN)
    }
}
