internal import COpenSSL

/// AES-256-GCM with a 128-bit tag. Sealed output is `ciphertext || tag`, with no IV or AAD prefix.
public enum AESGCM {
    /// Key length in bytes (32).
    public static let keyByteCount = 32
    /// Tag length in bytes (16).
    public static let tagByteCount = 16
    /// Recommended IV length in bytes (12); other non-zero lengths are accepted.
    public static let recommendedIVByteCount = 12

    /// Encrypts and authenticates `plaintext`, also authenticating `aad`; returns `ciphertext || tag`.
    /// Throws ``CryptoError/Code/invalidArgument`` for a key that is not 32 bytes or an empty IV.
    /// The corresponding C function is `EVP_EncryptUpdate`.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], iv: [UInt8], aad: [UInt8]) throws -> [UInt8] {
        try check(key: key, iv: iv, dataCount: plaintext.count)
        guard let ctx = EVP_CIPHER_CTX_new() else { throw CryptoError.openSSL(.encrypt, "EVP_CIPHER_CTX_new failed") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        try initialize(ctx, encrypt: true, key: key, iv: iv, code: .encrypt)
        try authenticate(ctx, aad: aad, encrypt: true, code: .encrypt)

        var out = [UInt8](repeating: 0, count: plaintext.count + tagByteCount)
        var length: Int32 = 0
        let ok: Bool = out.withUnsafeMutableBufferPointer { outBuffer in
            let base = outBuffer.baseAddress!
            if !plaintext.isEmpty {
                let updated = plaintext.withUnsafeBufferPointer {
                    EVP_EncryptUpdate(ctx, base, &length, $0.baseAddress, Int32($0.count))
                }
                guard updated == 1 else { return false }
            }
            var finalLength: Int32 = 0
            guard EVP_EncryptFinal_ex(ctx, base + Int(length), &finalLength) == 1 else { return false }
            length += finalLength
            guard Int(length) == plaintext.count else { return false }
            return EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, Int32(tagByteCount), base + Int(length)) == 1
        }
        guard ok else {
            cleanse(&out)
            throw CryptoError.openSSL(.encrypt, "AES-256-GCM encryption failed")
        }
        return out
    }

    /// Checks the tag and decrypts `ciphertextAndTag` (`ciphertext || tag`), also authenticating `aad`.
    /// Throws ``CryptoError/Code/decrypt`` if the input is shorter than a tag or authentication fails
    /// (no plaintext is released then). The corresponding C function is `EVP_DecryptFinal_ex`.
    public static func open(_ ciphertextAndTag: [UInt8], key: [UInt8], iv: [UInt8], aad: [UInt8]) throws -> [UInt8] {
        try check(key: key, iv: iv, dataCount: ciphertextAndTag.count)
        guard ciphertextAndTag.count >= tagByteCount else {
            throw CryptoError(.decrypt, "AES-256-GCM input shorter than the tag")
        }
        let ciphertextCount = ciphertextAndTag.count - tagByteCount
        guard let ctx = EVP_CIPHER_CTX_new() else { throw CryptoError.openSSL(.decrypt, "EVP_CIPHER_CTX_new failed") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        try initialize(ctx, encrypt: false, key: key, iv: iv, code: .decrypt)
        try authenticate(ctx, aad: aad, encrypt: false, code: .decrypt)

        // One spare byte so the output pointer is never nil, even for an empty plaintext.
        var out = [UInt8](repeating: 0, count: ciphertextCount + 1)
        var length: Int32 = 0
        let ok: Bool = ciphertextAndTag.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { outBuffer in
                let base = outBuffer.baseAddress!
                if ciphertextCount > 0 {
                    guard EVP_DecryptUpdate(ctx, base, &length, input.baseAddress, Int32(ciphertextCount)) == 1
                    else { return false }
                }
                let tag = UnsafeMutableRawPointer(mutating: input.baseAddress! + ciphertextCount)
                guard EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, Int32(tagByteCount), tag) == 1 else { return false }
                var finalLength: Int32 = 0
                guard EVP_DecryptFinal_ex(ctx, base + Int(length), &finalLength) == 1 else { return false }
                length += finalLength
                return Int(length) == ciphertextCount
            }
        }
        guard ok else {
            cleanse(&out)  // unauthenticated plaintext must not survive
            throw CryptoError.openSSL(.decrypt, "AES-256-GCM authentication failed")
        }
        let plaintext = Array(out[0..<ciphertextCount])
        cleanse(&out)
        return plaintext
    }

    private static func check(key: [UInt8], iv: [UInt8], dataCount: Int) throws {
        guard dataCount < Int(Int32.max) - tagByteCount else {
            throw CryptoError(.invalidArgument, "AES-256-GCM input too long")
        }
        guard key.count == keyByteCount else {
            throw CryptoError(.invalidArgument, "AES-256-GCM key must be \(keyByteCount) bytes, got \(key.count)")
        }
        guard !iv.isEmpty, iv.count <= 1024 else {
            throw CryptoError(.invalidArgument, "AES-256-GCM IV length \(iv.count) not supported")
        }
    }

    private static func initialize(_ ctx: OpaquePointer, encrypt: Bool, key: [UInt8], iv: [UInt8],
                                   code: CryptoError.Code) throws {
        let cipher = FetchedAlgorithm.aes256GCM.pointer
        let enc: Int32 = encrypt ? 1 : 0
        guard EVP_CipherInit_ex2(ctx, cipher, nil, nil, enc, nil) == 1 else {
            throw CryptoError.openSSL(code, "EVP_CipherInit_ex2 failed")
        }
        if iv.count != recommendedIVByteCount {
            guard EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, Int32(iv.count), nil) == 1 else {
                throw CryptoError.openSSL(code, "setting the GCM IV length failed")
            }
        }
        let ok = key.withUnsafeBufferPointer { k in
            iv.withUnsafeBufferPointer { v in EVP_CipherInit_ex2(ctx, nil, k.baseAddress, v.baseAddress, enc, nil) }
        }
        guard ok == 1 else { throw CryptoError.openSSL(code, "setting the AES-256-GCM key and IV failed") }
    }

    private static func authenticate(_ ctx: OpaquePointer, aad: [UInt8], encrypt: Bool, code: CryptoError.Code) throws {
        guard !aad.isEmpty else { return }
        guard aad.count < Int(Int32.max) else { throw CryptoError(.invalidArgument, "AES-256-GCM AAD too long") }
        var length: Int32 = 0
        let ok = aad.withUnsafeBufferPointer {
            encrypt ? EVP_EncryptUpdate(ctx, nil, &length, $0.baseAddress, Int32($0.count))
                    : EVP_DecryptUpdate(ctx, nil, &length, $0.baseAddress, Int32($0.count))
        }
        guard ok == 1 else { throw CryptoError.openSSL(code, "AES-256-GCM AAD update failed") }
    }
}
