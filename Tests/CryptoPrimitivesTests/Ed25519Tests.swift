import CryptoPrimitives
import Foundation
import JSON
import TestSupport
import Testing

@Suite struct Ed25519Tests {
    /// RFC 8032 §7.1 TEST 1–3: (secret key, public key, message, signature), hex.
    static let rfc8032Vectors: [(secret: String, publicKey: String, message: String, signature: String)] = [
        ("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
         "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
             + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        ("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
         "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
             + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        ("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
         "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
         "af82",
         "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
             + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ]

    @Test(arguments: 0..<3)
    func rfc8032KnownAnswers(_ number: Int) throws {
        let vector = Self.rfc8032Vectors[number]
        let key = try Ed25519.PrivateKey(rawRepresentation: try #require(Hex.decode(vector.secret)))
        #expect(Hex.encode(key.publicKey.rawRepresentation) == vector.publicKey)
        let message = try #require(Hex.decode(vector.message))
        let signature = try key.signature(for: message)
        #expect(Hex.encode(signature) == vector.signature)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        let publicKey = try Ed25519.PublicKey(rawRepresentation: try #require(Hex.decode(vector.publicKey)))
        #expect(publicKey == key.publicKey)
        #expect(publicKey.isValidSignature(signature, for: message))
    }

    @Test func tamperingIsRejected() throws {
        let key = try Ed25519.PrivateKey.generate()
        let message = Array("origin\n42\nroot\n".utf8)
        let signature = try key.signature(for: message)
        #expect(signature.count == 64)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        for index in [0, 31, 32, 63] {
            var tampered = signature
            tampered[index] ^= 0x01
            #expect(!key.publicKey.isValidSignature(tampered, for: message))
        }
        var otherMessage = message
        otherMessage[3] ^= 0x20
        #expect(!key.publicKey.isValidSignature(signature, for: otherMessage))
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0x0a]))
        #expect(!key.publicKey.isValidSignature(Array(signature.dropLast()), for: message))
        #expect(!key.publicKey.isValidSignature(signature + [0], for: message))
        #expect(!key.publicKey.isValidSignature([], for: message))
        #expect(!(try Ed25519.PrivateKey.generate()).publicKey.isValidSignature(signature, for: message))
        // Deterministic (RFC 8032 §5.1.6): signing twice gives the same bytes.
        #expect(try key.signature(for: message) == signature)
    }

    @Test func rejectsWrongLengths() {
        #expect(throws: CryptoError(.invalidArgument, "")) { try Ed25519.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 31)) }
        #expect(throws: CryptoError(.invalidArgument, "")) { try Ed25519.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 64)) }
        #expect(throws: CryptoError(.invalidArgument, "")) { try Ed25519.PublicKey(rawRepresentation: [UInt8](repeating: 1, count: 33)) }
        #expect(throws: CryptoError(.invalidArgument, "")) { try Ed25519.PublicKey(rawRepresentation: []) }
    }

    @Test func pemRoundTrip() throws {
        let key = try Ed25519.PrivateKey.generate()
        let pem = try key.pkcs8PEM()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let reloaded = try Ed25519.PrivateKey(pem: pem)
        #expect(reloaded.publicKey == key.publicKey)
        #expect(try reloaded.signature(for: [1, 2, 3]) == key.signature(for: [1, 2, 3]))

        let publicPEM = try key.publicKey.pem()
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(try Ed25519.PublicKey(pem: publicPEM) == key.publicKey)

        // RFC 8410 §10.3: the PKCS#8 encoding of the RFC 8032 TEST 1 seed.
        let seed = try #require(Hex.decode(Self.rfc8032Vectors[0].secret))
        let der = try #require(Hex.decode("302e020100300506032b657004220420")) + seed
        let wrapped = Data(der).base64EncodedString()
        let known = try Ed25519.PrivateKey(pem: "-----BEGIN PRIVATE KEY-----\n\(wrapped)\n-----END PRIVATE KEY-----\n")
        #expect(Hex.encode(known.publicKey.rawRepresentation) == Self.rfc8032Vectors[0].publicKey)
        #expect(try known.pkcs8PEM() == "-----BEGIN PRIVATE KEY-----\n\(wrapped)\n-----END PRIVATE KEY-----\n")
    }

    @Test func pemRejectsOtherKeyTypesAndGarbage() throws {
        #expect(throws: CryptoError(.invalidArgument, "")) { try Ed25519.PrivateKey(pem: Fixtures.rsa.pkcs8PEM()) }
        #expect(throws: CryptoError(.invalidArgument, "")) { try Ed25519.PublicKey(pem: Fixtures.rsa.publicKey.pem()) }
        #expect(throws: CryptoError(.parse, "")) { try Ed25519.PrivateKey(pem: "not a pem") }
        #expect(throws: CryptoError(.parse, "")) { try Ed25519.PublicKey(pem: "") }
    }

    @Test func signatureVerifiesWithOpenSSLCLI() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let key = try Ed25519.PrivateKey.generate()
        let message = Array("example.com/log\n7\nAAAA\n".utf8)
        let signature = try key.signature(for: message)
        let pub = try dir.write("pub.pem", key.publicKey.pem())
        let msg = try dir.write("msg.bin", message)
        let sig = try dir.write("sig.bin", signature)
        let good = try runOpenSSL(["pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", msg, "-sigfile", sig])
        #expect(good.status == 0, "\(good.output)")

        var tampered = signature
        tampered[5] ^= 0x80
        let bad = try runOpenSSL(["pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", msg,
                                  "-sigfile", dir.write("bad.bin", tampered)])
        #expect(bad.status != 0)

        // The other direction: OpenSSL signs with our PKCS#8 key; Ed25519 is deterministic, so the bytes match.
        let priv = try dir.write("priv.pem", key.pkcs8PEM())
        let out = dir.path("cli.sig")
        let signed = try runOpenSSL(["pkeyutl", "-sign", "-inkey", priv, "-rawin", "-in", msg, "-out", out])
        #expect(signed.status == 0, "\(signed.output)")
        let cliSignature = try dir.read("cli.sig")
        #expect(cliSignature == signature)
        #expect(key.publicKey.isValidSignature(cliSignature, for: message))
    }
}
