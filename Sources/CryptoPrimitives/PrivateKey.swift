internal import COpenSSL

/// An RSA private key.
///
/// Immutable after creation, so safe to share between threads (each operation uses its own OpenSSL context).
public final class PrivateKey: @unchecked Sendable {
    /// The owned `EVP_PKEY*`.
    let pkey: OpaquePointer
    /// The matching public key (public material only).
    public let publicKey: PublicKey

    /// Takes ownership of `pkey`, which must be an RSA private key.
    init(owning pkey: OpaquePointer) throws {
        guard EVP_PKEY_get_base_id(pkey) == EVP_PKEY_RSA else {
            EVP_PKEY_free(pkey)
            throw CryptoError(.invalidArgument, "only RSA private keys are supported")
        }
        self.pkey = pkey
        do {
            publicKey = try PublicKey(spkiDER: PublicKey.spkiDER(of: pkey))
        } catch {
            EVP_PKEY_free(pkey)
            throw error
        }
    }

    deinit { EVP_PKEY_free(pkey) }

    /// Generates an RSA key of `bits` bits (2048...16384) with public exponent 65537.
    /// The corresponding C function is `EVP_PKEY_generate`.
    public static func generateRSA(bits: Int = 2048) throws -> PrivateKey {
        guard (2048...16384).contains(bits) else {
            throw CryptoError(.invalidArgument, "RSA key size \(bits) outside 2048...16384")
        }
        guard let ctx = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else {
            throw CryptoError.openSSL(.keyGeneration, "EVP_PKEY_CTX_new_from_name(RSA) failed")
        }
        defer { EVP_PKEY_CTX_free(ctx) }
        var pkey: OpaquePointer?
        guard EVP_PKEY_keygen_init(ctx) == 1,
              EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, Int32(bits)) == 1,
              EVP_PKEY_generate(ctx, &pkey) == 1,
              let pkey
        else { throw CryptoError.openSSL(.keyGeneration, "RSA key generation failed") }
        return try PrivateKey(owning: pkey)
    }

    /// Parses an unencrypted RSA private key PEM: PKCS#8 (`BEGIN PRIVATE KEY`) or traditional (`BEGIN RSA PRIVATE KEY`).
    /// Encrypted PEMs are rejected (never prompts for a passphrase). The corresponding C function is `PEM_read_bio_PrivateKey`.
    public convenience init(pem: String) throws {
        let pkey = try MemoryBIO.read(pem, .parse) { bio -> OpaquePointer in
            // An empty passphrase (rather than nil) keeps OpenSSL from prompting on the terminal.
            var empty: CChar = 0
            guard let pkey = PEM_read_bio_PrivateKey(bio, nil, nil, &empty) else {
                throw CryptoError.openSSL(.parse, "not an unencrypted private key PEM")
            }
            return pkey
        }
        try self.init(owning: pkey)
    }

    /// The key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). Handle the result as a secret.
    /// The corresponding C function is `PEM_write_bio_PKCS8PrivateKey`.
    public func pkcs8PEM() throws -> String {
        try MemoryBIO.write(.encode, "PEM_write_bio_PKCS8PrivateKey failed") {
            PEM_write_bio_PKCS8PrivateKey($0, pkey, nil, nil, 0, nil, nil) == 1
        }
    }

    /// The key size in bits.
    public var bits: Int { Int(EVP_PKEY_get_bits(pkey)) }

    /// Signs `message` with RSASSA-PKCS1-v1_5 over SHA-256 (JWS `RS256`). The corresponding C function is `EVP_DigestSign`.
    public func signRS256(_ message: [UInt8]) throws -> [UInt8] {
        guard let ctx = EVP_MD_CTX_new() else { throw CryptoError.openSSL(.sign, "EVP_MD_CTX_new failed") }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestSignInit_ex(ctx, nil, "SHA256", nil, nil, pkey, nil) == 1 else {
            throw CryptoError.openSSL(.sign, "EVP_DigestSignInit_ex failed")
        }
        var signature = [UInt8](repeating: 0, count: Int(EVP_PKEY_get_size(pkey)))
        var length = signature.count
        let ok = withNonNilBytes(message) { msg, count in
            signature.withUnsafeMutableBufferPointer { EVP_DigestSign(ctx, $0.baseAddress, &length, msg, count) }
        }
        guard ok == 1 else { throw CryptoError.openSSL(.sign, "EVP_DigestSign failed") }
        return Array(signature[0..<length])
    }

    /// Signs a precomputed 32-byte SHA-256 `digest` with RSASSA-PKCS1-v1_5 (the result equals
    /// `signRS256(message)` when `digest == SHA256.hash(message)`). The corresponding C function is `EVP_PKEY_sign`.
    public func signRS256(digest: [UInt8]) throws -> [UInt8] {
        guard digest.count == SHA256.byteCount else {
            throw CryptoError(.invalidArgument, "SHA-256 digest must be 32 bytes, got \(digest.count)")
        }
        guard let ctx = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else {
            throw CryptoError.openSSL(.sign, "EVP_PKEY_CTX_new_from_pkey failed")
        }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_sign_init(ctx) == 1,
              EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1,
              EVP_PKEY_CTX_set_signature_md(ctx, FetchedAlgorithm.sha256.pointer) == 1
        else { throw CryptoError.openSSL(.sign, "RS256 signing setup failed") }
        var signature = [UInt8](repeating: 0, count: Int(EVP_PKEY_get_size(pkey)))
        var length = signature.count
        let ok = digest.withUnsafeBufferPointer { d in
            signature.withUnsafeMutableBufferPointer {
                EVP_PKEY_sign(ctx, $0.baseAddress, &length, d.baseAddress, d.count)
            }
        }
        guard ok == 1 else { throw CryptoError.openSSL(.sign, "EVP_PKEY_sign failed") }
        return Array(signature[0..<length])
    }

    /// Decrypts RSAES-OAEP `ciphertext` (SHA-256, MGF1-SHA-256, empty label).
    /// Throws ``CryptoError/Code/decrypt`` on any failure. The corresponding C function is `EVP_PKEY_decrypt`.
    public func decryptOAEPSHA256(_ ciphertext: [UInt8]) throws -> [UInt8] {
        guard let ctx = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else {
            throw CryptoError.openSSL(.decrypt, "EVP_PKEY_CTX_new_from_pkey failed")
        }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_decrypt_init(ctx) == 1, setOAEPSHA256(ctx) else {
            throw CryptoError.openSSL(.decrypt, "RSA-OAEP setup failed")
        }
        var out = [UInt8](repeating: 0, count: Int(EVP_PKEY_get_size(pkey)))
        defer { cleanse(&out) }
        var length = out.count
        let ok = withNonNilBytes(ciphertext) { input, count in
            out.withUnsafeMutableBufferPointer { EVP_PKEY_decrypt(ctx, $0.baseAddress, &length, input, count) }
        }
        guard ok == 1 else { throw CryptoError.openSSL(.decrypt, "RSA-OAEP decryption failed") }
        return Array(out[0..<length])
    }
}
