import Testing
import Transparency

@Suite struct ConsistencyProofTests {
    /// transparency-dev/merkle proof/verify_test.go `consistencyProofs` and testonly/reference_test.go, each
    /// expected proof also spelled out from the tree shapes in `byHand`.
    static let vectors: [(old: UInt64, new: UInt64, proof: [String], byHand: [[UInt8]])] = [
        (1, 1, [], []),
        // 1 → 8: the old root is leaf 0 (known to the verifier); leaf 1, MTH[2:4], MTH[4:8] rebuild the new root.
        (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
         [Reference.node(0, 1), Reference.node(1, 1), Reference.node(2, 1)]),
        // 6 → 8: MTH[4:6] (not known to the verifier), then MTH[6:8], then MTH[0:4].
        (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
         [Reference.node(1, 2), Reference.node(1, 3), Reference.node(2, 0)]),
        // 2 → 5: the old root MTH[0:2] is known; MTH[2:4] and leaf 4.
        (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"],
         [Reference.node(1, 1), Reference.node(0, 4)]),
        // 6 → 7: MTH[4:6], leaf 6, MTH[0:4].
        (6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
         [Reference.node(1, 2), Reference.node(0, 6), Reference.node(2, 0)]),
    ]

    @Test(arguments: 0..<5)
    func knownAnswers(_ number: Int) throws {
        let vector = Self.vectors[number]
        let proof = try MerkleTree.consistencyProof(old: vector.old, new: vector.new, leafHashes: Reference.leafHashes)
        #expect(proof.map(hex) == vector.proof)
        #expect(proof == vector.byHand)
        let oldRoot = unhex(Reference.roots[Int(vector.old)])
        let newRoot = unhex(Reference.roots[Int(vector.new)])
        #expect(MerkleTree.verifyConsistency(old: vector.old, new: vector.new, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
        guard !proof.isEmpty else { return }
        for probe in Self.corruptions(old: vector.old, new: vector.new, oldRoot: oldRoot, newRoot: newRoot, proof: proof) {
            #expect(!MerkleTree.verifyConsistency(old: probe.old, new: probe.new, oldRoot: probe.oldRoot,
                                                  newRoot: probe.newRoot, proof: probe.proof), "accepted: \(probe.what)")
        }
    }

    /// transparency-dev/merkle proof/verify_test.go `TestVerifyConsistency` edge cases, with old = 0 rejected as
    /// RFC 9162 §2.1.4.2 (defined for 0 < first) and the current transparency-dev verifier do.
    @Test func edgeCases() throws {
        let root1 = MerkleTree.leafHash([1]), root2 = MerkleTree.leafHash([2])
        let empty = MerkleTree.emptyRoot
        // Equal sizes: consistent only with equal roots and an empty proof.
        #expect(MerkleTree.verifyConsistency(old: 1, new: 1, oldRoot: root2, newRoot: root2, proof: []))
        #expect(!MerkleTree.verifyConsistency(old: 1, new: 1, oldRoot: root1, newRoot: root2, proof: []))
        #expect(!MerkleTree.verifyConsistency(old: 1, new: 1, oldRoot: empty, newRoot: empty, proof: [empty]))
        #expect(!MerkleTree.verifyConsistency(old: 5, new: 5, oldRoot: root1, newRoot: root1, proof: [root1]))
        // From the empty tree: rejected whatever the proof.
        #expect(!MerkleTree.verifyConsistency(old: 0, new: 0, oldRoot: empty, newRoot: empty, proof: []))
        #expect(!MerkleTree.verifyConsistency(old: 0, new: 1, oldRoot: empty, newRoot: root1, proof: []))
        #expect(!MerkleTree.verifyConsistency(old: 0, new: 1, oldRoot: empty, newRoot: root1, proof: [empty]))
        // Time travel: old > new.
        #expect(!MerkleTree.verifyConsistency(old: 1, new: 0, oldRoot: root1, newRoot: empty, proof: []))
        #expect(!MerkleTree.verifyConsistency(old: 2, new: 1, oldRoot: root1, newRoot: root1, proof: []))
        // Empty proof for old < new.
        #expect(!MerkleTree.verifyConsistency(old: 1, new: 2, oldRoot: root1, newRoot: root2, proof: []))
        // Hashes of the wrong length.
        #expect(!MerkleTree.verifyConsistency(old: 1, new: 1, oldRoot: [1], newRoot: [1], proof: []))

        let leaves = Reference.leafHashes
        #expect(throws: TransparencyError(.invalidArgument, "")) { try MerkleTree.consistencyProof(old: 0, new: 3, leafHashes: leaves) }
        #expect(throws: TransparencyError(.invalidArgument, "")) { try MerkleTree.consistencyProof(old: 4, new: 3, leafHashes: leaves) }
        #expect(throws: TransparencyError(.invalidArgument, "")) { try MerkleTree.consistencyProof(old: 3, new: 9, leafHashes: leaves) }
        #expect(try MerkleTree.consistencyProof(old: 8, new: 8, leafHashes: leaves) == [])
    }

    /// The hash-tree 0.1.1 fix: a verifier must check that the second tree size is fully consumed (step 7) and must
    /// not accept an over-long proof (step 6a) or first > second.
    @Test func overLongAndUnderLongProofsAreRejected() throws {
        let leaves = randomLeafHashes(40, seed: 9)
        for (old, new) in [(UInt64(3), UInt64(7)), (4, 13), (1, 40), (31, 32), (12, 16)] {
            let proof = try MerkleTree.consistencyProof(old: old, new: new, leafHashes: leaves)
            let oldRoot = MerkleTree.root(leafHashes: leaves[..<Int(old)])
            let newRoot = MerkleTree.root(leafHashes: leaves[..<Int(new)])
            #expect(MerkleTree.verifyConsistency(old: old, new: new, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
            for extra in [newRoot, oldRoot, proof[0], proof.last!, MerkleTree.emptyRoot] {
                #expect(!MerkleTree.verifyConsistency(old: old, new: new, oldRoot: oldRoot, newRoot: newRoot, proof: proof + [extra]))
            }
            #expect(!MerkleTree.verifyConsistency(old: old, new: new, oldRoot: oldRoot, newRoot: newRoot, proof: proof.dropLast()))
            #expect(!MerkleTree.verifyConsistency(old: new, new: old, oldRoot: newRoot, newRoot: oldRoot, proof: proof))
            #expect(!MerkleTree.verifyConsistency(old: new, new: old, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
        }
    }

    /// Property: for pseudo-random pairs of sizes up to 300, the proof verifies and every corruption fails.
    @Test(arguments: [UInt64(31), 32, 33])
    func sampledPairsVerifyAndCorruptionsFail(_ seed: UInt64) throws {
        var rng = SplitMix64(state: seed)
        let leaves = randomLeafHashes(300, seed: seed)
        let source = MemoizingSource(leaves)
        let roots = (0...300).map { MerkleTree.root(leafHashes: leaves[..<$0]) }
        var pairs: [(UInt64, UInt64)] = [(1, 300), (255, 256), (256, 257), (128, 300), (299, 300), (300, 300), (7, 7)]
        for _ in 0..<120 {
            let a = 1 + rng.next() % 300, b = 1 + rng.next() % 300
            pairs.append((min(a, b), max(a, b)))
        }
        for (old, new) in pairs {
            let proof = try MerkleTree.consistencyProof(old: old, new: new, leafHashes: source)
            #expect(proof == (try MerkleTree.consistencyProof(old: old, new: new, leafHashes: leaves)))
            let oldRoot = roots[Int(old)], newRoot = roots[Int(new)]
            #expect(MerkleTree.verifyConsistency(old: old, new: new, oldRoot: oldRoot, newRoot: newRoot, proof: proof),
                    "\(old) → \(new)")
            // RFC 9162 §2.1.4: at most ceil(log2(new)) + 1 hashes.
            #expect(proof.count <= 65 - (new - 1).leadingZeroBitCount)
            if old == new { continue }
            for probe in Self.corruptions(old: old, new: new, oldRoot: oldRoot, newRoot: newRoot, proof: proof) {
                #expect(!MerkleTree.verifyConsistency(old: probe.old, new: probe.new, oldRoot: probe.oldRoot,
                                                      newRoot: probe.newRoot, proof: probe.proof),
                        "accepted \(probe.what) for \(old) → \(new)")
            }
        }
    }

    /// Every pair of sizes in a small tree: the proof verifies and is rejected for every other pair of sizes.
    @Test func allSmallPairs() throws {
        let leaves = randomLeafHashes(20, seed: 4)
        let roots = (0...20).map { MerkleTree.root(leafHashes: leaves[..<$0]) }
        for new in UInt64(1)...20 {
            for old in 1...new {
                let proof = try MerkleTree.consistencyProof(old: old, new: new, leafHashes: leaves)
                #expect(MerkleTree.verifyConsistency(old: old, new: new, oldRoot: roots[Int(old)], newRoot: roots[Int(new)], proof: proof))
                for otherOld in 1...new where otherOld != old {
                    #expect(!MerkleTree.verifyConsistency(old: otherOld, new: new, oldRoot: roots[Int(otherOld)],
                                                          newRoot: roots[Int(new)], proof: proof),
                            "proof \(old) → \(new) accepted as \(otherOld) → \(new)")
                }
            }
        }
    }

    /// transparency-dev/merkle proof/verify_test.go `corruptConsistencyProof`, plus bit flips in several bytes of
    /// every element (immudb GHSA-672p-m5jq-mrh8: every element must be checked, not only the first and last).
    static func corruptions(old: UInt64, new: UInt64, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]])
        -> [(what: String, old: UInt64, new: UInt64, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]])] {
        let wrong = Array("WrongRoot".utf8), some = MerkleTree.leafHash(Array("some".utf8))
        var probes: [(what: String, old: UInt64, new: UInt64, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]])] = [
            ("old - 1", old - 1, new, oldRoot, newRoot, proof),
            ("old + 1", old + 1, new, oldRoot, newRoot, proof),
            ("old ^ 2", old ^ 2, new, oldRoot, newRoot, proof),
            ("new * 2", old, new * 2, oldRoot, newRoot, proof),
            ("new / 2", old, new / 2, oldRoot, newRoot, proof),
            ("swapped sizes", new, old, oldRoot, newRoot, proof),
            ("wrong old root", old, new, wrong, newRoot, proof),
            ("wrong new root", old, new, oldRoot, wrong, proof),
            ("flipped old root", old, new, flipped(oldRoot, byte: 9, bit: 1), newRoot, proof),
            ("flipped new root", old, new, oldRoot, flipped(newRoot, byte: 30, bit: 6), proof),
            ("hash-sized wrong old root", old, new, some, newRoot, proof),
            ("swapped roots", old, new, newRoot, oldRoot, proof),
            ("empty proof", old, new, oldRoot, newRoot, []),
            ("trailing garbage", old, new, oldRoot, newRoot, proof + [[]]),
            ("trailing old root", old, new, oldRoot, newRoot, proof + [oldRoot]),
            ("trailing new root", old, new, oldRoot, newRoot, proof + [newRoot]),
            ("preceding garbage", old, new, oldRoot, newRoot, [[]] + proof),
            ("preceding old root", old, new, oldRoot, newRoot, [oldRoot] + proof),
            ("preceding new root", old, new, oldRoot, newRoot, [newRoot] + proof),
            ("preceding proof[0]", old, new, oldRoot, newRoot, [proof[0]] + proof),
            ("truncated proof", old, new, oldRoot, newRoot, Array(proof.dropLast())),
            ("dropped first", old, new, oldRoot, newRoot, Array(proof.dropFirst())),
        ]
        for position in proof.indices {
            for (byte, bit) in [(0, 4), (16, 2), (31, 0)] {
                var corrupted = proof
                corrupted[position] = flipped(corrupted[position], byte: byte, bit: bit)
                probes.append(("proof[\(position)] byte \(byte) bit \(bit)", old, new, oldRoot, newRoot, corrupted))
            }
        }
        if proof.count > 1 {
            probes.append(("swapped components", old, new, oldRoot, newRoot, [proof[1], proof[0]] + proof[2...]))
        }
        return probes
    }
}
