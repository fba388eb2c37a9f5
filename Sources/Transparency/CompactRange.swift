/// The right edge of a Merkle tree: the roots of the perfect subtrees that cover leaves `0..<size`, largest first,
/// one per set bit of `size` (the "compact range" of transparency-dev/merkle `compact`, the frontier of RFC 9162
/// §2.1.1's recursion). It is all a log writer needs to append leaves in O(log n) and compute the current root
/// (`MTH(D[size])`) without reading earlier leaves; persist ``size`` and ``subtreeRoots`` to resume after a restart.
///
/// ```swift
/// var range = CompactRange()
/// range.append(leafHash: MerkleTree.leafHash(entry))
/// let checkpoint = try Checkpoint(origin: "example.com/log", size: range.size, rootHash: range.root())
/// ```
public struct CompactRange: Sendable, Hashable {
    /// The number of leaves appended.
    public private(set) var size: UInt64
    /// The perfect-subtree roots, left to right; subtree `i` covers `2^b` leaves for the `i`-th set bit `b` of
    /// ``size`` counted from the most significant.
    public private(set) var subtreeRoots: [[UInt8]]

    /// The empty tree.
    public init() {
        size = 0
        subtreeRoots = []
    }

    /// The tree of `leafHashes`, in order.
    public init(leafHashes: some Sequence<[UInt8]>) {
        self.init()
        for hash in leafHashes { append(leafHash: hash) }
    }

    /// A range restored from a persisted ``size`` and ``subtreeRoots``. Throws
    /// ``TransparencyError/Code/invalidArgument`` unless there is one 32-byte root per set bit of `size`.
    public init(size: UInt64, subtreeRoots: [[UInt8]]) throws {
        guard subtreeRoots.count == size.nonzeroBitCount, MerkleTree.wellFormed(subtreeRoots) else {
            throw TransparencyError(.invalidArgument,
                                    "a tree of \(size) leaves has \(size.nonzeroBitCount) 32-byte subtree roots, got \(subtreeRoots.count)")
        }
        self.size = size
        self.subtreeRoots = subtreeRoots
    }

    /// A range whose roots are known to be well formed (built by this module).
    init(validSize size: UInt64, subtreeRoots: [[UInt8]]) {
        assert(subtreeRoots.count == size.nonzeroBitCount && MerkleTree.wellFormed(subtreeRoots))
        self.size = size
        self.subtreeRoots = subtreeRoots
    }

    /// Appends the leaf whose RFC 9162 §2.1.1 leaf hash is `leafHash` (32 bytes): merges equal-sized subtrees
    /// (one per trailing set bit of the old size) with `MerkleTree.nodeHash`, like a binary counter.
    public mutating func append(leafHash: [UInt8]) {
        var hash = leafHash
        var carry = size
        while carry & 1 == 1 {
            hash = MerkleTree.nodeHash(subtreeRoots.removeLast(), hash)
            carry >>= 1
        }
        subtreeRoots.append(hash)
        size += 1
    }

    /// `MTH(D[size])` (RFC 9162 §2.1.1): the subtree roots folded right to left, or ``MerkleTree/emptyRoot``.
    public func root() -> [UInt8] {
        guard var hash = subtreeRoots.last else { return MerkleTree.emptyRoot }
        for left in subtreeRoots.dropLast().reversed() {
            hash = MerkleTree.nodeHash(left, hash)
        }
        return hash
    }
}
