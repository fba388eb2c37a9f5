internal import CryptoPrimitives

/// RFC 6962 §2.1 / RFC 9162 §2.1.1 Merkle Tree Hash (MTH) over SHA-256, with the inclusion (RFC 9162 §2.1.3) and
/// consistency (RFC 9162 §2.1.4) proofs in `MerkleTree+Inclusion.swift` and `MerkleTree+Consistency.swift`.
///
/// Leaves are hashed with a `0x00` prefix and interior nodes with `0x01` (second-preimage resistance, RFC 9162
/// §2.1.1), so a leaf can never be passed off as a subtree. Hashes are 32-byte arrays throughout; functions that
/// take hashes from outside reject other lengths, and `MerkleTree.root` expects well-formed input.
public enum MerkleTree {
    /// The length of every hash in the tree (32, SHA-256).
    public static let hashByteCount = 32

    /// The root of the empty tree: `MTH({}) = SHA-256()` (RFC 9162 §2.1.1),
    /// `e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`.
    public static let emptyRoot: [UInt8] = SHA256.hash([UInt8]())

    /// The leaf hash of `entry`: `SHA-256(0x00 ‖ entry)` (RFC 9162 §2.1.1, `MTH({d(0)})`).
    public static func leafHash(_ entry: [UInt8]) -> [UInt8] {
        prefixedHash(0x00, entry, [])
    }

    /// The interior node hash `SHA-256(0x01 ‖ left ‖ right)` (RFC 9162 §2.1.1).
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        prefixedHash(0x01, left, right)
    }

    /// SHA-256 over `prefix ‖ a ‖ b`, fed to one digest in three parts (nothing concatenated).
    static func prefixedHash(_ prefix: UInt8, _ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var prefix = prefix
        return withUnsafeBytes(of: &prefix) { p in
            a.withUnsafeBytes { a in b.withUnsafeBytes { b in SHA256.hash(p, a, b) } }
        }
    }

    /// `MTH(D[n])` of the leaves whose hashes are `leafHashes` (RFC 9162 §2.1.1): the empty root for no leaves, the
    /// leaf hash itself for one, else `nodeHash(MTH(D[0:k]), MTH(D[k:n]))` with `k` the largest power of two
    /// smaller than `n`. For trees that grow one leaf at a time, ``CompactRange`` gives the same root in O(log n).
    public static func root(leafHashes: ArraySlice<[UInt8]>) -> [UInt8] {
        switch leafHashes.count {
        case 0: return emptyRoot
        case 1: return leafHashes[leafHashes.startIndex]
        default:
            let split = leafHashes.startIndex + Int(largestPowerOfTwo(below: UInt64(leafHashes.count)))
            return nodeHash(root(leafHashes: leafHashes[..<split]), root(leafHashes: leafHashes[split...]))
        }
    }

    /// `MTH(D[n])` of all of `leafHashes` (see the `ArraySlice` overload).
    public static func root(leafHashes: [[UInt8]]) -> [UInt8] {
        root(leafHashes: leafHashes[...])
    }

    /// `MTH(D[size])` over the first `size` leaves of `leafHashes`. Throws ``TransparencyError/Code/invalidArgument``
    /// if the source has fewer than `size` leaves or a leaf hash is not 32 bytes; rethrows the source's errors.
    public static func root(size: UInt64, leafHashes: some LeafHashSource) throws -> [UInt8] {
        guard size <= leafHashes.size else {
            throw TransparencyError(.invalidArgument, "tree size \(size) exceeds the \(leafHashes.size) leaves available")
        }
        return size == 0 ? emptyRoot : try leafHashes.subtreeHash(start: 0, count: size)
    }

    /// The largest power of two strictly smaller than `n` (`k` in RFC 9162 §2.1.1); `n` must be at least 2.
    static func largestPowerOfTwo(below n: UInt64) -> UInt64 {
        precondition(n >= 2, "no power of two below \(n) splits a tree")
        return UInt64(1) << (63 - (n - 1).leadingZeroBitCount)
    }

    /// Whether every element of `hashes` is `hashByteCount` bytes long.
    static func wellFormed(_ hashes: [[UInt8]]) -> Bool {
        hashes.allSatisfy { $0.count == hashByteCount }
    }
}
