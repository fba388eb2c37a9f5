internal import COpenSSL

/// One-shot SHA-256.
public enum SHA256 {
    /// The digest length in bytes (32).
    public static let byteCount = 32

    /// The SHA-256 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// The SHA-256 digest of the UTF-8 encoding of `string`.
    public static func hash(_ string: String) -> [UInt8] {
        var string = string
        return string.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    /// The SHA-256 digest of the bytes in `buffer`. The corresponding C functions are `SHA256_Init`/`_Update`/`_Final`
    /// (see `mds_sha256` in the COpenSSL shim for why not `EVP_Digest`).
    public static func hash(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: byteCount) { out, initialized in
            hash(buffer, into: UnsafeMutableRawBufferPointer(out))
            initialized = byteCount
        }
    }

    /// Writes the SHA-256 digest of `a ‖ b ‖ c` to the first 32 bytes of `output`, allocating nothing: the form for
    /// hashing many short messages (chain links, Merkle leaves and nodes) in a loop.
    public static func hash(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0),
                            _ c: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0), into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= byteCount, "a SHA-256 digest needs 32 bytes")
        mds_sha256(a.baseAddress, a.count, b.baseAddress, b.count, c.baseAddress, c.count,
                   output.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }

    /// The SHA-256 digest of `a ‖ b`, without concatenating them first.
    public static func hash(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        a.withUnsafeBytes { a in b.withUnsafeBytes { b in hash(a, b) } }
    }

    /// The SHA-256 digest of `a ‖ b ‖ c`.
    public static func hash(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer,
                            _ c: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: byteCount) { out, initialized in
            hash(a, b, c, into: UnsafeMutableRawBufferPointer(out))
            initialized = byteCount
        }
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
