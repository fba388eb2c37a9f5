import CryptoPrimitives
import Foundation
import TestSupport
import Testing

@Suite struct RSATests {
    let key = Fixtures.rsa
    let message = Array("header.payload".utf8)

    @Test func signAndVerify() throws {
        let signature = try key.signRS256(message)
        #expect(signature.count == 256)
        #expect(key.publicKey.bits == 2048)
        #expect(key.publicKey.isValidRS256(signature: signature, message: message))
        #expect(key.publicKey.isValidRS256(signature: signature, digest: SHA256.hash(message)))
        // PKCS#1 v1.5 is deterministic: signing the digest gives the same bytes.
        #expect(try key.signRS256(digest: SHA256.hash(message)) == signature)

        var tampered = signature
        tampered[10] ^= 0x01
        #expect(!key.publicKey.isValidRS256(signature: tampered, message: message))
        #expect(!key.publicKey.isValidRS256(signature: tampered, digest: SHA256.hash(message)))
        #expect(!key.publicKey.isValidRS256(signature: signature, message: message + [0]))
        #expect(!key.publicKey.isValidRS256(signature: signature, digest: SHA256.hash(message + [0])))
        #expect(!key.publicKey.isValidRS256(signature: [], message: message))
        #expect(!key.publicKey.isValidRS256(signature: signature, digest: [1, 2, 3]))
        #expect(!Fixtures.leafKey.publicKey.isValidRS256(signature: signature, message: message))
        #expect(throws: CryptoError(.invalidArgument, "")) { try key.signRS256(digest: [1, 2, 3]) }
    }

    @Test func signatureVerifiesWithOpenSSLCLI() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let signature = try key.signRS256(message)
        let pub = try dir.write("pub.pem", key.publicKey.pem())
        let sig = try dir.write("sig.bin", signature)
        let msg = try dir.write("msg.bin", message)
        let good = try runOpenSSL(["dgst", "-sha256", "-verify", pub, "-signature", sig, msg])
        #expect(good.status == 0, "\(good.output)")

        var tampered = signature
        tampered[0] ^= 0x01
        let badSig = try dir.write("bad.bin", tampered)
        let bad = try runOpenSSL(["dgst", "-sha256", "-verify", pub, "-signature", badSig, msg])
        #expect(bad.status != 0)
    }

    @Test func oaepRoundTrip() throws {
        for size in [0, 1, 32, 190] {
            let plaintext = try SecureRandom.bytes(size)
            let ciphertext = try key.publicKey.encryptOAEPSHA256(plaintext)
            #expect(ciphertext.count == 256)
            #expect(try key.decryptOAEPSHA256(ciphertext) == plaintext)
        }
        // Randomised padding: two encryptions differ.
        #expect(try key.publicKey.encryptOAEPSHA256([1]) != key.publicKey.encryptOAEPSHA256([1]))
        #expect(throws: CryptoError(.invalidArgument, "")) { try key.publicKey.encryptOAEPSHA256([UInt8](repeating: 0, count: 191)) }
        var ciphertext = try key.publicKey.encryptOAEPSHA256([1, 2, 3])
        ciphertext[5] ^= 0x01
        #expect(throws: CryptoError(.decrypt, "")) { try key.decryptOAEPSHA256(ciphertext) }
        #expect(throws: CryptoError(.decrypt, "")) { try Fixtures.leafKey.decryptOAEPSHA256(key.publicKey.encryptOAEPSHA256([1])) }
    }

    @Test func oaepInteropWithOpenSSLCLIUsesMGF1SHA256() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let secret = try SecureRandom.bytes(32)
        let keyPath = try dir.write("key.pem", key.pkcs8PEM())
        let ct = try dir.write("ct.bin", key.publicKey.encryptOAEPSHA256(secret))
        let out = dir.path("pt.bin")
        let base = ["pkeyutl", "-decrypt", "-inkey", keyPath, "-in", ct, "-out", out,
                    "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256"]
        let result = try runOpenSSL(base + ["-pkeyopt", "rsa_mgf1_md:sha256"])
        #expect(result.status == 0, "\(result.output)")
        #expect(try dir.read("pt.bin") == secret)
        // With MGF1-SHA-1 the CLI must fail: proves we used MGF1-SHA-256.
        let sha1 = try runOpenSSL(base + ["-pkeyopt", "rsa_mgf1_md:sha1"])
        #expect(sha1.status != 0)

        // And the reverse direction: CLI encrypts, we decrypt.
        let pub = try dir.write("pub.pem", key.publicKey.pem())
        let pt = try dir.write("in.bin", secret)
        let cliCT = dir.path("cli-ct.bin")
        let enc = try runOpenSSL(["pkeyutl", "-encrypt", "-pubin", "-inkey", pub, "-in", pt, "-out", cliCT,
                                  "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256",
                                  "-pkeyopt", "rsa_mgf1_md:sha256"])
        #expect(enc.status == 0, "\(enc.output)")
        #expect(try key.decryptOAEPSHA256(dir.read("cli-ct.bin")) == secret)
    }

    @Test func pemRoundTrips() throws {
        let pem = try key.pkcs8PEM()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reloaded = try PrivateKey(pem: pem)
        #expect(reloaded.publicKey == key.publicKey)
        #expect(reloaded.publicKey.isValidRS256(signature: try key.signRS256(message), message: message))

        let pubPEM = try key.publicKey.pem()
        #expect(pubPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let pub = try PublicKey(pem: pubPEM)
        #expect(pub == key.publicKey)
        #expect(try pub.spkiDER() == key.publicKey.spkiDER())
        #expect(try PublicKey(spkiDER: key.publicKey.spkiDER()) == pub)
        #expect(pub != Fixtures.leafKey.publicKey)
    }

    @Test func traditionalRSAPEMIsAccepted() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let p8 = try dir.write("p8.pem", key.pkcs8PEM())
        let rsaOut = dir.path("rsa.pem")
        let result = try runOpenSSL(["rsa", "-in", p8, "-out", rsaOut, "-traditional"])
        #expect(result.status == 0, "\(result.output)")
        let traditional = String(decoding: try dir.read("rsa.pem"), as: UTF8.self)
        #expect(traditional.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        #expect(try PrivateKey(pem: traditional).publicKey == key.publicKey)
    }

    @Test func badInputIsRejectedWithoutLeakingSecrets() throws {
        #expect(throws: CryptoError(.parse, "")) { try PrivateKey(pem: "not a key") }
        #expect(throws: CryptoError(.parse, "")) { try PublicKey(pem: "") }
        #expect(throws: CryptoError(.invalidArgument, "")) { try PrivateKey.generateRSA(bits: 1024) }
        // An encrypted PEM is rejected (and must not prompt for a passphrase).
        let dir = try TempDir()
        defer { dir.cleanup() }
        let p8 = try dir.write("p8.pem", key.pkcs8PEM())
        let encOut = dir.path("enc.pem")
        let result = try runOpenSSL(["pkcs8", "-topk8", "-in", p8, "-out", encOut, "-passout", "pass:secret"])
        #expect(result.status == 0, "\(result.output)")
        let encrypted = String(decoding: try dir.read("enc.pem"), as: UTF8.self)
        do {
            _ = try PrivateKey(pem: encrypted)
            Issue.record("encrypted key accepted")
        } catch let error as CryptoError {
            #expect(error.code == .parse)
            #expect(!error.description.contains("MII"))
        }
    }

    @Test func concurrentUseOfOneKey() async throws {
        let key = self.key
        let message = self.message
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<16 {
                group.addTask {
                    let msg = message + [UInt8(i)]
                    let sig = try key.signRS256(msg)
                    let ct = try key.publicKey.encryptOAEPSHA256([UInt8(i)])
                    let plaintext = try key.decryptOAEPSHA256(ct)
                    return key.publicKey.isValidRS256(signature: sig, message: msg) && plaintext == [UInt8(i)]
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 16 && results.allSatisfy { $0 })
    }
}
