import CryptoPrimitives
import Foundation
import Testing
import Transparency

@Suite struct CheckpointTests {
    @Test func bodyFormat() throws {
        let root = unhex(Reference.roots[8])
        let checkpoint = try Checkpoint(origin: "example.com/log", size: 8, rootHash: root)
        #expect(checkpoint.body == "example.com/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")
        #expect(try Checkpoint(parsing: checkpoint.body) == checkpoint)

        let empty = try Checkpoint(origin: "example.com/log", size: 0, rootHash: MerkleTree.emptyRoot)
        #expect(empty.body == "example.com/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")
        #expect(try Checkpoint(parsing: empty.body) == empty)

        let withExtensions = try Checkpoint(origin: "o", size: .max, rootHash: root, extensionLines: ["ext one", "two"])
        #expect(withExtensions.body == "o\n18446744073709551615\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\next one\ntwo\n")
        #expect(try Checkpoint(parsing: withExtensions.body) == withExtensions)
    }

    @Test func parsesTheC2SPExample() throws {
        let checkpoint = try Checkpoint(parsing: "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")
        #expect(checkpoint.origin == "example.com/behind-the-sofa")
        #expect(checkpoint.size == 20_852_163)
        #expect(checkpoint.rootHash.count == 32)
        #expect(checkpoint.extensionLines == [])
    }

    @Test(arguments: [
        "",
        "example.com/log\n8\n",
        "example.com/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=",                 // no final newline
        "\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",                               // empty origin
        "example.com/log\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",               // leading zero
        "example.com/log\n00\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "example.com/log\n+8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "example.com/log\n-1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "example.com/log\n8 \nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "example.com/log\n\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "example.com/log\n18446744073709551616\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n", // 2^64
        "example.com/log\n٨\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",                // Arabic-Indic digit
        "example.com/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQy=\n",                 // 31 bytes, bad padding
        "example.com/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyh=\n",                // non-canonical base64
        "example.com/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg\n",                 // unpadded
        "example.com/log\n8\nAAAA\n",                                                        // 3 bytes
        "example.com/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n",              // empty extension line
        "example.com/log\r\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",              // control character
    ])
    func malformedBodiesAreRejected(_ body: String) {
        #expect(throws: TransparencyError(.malformedCheckpoint, "")) { try Checkpoint(parsing: body) }
    }

    @Test func constructorValidates() {
        let root = unhex(Reference.roots[1])
        #expect(throws: TransparencyError(.malformedCheckpoint, "")) { try Checkpoint(origin: "", size: 1, rootHash: root) }
        #expect(throws: TransparencyError(.malformedCheckpoint, "")) { try Checkpoint(origin: "a\nb", size: 1, rootHash: root) }
        #expect(throws: TransparencyError(.malformedCheckpoint, "")) { try Checkpoint(origin: "a", size: 1, rootHash: Array(root.prefix(31))) }
        #expect(throws: TransparencyError(.malformedCheckpoint, "")) { try Checkpoint(origin: "a", size: 1, rootHash: root, extensionLines: [""]) }
        #expect(throws: TransparencyError(.malformedCheckpoint, "")) { try Checkpoint(origin: "a", size: 1, rootHash: root, extensionLines: ["x\ny"]) }
    }

    /// A log appends entries, signs checkpoints, and a client checks inclusion and consistency against them.
    @Test func signOpenAndProveEndToEnd() throws {
        let key = try Ed25519.PrivateKey.generate()
        let signer = try NoteSigner(name: "example.com/journal", key: key)
        let entries = (0..<50).map { Array("event \($0)".utf8) }
        var range = CompactRange()
        var leafHashes: [[UInt8]] = []
        var notes: [String] = []
        for entry in entries {
            let hash = MerkleTree.leafHash(entry)
            range.append(leafHash: hash)
            leafHashes.append(hash)
            if range.size % 10 == 0 {
                let checkpoint = try Checkpoint(origin: "example.com/journal", size: range.size, rootHash: range.root())
                notes.append(try checkpoint.signed(name: signer.name, key: key))
            }
        }
        let verifier = try NoteVerifier(verifierKey: signer.verifier.verifierKey)
        let opened = try notes.map { try Checkpoint.open($0, origin: "example.com/journal", verifiers: [verifier]).checkpoint }
        #expect(opened.map(\.size) == [10, 20, 30, 40, 50])

        let latest = opened[4]
        let proof = try MerkleTree.inclusionProof(index: 17, size: latest.size, leafHashes: leafHashes)
        #expect(MerkleTree.verifyInclusion(index: 17, size: latest.size, leafHash: MerkleTree.leafHash(entries[17]),
                                           proof: proof, root: latest.rootHash))
        #expect(!MerkleTree.verifyInclusion(index: 17, size: latest.size, leafHash: MerkleTree.leafHash(Array("event 18".utf8)),
                                            proof: proof, root: latest.rootHash))
        for (old, new) in zip(opened, opened.dropFirst()) {
            let consistency = try MerkleTree.consistencyProof(old: old.size, new: new.size, leafHashes: leafHashes)
            #expect(MerkleTree.verifyConsistency(old: old.size, new: new.size, oldRoot: old.rootHash, newRoot: new.rootHash,
                                                 proof: consistency))
        }

        // Another origin, a tampered size, or an unknown key are rejected.
        #expect(throws: TransparencyError(.malformedCheckpoint, "")) {
            try Checkpoint.open(notes[0], origin: "example.com/other", verifiers: [verifier])
        }
        #expect(throws: TransparencyError(.invalidSignature, "")) {
            try Checkpoint.open(notes[0].replacingOccurrences(of: "\n10\n", with: "\n11\n"), origin: "example.com/journal",
                                verifiers: [verifier])
        }
        let stranger = try NoteVerifier(name: "example.com/journal", publicKey: Ed25519.PrivateKey.generate().publicKey)
        #expect(throws: TransparencyError(.unverifiedNote, "")) {
            try Checkpoint.open(notes[0], origin: "example.com/journal", verifiers: [stranger])
        }
    }
}
