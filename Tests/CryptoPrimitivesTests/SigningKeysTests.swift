import CryptoPrimitives
import Testing

@Suite struct SigningKeysTests {
    static let key = try! PrivateKey.generateRSA()

    @Test func rsaPublicKeyRoundTripsThroughItsModulusAndExponent() throws {
        let components = try #require(Self.key.publicKey.rsaComponents)
        #expect(components.modulus.count == 256 && components.modulus[0] & 0x80 != 0)  // 2048 bits, no leading zero
        #expect(components.publicExponent == [0x01, 0x00, 0x01])
        let rebuilt = try PublicKey(rsaModulus: components.modulus, publicExponent: components.publicExponent)
        #expect(rebuilt == Self.key.publicKey)
        let message = Array("header.payload".utf8)
        #expect(rebuilt.isValidRS256(signature: try Self.key.signRS256(message), message: message))
        // Leading zero bytes (a token may pad) do not change the key.
        #expect(try PublicKey(rsaModulus: [0, 0] + components.modulus, publicExponent: [0] + components.publicExponent) == rebuilt)
    }

    @Test func rsaPublicKeyFromZeroOrTruncatedComponentsIsRefused() throws {
        let components = try #require(Self.key.publicKey.rsaComponents)
        #expect(throws: CryptoError.self) { try PublicKey(rsaModulus: [0, 0], publicExponent: [1, 0, 1]) }
        #expect(throws: CryptoError.self) { try PublicKey(rsaModulus: components.modulus, publicExponent: []) }
        // A different modulus is a different key.
        var other = components.modulus
        other[other.count - 1] ^= 2
        #expect(try PublicKey(rsaModulus: other, publicExponent: components.publicExponent) != Self.key.publicKey)
    }

    @Test func anEd25519KeyHasNoRSAComponents() throws {
        let ed = try Ed25519.PrivateKey.generate()
        #expect(try PublicKey(pem: try ed.publicKey.pem()).rsaComponents == nil)
    }

    @Test func bothKindsOfKeySignThroughTheirProtocols() throws {
        let ed = try Ed25519.PrivateKey.generate()
        let signer: any Ed25519SigningKey = ed
        let message = Array("note".utf8)
        #expect(signer.publicKey.isValidSignature(try signer.signature(for: message), for: message))
        let rs: any RS256SigningKey = Self.key
        #expect(rs.publicKey.isValidRS256(signature: try rs.signRS256(message), message: message))
    }
}
