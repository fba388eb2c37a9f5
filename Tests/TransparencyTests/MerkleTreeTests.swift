import CryptoPrimitives
import Testing
import Transparency

@Suite struct MerkleTreeTests {
    @Test func hashingFollowsRFC6962() {
        // RFC 9162 §2.1.1: leaf = SHA-256(0x00 ‖ d), node = SHA-256(0x01 ‖ l ‖ r), empty = SHA-256().
        #expect(hex(MerkleTree.emptyRoot) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(MerkleTree.emptyRoot == SHA256.hash([UInt8]()))
        #expect(MerkleTree.leafHash([1, 2, 3]) == SHA256.hash([0x00, 1, 2, 3]))
        let left = SHA256.hash("l"), right = SHA256.hash("r")
        #expect(MerkleTree.nodeHash(left, right) == SHA256.hash([0x01] + left + right))
        #expect(MerkleTree.nodeHash(left, right) != MerkleTree.nodeHash(right, left))
        // Domain separation: a leaf whose entry is two concatenated hashes is not the node over them.
        #expect(MerkleTree.leafHash(left + right) != MerkleTree.nodeHash(left, right))
    }

    @Test func referenceNodeHashes() {
        // Every perfect subtree of the transparency-dev reference tree, recomputed level by level.
        let leaves = Reference.leafHashes
        #expect(leaves.map(hex) == Reference.nodeHashes[0])
        var level = leaves
        for depth in 1...3 {
            level = stride(from: 0, to: level.count, by: 2).map { MerkleTree.nodeHash(level[$0], level[$0 + 1]) }
            #expect(level.map(hex) == Reference.nodeHashes[depth])
        }
    }

    @Test(arguments: 0...8)
    func referenceRoots(_ size: Int) throws {
        let leaves = Reference.leafHashes
        #expect(hex(MerkleTree.root(leafHashes: leaves[..<size])) == Reference.roots[size])
        #expect(hex(CompactRange(leafHashes: leaves.prefix(size)).root()) == Reference.roots[size])
        #expect(hex(try MerkleTree.root(size: UInt64(size), leafHashes: leaves)) == Reference.roots[size])
    }

    @Test func referenceRootsByHand() {
        // The unbalanced shapes spelled out from RFC 9162 §2.1.1's split rule (k = largest power of two < n).
        let n = Reference.node
        #expect(hex(MerkleTree.nodeHash(n(1, 0), n(0, 2))) == Reference.roots[3])
        #expect(hex(MerkleTree.nodeHash(n(2, 0), n(0, 4))) == Reference.roots[5])
        #expect(hex(MerkleTree.nodeHash(n(2, 0), n(1, 2))) == Reference.roots[6])
        #expect(hex(MerkleTree.nodeHash(n(2, 0), MerkleTree.nodeHash(n(1, 2), n(0, 6)))) == Reference.roots[7])
    }

    @Test func rootOfSliceUsesSliceIndices() {
        let leaves = randomLeafHashes(20, seed: 7)
        #expect(MerkleTree.root(leafHashes: leaves[5..<12]) == MerkleTree.root(leafHashes: Array(leaves[5..<12])))
    }

    @Test func rootFromSourceRejectsOversizeAndBadLeaves() {
        let leaves = Reference.leafHashes
        #expect(throws: TransparencyError(.invalidArgument, "")) { try MerkleTree.root(size: 9, leafHashes: leaves) }
        var bad = leaves
        bad[3] = [1, 2, 3]
        #expect(throws: TransparencyError(.invalidArgument, "")) { try MerkleTree.root(size: 8, leafHashes: bad) }
        #expect(throws: TransparencyError(.invalidArgument, "")) { try leaves.subtreeHash(start: 7, count: 2) }
        #expect(throws: TransparencyError(.invalidArgument, "")) { try leaves.subtreeHash(start: 0, count: 0) }
        #expect(throws: TransparencyError(.invalidArgument, "")) { try leaves.subtreeHash(start: .max, count: 2) }
        #expect(throws: TransparencyError(.invalidArgument, "")) { try leaves.leafHash(at: 8) }
    }
}

@Suite struct CompactRangeTests {
    @Test func agreesWithRecursiveRootForEverySizeUpTo300() {
        let leaves = randomLeafHashes(300, seed: 1)
        var range = CompactRange()
        #expect(range.root() == MerkleTree.emptyRoot)
        for size in 1...300 {
            range.append(leafHash: leaves[size - 1])
            #expect(range.size == UInt64(size))
            #expect(range.subtreeRoots.count == size.nonzeroBitCount)
            #expect(range.root() == MerkleTree.root(leafHashes: leaves[..<size]), "size \(size)")
        }
        #expect(CompactRange(leafHashes: leaves) == range)
    }

    @Test func subtreeRootsAreThePerfectSubtrees() {
        // transparency-dev testonly CompactTrees(): size 7 = {MTH[0:4], MTH[4:6], leaf 6}.
        let range = CompactRange(leafHashes: Reference.leafHashes.prefix(7))
        #expect(range.subtreeRoots == [Reference.node(2, 0), Reference.node(1, 2), Reference.node(0, 6)])
    }

    @Test func restoresFromPersistedState() throws {
        let leaves = randomLeafHashes(100, seed: 2)
        let range = CompactRange(leafHashes: leaves.prefix(77))
        var restored = try CompactRange(size: range.size, subtreeRoots: range.subtreeRoots)
        #expect(restored == range)
        for leaf in leaves[77...] { restored.append(leafHash: leaf) }
        #expect(restored.root() == MerkleTree.root(leafHashes: leaves))

        #expect(throws: TransparencyError(.invalidArgument, "")) { try CompactRange(size: 77, subtreeRoots: Array(range.subtreeRoots.dropLast())) }
        #expect(throws: TransparencyError(.invalidArgument, "")) { try CompactRange(size: 76, subtreeRoots: range.subtreeRoots) }
        #expect(throws: TransparencyError(.invalidArgument, "")) { try CompactRange(size: 1, subtreeRoots: [[0]]) }
        #expect(try CompactRange(size: 0, subtreeRoots: []) == CompactRange())
    }

    @Test func copiesAreIndependent() {
        let leaves = randomLeafHashes(3, seed: 3)
        var a = CompactRange(leafHashes: leaves.prefix(2))
        let b = a
        a.append(leafHash: leaves[2])
        #expect(b.size == 2)
        #expect(b.root() == MerkleTree.root(leafHashes: leaves[..<2]))
    }
}
