/// A key that makes RS256 signatures (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 §3.3) without handing out its private
/// half: an OpenSSL key in memory (`PrivateKey`) or a key that never leaves a PKCS#11 token.
public protocol RS256SigningKey: Sendable {
    /// The public half, as certificates carry it.
    var publicKey: PublicKey { get }
    /// The signature of `message` (PKCS#1 v1.5 is deterministic: the same key and message give the same bytes).
    func signRS256(_ message: [UInt8]) throws -> [UInt8]
}

extension PrivateKey: RS256SigningKey {}

/// A key that makes Ed25519 signatures (RFC 8032, pure): in memory (`Ed25519.PrivateKey`) or on a PKCS#11 token.
public protocol Ed25519SigningKey: Sendable {
    var publicKey: Ed25519.PublicKey { get }
    /// The 64-byte signature of `message`.
    func signature(for message: [UInt8]) throws -> [UInt8]
}

extension Ed25519.PrivateKey: Ed25519SigningKey {}

extension PublicKey {
    /// The RSA public key (`rsaEncryption`) with modulus `modulus` and exponent `publicExponent`, both unsigned
    /// big-endian as PKCS#11 gives them (`CKA_MODULUS`, `CKA_PUBLIC_EXPONENT`): encoded as a DER SubjectPublicKeyInfo
    /// (RFC 8017 A.1.1 inside RFC 5280 §4.1.2.7) and parsed by OpenSSL, which checks it.
    public convenience init(rsaModulus modulus: [UInt8], publicExponent: [UInt8]) throws {
        func unsignedInteger(_ bytes: [UInt8]) -> [UInt8] {
            var magnitude = Array(bytes.drop { $0 == 0 })
            if magnitude.isEmpty || magnitude[0] & 0x80 != 0 { magnitude.insert(0, at: 0) }
            return DER.tagged(0x02, magnitude)
        }
        guard !modulus.allSatisfy({ $0 == 0 }), !publicExponent.allSatisfy({ $0 == 0 }) else {
            throw CryptoError(.invalidArgument, "an RSA modulus and exponent must not be zero")
        }
        let rsaPublicKey = DER.tagged(0x30, unsignedInteger(modulus) + unsignedInteger(publicExponent))
        // AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
        let algorithm: [UInt8] = [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00]
        try self.init(spkiDER: DER.tagged(0x30, algorithm + DER.tagged(0x03, [0x00] + rsaPublicKey)))
    }
}

/// The few DER encodings built by hand (X.690 §8.1: tag, definite length, contents).
enum DER {
    static func tagged(_ tag: UInt8, _ contents: [UInt8]) -> [UInt8] {
        [tag] + length(contents.count) + contents
    }

    static func length(_ count: Int) -> [UInt8] {
        guard count >= 0x80 else { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var n = count
        while n > 0 {
            bytes.insert(UInt8(n & 0xFF), at: 0)
            n >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }
}
