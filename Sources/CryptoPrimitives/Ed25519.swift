internal import COpenSSL

/// Ed25519 signatures (RFC 8032 §5.1, "PureEdDSA": the message is signed as is, never pre-hashed).
///
/// Used for C2SP signed notes (signature type `0x01`, https://c2sp.org/signed-note) such as the journal's
/// tlog-checkpoints. Keys are OpenSSL `EVP_PKEY_ED25519` objects; signing and verifying go through
/// `EVP_DigestSign` / `EVP_DigestVerify` with no message digest, as OpenSSL requires for Ed25519. (The Transparency
/// module verifies notes with libsodium instead, through the `Sodium` module, which is about twice as fast.)
public enum Ed25519 {
    /// The length of a private key seed and of a public key, in bytes (32, RFC 8032 §5.1.5).
    public static let keyByteCount = 32
    /// The length of a signature in bytes (64, RFC 8032 §5.1.6).
    public static let signatureByteCount = 64

    /// An Ed25519 private key.
    ///
    /// Immutable after creation, so safe to share between threads (each signature uses its own OpenSSL context).
    public final class PrivateKey: @unchecked Sendable {
        /// The owned `EVP_PKEY*` of type `EVP_PKEY_ED25519`.
        let pkey: OpaquePointer
        /// The matching public key.
        public let publicKey: PublicKey

        /// Takes ownership of `pkey`, which must be an Ed25519 private key (freed on failure).
        init(owning pkey: OpaquePointer) throws {
            guard EVP_PKEY_get_base_id(pkey) == EVP_PKEY_ED25519 else {
                EVP_PKEY_free(pkey)
                throw CryptoError(.invalidArgument, "not an Ed25519 private key")
            }
            self.pkey = pkey
            do {
                publicKey = try PublicKey(rawRepresentation: Ed25519.rawPublicKey(of: pkey))
            } catch {
                EVP_PKEY_free(pkey)
                throw error
            }
        }

        deinit { EVP_PKEY_free(pkey) }

        /// Generates a key from OpenSSL's DRBG. The corresponding C function is `EVP_PKEY_generate`.
        public static func generate() throws -> PrivateKey {
            guard let ctx = EVP_PKEY_CTX_new_from_name(nil, "ED25519", nil) else {
                throw CryptoError.openSSL(.keyGeneration, "EVP_PKEY_CTX_new_from_name(ED25519) failed")
            }
            defer { EVP_PKEY_CTX_free(ctx) }
            var pkey: OpaquePointer?
            guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_generate(ctx, &pkey) == 1, let pkey else {
                throw CryptoError.openSSL(.keyGeneration, "Ed25519 key generation failed")
            }
            return try PrivateKey(owning: pkey)
        }

        /// The key whose RFC 8032 §5.1.5 private key (the 32-byte seed) is `rawRepresentation`.
        /// Throws ``CryptoError/Code/invalidArgument`` for any other length.
        /// The corresponding C function is `EVP_PKEY_new_raw_private_key`.
        public convenience init(rawRepresentation: [UInt8]) throws {
            guard rawRepresentation.count == Ed25519.keyByteCount else {
                throw CryptoError(.invalidArgument, "Ed25519 private key must be 32 bytes, got \(rawRepresentation.count)")
            }
            let pkey = rawRepresentation.withUnsafeBufferPointer {
                EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count)
            }
            guard let pkey else { throw CryptoError.openSSL(.parse, "EVP_PKEY_new_raw_private_key failed") }
            try self.init(owning: pkey)
        }

        /// Parses an unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`, RFC 8410 §7) holding an Ed25519 key.
        /// Encrypted PEMs and other key types are rejected. The corresponding C function is `PEM_read_bio_PrivateKey`.
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

        /// The key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`, RFC 8410 §7). Handle the result as a
        /// secret. The corresponding C function is `PEM_write_bio_PKCS8PrivateKey`.
        public func pkcs8PEM() throws -> String {
            try MemoryBIO.write(.encode, "PEM_write_bio_PKCS8PrivateKey failed") {
                PEM_write_bio_PKCS8PrivateKey($0, pkey, nil, nil, 0, nil, nil) == 1
            }
        }

        /// The 64-byte RFC 8032 §5.1.6 signature of `message` (deterministic: the same key and message always give
        /// the same bytes). The corresponding C function is `EVP_DigestSign`.
        public func signature(for message: [UInt8]) throws -> [UInt8] {
            guard let ctx = EVP_MD_CTX_new() else { throw CryptoError.openSSL(.sign, "EVP_MD_CTX_new failed") }
            defer { EVP_MD_CTX_free(ctx) }
            guard EVP_DigestSignInit(ctx, nil, nil, nil, pkey) == 1 else {
                throw CryptoError.openSSL(.sign, "EVP_DigestSignInit(Ed25519) failed")
            }
            var signature = [UInt8](repeating: 0, count: Ed25519.signatureByteCount)
            var length = signature.count
            let ok = withNonNilBytes(message) { msg, count in
                signature.withUnsafeMutableBufferPointer { EVP_DigestSign(ctx, $0.baseAddress, &length, msg, count) }
            }
            guard ok == 1, length == Ed25519.signatureByteCount else {
                throw CryptoError.openSSL(.sign, "EVP_DigestSign(Ed25519) failed")
            }
            return signature
        }
    }

    /// An Ed25519 public key: the 32-byte RFC 8032 §5.1.5 encoding of the point A.
    public struct PublicKey: Sendable, Equatable, Hashable {
        /// The 32-byte encoding (the key as it appears in C2SP verifier keys and in the SubjectPublicKeyInfo
        /// BIT STRING of RFC 8410 §4).
        public let rawRepresentation: [UInt8]

        /// A key from its 32-byte encoding. Throws ``CryptoError/Code/invalidArgument`` for any other length.
        /// (The point is not decoded here; a key that is not a valid point verifies no signature.)
        public init(rawRepresentation: [UInt8]) throws {
            guard rawRepresentation.count == Ed25519.keyByteCount else {
                throw CryptoError(.invalidArgument, "Ed25519 public key must be 32 bytes, got \(rawRepresentation.count)")
            }
            self.rawRepresentation = rawRepresentation
        }

        /// Parses a SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`, RFC 8410 §4) holding an Ed25519 key.
        /// The corresponding C function is `PEM_read_bio_PUBKEY`.
        public init(pem: String) throws {
            let pkey = try MemoryBIO.read(pem, .parse) { bio -> OpaquePointer in
                guard let pkey = PEM_read_bio_PUBKEY(bio, nil, nil, nil) else {
                    throw CryptoError.openSSL(.parse, "not a SubjectPublicKeyInfo PEM")
                }
                return pkey
            }
            defer { EVP_PKEY_free(pkey) }
            guard EVP_PKEY_get_base_id(pkey) == EVP_PKEY_ED25519 else {
                throw CryptoError(.invalidArgument, "not an Ed25519 public key")
            }
            try self.init(rawRepresentation: Ed25519.rawPublicKey(of: pkey))
        }

        /// The SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`, RFC 8410 §4), e.g. for
        /// `openssl pkeyutl -verify -pubin`. The corresponding C function is `PEM_write_bio_PUBKEY`.
        public func pem() throws -> String {
            let pkey = try makePKey(.encode)
            defer { EVP_PKEY_free(pkey) }
            return try MemoryBIO.write(.encode, "PEM_write_bio_PUBKEY failed") { PEM_write_bio_PUBKEY($0, pkey) == 1 }
        }

        /// Whether `signature` is a valid RFC 8032 §5.1.7 signature of `message` by this key.
        /// False (never an error) for a signature that is not 64 bytes or a key that is not a valid point.
        /// The corresponding C function is `EVP_DigestVerify`.
        public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            guard signature.count == Ed25519.signatureByteCount,
                  let pkey = try? makePKey(.verify) else { return false }
            defer { EVP_PKEY_free(pkey); OpenSSLErrorQueue.clear() }
            guard let ctx = EVP_MD_CTX_new() else { return false }
            defer { EVP_MD_CTX_free(ctx) }
            guard EVP_DigestVerifyInit(ctx, nil, nil, nil, pkey) == 1 else { return false }
            return signature.withUnsafeBufferPointer { sig in
                withNonNilBytes(message) { msg, count in
                    EVP_DigestVerify(ctx, sig.baseAddress, sig.count, msg, count) == 1
                }
            }
        }

        /// A new owned `EVP_PKEY*` for this key. The corresponding C function is `EVP_PKEY_new_raw_public_key`.
        private func makePKey(_ code: CryptoError.Code) throws -> OpaquePointer {
            let pkey = rawRepresentation.withUnsafeBufferPointer {
                EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count)
            }
            guard let pkey else { throw CryptoError.openSSL(code, "EVP_PKEY_new_raw_public_key failed") }
            return pkey
        }
    }

    /// The 32-byte public key of an Ed25519 `EVP_PKEY`. The corresponding C function is `EVP_PKEY_get_raw_public_key`.
    static func rawPublicKey(of pkey: OpaquePointer) throws -> [UInt8] {
        var raw = [UInt8](repeating: 0, count: keyByteCount)
        var length = raw.count
        let ok = raw.withUnsafeMutableBufferPointer { EVP_PKEY_get_raw_public_key(pkey, $0.baseAddress, &length) }
        guard ok == 1, length == keyByteCount else {
            throw CryptoError.openSSL(.encode, "EVP_PKEY_get_raw_public_key failed")
        }
        return raw
    }
}
