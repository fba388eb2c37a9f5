internal import CryptoPrimitives
import Dispatch
import Glibc
import Synchronization

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
    public static let chunkLeaves = 1 << 14

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
        let width = MerkleTree.hashByteCount
        var counts = [count]
        while counts.last! >= 2 { counts.append(counts.last! / 2) }
        let levels = LevelStorage(counts: counts.map { $0 * width })
        let chunkLevels = Self.chunkLeaves.trailingZeroBitCount
        let chunks = (count + Self.chunkLeaves - 1) / Self.chunkLeaves
        let next = Atomic<Int>(0)
        let threads = max(1, min(parallelism, chunks))
        withoutActuallyEscaping(fill) { fill in
            let work: @Sendable (Int) -> Void = { thread in
                while true {
                    let chunk = next.add(1, ordering: .relaxed).oldValue
                    guard chunk < chunks else { return }
                    let range = (chunk * Self.chunkLeaves)..<min(count, (chunk + 1) * Self.chunkLeaves)
                    fill(thread, range, UnsafeMutableRawBufferPointer(
                        rebasing: levels.buffers[0][(range.lowerBound * width)..<(range.upperBound * width)]))
                    // The nodes whose leaves all lie in this chunk, level by level, while the chunk is in the cache.
                    for level in 1..<min(chunkLevels + 1, levels.buffers.count) {
                        levels.hashParents(level: level, of: (range.lowerBound >> level)..<(range.upperBound >> level))
                    }
                }
            }
            if threads == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: work) }
        }
        // The few nodes above the chunks.
        for level in min(chunkLevels + 1, levels.buffers.count)..<levels.buffers.count {
            levels.hashParents(level: level, of: 0..<(count >> level))
        }
        size = UInt64(count)
        storage = levels
    }

    /// The hash of the aligned perfect subtree of `2^level` leaves numbered `index` (leaves
    /// `index·2^level ..< (index+1)·2^level`); `level` 0 gives a leaf hash. Both must be in range.
    public func hash(level: Int, index: UInt64) -> [UInt8] {
        let start = Int(index) * MerkleTree.hashByteCount
        return Array(storage.buffers[level][start..<start + MerkleTree.hashByteCount])
    }

    /// `MTH(D[s])` for `s = size` (RFC 9162 §2.1.1), `s ≤` ``size``: the perfect subtrees of the compact range
    /// `[0, s)`, one per set bit of `s`, folded right to left; ``MerkleTree/emptyRoot`` for 0.
    public func root(size s: UInt64) -> [UInt8] {
        var subtrees = subtreeRoots(size: s)
        guard var root = subtrees.popLast() else { return MerkleTree.emptyRoot }
        while let left = subtrees.popLast() { root = MerkleTree.nodeHash(left, root) }
        return root
    }

    /// The ``CompactRange`` of all ``size`` leaves: what a log writer resumes appending from.
    public func compactRange() -> CompactRange {
        CompactRange(validSize: size, subtreeRoots: subtreeRoots(size: size))
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

/// The level buffers: written by the chunks (disjoint ranges of every level) while the levels are built, read-only
/// after; freed with the last copy of the levels.
private final class LevelStorage: @unchecked Sendable {
    let buffers: [UnsafeMutableRawBufferPointer]

    init(counts: [Int]) {
        buffers = counts.map { count in
            // Anonymous zeroed pages; large levels ask for transparent huge pages, which cuts the page faults (one per
            // 2 MiB instead of per 4 KiB) that otherwise cost as much as a tenth of a verify on a virtual machine.
            let length = max(1, count)
            guard let base = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), base != MAP_FAILED else {
                fatalError("cannot map \(length) bytes for the tree")
            }
            if length >= 1 << 21 { _ = madvise(base, length, MADV_HUGEPAGE) }
            return UnsafeMutableRawBufferPointer(start: base, count: count)
        }
    }

    deinit { buffers.forEach { munmap($0.baseAddress, max(1, $0.count)) } }

    /// Hashes nodes `indices` of `level` from their children one level down: `SHA-256(0x01 ‖ left ‖ right)`.
    func hashParents(level: Int, of indices: Range<Int>) {
        let width = MerkleTree.hashByteCount
        let below = UnsafeRawBufferPointer(buffers[level - 1]), out = buffers[level]
        var prefix: UInt8 = 0x01
        withUnsafeBytes(of: &prefix) { prefix in
            for i in indices {
                SHA256.hash(prefix, UnsafeRawBufferPointer(rebasing: below[(2 * i * width)..<((2 * i + 2) * width)]),
                            into: UnsafeMutableRawBufferPointer(rebasing: out[(i * width)..<((i + 1) * width)]))
            }
        }
    }
}
