internal import CryptoPrimitives
import Dispatch
import Glibc
import Synchronization

/// The parallel engine behind ``MerkleLevels`` and ``MerkleRoots``: the leaves are split into aligned chunks of
/// `chunkLeaves`, handed to the threads as they free up; each chunk's leaf hashes are written by the caller's `fill`
/// and hashed up to the chunk's own root at once, while they are in the cache.
enum ChunkedTree {
    static let chunkLevels = 14
    static var chunkLeaves: Int { 1 << chunkLevels }

    /// Builds every chunk of `count` leaves on up to `parallelism` threads. With `storage` (one buffer per level of the
    /// whole tree) a chunk's levels are written in place; without, into a scratch tree per thread, reused from one
    /// chunk to the next (what a caller that only needs some roots wants: nothing of the size of the log is touched).
    /// `done` gets each chunk's levels (level `k`: `range.count >> k` hashes) before they are reused.
    static func build(count: Int, parallelism: Int, into storage: LevelStorage?,
                      fill: @Sendable (_ thread: Int, _ range: Range<Int>, _ leafHashes: UnsafeMutableRawBufferPointer) -> Void,
                      done: @Sendable (_ thread: Int, _ range: Range<Int>, _ levels: [UnsafeRawBufferPointer]) -> Void) {
        let width = MerkleTree.hashByteCount
        let chunks = (count + chunkLeaves - 1) / chunkLeaves
        let threads = max(1, min(parallelism, chunks))
        let scratch = (0..<(storage == nil ? threads : 0)).map { _ in
            LevelStorage(byteCounts: (0...chunkLevels).map { (chunkLeaves >> $0) * width })
        }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(fill) { fill in
            withoutActuallyEscaping(done) { done in
                let work: @Sendable (Int) -> Void = { thread in
                    while true {
                        let chunk = next.add(1, ordering: .relaxed).oldValue
                        guard chunk < chunks else { return }
                        let range = (chunk * chunkLeaves)..<min(count, (chunk + 1) * chunkLeaves)
                        // Level k of this chunk: its range.count >> k hashes.
                        let depth = Int.bitWidth - range.count.leadingZeroBitCount  // levels 0..<depth
                        let levels = (0..<depth).map { k in
                            let buffer = storage?.buffers[k] ?? scratch[thread].buffers[k]
                            let first = storage == nil ? 0 : range.lowerBound >> k
                            return UnsafeMutableRawBufferPointer(rebasing: buffer[(first * width)..<((first + (range.count >> k)) * width)])
                        }
                        fill(thread, range, levels[0])
                        for k in 1..<max(1, depth) {
                            LevelStorage.hashParents(of: UnsafeRawBufferPointer(levels[k - 1]), into: levels[k], count: range.count >> k)
                        }
                        done(thread, range, levels.map { UnsafeRawBufferPointer($0) })
                    }
                }
                if threads == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: work) }
            }
        }
    }
}

/// Tree levels, one buffer per level (32-byte hashes back to back): written while a tree is built (chunks write
/// disjoint ranges), read-only after; freed with the last reference.
final class LevelStorage: @unchecked Sendable {
    let buffers: [UnsafeMutableRawBufferPointer]

    init(byteCounts: [Int]) {
        buffers = byteCounts.map { count in
            // Anonymous zeroed pages; large levels ask for transparent huge pages, which cuts the page faults (one per
            // 2 MiB instead of per 4 KiB) that otherwise cost as much as a tenth of a verify on a virtual machine.
            let length = max(1, count)
            guard let base = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), base != MAP_FAILED else {
                fatalError("cannot map \(length) bytes for a Merkle tree")
            }
            if length >= 1 << 21 { _ = madvise(base, length, MADV_HUGEPAGE) }
            return UnsafeMutableRawBufferPointer(start: base, count: count)
        }
    }

    deinit { buffers.forEach { munmap($0.baseAddress, max(1, $0.count)) } }

    /// Hashes every node of the levels from `first` up from the level below, serially (the few nodes above chunks).
    func hashLevels(from first: Int) {
        for level in max(1, first)..<max(max(1, first), buffers.count) {
            Self.hashParents(of: UnsafeRawBufferPointer(buffers[level - 1]), into: buffers[level], count: buffers[level].count / 32)
        }
    }

    /// `count` node hashes `SHA-256(0x01 ‖ child 2i ‖ child 2i+1)` from the hashes in `below`.
    static func hashParents(of below: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer, count: Int) {
        let width = MerkleTree.hashByteCount
        var prefix: UInt8 = 0x01
        withUnsafeBytes(of: &prefix) { prefix in
            for i in 0..<count {
                SHA256.hash(prefix, UnsafeRawBufferPointer(rebasing: below[(2 * i * width)..<((2 * i + 2) * width)]),
                            into: UnsafeMutableRawBufferPointer(rebasing: out[(i * width)..<((i + 1) * width)]))
            }
        }
    }
}
