internal import CryptoPrimitives

/// Every level of the RFC 9162 §2.1.1 tree over a fixed list of leaves: level 0 holds the leaf hashes, level `k` the
/// hashes of the aligned perfect subtrees of `2^k` leaves. From these, the root of any prefix of the log
/// (`MTH(D[s])` for every `s ≤ size`, e.g. each checkpoint's size) costs at most one node hash per set bit of `s`,
/// and proofs O(log n) subtree lookups (``subtreeHash(start:count:)``).
///
/// Building costs one node hash per leaf, as appending the leaves one by one to a ``CompactRange`` does, but the
/// leaves are split into aligned chunks of ``chunkLeaves`` that are filled and hashed up to their own root on all
/// cores at once, while the chunk is still in the cache; only the few nodes above the chunks are hashed afterwards.
/// Hashes live in one contiguous buffer per level (32 bytes each), so nothing is allocated per node.
///
/// ```swift
/// let levels = MerkleLevels(leafHashes: leaves)          // 32 × n bytes
/// let root = levels.root(size: checkpoint.size)
/// ```
public struct MerkleLevels: Sendable {
    /// Leaves per chunk (a power of two): the unit of parallel work.
    public static var chunkLeaves: Int { ChunkedTree.chunkLeaves }

    /// The number of leaves.
    public let size: UInt64
    /// Level `k`: `size >> k` hashes of 32 bytes, back to back; written only while building.
    private let storage: LevelStorage

    /// The levels over `leafHashes`, `32 × n` bytes holding the leaf hashes of leaves `0..<n` back to back, built with
    /// up to `parallelism` threads (1: the calling thread only). A trailing partial hash is ignored.
    public init(leafHashes: [UInt8], parallelism: Int = 1) {
        let width = MerkleTree.hashByteCount
        self.init(count: leafHashes.count / width, parallelism: parallelism) { _, range, out in
            leafHashes.withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[(range.lowerBound * width)..<(range.upperBound * width)])) }
        }
    }

    /// The levels over `count` leaves whose hashes `fill` writes: it is called once per chunk of leaves (a range
    /// aligned to ``chunkLeaves``), on one of `parallelism` threads numbered `0..<parallelism` (each thread's calls
    /// come one after another, so per-thread resources such as a database connection can be indexed by it), with
    /// the 32 × `range.count` bytes to fill. A leaf that `fill` leaves alone is all zeros.
    public init(count: Int, parallelism: Int,
                fill: @Sendable (_ thread: Int, _ range: Range<Int>, _ leafHashes: UnsafeMutableRawBufferPointer) -> Void) {
        var counts = [count]
        while counts.last! >= 2 { counts.append(counts.last! / 2) }
        let levels = LevelStorage(byteCounts: counts.map { $0 * MerkleTree.hashByteCount })
        ChunkedTree.build(count: count, parallelism: parallelism, into: levels, fill: fill) { _, _, _ in }
        levels.hashLevels(from: ChunkedTree.chunkLevels + 1)  // the few nodes above the chunks
        size = UInt64(count)
        storage = levels
    }

    /// The hash of the aligned perfect subtree of `2^level` leaves numbered `index` (leaves
    /// `index·2^level ..< (index+1)·2^level`); `level` 0 gives a leaf hash. Both must be in range.
    public func hash(level: Int, index: UInt64) -> [UInt8] {
        hashes(level: level, from: index, count: 1)
    }

    /// The hashes of `count` consecutive aligned perfect subtrees of `2^level` leaves from number `index`, back to
    /// back (32 bytes each), as a tiled log serves them. All must be in range.
    public func hashes(level: Int, from index: UInt64, count: Int) -> [UInt8] {
        let start = Int(index) * MerkleTree.hashByteCount
        return Array(storage.buffers[level][start..<start + count * MerkleTree.hashByteCount])
    }

    /// `MTH(D[s])` for `s = size` (RFC 9162 §2.1.1), `s ≤` ``size``: the perfect subtrees of the compact range
    /// `[0, s)`, one per set bit of `s`, folded right to left; ``MerkleTree/emptyRoot`` for 0.
    public func root(size s: UInt64) -> [UInt8] {
        var subtrees = subtreeRoots(size: s)
        guard var root = subtrees.popLast() else { return MerkleTree.emptyRoot }
        while let left = subtrees.popLast() { root = MerkleTree.nodeHash(left, root) }
        return root
    }

    /// The roots of the perfect subtrees covering leaves `0..<s`, largest first (one per set bit of `s`).
    private func subtreeRoots(size s: UInt64) -> [[UInt8]] {
        precondition(s <= size, "a tree of \(s) leaves needs \(s) leaves, the levels hold \(size)")
        var subtrees: [[UInt8]] = []
        var offset: UInt64 = 0
        for level in stride(from: 63 - max(s, 1).leadingZeroBitCount, through: 0, by: -1) where s & (1 << level) != 0 {
            subtrees.append(hash(level: level, index: offset >> level))
            offset += 1 << level
        }
        return subtrees
    }
}

extension MerkleLevels: LeafHashSource {
    /// Leaf hash `index`; throws ``TransparencyError/Code/invalidArgument`` if out of range.
    public func leafHash(at index: UInt64) throws -> [UInt8] {
        guard index < size else { throw TransparencyError(.invalidArgument, "leaf index \(index) ≥ \(size)") }
        return hash(level: 0, index: index)
    }

    /// `MTH(D[start:start+count])`: a stored hash for an aligned perfect subtree, else the RFC 9162 §2.1.1 split at
    /// the largest power of two below `count` (the ranges proofs ask for resolve to O(log n) stored hashes).
    public func subtreeHash(start: UInt64, count: UInt64) throws -> [UInt8] {
        guard count >= 1, count <= size, start <= size - count else {
            throw TransparencyError(.invalidArgument, "subtree [\(start), +\(count)) outside 0..<\(size)")
        }
        if count.nonzeroBitCount == 1, start % count == 0 {
            return hash(level: count.trailingZeroBitCount, index: start / count)
        }
        let k = MerkleTree.largestPowerOfTwo(below: count)
        return MerkleTree.nodeHash(try subtreeHash(start: start, count: k), try subtreeHash(start: start + k, count: count - k))
    }
}
