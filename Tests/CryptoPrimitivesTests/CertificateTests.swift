import CryptoPrimitives
import Foundation
import TestSupport
import Testing

/// Root CA → intermediate CA → leaf, built once.
enum PKI {
    static let now = Date()
    static let day: TimeInterval = 86_400

    static let root: Certificate = try! Certificate.issue(
        subject: DistinguishedName(commonName: "Test Root CA", organization: "MOSIP Test", country: "IN"),
        publicKey: Fixtures.rootKey.publicKey, issuer: nil, signingKey: Fixtures.rootKey,
        serialNumber: 1, notBefore: now - 30 * day, notAfter: now + 3650 * day, isCA: true, pathLength: 1)

    static let intermediate: Certificate = try! Certificate.issue(
        subject: DistinguishedName(commonName: "Test Device CA", organization: "MOSIP Test", organizationalUnit: "Devices"),
        publicKey: Fixtures.intermediateKey.publicKey, issuer: root, signingKey: Fixtures.rootKey,
        serialNumber: 0x0102_0304_0506, notBefore: now - 30 * day, notAfter: now + 365 * day, isCA: true, pathLength: 0)

    static let leaf: Certificate = try! Certificate.issue(
        subject: DistinguishedName(commonName: "Device 42", organization: "Acme Biometrics", country: "IN",
                                   state: "Karnataka", locality: "Bengaluru"),
        publicKey: Fixtures.leafKey.publicKey, issuer: intermediate, signingKey: Fixtures.intermediateKey,
        serialNumber: 42, notBefore: now - day, notAfter: now + 30 * day, isCA: false)

    static let otherRoot: Certificate = try! Certificate.issue(
        subject: DistinguishedName(commonName: "Test Root CA", organization: "MOSIP Test", country: "IN"),
        publicKey: Fixtures.otherRootKey.publicKey, issuer: nil, signingKey: Fixtures.otherRootKey,
        serialNumber: 1, notBefore: now - day, notAfter: now + 3650 * day, isCA: true)
}

@Suite struct CertificateTests {
    @Test func chainVerifies() throws {
        try CertificateChain.verify(leaf: PKI.leaf, intermediates: [PKI.intermediate], roots: [PKI.root])
        try CertificateChain.verify(leaf: PKI.intermediate, intermediates: [], roots: [PKI.root])
        try CertificateChain.verify(leaf: PKI.root, intermediates: [], roots: [PKI.root])
        try CertificateChain.verify(leaf: PKI.leaf, intermediates: [PKI.intermediate],
                                    roots: [PKI.otherRoot, PKI.root])
        #expect(PKI.leaf.isIssued(by: PKI.intermediate))
        #expect(PKI.intermediate.isIssued(by: PKI.root))
        #expect(PKI.root.isIssued(by: PKI.root))
        #expect(!PKI.leaf.isIssued(by: PKI.root))
        #expect(!PKI.intermediate.isIssued(by: PKI.otherRoot))
    }

    @Test func chainFailures() throws {
        // Same name, different key.
        #expect(throws: CryptoError(.chain, "")) {
            try CertificateChain.verify(leaf: PKI.leaf, intermediates: [PKI.intermediate], roots: [PKI.otherRoot])
        }
        #expect(throws: CryptoError(.chain, "")) {
            try CertificateChain.verify(leaf: PKI.leaf, intermediates: [], roots: [PKI.root])
        }
        #expect(throws: CryptoError(.chain, "")) {
            try CertificateChain.verify(leaf: PKI.leaf, intermediates: [PKI.intermediate], roots: [])
        }
        // Intermediate as anchor needs a partial chain.
        #expect(throws: CryptoError(.chain, "")) {
            try CertificateChain.verify(leaf: PKI.leaf, intermediates: [], roots: [PKI.intermediate])
        }
        try CertificateChain.verify(leaf: PKI.leaf, intermediates: [], roots: [PKI.intermediate], allowPartialChain: true)
        // Past the leaf's notAfter, and before notBefore.
        #expect(throws: CryptoError(.chain, "")) {
            try CertificateChain.verify(leaf: PKI.leaf, intermediates: [PKI.intermediate], roots: [PKI.root],
                                        at: PKI.now + 60 * PKI.day)
        }
        #expect(throws: CryptoError(.chain, "")) {
            try CertificateChain.verify(leaf: PKI.leaf, intermediates: [PKI.intermediate], roots: [PKI.root],
                                        at: PKI.now - 2 * PKI.day)
        }
    }

    @Test func expiredLeafFailsWithReadableReason() throws {
        let expired = try Certificate.issue(
            subject: DistinguishedName(commonName: "Old Device", organization: "Acme Biometrics"),
            publicKey: Fixtures.leafKey.publicKey, issuer: PKI.intermediate, signingKey: Fixtures.intermediateKey,
            serialNumber: 43, notBefore: PKI.now - 10 * PKI.day, notAfter: PKI.now - PKI.day, isCA: false)
        do {
            try CertificateChain.verify(leaf: expired, intermediates: [PKI.intermediate], roots: [PKI.root])
            Issue.record("expired leaf verified")
        } catch let error as CryptoError {
            #expect(error.code == .chain)
            #expect(error.description.contains("expired"), "\(error)")
        }
        // ...but it was valid in its time.
        try CertificateChain.verify(leaf: expired, intermediates: [PKI.intermediate], roots: [PKI.root],
                                    at: PKI.now - 5 * PKI.day)
    }

    @Test func openSSLCLIAgrees() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let root = try dir.write("root.pem", PKI.root.pem)
        let inter = try dir.write("inter.pem", PKI.intermediate.pem)
        let leaf = try dir.write("leaf.pem", PKI.leaf.pem)
        let other = try dir.write("other.pem", PKI.otherRoot.pem)
        let good = try runOpenSSL(["verify", "-CAfile", root, "-untrusted", inter, leaf])
        #expect(good.status == 0, "\(good.output)")
        let bad = try runOpenSSL(["verify", "-CAfile", other, "-untrusted", inter, leaf])
        #expect(bad.status != 0)

        // Leaf signature verifies with the CLI using the public key from the certificate.
        let message = Array("signed by a device".utf8)
        let pub = try dir.write("pub.pem", PKI.leaf.publicKey.pem())
        let sig = try dir.write("sig.bin", Fixtures.leafKey.signRS256(message))
        let msg = try dir.write("msg.bin", message)
        let dgst = try runOpenSSL(["dgst", "-sha256", "-verify", pub, "-signature", sig, msg])
        #expect(dgst.status == 0, "\(dgst.output)")

        // The CLI sees the extensions we asked for.
        let text = try runOpenSSL(["x509", "-in", inter, "-noout", "-text"])
        #expect(text.output.contains("CA:TRUE, pathlen:0"), "\(text.output)")
        #expect(text.output.contains("Certificate Sign, CRL Sign"))
        #expect(text.output.contains("X509v3 Subject Key Identifier"))
        #expect(text.output.contains("X509v3 Authority Key Identifier"))
        #expect(text.output.contains("sha256WithRSAEncryption"))
        let leafText = try runOpenSSL(["x509", "-in", leaf, "-noout", "-text"])
        #expect(leafText.output.contains("CA:FALSE"))
        #expect(leafText.output.contains("Digital Signature, Key Encipherment"))
    }

    @Test func encodingsRoundTrip() throws {
        let leaf = PKI.leaf
        #expect(leaf.pem.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        #expect(leaf.pem.hasSuffix("-----END CERTIFICATE-----\n"))
        #expect(try Certificate(pem: leaf.pem) == leaf)
        #expect(try Certificate(der: leaf.der) == leaf)
        #expect(try Certificate(der: leaf.der).der == leaf.der)
        #expect(leaf != PKI.intermediate)
        #expect(throws: CryptoError(.parse, "")) { try Certificate(der: leaf.der + [0]) }
        #expect(throws: CryptoError(.parse, "")) { try Certificate(der: Array(leaf.der.dropLast())) }
        #expect(throws: CryptoError(.parse, "")) { try Certificate(pem: "garbage") }

        let bundle = leaf.pem + PKI.intermediate.pem + "\n" + PKI.root.pem
        #expect(try Certificate.chain(pem: bundle) == [leaf, PKI.intermediate, PKI.root])
        #expect(throws: CryptoError(.parse, "")) { try Certificate.chain(pem: "") }
        let broken = leaf.pem + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
        #expect(throws: CryptoError(.parse, "")) { try Certificate.chain(pem: broken) }
    }

    @Test func fields() throws {
        let leaf = PKI.leaf
        #expect(leaf.subject.contains("CN=Device 42"))
        #expect(leaf.subject.contains("O=Acme Biometrics"))
        #expect(leaf.subject.hasPrefix("CN=Device 42,"))
        #expect(leaf.issuer == PKI.intermediate.subject)
        #expect(leaf.issuer.contains("OU=Devices"))
        #expect(leaf.subjectName == DistinguishedName(commonName: "Device 42", organization: "Acme Biometrics",
                                                      country: "IN", state: "Karnataka", locality: "Bengaluru"))
        #expect(leaf.issuerName?.commonName == "Test Device CA")
        #expect(leaf.sha256Thumbprint == SHA256.hash(leaf.der))
        #expect(leaf.serialNumberHex == "2A")
        #expect(PKI.intermediate.serialNumberHex == "010203040506")
        #expect(!leaf.isCA)
        #expect(PKI.intermediate.isCA && PKI.root.isCA)
        #expect(leaf.publicKey == Fixtures.leafKey.publicKey)
        #expect(abs(leaf.notBefore.timeIntervalSince(PKI.now - PKI.day)) < 1)
        #expect(abs(leaf.notAfter.timeIntervalSince(PKI.now + 30 * PKI.day)) < 1)

        // Dates past 2049 use GeneralizedTime and still read back.
        let far = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01T00:00:00Z
        let longLived = try Certificate.issue(
            subject: DistinguishedName(commonName: "Ünïcode Root"), publicKey: Fixtures.rootKey.publicKey, issuer: nil,
            signingKey: Fixtures.rootKey, serialNumber: 7, notBefore: Date(timeIntervalSince1970: 0), notAfter: far,
            isCA: true)
        #expect(longLived.notAfter == far)
        #expect(longLived.notBefore == Date(timeIntervalSince1970: 0))
        #expect(longLived.subject == "CN=Ünïcode Root")
        #expect(longLived.subjectName?.commonName == "Ünïcode Root")
    }

    @Test func issuanceRejectsBadArguments() {
        let name = DistinguishedName(commonName: "x")
        let key = Fixtures.leafKey
        #expect(throws: CryptoError(.invalidArgument, "")) {  // self-signed with a foreign key
            try Certificate.issue(subject: name, publicKey: key.publicKey, issuer: nil, signingKey: Fixtures.rootKey,
                                  serialNumber: 1, notBefore: PKI.now, notAfter: PKI.now + PKI.day, isCA: false)
        }
        #expect(throws: CryptoError(.invalidArgument, "")) {  // key does not match the issuer
            try Certificate.issue(subject: name, publicKey: key.publicKey, issuer: PKI.root, signingKey: key,
                                  serialNumber: 1, notBefore: PKI.now, notAfter: PKI.now + PKI.day, isCA: false)
        }
        #expect(throws: CryptoError(.invalidArgument, "")) {
            try Certificate.issue(subject: name, publicKey: key.publicKey, issuer: nil, signingKey: key,
                                  serialNumber: 1, notBefore: PKI.now, notAfter: PKI.now - PKI.day, isCA: false)
        }
        #expect(throws: CryptoError(.invalidArgument, "")) {
            try Certificate.issue(subject: name, publicKey: key.publicKey, issuer: nil, signingKey: key,
                                  serialNumber: 1, notBefore: PKI.now, notAfter: PKI.now + PKI.day, isCA: false,
                                  pathLength: 0)
        }
        #expect(throws: CryptoError(.invalidArgument, "")) {
            try Certificate.issue(subject: DistinguishedName(commonName: "x", country: "India"), publicKey: key.publicKey,
                                  issuer: nil, signingKey: key, serialNumber: 1, notBefore: PKI.now,
                                  notAfter: PKI.now + PKI.day, isCA: false)
        }
    }
}
