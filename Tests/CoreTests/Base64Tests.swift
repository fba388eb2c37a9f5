import JSON
import Testing

/// SplitMix64: deterministic bytes, so a failing round trip can be reproduced.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct Base64Tests {
    /// RFC 4648 §10: (input, standard padded, url unpadded).
    static let vectors: [(String, String, String)] = [
        ("", "", ""),
        ("f", "Zg==", "Zg"),
        ("fo", "Zm8=", "Zm8"),
        ("foo", "Zm9v", "Zm9v"),
        ("foob", "Zm9vYg==", "Zm9vYg"),
        ("fooba", "Zm9vYmE=", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy", "Zm9vYmFy"),
    ]

    @Test(arguments: vectors)
    func standardEncodingMatchesRFC4648(_ input: String, _ standard: String, _ url: String) {
        #expect(Base64.encode(Array(input.utf8)) == standard)
    }

    @Test(arguments: vectors)
    func urlEncodingMatchesRFC4648WithoutPadding(_ input: String, _ standard: String, _ url: String) {
        #expect(Base64.urlEncode(Array(input.utf8)) == url)
    }

    @Test(arguments: vectors)
    func decodeAcceptsPaddedAndUnpaddedForms(_ input: String, _ standard: String, _ url: String) {
        #expect(Base64.decode(standard) == Array(input.utf8))
        #expect(Base64.decode(url) == Array(input.utf8))
    }

    @Test func alphabetsDifferOnlyInTheLastTwoSymbols() {
        let bytes: [UInt8] = [0xFB, 0xEF, 0xFF, 0xFB, 0xFF]
        #expect(Base64.encode(bytes) == "++//+/8=")
        #expect(Base64.urlEncode(bytes) == "--__-_8")
    }

    @Test(arguments: ["++//+/8=", "--__-_8", "++//+/8", "--__-_8=", "+-/_+_8"])
    func decodeAcceptsBothAlphabetsEvenMixed(_ text: String) {
        #expect(Base64.decode(text) == [0xFB, 0xEF, 0xFF, 0xFB, 0xFF])
    }

    @Test(arguments: ["Zm9v!", "Zm 9v", "Zm9v\n", "Zm9v.", "Zm9v*", "Zg==\u{0}", "Zé==", "Zm9v%3D"])
    func decodeRejectsCharactersOutsideBothAlphabets(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test(arguments: ["Zg==Zg==", "Zg=g", "Zm8=Zm8", "=Zm9v", "Zg==A"])
    func decodeRejectsDataAfterPadding(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test(arguments: ["Z", "Zm9vY", "Zm9vYmFyZ", "Z===", "Z=="])
    func decodeRejectsImpossibleLengths(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test(arguments: ["=", "==", "===", "====", "Zg=", "Zg===", "Zm9v=", "Zm9v==", "Zm8==", "Zm9vYg="])
    func decodeRejectsWrongPadding(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func randomBytesRoundTripThroughBothAlphabets() {
        var rng = SplitMix64(state: 0x4D4F_5349_5020_4D44)
        for length in 0...100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let standard = Base64.encode(bytes)
            let url = Base64.urlEncode(bytes)
            #expect(standard.utf8.count == (length + 2) / 3 * 4, "length \(length)")
            #expect(url.utf8.count == (length * 4 + 2) / 3, "length \(length)")
            #expect(!url.contains("=") && !url.contains("+") && !url.contains("/"), "length \(length)")
            #expect(!standard.contains("-") && !standard.contains("_"), "length \(length)")
            #expect(Base64.decode(standard) == bytes, "length \(length)")
            #expect(Base64.decode(url) == bytes, "length \(length)")
        }
    }

    @Test func everyByteValueRoundTrips() {
        let bytes = (0...255).map { UInt8($0) }
        #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        #expect(Base64.decode(Base64.urlEncode(bytes)) == bytes)
    }
}
