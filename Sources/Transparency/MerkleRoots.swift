import Synchronization

/// The RFC 9162 §2.1.1 roots `MTH(D[s])` of a log's prefixes at chosen sizes (an auditor's checkpoints), computed in
/// one parallel pass over the leaves without keeping the tree: each chunk of leaves is hashed in a scratch tree that
/// stays in the cache, and only the chunks' roots and, for each chosen size, the few subtree roots inside its last
/// chunk are kept. The same node hashes as ``MerkleLevels``, a few kilobytes instead of 64 bytes per leaf; a log
/// writer resumes its ``CompactRange`` from it at open.
///
/// ```swift
/// let roots = MerkleRoots(count: n, sizes: checkpointSizes, parallelism: 4) { thread, range, leafHashes in … }
/// let root = roots[checkpoint.size]
/// ```
public struct MerkleRoots: Sendable {
    /// The compact range at each size asked for: its subtree roots fold into the root.
    private let ranges: [UInt64: CompactRange]

    /// The roots at each of `sizes` (those in `1...count`; others are ignored) of the tree over `count` leaves whose
    /// hashes `fill` writes, chunk by chunk, on up to `parallelism` threads (as for
    /// ``MerkleLevels/init(count:parallelism:fill:)``; leaves that `fill` leaves alone are unspecified, so a root
    /// over them is too).
    public init(count: Int, sizes: some Sequence<UInt64>, parallelism: Int,
                fill: @Sendable (_ thread: Int, _ range: Range<Int>, _ leafHashes: UnsafeMutableRawBufferPointer) -> Void) {
        let chunkLevels = ChunkedTree.chunkLevels, chunkLeaves = ChunkedTree.chunkLeaves
        let wanted = Set(sizes.filter { $0 >= 1 && $0 <= UInt64(count) })
        // Sizes that end inside a chunk, by that chunk: their subtrees below the chunk level come from its scratch tree.
        let endingIn = Dictionary(grouping: wanted.filter { $0 % UInt64(chunkLeaves) != 0 }) { Int($0) / chunkLeaves }
        // The chunks' roots (level chunkLevels of the whole tree) and every level above them.
        var counts = [count >> chunkLevels]
        while counts.last! >= 2 { counts.append(counts.last! / 2) }
        let upper = LevelStorage(byteCounts: counts.map { $0 * MerkleTree.hashByteCount })
        let partial = Mutex<[UInt64: [[UInt8]]]>([:])
        ChunkedTree.build(count: count, parallelism: parallelism, into: nil, fill: fill) { _, range, levels in
            let chunk = range.lowerBound / chunkLeaves
            if range.count == chunkLeaves {
                let root = chunk * MerkleTree.hashByteCount
                UnsafeMutableRawBufferPointer(rebasing: upper.buffers[0][root..<root + MerkleTree.hashByteCount])
                    .copyMemory(from: levels[chunkLevels])
            }
            for size in endingIn[chunk] ?? [] {
                let low = Int(size) - range.lowerBound
                let subtrees = Self.subtrees(covering: low, below: chunkLevels) { level, index in
                    let start = index * MerkleTree.hashByteCount
                    return Array(levels[level][start..<start + MerkleTree.hashByteCount])
                }
                partial.withLock { $0[size] = subtrees }
            }
        }
        upper.hashLevels(from: 1)
        let low = partial.withLock { $0 }
        var ranges: [UInt64: CompactRange] = [:]
        for size in wanted {
            let high = Int(size) >> chunkLevels  // whole chunks before the size's last chunk
            let subtrees = Self.subtrees(covering: high, below: counts.count) { level, index in
                let start = index * MerkleTree.hashByteCount
                return Array(upper.buffers[level][start..<start + MerkleTree.hashByteCount])
            }
            ranges[size] = CompactRange(validSize: size, subtreeRoots: subtrees + (low[size] ?? []))
        }
        self.ranges = ranges
    }

    /// The ``CompactRange`` of the first `size` leaves, if `size` was asked for (a log writer resumes from the one at
    /// its full size); the empty range for 0.
    public func compactRange(size: UInt64) -> CompactRange? {
        size == 0 ? CompactRange() : ranges[size]
    }

    /// The root at `size`, if it was asked for; ``MerkleTree/emptyRoot`` for 0.
    public subscript(size: UInt64) -> [UInt8]? {
        compactRange(size: size)?.root()
    }

    /// The perfect subtrees covering leaves `0..<n` of a tree, largest first, one per set bit of `n` below `levels`:
    /// `hash(level, index)` gives subtree `index` of `2^level` leaves.
    static func subtrees(covering n: Int, below levels: Int, _ hash: (Int, Int) -> [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var offset = 0
        for level in stride(from: levels - 1, through: 0, by: -1) where n & (1 << level) != 0 {
            out.append(hash(level, offset >> level))
            offset += 1 << level
        }
        return out
    }
}
