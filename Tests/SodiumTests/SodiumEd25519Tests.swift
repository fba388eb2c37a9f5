import CryptoPrimitives
import JSON
import Simulation
import Sodium
import Testing

/// The bytes spelled by the hex string `text` (test literals only: traps on malformed input).
private func unhex(_ text: String) -> [UInt8] {
    guard let bytes = Hex.decode(text) else { preconditionFailure("bad hex literal") }
    return bytes
}

@Suite struct SodiumEd25519Tests {
    /// RFC 8032 §7.1 TEST 1–3: (public key, message, signature), hex.
    static let rfc8032Vectors: [(publicKey: String, message: String, signature: String)] = [
        ("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
         "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
             + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        ("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
         "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
             + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        ("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
         "af82",
         "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
             + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ]

    @Test(arguments: 0..<3)
    func rfc8032KnownAnswersVerify(_ number: Int) {
        let vector = Self.rfc8032Vectors[number]
        let (key, message, signature) = (unhex(vector.publicKey), unhex(vector.message), unhex(vector.signature))
        #expect(SodiumEd25519.isValidSignature(signature, for: message, publicKey: key))
        // Not interchangeable: each vector's signature fails under the others' key and message.
        for other in Self.rfc8032Vectors.indices where other != number {
            let otherVector = Self.rfc8032Vectors[other]
            #expect(!SodiumEd25519.isValidSignature(signature, for: message, publicKey: unhex(otherVector.publicKey)))
            #expect(!SodiumEd25519.isValidSignature(signature, for: unhex(otherVector.message), publicKey: key))
        }
    }

    @Test(arguments: 0..<3)
    func flippedBitsFail(_ number: Int) {
        let vector = Self.rfc8032Vectors[number]
        let (key, message, signature) = (unhex(vector.publicKey), unhex(vector.message), unhex(vector.signature))
        // Every bit of the signature (R and S) and of the key.
        for bit in 0..<(signature.count * 8) {
            var tampered = signature
            tampered[bit / 8] ^= 1 << (bit % 8)
            #expect(!SodiumEd25519.isValidSignature(tampered, for: message, publicKey: key), "signature bit \(bit)")
        }
        for bit in 0..<(key.count * 8) {
            var tampered = key
            tampered[bit / 8] ^= 1 << (bit % 8)
            #expect(!SodiumEd25519.isValidSignature(signature, for: message, publicKey: tampered), "key bit \(bit)")
        }
        for bit in 0..<(message.count * 8) {
            var tampered = message
            tampered[bit / 8] ^= 1 << (bit % 8)
            #expect(!SodiumEd25519.isValidSignature(signature, for: tampered, publicKey: key), "message bit \(bit)")
        }
        #expect(!SodiumEd25519.isValidSignature(signature, for: message + [0x0a], publicKey: key))
    }

    @Test func wrongLengthsFail() {
        let vector = Self.rfc8032Vectors[1]
        let (key, message, signature) = (unhex(vector.publicKey), unhex(vector.message), unhex(vector.signature))
        #expect(SodiumEd25519.isValidSignature(signature, for: message, publicKey: key))
        #expect(!SodiumEd25519.isValidSignature(Array(signature.dropLast()), for: message, publicKey: key))
        #expect(!SodiumEd25519.isValidSignature(signature + [0], for: message, publicKey: key))
        #expect(!SodiumEd25519.isValidSignature([], for: message, publicKey: key))
        #expect(!SodiumEd25519.isValidSignature(signature, for: message, publicKey: Array(key.dropLast())))
        #expect(!SodiumEd25519.isValidSignature(signature, for: message, publicKey: key + [0]))
        #expect(!SodiumEd25519.isValidSignature(signature, for: message, publicKey: []))
        #expect(!SodiumEd25519.isValidSignature(signature + key, for: message, publicKey: []))
        #expect(!SodiumEd25519.isValidSignature([UInt8](repeating: 0, count: 64), for: [],
                                                publicKey: [UInt8](repeating: 0, count: 32)))
    }

    /// OpenSSL (CryptoPrimitives, which signs the journal's checkpoints) signs; libsodium verifies.
    @Test func openSSLSignaturesVerify() throws {
        var rng = SplitMix64(seed: 0x5EED_0001)  // reproducible messages
        for round in 0..<64 {
            let key = try Ed25519.PrivateKey.generate()
            let length = round < 4 ? round : Int(rng.next() % 2048)
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let signature = try key.signature(for: message)
            let publicKey = key.publicKey.rawRepresentation
            #expect(SodiumEd25519.isValidSignature(signature, for: message, publicKey: publicKey), "round \(round)")
            // The two libraries agree.
            #expect(key.publicKey.isValidSignature(signature, for: message))
            var tampered = signature
            tampered[Int(rng.next() % 64)] ^= 1 << UInt8(rng.next() % 8)
            #expect(!SodiumEd25519.isValidSignature(tampered, for: message, publicKey: publicKey), "round \(round)")
            if !message.isEmpty {
                var otherMessage = message
                otherMessage[Int(rng.next() % UInt64(message.count))] ^= 0x01
                #expect(!SodiumEd25519.isValidSignature(signature, for: otherMessage, publicKey: publicKey))
            }
        }
    }

    /// Many threads verifying at once (the first use initialises libsodium exactly once).
    @Test func concurrentVerification() async throws {
        let vector = Self.rfc8032Vectors[2]
        let (key, message, signature) = (unhex(vector.publicKey), unhex(vector.message), unhex(vector.signature))
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<32 {
                group.addTask { SodiumEd25519.isValidSignature(signature, for: message, publicKey: key) }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 32 && results.allSatisfy { $0 })
    }
}
