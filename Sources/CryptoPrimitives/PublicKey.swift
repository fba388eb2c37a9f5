internal import COpenSSL

/// A public key (any type OpenSSL parses; the RS256 and OAEP operations need RSA).
///
/// Immutable after creation, so safe to share between threads.
public final class PublicKey: @unchecked Sendable, Equatable {
    /// The owned `EVP_PKEY*`, holding public material only.
    let pkey: OpaquePointer

    /// Takes ownership of `pkey`.
    init(owning pkey: OpaquePointer) { self.pkey = pkey }

    deinit { EVP_PKEY_free(pkey) }

    /// Parses a SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`).
    /// The corresponding C function is `PEM_read_bio_PUBKEY`.
    public convenience init(pem: String) throws {
        let pkey = try MemoryBIO.read(pem, .parse) { bio -> OpaquePointer in
            guard let pkey = PEM_read_bio_PUBKEY(bio, nil, nil, nil) else {
                throw CryptoError.openSSL(.parse, "not a SubjectPublicKeyInfo PEM")
            }
            return pkey
        }
        self.init(owning: pkey)
    }

    /// Parses a DER SubjectPublicKeyInfo. The corresponding C function is `d2i_PUBKEY`.
    public convenience init(spkiDER der: [UInt8]) throws {
        let pkey: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            guard let pkey = d2i_PUBKEY(nil, &cursor, buffer.count) else { return nil }
            guard cursor == buffer.baseAddress.map({ $0 + buffer.count }) else {
                EVP_PKEY_free(pkey)
                return nil
            }
            return pkey
        }
        guard let pkey else { throw CryptoError.openSSL(.parse, "not a DER SubjectPublicKeyInfo") }
        self.init(owning: pkey)
    }

    /// The DER SubjectPublicKeyInfo. The corresponding C function is `i2d_PUBKEY`.
    public func spkiDER() throws -> [UInt8] {
        try Self.spkiDER(of: pkey)
    }

    /// The SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`). The corresponding C function is `PEM_write_bio_PUBKEY`.
    public func pem() throws -> String {
        try MemoryBIO.write(.encode, "PEM_write_bio_PUBKEY failed") { PEM_write_bio_PUBKEY($0, pkey) == 1 }
    }

    /// The key size in bits (the modulus size for RSA). The corresponding C function is `EVP_PKEY_get_bits`.
    public var bits: Int { Int(EVP_PKEY_get_bits(pkey)) }

    /// Whether this is an RSA (rsaEncryption) key.
    public var isRSA: Bool { EVP_PKEY_get_base_id(pkey) == EVP_PKEY_RSA }

    /// The RSA modulus and public exponent, unsigned big-endian without leading zeros (as PKCS#11's `CKA_MODULUS`
    /// and `CKA_PUBLIC_EXPONENT`); nil for other key types. The corresponding C function is `EVP_PKEY_get_bn_param`.
    public var rsaComponents: (modulus: [UInt8], publicExponent: [UInt8])? {
        guard isRSA else { return nil }
        func component(_ name: String) -> [UInt8]? {
            var bignum: OpaquePointer?
            guard EVP_PKEY_get_bn_param(pkey, name, &bignum) == 1, let bignum else { return nil }
            defer { BN_free(bignum) }
            var bytes = [UInt8](repeating: 0, count: (Int(BN_num_bits(bignum)) + 7) / 8)
            let written = bytes.withUnsafeMutableBufferPointer { BN_bn2bin(bignum, $0.baseAddress) }
            return Int(written) == bytes.count ? bytes : nil
        }
        guard let n = component("n"), let e = component("e") else { return nil }
        return (n, e)
    }

    /// Whether `signature` is a valid RSASSA-PKCS1-v1_5 SHA-256 signature of `message` by this key.
    /// False (never an error) for non-RSA keys or malformed signatures. The corresponding C function is `EVP_DigestVerify`.
    public func isValidRS256(signature: [UInt8], message: [UInt8]) -> Bool {
        guard isRSA, let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx); OpenSSLErrorQueue.clear() }
        guard EVP_DigestVerifyInit_ex(ctx, nil, "SHA256", nil, nil, pkey, nil) == 1 else { return false }
        return withNonNilBytes(signature) { sig, sigCount in
            withNonNilBytes(message) { msg, msgCount in
                EVP_DigestVerify(ctx, sig, sigCount, msg, msgCount) == 1
            }
        }
    }

    /// Whether `signature` is a valid RSASSA-PKCS1-v1_5 SHA-256 signature over a message whose SHA-256 is `digest`.
    /// False for a digest that is not 32 bytes. The corresponding C function is `EVP_PKEY_verify`.
    public func isValidRS256(signature: [UInt8], digest: [UInt8]) -> Bool {
        guard isRSA, digest.count == SHA256.byteCount,
              let ctx = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { return false }
        defer { EVP_PKEY_CTX_free(ctx); OpenSSLErrorQueue.clear() }
        guard EVP_PKEY_verify_init(ctx) == 1,
              EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1,
              EVP_PKEY_CTX_set_signature_md(ctx, FetchedAlgorithm.sha256.pointer) == 1
        else { return false }
        return withNonNilBytes(signature) { sig, sigCount in
            digest.withUnsafeBufferPointer { EVP_PKEY_verify(ctx, sig, sigCount, $0.baseAddress, $0.count) == 1 }
        }
    }

    /// Encrypts `plaintext` with RSAES-OAEP: SHA-256, MGF1 with SHA-256 (set explicitly), empty label.
    /// The corresponding C function is `EVP_PKEY_encrypt`.
    public func encryptOAEPSHA256(_ plaintext: [UInt8]) throws -> [UInt8] {
        guard isRSA else { throw CryptoError(.invalidArgument, "RSA-OAEP needs an RSA key") }
        let maxPlaintext = Int(EVP_PKEY_get_size(pkey)) - 2 * SHA256.byteCount - 2
        guard plaintext.count <= maxPlaintext else {
            throw CryptoError(.invalidArgument, "RSA-OAEP plaintext of \(plaintext.count) bytes exceeds \(maxPlaintext)")
        }
        guard let ctx = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else {
            throw CryptoError.openSSL(.encrypt, "EVP_PKEY_CTX_new_from_pkey failed")
        }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_encrypt_init(ctx) == 1, setOAEPSHA256(ctx) else {
            throw CryptoError.openSSL(.encrypt, "RSA-OAEP setup failed")
        }
        var out = [UInt8](repeating: 0, count: Int(EVP_PKEY_get_size(pkey)))
        var outLength = out.count
        let ok = withNonNilBytes(plaintext) { input, count in
            out.withUnsafeMutableBufferPointer { EVP_PKEY_encrypt(ctx, $0.baseAddress, &outLength, input, count) }
        }
        guard ok == 1 else { throw CryptoError.openSSL(.encrypt, "EVP_PKEY_encrypt failed") }
        return Array(out[0..<outLength])
    }

    /// Two keys are equal when their public components are. The corresponding C function is `EVP_PKEY_eq`.
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool {
        defer { OpenSSLErrorQueue.clear() }
        return EVP_PKEY_eq(lhs.pkey, rhs.pkey) == 1
    }

    static func spkiDER(of pkey: OpaquePointer) throws -> [UInt8] {
        let length = i2d_PUBKEY(pkey, nil)
        guard length > 0 else { throw CryptoError.openSSL(.encode, "i2d_PUBKEY failed") }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return i2d_PUBKEY(pkey, &cursor)
        }
        guard written == length else { throw CryptoError.openSSL(.encode, "i2d_PUBKEY failed") }
        return der
    }
}

/// Configures an RSA `EVP_PKEY_CTX` for OAEP with SHA-256 and MGF1-SHA-256.
func setOAEPSHA256(_ ctx: OpaquePointer) -> Bool {
    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) == 1
        && EVP_PKEY_CTX_set_rsa_oaep_md(ctx, FetchedAlgorithm.sha256.pointer) == 1
        && EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, FetchedAlgorithm.sha256.pointer) == 1
}
