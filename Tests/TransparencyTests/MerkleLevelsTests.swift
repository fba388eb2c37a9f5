import CryptoPrimitives
import Testing
import Transparency

@Suite struct MerkleLevelsTests {
    /// `n` deterministic leaf hashes, as separate arrays and back to back.
    func leaves(_ n: Int) -> (list: [[UInt8]], flat: [UInt8]) {
        let list = (0..<n).map { MerkleTree.leafHash(Array("entry \($0)".utf8)) }
        return (list, list.flatMap { $0 })
    }

    @Test func everyPrefixRootMatchesTheRecursiveDefinition() {
        let (list, flat) = leaves(300)
        let levels = MerkleLevels(leafHashes: flat)
        #expect(levels.size == 300)
        for size in 0...300 {
            #expect(levels.root(size: UInt64(size)) == MerkleTree.root(leafHashes: list[0..<size]), "size \(size)")
        }
    }

    @Test func theReferenceTreeRoots() throws {
        let levels = MerkleLevels(leafHashes: Reference.leafHashes.flatMap { $0 })
        for size in 0...Reference.leafHashes.count {
            #expect(hex(levels.root(size: UInt64(size))) == Reference.roots[size])
        }
    }

    @Test func parallelLevelsEqualSerialOnesAndTheCompactRanges() {
        // One full chunk of 16384 leaves and a partial one, on several threads, the nodes above the chunks after;
        // an odd count leaves a last node unpaired.
        let (list, flat) = leaves(20_001)
        let serial = MerkleLevels(leafHashes: flat, parallelism: 1)
        let parallel = MerkleLevels(leafHashes: flat, parallelism: 3)
        for size in [1, 8191, 8192, 8193, 16_384, 16_385, 20_000, 20_001] {
            let root = CompactRange(leafHashes: Array(list.prefix(size))).root()
            #expect(parallel.root(size: UInt64(size)) == root)
            #expect(serial.root(size: UInt64(size)) == root)
        }
    }

    @Test func proofsFromLevelsEqualProofsFromLeaves() throws {
        let (list, flat) = leaves(77)
        let levels = MerkleLevels(leafHashes: flat)
        for (index, size) in [(0, 1), (5, 8), (6, 77), (76, 77), (31, 64), (40, 50)] {
            #expect(try MerkleTree.inclusionProof(index: UInt64(index), size: UInt64(size), leafHashes: levels)
                == MerkleTree.inclusionProof(index: UInt64(index), size: UInt64(size), leafHashes: list))
        }
        for (old, new) in [(1, 77), (7, 8), (32, 77), (50, 64), (76, 77)] {
            #expect(try MerkleTree.consistencyProof(old: UInt64(old), new: UInt64(new), leafHashes: levels)
                == MerkleTree.consistencyProof(old: UInt64(old), new: UInt64(new), leafHashes: list))
        }
        #expect(throws: TransparencyError.self) { try levels.subtreeHash(start: 70, count: 8) }
        #expect(throws: TransparencyError.self) { try levels.leafHash(at: 77) }
    }
}

@Suite struct MerkleRootsTests {
    @Test func rootsAtChosenSizesEqualTheCompactRangeAtThoseSizes() {
        // Three full chunks of 16384 and a partial one; sizes inside chunks, on chunk boundaries, at both ends.
        let n = 3 * MerkleLevels.chunkLeaves + 777
        let leaves = (0..<n).map { MerkleTree.leafHash(Array("leaf \($0)".utf8)) }
        let sizes: [UInt64] = [1, 2, 3, 1000, 16_383, 16_384, 16_385, 32_768, 40_000, 49_152, 49_153, UInt64(n)]
        let flat = leaves.flatMap { $0 }
        for parallelism in [1, 3] {
            let roots = MerkleRoots(count: n, sizes: sizes + [0, UInt64(n) + 1], parallelism: parallelism) { _, range, out in
                flat.withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[(range.lowerBound * 32)..<(range.upperBound * 32)])) }
            }
            var range = CompactRange()
            var expected: [UInt64: [UInt8]] = [:]
            for (i, leaf) in leaves.enumerated() {
                range.append(leafHash: leaf)
                if sizes.contains(UInt64(i + 1)) { expected[UInt64(i + 1)] = range.root() }
            }
            for size in sizes { #expect(roots[size] == expected[size], "size \(size), \(parallelism) threads") }
            #expect(roots[0] == MerkleTree.emptyRoot)
            #expect(roots[UInt64(n) + 1] == nil && roots[5] == nil)  // beyond the leaves, or not asked for
        }
    }

    @Test func aSmallTreeInOnePartialChunk() {
        let leaves = Reference.leafHashes
        let roots = MerkleRoots(count: leaves.count, sizes: 1...UInt64(leaves.count), parallelism: 2) { _, range, out in
            let flat = leaves[range].flatMap { $0 }
            flat.withUnsafeBytes { out.copyMemory(from: $0) }
        }
        for size in 1...leaves.count { #expect(roots[UInt64(size)].map(hex) == Reference.roots[size]) }
    }
}
