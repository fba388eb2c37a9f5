internal import CryptoPrimitives
import Dispatch

/// Every level of the RFC 9162 §2.1.1 tree over a fixed list of leaf hashes, built level by level on all cores:
/// level 0 holds the leaf hashes, level `k` the hashes of the aligned perfect subtrees of `2^k` leaves. From these,
/// the root of any prefix of the log (`MTH(D[s])` for every `s ≤ size`, e.g. each checkpoint's size) costs at most
/// one node hash per set bit of `s`, and proofs O(log n) subtree lookups (``subtreeHash(start:count:)``).
///
/// Building costs one node hash per leaf, as appending the leaves one by one to a ``CompactRange`` does, but the
/// nodes of a level are independent, so they are hashed in parallel chunks; hashes live in one contiguous buffer
/// per level (32 bytes each), so nothing is allocated per node.
///
/// ```swift
/// let levels = MerkleLevels(leafHashes: leaves)          // 32 × n bytes
/// let root = levels.root(size: checkpoint.size)
/// ```
public struct MerkleLevels: Sendable {
    /// The number of leaves.
    public let size: UInt64
    /// `levels[k]`: `size >> k` hashes of 32 bytes, back to back.
    private let levels: [[UInt8]]

    /// The levels over `leafHashes`, `32 × n` bytes holding the leaf hashes of leaves `0..<n` back to back, built with
    /// up to `parallelism` threads (1: the calling thread only). A trailing partial hash is ignored.
    public init(leafHashes: [UInt8], parallelism: Int = 1) {
        let n = leafHashes.count / MerkleTree.hashByteCount
        size = UInt64(n)
        var levels = [leafHashes]
        var below = leafHashes, count = n
        while count >= 2 {
            let next = Self.parents(of: below, count: count / 2, parallelism: parallelism)
            levels.append(next)
            below = next
            count /= 2
        }
        self.levels = levels
    }

    /// The `count` node hashes `SHA-256(0x01 ‖ child 2i ‖ child 2i+1)` over `children`, in parallel chunks when the
    /// level is large enough to pay for the threads.
    private static func parents(of children: [UInt8], count: Int, parallelism: Int) -> [UInt8] {
        let width = MerkleTree.hashByteCount
        return [UInt8](unsafeUninitializedCapacity: count * width) { out, initialized in
            let output = SendableOutput(base: UnsafeMutableRawBufferPointer(out))
            children.withUnsafeBytes { input in
                let input = SendableInput(base: input)
                let workers = count >= 8192 ? max(1, parallelism) : 1
                let chunk = (count + workers - 1) / workers
                let hashChunk: @Sendable (Int) -> Void = { w in
                    var prefix: UInt8 = 0x01
                    withUnsafeBytes(of: &prefix) { prefix in
                        for i in (w * chunk)..<min(count, (w + 1) * chunk) {
                            let pair = UnsafeRawBufferPointer(rebasing: input.base[(2 * i * width)..<((2 * i + 2) * width)])
                            SHA256.hash(prefix, pair, into: UnsafeMutableRawBufferPointer(
                                rebasing: output.base[(i * width)..<((i + 1) * width)]))
                        }
                    }
                }
                if workers == 1 { hashChunk(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: hashChunk) }
            }
            initialized = count * width
        }
    }

    /// The hash of the aligned perfect subtree of `2^level` leaves numbered `index` (leaves
    /// `index·2^level ..< (index+1)·2^level`); `level` 0 gives a leaf hash. Both must be in range.
    public func hash(level: Int, index: UInt64) -> [UInt8] {
        let start = Int(index) * MerkleTree.hashByteCount
        return Array(levels[level][start..<start + MerkleTree.hashByteCount])
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

/// The output buffer of one level, written in disjoint ranges by the chunk threads.
private struct SendableOutput: @unchecked Sendable { let base: UnsafeMutableRawBufferPointer }
/// The level below, read by every chunk thread.
private struct SendableInput: @unchecked Sendable { let base: UnsafeRawBufferPointer }
