import Foundation
import PKCS11
import TestSupport

/// A freshly initialised SoftHSM2 token of this test process.
struct Token {
    let label: String
    let userPIN: String
    let soPIN: String
    let slot: Slot
}

extension SoftHSMFixture {
    /// SoftHSM2, loaded once per process (the fixture exists, so `SOFTHSM2_CONF` is set).
    func module() throws -> PKCS11Module {
        try PKCS11Module.shared(path: modulePath)
    }

    /// Initialises a new token with a unique label in SoftHSM2's free slot, with random PINs.
    func freshToken(prefix: String) throws -> Token {
        let module = try module()
        let (label, userPIN, soPIN) = freshCredentials(prefix: prefix)
        let slot = try module.initializeTokenInFreeSlot(label: label, soPIN: soPIN, userPIN: userPIN)
        return Token(label: label, userPIN: userPIN, soPIN: soPIN, slot: slot)
    }

    /// A read-write session with a fresh token, logged in as the user.
    func loggedInSession(prefix: String) throws -> (token: Token, session: Session) {
        let token = try freshToken(prefix: prefix)
        let session = try module().openSession(tokenLabel: token.label, readWrite: true)
        try session.login(userPIN: token.userPIN)
        return (token, session)
    }
}

/// DER encoding, just enough to build an RSA SubjectPublicKeyInfo (RFC 8017 A.1.1, RFC 5280 §4.1) from a
/// token's CKA_MODULUS and CKA_PUBLIC_EXPONENT.
enum DER {
    static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] { [tag] + length(content.count) + content }

    /// A non-negative INTEGER from big-endian magnitude bytes.
    static func unsignedInteger(_ magnitude: [UInt8]) -> [UInt8] {
        var bytes = Array(magnitude.drop { $0 == 0 })
        if bytes.isEmpty || bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return tlv(0x02, bytes)
    }

    static func sequence(_ parts: [UInt8]...) -> [UInt8] { tlv(0x30, parts.flatMap { $0 }) }

    /// SubjectPublicKeyInfo { rsaEncryption (1.2.840.113549.1.1.1) NULL, BIT STRING { RSAPublicKey { n, e } } }.
    static func rsaSubjectPublicKeyInfo(modulus: [UInt8], exponent: [UInt8]) -> [UInt8] {
        let algorithm = sequence(tlv(0x06, [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]), [0x05, 0x00])
        let key = sequence(unsignedInteger(modulus), unsignedInteger(exponent))
        return sequence(algorithm, tlv(0x03, [0x00] + key))
    }
}

/// Runs `/usr/bin/openssl` with `arguments`; returns its exit status and combined output.
func runOpenSSL(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}
