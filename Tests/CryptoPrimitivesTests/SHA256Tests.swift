import JSON
import CryptoPrimitives
import Testing

@Suite struct SHA256Tests {
    @Test func knownAnswers() {
        #expect(Hex.encode(SHA256.hash("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Hex.encode(SHA256.hash("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.encode(SHA256.hash(Array("abc".utf8))) == Hex.encode(SHA256.hash("abc")))
        #expect(Hex.encode(SHA256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func partsAndInPlaceFormsEqualTheDigestOfTheConcatenation() throws {
        let data = try SecureRandom.bytes(700)
        for (a, b, c) in [(0, 0, 0), (1, 0, 0), (0, 64, 0), (32, 257, 0), (1, 32, 32), (63, 1, 200), (300, 300, 100)] {
            let x = Array(data[0..<a]), y = Array(data[a..<a + b]), z = Array(data[a + b..<a + b + c])
            let expected = SHA256.hash(x + y + z)
            #expect(SHA256.hash(x + y, z) == expected)
            let three = x.withUnsafeBytes { x in y.withUnsafeBytes { y in z.withUnsafeBytes { z in SHA256.hash(x, y, z) } } }
            #expect(three == expected)
            var out = [UInt8](repeating: 0xAA, count: 40)
            x.withUnsafeBytes { x in y.withUnsafeBytes { y in z.withUnsafeBytes { z in
                out.withUnsafeMutableBytes { SHA256.hash(x, y, z, into: $0) }
            } } }
            #expect(Array(out[0..<32]) == expected)
            #expect(out[32...].allSatisfy { $0 == 0xAA })  // nothing written past the digest
        }
        // Output over one of the inputs (a chain h = SHA-256(h ‖ data) in place).
        var h = SHA256.hash("seed")
        let expected = SHA256.hash(h + data)
        h.withUnsafeMutableBytes { out in data.withUnsafeBytes { SHA256.hash(UnsafeRawBufferPointer(out), $0, into: out) } }
        #expect(h == expected)
    }

    @Test func incrementalMatchesOneShot() throws {
        let data = try SecureRandom.bytes(10_000)
        var hasher = SHA256Hasher()
        var offset = 0
        for size in [0, 1, 63, 64, 65, 1000, 4096] {
            hasher.update(Array(data[offset..<offset + size]))
            offset += size
        }
        data[offset...].withUnsafeBytes { hasher.update($0) }
        #expect(hasher.finalize() == SHA256.hash(data))

        var empty = SHA256Hasher()
        empty.update([])
        #expect(empty.finalize() == SHA256.hash(""))
    }

    @Test func copiesAreIndependent() {
        var a = SHA256Hasher()
        a.update("ab")
        var b = a
        b.update("c")
        a.update("x")
        #expect(b.finalize() == SHA256.hash("abc"))
        let aCopy = a
        #expect(a.finalize() == SHA256.hash("abx"))
        #expect(aCopy.finalize() == SHA256.hash("abx"))
    }
}

@Suite struct HexAndUtilityTests {
    @Test func hexRoundTrip() throws {
        let bytes = try SecureRandom.bytes(64) + [0x00, 0x0f, 0xf0, 0xff]
        #expect(Hex.decode(Hex.encode(bytes)) == bytes)
        #expect(Hex.decode(Hex.encode(bytes, uppercase: true)) == bytes)
        #expect(Hex.encode([0xde, 0xad, 0xBE, 0xef]) == "deadbeef")
        #expect(Hex.encode([0xde, 0xad, 0xBE, 0xef], uppercase: true) == "DEADBEEF")
        #expect(Hex.decode("DeAdBeEf") == [0xde, 0xad, 0xbe, 0xef])
        #expect(Hex.decode("") == [])
    }

    @Test(arguments: ["abc", "0", "zz", "0g", "12 4", "+1", "é0"])
    func hexRejectsInvalid(_ input: String) {
        #expect(Hex.decode(input) == nil)
    }

    @Test func constantTimeEquality() {
        #expect(constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(constantTimeEqual([], []))
    }

    @Test func secureRandom() throws {
        #expect(try SecureRandom.bytes(0).isEmpty)
        let a = try SecureRandom.bytes(32)
        let b = try SecureRandom.bytes(32)
        #expect(a.count == 32 && a != b)
        #expect(throws: CryptoError(.invalidArgument, "")) { try SecureRandom.bytes(-1) }
    }

    @Test func errorEqualityIgnoresReason() {
        #expect(CryptoError(.parse, "one") == CryptoError(.parse, "two"))
        #expect(CryptoError(.parse, "one") != CryptoError(.chain, "one"))
        #expect(CryptoError(.parse, "bad input").description == "parse: bad input")
    }
}
