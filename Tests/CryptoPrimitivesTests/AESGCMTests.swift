import JSON
import CryptoPrimitives
import Testing

@Suite struct AESGCMTests {
    let key = (0..<32).map { UInt8($0) }
    let iv = Hex.decode("306b1679080a020d17020569")!
    let aad = Hex.decode("2d31322d306b1679080a020d17020569")!

    @Test func mosipKnownAnswer() throws {
        let sealed = try AESGCM.seal(Array("abc".utf8), key: key, iv: iv, aad: aad)
        #expect(Hex.encode(sealed) == "8f68c5dbe283edd8f479dc816c2959578eae35")
        #expect(try AESGCM.open(sealed, key: key, iv: iv, aad: aad) == Array("abc".utf8))
    }

    @Test func roundTripSizes() throws {
        for size in [0, 1, 15, 16, 17, 1000] {
            let plaintext = try SecureRandom.bytes(size)
            let sealed = try AESGCM.seal(plaintext, key: key, iv: iv, aad: [])
            #expect(sealed.count == size + AESGCM.tagByteCount)
            #expect(try AESGCM.open(sealed, key: key, iv: iv, aad: []) == plaintext)
        }
        // A non-96-bit IV works too.
        let longIV = try SecureRandom.bytes(16)
        let sealed = try AESGCM.seal([1, 2, 3], key: key, iv: longIV, aad: aad)
        #expect(try AESGCM.open(sealed, key: key, iv: longIV, aad: aad) == [1, 2, 3])
    }

    @Test func tamperingIsDetected() throws {
        let sealed = try AESGCM.seal(Array("abc".utf8), key: key, iv: iv, aad: aad)
        var badTag = sealed
        badTag[badTag.count - 1] ^= 0x01
        #expect(throws: CryptoError(.decrypt, "")) { try AESGCM.open(badTag, key: key, iv: iv, aad: aad) }
        var badCiphertext = sealed
        badCiphertext[0] ^= 0x80
        #expect(throws: CryptoError(.decrypt, "")) { try AESGCM.open(badCiphertext, key: key, iv: iv, aad: aad) }
        #expect(throws: CryptoError(.decrypt, "")) { try AESGCM.open(sealed, key: key, iv: iv, aad: aad + [0]) }
        var otherKey = key
        otherKey[0] ^= 1
        #expect(throws: CryptoError(.decrypt, "")) { try AESGCM.open(sealed, key: otherKey, iv: iv, aad: aad) }
        #expect(throws: CryptoError(.decrypt, "")) { try AESGCM.open(Array(sealed.prefix(15)), key: key, iv: iv, aad: aad) }
    }

    @Test func rejectsBadArguments() {
        #expect(throws: CryptoError(.invalidArgument, "")) { try AESGCM.seal([1], key: Array(key.prefix(16)), iv: iv, aad: []) }
        #expect(throws: CryptoError(.invalidArgument, "")) { try AESGCM.seal([1], key: key, iv: [], aad: []) }
    }
}
