public import CryptoPrimitives
public import Foundation
public import MDSModel
import ServiceKit
public import Wire

/// A certificate authority's private key (in a file: the authorities stand for the provider and MOSIP, not for the
/// device) and its certificate.
public struct KeyPair: Sendable {
    public let key: PrivateKey
    public let certificate: Certificate
}

/// A key the signer signs with for a device or the journal (from the `KeyStore`: on a token by default) and the
/// certificate that carries its public half.
public struct CertifiedKey: Sendable {
    public let key: any RS256SigningKey
    public let certificate: Certificate
}

/// The development PKI a first start provisions under `<state>/pki` (DESIGN.md "Keys and trust").
///
/// ```
/// mosip-root (self-signed, the adopter's root)          ftm-root (self-signed, the FTM provider's root)
///  ├─ device-provider-ca (the provider's CA)              └─ devices/<id>/ftm-chip   (L1 devices: signs the digitalId)
///  │   ├─ devices/<id>/device   (signs deviceInfo, capture data; the digitalId of L0 devices)
///  │   └─ journal               (signs journal checkpoints)
///  └─ mosip-encryption          (the "MOSIP key" that encrypts auth captures; its private half is kept only so
///                                 local tests and `mds-client decrypt` can open what the device sealed)
/// ```
/// The authorities' private keys are PKCS#8 PEM files with mode 0600 in 0700 directories; the device, FTM and journal
/// keys come from a `KeyStore` (a PKCS#11 token by default, or files beside the others); certificates are PEM, 0644.
/// `trust/roots.pem` and `trust/intermediates.pem` are what a verifier needs. Production replaces each piece
/// by configuration; nothing here is meant to leave the development machine.
public struct DevelopmentPKI: Sendable {
    public let directory: String
    public let mosipRoot: KeyPair
    public let ftmRoot: KeyPair
    public let deviceProviderCA: KeyPair
    public let mosipEncryption: KeyPair
    public let journal: CertifiedKey
    public let deviceKeys: [String: CertifiedKey]
    public let ftmKeys: [String: CertifiedKey]
    /// The Ed25519 key that signs journal checkpoints (C2SP signed notes use Ed25519).
    public let journalNoteKey: any Ed25519SigningKey
    /// Where the device and journal keys are, and where the FTM chip keys are.
    public let keyStore: any KeyStore
    public let ftmKeyStore: any KeyStore

    /// What happened while loading: for the operator's log.
    public struct Report: Sendable {
        public var created: [String] = []
        public var loaded: [String] = []
    }

    /// Loads the PKI under `directory`, creating whatever is missing. The device and journal keys come from `keyStore`,
    /// the L1 devices' FTM chip keys from `ftmKeyStore` (their own token); both default to PEM files in `directory`.
    /// A leaf certificate is issued again when its key is new, it has expired, or it no longer matches its key or
    /// its issuer.
    public static func provision(directory: String, devices: [DeviceDescriptor], keyStore: (any KeyStore)? = nil,
                                 ftmKeyStore: (any KeyStore)? = nil, now: Date = Date()) throws -> (DevelopmentPKI, Report) {
        let keyStore = keyStore ?? FileKeyStore(directory: directory)
        let ftmKeyStore = ftmKeyStore ?? FileKeyStore(directory: directory)
        var report = Report()
        try Directories.ensurePrivate(directory)
        try Directories.ensurePrivate(directory + "/devices")
        try Directories.ensurePrivate(directory + "/trust")
        var serial = UInt64(now.timeIntervalSince1970) << 16

        /// `<name>.crt` if it still certifies `key` (unexpired, issued by `issuer`, or self-signed without one) and
        /// the key is not new; else a certificate issued now, signed by `signingKey`, and written.
        func certificate(_ name: String, for key: PublicKey, keyIsNew: Bool, subject: DistinguishedName, issuer: KeyPair?,
                         signingKey: PrivateKey, isCA: Bool, years: Double) throws -> Certificate {
            let certPath = "\(directory)/\(name).crt"
            if !keyIsNew, let pem = try? String(contentsOfFile: certPath, encoding: .utf8), let cert = try? Certificate(pem: pem),
               cert.publicKey == key, cert.notAfter > now, issuer.map({ cert.isIssued(by: $0.certificate) }) ?? true {
                report.loaded.append(name)
                return cert
            }
            serial += 1
            let cert = try Certificate.issue(
                subject: subject, publicKey: key, issuer: issuer?.certificate, signingKey: signingKey,
                serialNumber: serial, notBefore: now.addingTimeInterval(-300), notAfter: now.addingTimeInterval(years * 365 * 86400),
                isCA: isCA, pathLength: isCA ? (issuer == nil ? 1 : 0) : nil)
            try Directories.writeFile(certPath, Array(cert.pem.utf8), mode: 0o644)
            report.created.append(name)
            return cert
        }

        /// An authority (or the MOSIP encryption key): its key in a PEM file beside its certificate.
        let authorities = FileKeyStore(directory: directory)
        func pair(_ name: String, subject: DistinguishedName, issuer: KeyPair?, isCA: Bool, years: Double) throws -> KeyPair {
            let (key, created) = try authorities.privateKey(named: name)
            return KeyPair(key: key, certificate: try certificate(name, for: key.publicKey, keyIsNew: created, subject: subject, issuer: issuer,
                                                                  signingKey: issuer?.key ?? key, isCA: isCA, years: years))
        }

        /// A key the signer signs with, from `store`, certified by `issuer`.
        func leaf(_ name: String, subject: DistinguishedName, issuer: KeyPair, years: Double, in store: any KeyStore) throws -> CertifiedKey {
            let (key, created) = try store.rsaKey(named: name)
            return CertifiedKey(key: key, certificate: try certificate(name, for: key.publicKey, keyIsNew: created, subject: subject,
                                                                       issuer: issuer, signingKey: issuer.key, isCA: false, years: years))
        }

        let provider = devices.first?.deviceProvider ?? "MDS Device Provider"
        let mosipRoot = try pair("mosip-root", subject: .init(commonName: "MOSIP Development Root CA", organization: "MOSIP Dev"),
                                 issuer: nil, isCA: true, years: 10)
        let ftmRoot = try pair("ftm-root", subject: .init(commonName: "Development FTM Root", organization: "MDS Dev FTM Provider"),
                               issuer: nil, isCA: true, years: 20)
        let providerCA = try pair("device-provider-ca", subject: .init(commonName: "\(provider) Device CA", organization: provider),
                                  issuer: mosipRoot, isCA: true, years: 5)
        let encryption = try pair("mosip-encryption", subject: .init(commonName: "IDA-FIR Development", organization: "MOSIP Dev"),
                                  issuer: mosipRoot, isCA: false, years: 1)
        let journal = try leaf("journal", subject: .init(commonName: "MDS Journal", organization: provider), issuer: providerCA, years: 1,
                               in: keyStore)
        var deviceKeys: [String: CertifiedKey] = [:]
        var ftmKeys: [String: CertifiedKey] = [:]
        for device in devices where device.registered {
            try Directories.ensurePrivate("\(directory)/devices/\(device.deviceId)")
            // CTK checks that the device certificate's O equals the device provider's organisation (mosip-clients.md §b.1).
            deviceKeys[device.deviceId] = try leaf(
                "devices/\(device.deviceId)/device",
                subject: .init(commonName: "\(device.serialNo)", organization: device.deviceProvider, organizationalUnit: device.purpose.rawValue),
                issuer: providerCA, years: 1, in: keyStore)
            if device.signsDigitalIdWithFTM {
                ftmKeys[device.deviceId] = try leaf(
                    "devices/\(device.deviceId)/ftm-chip",
                    subject: .init(commonName: "FTM chip \(device.serialNo)", organization: "MDS Dev FTM Provider"),
                    issuer: ftmRoot, years: 20, in: ftmKeyStore)
            }
        }
        let (noteKey, noteCreated) = try keyStore.ed25519Key(named: "journal-note")
        if noteCreated { report.created.append("journal-note") } else { report.loaded.append("journal-note") }
        let roots = mosipRoot.certificate.pem + ftmRoot.certificate.pem
        try Directories.writeFile("\(directory)/trust/roots.pem", Array(roots.utf8), mode: 0o644)
        try Directories.writeFile("\(directory)/trust/intermediates.pem", Array(providerCA.certificate.pem.utf8), mode: 0o644)
        let pki = DevelopmentPKI(directory: directory, mosipRoot: mosipRoot, ftmRoot: ftmRoot, deviceProviderCA: providerCA,
                                 mosipEncryption: encryption, journal: journal, deviceKeys: deviceKeys, ftmKeys: ftmKeys,
                                 journalNoteKey: noteKey, keyStore: keyStore,
                                 ftmKeyStore: ftmKeyStore)
        return (pki, report)
    }

    public func keyPair(for reference: KeyReference) -> CertifiedKey? {
        switch reference {
        case let .device(id): deviceKeys[id]
        case let .ftm(id): ftmKeys[id]
        case .journal: journal
        }
    }

    public var references: [KeyReference] {
        deviceKeys.keys.sorted().map(KeyReference.device) + ftmKeys.keys.sorted().map(KeyReference.ftm) + [.journal]
    }
}

