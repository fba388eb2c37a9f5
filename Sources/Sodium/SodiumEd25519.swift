internal import CSodium

/// Ed25519 signature verification (RFC 8032 §5.1.7) through libsodium.
///
/// Used to verify C2SP signed notes (the journal's tlog-checkpoints): libsodium 1.0.18's verification takes about
/// 47 µs per signature here against about 105 µs for OpenSSL 3.0's `EVP_DigestVerify`, and needs no per-call key
/// object. Signing stays in OpenSSL (`CryptoPrimitives.Ed25519.PrivateKey`); both produce and accept standard
/// RFC 8032 signatures.
///
/// libsodium is stricter than RFC 8032 requires, as OpenSSL is for `S`: it rejects a non-canonical `S` (≥ L), a
/// small-order `R`, and a public key that is non-canonical or of small order. Keys and signatures made by a
/// conforming signer never have these properties.
public enum SodiumEd25519 {
    /// The length of a public key in bytes (32, RFC 8032 §5.1.5).
    public static let publicKeyByteCount = 32
    /// The length of a signature in bytes (64, RFC 8032 §5.1.6).
    public static let signatureByteCount = 64

    /// Whether `signature` is a valid RFC 8032 §5.1.7 signature of `message` by the 32-byte `publicKey`.
    /// False (never an error) for a signature that is not 64 bytes, a key that is not 32 bytes, or a key that is
    /// not a valid point. Thread-safe. The corresponding C function is `crypto_sign_verify_detached`.
    public static func isValidSignature(_ signature: [UInt8], for message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard signature.count == signatureByteCount, publicKey.count == publicKeyByteCount else { return false }
        SodiumLibrary.ensureInitialized()
        return signature.withUnsafeBufferPointer { sig in
            publicKey.withUnsafeBufferPointer { key in
                // `m` may be NULL when the length is 0 (an empty array may have no base address).
                message.withUnsafeBufferPointer { msg in
                    crypto_sign_verify_detached(sig.baseAddress!, msg.baseAddress, UInt64(msg.count), key.baseAddress!) == 0
                }
            }
        }
    }
}

/// libsodium's one-time initialisation.
enum SodiumLibrary {
    /// The result of the single `sodium_init()` call: 0 on first initialisation, 1 if something else in the
    /// process had already initialised libsodium, -1 on failure. A `static let` is initialised exactly once,
    /// thread-safely, on first use.
    private static let initResult: Int32 = sodium_init()

    /// Initialises libsodium on first use; traps if it cannot be (libsodium is then unusable, and verification
    /// results could not be trusted). The corresponding C function is `sodium_init`.
    static func ensureInitialized() {
        precondition(initResult >= 0, "sodium_init() failed")
    }
}
