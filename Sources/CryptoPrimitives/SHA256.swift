internal import COpenSSL

/// One-shot SHA-256.
public enum SHA256 {
    /// The digest length in bytes (32).
    public static let byteCount = 32

    /// The SHA-256 digest of `bytes`. The corresponding C function is `EVP_Digest`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// The SHA-256 digest of the UTF-8 encoding of `string`.
    public static func hash(_ string: String) -> [UInt8] {
        var string = string
        return string.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    /// The SHA-256 digest of the bytes in `buffer`. The corresponding C function is `EVP_Digest`.
    public static func hash(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        // EVP_DigestUpdate returns early for a zero count, so a nil base address is fine.
        let ok = digest.withUnsafeMutableBufferPointer { out in
            EVP_Digest(buffer.baseAddress, buffer.count, out.baseAddress, nil,
                       FetchedAlgorithm.sha256.pointer, nil)
        }
        precondition(ok == 1, "EVP_Digest(SHA256) failed: \(OpenSSLErrorQueue.drain())")
        return digest
    }
}

/// Incremental SHA-256 with value semantics (copies hash independently; copy-on-write).
///
/// ```swift
/// var hasher = SHA256Hasher()
/// hasher.update(part1)
/// hasher.update(part2)
/// let digest = hasher.finalize()
/// ```
public struct SHA256Hasher: @unchecked Sendable {
    /// Owns one `EVP_MD_CTX`; mutated only through a uniquely referenced box.
    private final class Box {
        let context: OpaquePointer

        init() {
            guard let context = EVP_MD_CTX_new(),
                  EVP_DigestInit_ex2(context, FetchedAlgorithm.sha256.pointer, nil) == 1
            else { fatalError("EVP_DigestInit_ex2(SHA256) failed: \(OpenSSLErrorQueue.drain())") }
            self.context = context
        }

        init(copying other: Box) {
            guard let context = EVP_MD_CTX_new(), EVP_MD_CTX_copy_ex(context, other.context) == 1
            else { fatalError("EVP_MD_CTX_copy_ex failed: \(OpenSSLErrorQueue.drain())") }
            self.context = context
        }

        deinit { EVP_MD_CTX_free(context) }
    }

    private var box: Box

    /// A hasher over the empty message. The corresponding C function is `EVP_DigestInit_ex2`.
    public init() { box = Box() }

    private mutating func uniqueContext() -> OpaquePointer {
        if !isKnownUniquelyReferenced(&box) { box = Box(copying: box) }
        return box.context
    }

    /// Appends `bytes` to the message. The corresponding C function is `EVP_DigestUpdate`.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Appends the bytes in `buffer` to the message. The corresponding C function is `EVP_DigestUpdate`.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        let ok = EVP_DigestUpdate(uniqueContext(), base, buffer.count)
        precondition(ok == 1, "EVP_DigestUpdate failed")
    }

    /// Appends the UTF-8 encoding of `string` to the message.
    public mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// The digest of everything appended so far. The corresponding C function is `EVP_DigestFinal_ex`.
    public consuming func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: SHA256.byteCount)
        let context = uniqueContext()
        let ok = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, nil) }
        precondition(ok == 1, "EVP_DigestFinal_ex failed")
        return digest
    }
}
