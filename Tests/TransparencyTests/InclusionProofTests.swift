import Testing
import Transparency

@Suite struct InclusionProofTests {
    /// transparency-dev/merkle proof/verify_test.go `inclusionProofs` and testonly/reference_test.go (index is
    /// 0-based here), with each expected path also spelled out from the tree's shape in `byHand`.
    static let vectors: [(index: UInt64, size: UInt64, proof: [String], byHand: [[UInt8]])] = [
        (0, 1, [], []),
        // Leaf 0 of 2: its sibling is leaf 1.
        (0, 2, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"], [Reference.node(0, 1)]),
        (1, 2, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"], [Reference.node(0, 0)]),
        // Leaf 0 of 8: leaf 1, then MTH[2:4], then MTH[4:8].
        (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
         [Reference.node(0, 1), Reference.node(1, 1), Reference.node(2, 1)]),
        // Leaf 5 of 8: leaf 4, then MTH[6:8], then MTH[0:4].
        (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
         [Reference.node(0, 4), Reference.node(1, 3), Reference.node(2, 0)]),
        // Leaf 2 of 3: the last leaf hangs directly under the root; its only sibling is MTH[0:2].
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"], [Reference.node(1, 0)]),
        // Leaf 1 of 5: leaf 0, MTH[2:4], then the right part MTH[4:5] = leaf 4.
        (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"],
         [Reference.node(0, 0), Reference.node(1, 1), Reference.node(0, 4)]),
    ]

    @Test(arguments: 0..<7)
    func knownAnswers(_ number: Int) throws {
        let vector = Self.vectors[number]
        let leaves = Reference.leafHashes
        let proof = try MerkleTree.inclusionProof(index: vector.index, size: vector.size, leafHashes: leaves)
        #expect(proof.map(hex) == vector.proof)
        #expect(proof == vector.byHand)
        let root = unhex(Reference.roots[Int(vector.size)])
        #expect(MerkleTree.verifyInclusion(index: vector.index, size: vector.size, leafHash: leaves[Int(vector.index)],
                                           proof: proof, root: root))
        for probe in Self.corruptions(index: vector.index, size: vector.size, leafHash: leaves[Int(vector.index)],
                                      proof: proof, root: root) {
            #expect(!MerkleTree.verifyInclusion(index: probe.index, size: probe.size, leafHash: probe.leafHash,
                                                proof: probe.proof, root: probe.root), "accepted: \(probe.what)")
        }
    }

    @Test func singleLeafTree() {
        let hash = MerkleTree.leafHash(Array("data".utf8))
        #expect(MerkleTree.verifyInclusion(index: 0, size: 1, leafHash: hash, proof: [], root: hash))
        #expect(!MerkleTree.verifyInclusion(index: 0, size: 1, leafHash: hash, proof: [], root: []))
        #expect(!MerkleTree.verifyInclusion(index: 0, size: 1, leafHash: [], proof: [], root: hash))
        #expect(!MerkleTree.verifyInclusion(index: 0, size: 1, leafHash: [], proof: [], root: []))
        #expect(!MerkleTree.verifyInclusion(index: 0, size: 1, leafHash: hash, proof: [hash], root: hash))
    }

    @Test(arguments: [(UInt64(0), UInt64(0)), (1, 0), (1, 1), (2, 1), (8, 8), (.max, .max)])
    func indexNotBelowSizeIsRejected(_ index: UInt64, _ size: UInt64) {
        let some = unhex("abacaba000000000000000000000000000000000000000000060061e00123456")
        #expect(!MerkleTree.verifyInclusion(index: index, size: size, leafHash: some, proof: [], root: some))
        #expect(!MerkleTree.verifyInclusion(index: index, size: size, leafHash: some, proof: [some], root: MerkleTree.emptyRoot))
        #expect(throws: TransparencyError(.invalidArgument, "")) {
            try MerkleTree.inclusionProof(index: index, size: size, leafHashes: Reference.leafHashes)
        }
    }

    @Test func generationRejectsSizeBeyondSource() {
        #expect(throws: TransparencyError(.invalidArgument, "")) {
            try MerkleTree.inclusionProof(index: 0, size: 9, leafHashes: Reference.leafHashes)
        }
    }

    /// A structurally different construction (RFC 9162 §2.1.1's tree built bottom-up: pair nodes level by level,
    /// promoting an unpaired last node unchanged) must give the same path and root for every index and size.
    @Test func matchesBottomUpConstruction() throws {
        let leaves = randomLeafHashes(70, seed: 11)
        for size in 1...70 {
            var levels = [Array(leaves[..<size])]
            while levels.last!.count > 1 {
                let level = levels.last!
                levels.append(stride(from: 0, to: level.count, by: 2).map {
                    $0 + 1 < level.count ? MerkleTree.nodeHash(level[$0], level[$0 + 1]) : level[$0]
                })
            }
            #expect(levels.last![0] == MerkleTree.root(leafHashes: leaves[..<size]))
            for index in 0..<size {
                var expected: [[UInt8]] = []
                var position = index
                for level in levels.dropLast() {
                    let sibling = position ^ 1
                    if sibling < level.count { expected.append(level[sibling]) }
                    position >>= 1
                }
                let proof = try MerkleTree.inclusionProof(index: UInt64(index), size: UInt64(size), leafHashes: leaves)
                #expect(proof == expected, "index \(index) size \(size)")
            }
        }
    }

    /// Property: for pseudo-random sizes up to 300, every leaf's proof verifies, and every corruption of it fails.
    @Test(arguments: [UInt64(21), 22, 23])
    func everyProofVerifiesAndEveryCorruptionFails(_ seed: UInt64) throws {
        var rng = SplitMix64(state: seed)
        let leaves = randomLeafHashes(300, seed: seed)
        let source = MemoizingSource(leaves)
        for size in (0..<6).map({ _ in UInt64(1 + rng.next() % 300) }) + [1, 2, 3, 256, 257, 300] {
            let root = MerkleTree.root(leafHashes: leaves[..<Int(size)])
            for index in 0..<size {
                let leaf = leaves[Int(index)]
                let proof = try MerkleTree.inclusionProof(index: index, size: size, leafHashes: source)
                #expect(MerkleTree.verifyInclusion(index: index, size: size, leafHash: leaf, proof: proof, root: root))
                for probe in Self.corruptions(index: index, size: size, leafHash: leaf, proof: proof, root: root) {
                    #expect(!MerkleTree.verifyInclusion(index: probe.index, size: probe.size, leafHash: probe.leafHash,
                                                        proof: probe.proof, root: probe.root),
                            "accepted \(probe.what) for index \(index) size \(size)")
                }
            }
        }
    }

    @Test func sourceOverrideIsUsedAndAgreesWithArray() throws {
        let leaves = randomLeafHashes(200, seed: 5)
        let source = MemoizingSource(leaves)
        for index: UInt64 in [0, 99, 127, 128, 199] {
            #expect(try MerkleTree.inclusionProof(index: index, size: 200, leafHashes: source)
                == MerkleTree.inclusionProof(index: index, size: 200, leafHashes: leaves))
        }
        // Memoised perfect subtrees: each leaf is read at most once across all five proofs.
        #expect(source.leafReads <= 200)
    }

    /// The corruptions of transparency-dev/merkle proof/verify_test.go `corruptInclusionProof`, plus a bit flip in
    /// every byte position class of every element, the leaf and the root (the "middle of the proof unchecked" class
    /// of immudb GHSA-672p-m5jq-mrh8), and every other index.
    static func corruptions(index: UInt64, size: UInt64, leafHash: [UInt8], proof: [[UInt8]], root: [UInt8])
        -> [(what: String, index: UInt64, size: UInt64, leafHash: [UInt8], proof: [[UInt8]], root: [UInt8])] {
        let some = unhex("abacaba000000000000000000000000000000000000000000060061e00123456")
        var probes: [(what: String, index: UInt64, size: UInt64, leafHash: [UInt8], proof: [[UInt8]], root: [UInt8])] = [
            ("index + 1", index + 1, size, leafHash, proof, root),
            ("index ^ 2", index ^ 2, size, leafHash, proof, root),
            ("index = size", size, size, leafHash, proof, root),
            ("size * 2", index, size * 2, leafHash, proof, root),
            ("wrong leaf", index, size, Array("WrongLeaf".utf8), proof, root),
            ("flipped leaf", index, size, flipped(leafHash), proof, root),
            ("empty root", index, size, leafHash, proof, MerkleTree.emptyRoot),
            ("random root", index, size, leafHash, proof, some),
            ("flipped root", index, size, leafHash, proof, flipped(root, byte: 31, bit: 7)),
            ("trailing garbage", index, size, leafHash, proof + [[]], root),
            ("trailing root", index, size, leafHash, proof + [root], root),
            ("preceding garbage", index, size, leafHash, [[]] + proof, root),
            ("preceding root", index, size, leafHash, [root] + proof, root),
        ]
        if index > 0 { probes.append(("index - 1", index - 1, size, leafHash, proof, root)) }
        if size > 1 { probes.append(("size / 2", index, size / 2, leafHash, proof, root)) }
        for position in proof.indices {
            for (byte, bit) in [(0, 3), (15, 0), (31, 7)] {
                var wrong = proof
                wrong[position] = flipped(wrong[position], byte: byte, bit: bit)
                probes.append(("proof[\(position)] byte \(byte) bit \(bit)", index, size, leafHash, wrong, root))
            }
        }
        if !proof.isEmpty {
            probes.append(("removed last", index, size, leafHash, Array(proof.dropLast()), root))
            probes.append(("removed first", index, size, leafHash, Array(proof.dropFirst()), root))
        }
        if proof.count > 1 {
            probes.append(("inserted component", index, size, leafHash, [proof[0], some] + proof[1...], root))
            probes.append(("swapped components", index, size, leafHash, [proof[1], proof[0]] + proof[2...], root))
        }
        if size <= 64 {
            for other in 0..<size where other != index {
                probes.append(("index \(other)", other, size, leafHash, proof, root))
            }
        }
        return probes
    }
}
