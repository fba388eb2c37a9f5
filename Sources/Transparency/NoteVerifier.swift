public import CryptoPrimitives

/// A trusted Ed25519 note key: the key name, its 4-byte key ID and the public key (c2sp.org/signed-note,
/// "Ed25519 signatures").
///
/// Auditors can be given the key as one line, the verifier key format of golang.org/x/mod/sumdb/note that
/// c2sp.org tools share: `<name>+<8 hex digits of the key ID>+<base64(0x01 ‖ 32-byte public key)>`, e.g.
/// `PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW`.
public struct NoteVerifier: Sendable, Hashable {
    /// The c2sp.org/signed-note signature type byte for Ed25519.
    public static let ed25519SignatureType: UInt8 = 0x01

    /// The key name (non-empty; no Unicode spaces, no `+`). For a log's checkpoint key it SHOULD equal the
    /// checkpoint origin (c2sp.org/tlog-checkpoint "Signatures").
    public let name: String
    /// The 4-byte key ID, ``keyHash(name:publicKey:)``.
    public let keyHash: [UInt8]
    /// The Ed25519 public key.
    public let publicKey: Ed25519.PublicKey

    /// The verifier for `publicKey` under `name`. Throws ``TransparencyError/Code/invalidArgument`` for an
    /// invalid key name.
    public init(name: String, publicKey: Ed25519.PublicKey) throws {
        guard NoteSyntax.isValidKeyName(name) else {
            throw TransparencyError(.invalidArgument, "invalid note key name \"\(name)\"")
        }
        self.name = name
        self.publicKey = publicKey
        keyHash = Self.keyHash(name: name, publicKey: publicKey)
    }

    /// Parses a verifier key line `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. Throws
    /// ``TransparencyError/Code/malformedVerifierKey`` if any part is malformed, the type byte is not `0x01`, the
    /// key is not 32 bytes, or the key ID does not match the name and key.
    public init(verifierKey: String) throws {
        let parts = verifierKey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, NoteSyntax.isValidKeyName(String(parts[0])) else {
            throw TransparencyError(.malformedVerifierKey, "not <name>+<key ID>+<key>")
        }
        let hexID = parts[1].utf8
        guard hexID.count == 8, let id = UInt32(String(parts[1]), radix: 16),
              hexID.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) })
        else { throw TransparencyError(.malformedVerifierKey, "key ID is not 8 hex digits") }
        guard let keyData = StrictBase64.decode(parts[2]), keyData.count == 1 + Ed25519.keyByteCount,
              keyData[0] == Self.ed25519SignatureType,
              let publicKey = try? Ed25519.PublicKey(rawRepresentation: Array(keyData.dropFirst()))
        else { throw TransparencyError(.malformedVerifierKey, "key is not base64(0x01 ‖ 32-byte Ed25519 key)") }
        try self.init(name: String(parts[0]), publicKey: publicKey)
        guard keyHash == withUnsafeBytes(of: id.bigEndian, Array.init) else {
            throw TransparencyError(.malformedVerifierKey, "key ID does not match the name and key")
        }
    }

    /// The verifier key line `<name>+<hex key ID>+<base64(0x01 ‖ public key)>` (lowercase hex).
    public var verifierKey: String {
        let hex = keyHash.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
        }.joined()
        return "\(name)+\(hex)+\(StrictBase64.encode([Self.ed25519SignatureType] + publicKey.rawRepresentation))"
    }

    /// The c2sp.org/signed-note Ed25519 key ID: `SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4]`.
    public static func keyHash(name: String, publicKey: Ed25519.PublicKey) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(name)
        hasher.update([0x0A, ed25519SignatureType])
        hasher.update(publicKey.rawRepresentation)
        return Array(hasher.finalize().prefix(4))
    }
}
