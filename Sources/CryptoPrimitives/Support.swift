internal import COpenSSL

/// A fetched OpenSSL algorithm implementation, kept for the life of the process (fetching is costly).
final class FetchedAlgorithm: @unchecked Sendable {
    /// The `EVP_MD*` or `EVP_CIPHER*`; immutable and safe to share between threads.
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) { self.pointer = pointer }

    /// SHA-256 (`EVP_MD_fetch`).
    static let sha256: FetchedAlgorithm = {
        guard let md = EVP_MD_fetch(nil, "SHA256", nil) else { fatalError("OpenSSL has no SHA256") }
        return FetchedAlgorithm(md)
    }()

    /// AES-256-GCM (`EVP_CIPHER_fetch`).
    static let aes256GCM: FetchedAlgorithm = {
        guard let cipher = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil) else { fatalError("OpenSSL has no AES-256-GCM") }
        return FetchedAlgorithm(cipher)
    }()
}

/// Helpers for OpenSSL memory BIOs.
enum MemoryBIO {
    /// Runs `body` with a fresh writable memory BIO and returns what was written to it.
    /// The BIO's buffer is cleansed when freed (`BUF_MEM_free` clears it), so secrets written there (PEM private keys)
    /// survive only in the returned string.
    static func write(_ code: CryptoError.Code, _ what: String, _ body: (OpaquePointer) -> Bool) throws -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw CryptoError.openSSL(code, "BIO_new failed") }
        defer { BIO_free(bio) }
        guard body(bio) else { throw CryptoError.openSSL(code, what) }
        var data: UnsafeMutablePointer<CChar>?
        let length = mds_BIO_get_mem_data(bio, &data)
        guard length >= 0, let data else { return "" }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// Runs `body` with a read-only memory BIO over the UTF-8 bytes of `text` (a copy, cleansed afterwards).
    static func read<T>(_ text: String, _ code: CryptoError.Code, _ body: (OpaquePointer) throws -> T) throws -> T {
        var bytes = Array(text.utf8)
        defer { cleanse(&bytes) }
        return try withNonNilBytes(bytes) { base, count in
            guard count <= Int(Int32.max), let bio = BIO_new_mem_buf(base, Int32(count))
            else { throw CryptoError.openSSL(code, "BIO_new_mem_buf failed") }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }
}

/// Overwrites `bytes` with zeros in a way the compiler cannot elide. The corresponding C function is `OPENSSL_cleanse`.
func cleanse(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { raw in
        if let base = raw.baseAddress { OPENSSL_cleanse(base, raw.count) }
    }
}

/// Calls `body` with a pointer to `bytes` that is never nil (OpenSSL rejects nil even for empty input).
func withNonNilBytes<T>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) throws -> T) rethrows -> T {
    try bytes.withUnsafeBufferPointer { buffer in
        if let base = buffer.baseAddress { return try body(base, buffer.count) }
        var zero: UInt8 = 0
        return try body(&zero, 0)
    }
}
