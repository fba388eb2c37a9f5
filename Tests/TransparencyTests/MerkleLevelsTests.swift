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

    @Test func parallelLevelsEqualSerialOnesAndTheCompactRange() {
        // One full chunk of 16384 leaves and a partial one, on several threads, the nodes above the chunks after;
        // an odd count leaves a last node unpaired.
        let (list, flat) = leaves(20_001)
        let serial = MerkleLevels(leafHashes: flat, parallelism: 1)
        let parallel = MerkleLevels(leafHashes: flat, parallelism: 3)
        let range = CompactRange(leafHashes: list)
        #expect(parallel.compactRange() == range)
        #expect(serial.compactRange() == range)
        for size in [1, 8191, 8192, 8193, 16_384, 20_000, 20_001] {
            #expect(parallel.root(size: UInt64(size)) == serial.root(size: UInt64(size)))
        }
        #expect(parallel.root(size: 20_001) == range.root())
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
