import JSON
import Testing

/// The code a document is rejected with, or nil when it parses.
private func rejection(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) -> JSONError.Code? {
    do throws(JSONError) {
        _ = try JSON(parsing: bytes, limits: limits)
        return nil
    } catch {
        return error.code
    }
}

private func rejection(_ text: String, limits: JSONLimits = JSONLimits()) -> JSONError.Code? {
    rejection(Array(text.utf8), limits: limits)
}

@Suite struct JSONParserTests {
    // MARK: - Round trips

    @Test(arguments: [
        #"{"z":1,"a":[true,false,null],"m":{"y":"x","b":40.0}}"#,
        #"{"specVersion":["0.9.5"],"env":"Staging","purpose":"Registration","timeout":"10000"}"#,
        #"[]"#,
        #"{}"#,
        #"[[],{},"",0,-0,1e5,1E-5,-1.5e3,12345678901234567890123]"#,
        #""plain""#,
        #"null"#,
        #"true"#,
    ])
    func compactDocumentRoundTripsByteForByte(_ text: String) throws {
        let value = try JSON(parsing: text)
        #expect(value.serializedString == text)
        #expect(try JSON(parsing: value.serialized()) == value)
    }

    @Test func memberOrderIsPreservedNotSorted() throws {
        let value = try JSON(parsing: #"{"z":1,"b":2,"a":3,"y":{"k2":0,"k1":0}}"#)
        #expect(value.objectMembers?.map { $0.0 } == ["z", "b", "a", "y"])
        #expect(value["y"]?.objectMembers?.map { $0.0 } == ["k2", "k1"])
    }

    @Test func builtObjectSerializesInDeclarationOrder() {
        let value = JSON.object(["zeta": 1, "alpha": "x", "mid": [true, nil]])
        #expect(value.serializedString == #"{"zeta":1,"alpha":"x","mid":[true,null]}"#)
    }

    @Test func objectEqualityIsOrderSensitive() throws {
        let ab = try JSON(parsing: #"{"a":1,"b":2}"#)
        let ba = try JSON(parsing: #"{"b":2,"a":1}"#)
        #expect(ab != ba)
        #expect(ab == JSON.object(["a": 1, "b": 2]))
    }

    @Test func whitespaceBetweenTokensIsAccepted() throws {
        let value = try JSON(parsing: " \t\r\n{ \"a\" : [ 1 , 2 ] ,\n\"b\":{ } } \n")
        #expect(value == JSON.object(["a": [1, 2], "b": .object([])]))
    }

    // MARK: - Numbers

    @Test(arguments: ["40", "40.0", "-1.5e3", "0", "-0", "0.5", "1E+2", "1e-2", "123456789012345678901234567890"])
    func numberKeepsItsLiteralText(_ literal: String) throws {
        #expect(try JSON(parsing: literal) == .number(literal))
        #expect(try JSON(parsing: "[\(literal)]")[0] == .number(literal))
        #expect(try JSON(parsing: "[\(literal)]").serializedString == "[\(literal)]")
    }

    @Test func fortyAndFortyPointZeroAreDifferentValues() throws {
        #expect(try JSON(parsing: "40") != JSON(parsing: "40.0"))
        #expect(try JSON(parsing: "40") != JSON(parsing: #""40""#))
    }

    @Test(arguments: ["01", "1.", "-", ".5", "+1", "1e", "1e+", "-a", "0x10", "1.e5", "--1", "Infinity", "NaN", "00"])
    func numbersMustFollowTheRFC8259Grammar(_ literal: String) {
        #expect(rejection(literal) != nil)
        #expect(rejection("[\(literal)]") != nil)
        #expect(rejection(#"{"n":\#(literal)}"#) != nil)
    }

    @Test(arguments: ["1.", "-", "1e", "1e+", "-a", "1.e5"])
    func truncatedNumberIsInvalidNumber(_ literal: String) {
        #expect(rejection(literal) == .invalidNumber)
    }

    @Test func overlongNumberLiteralIsInvalidNumber() {
        #expect(rejection(String(repeating: "9", count: 65)) == .invalidNumber)
        #expect(rejection(String(repeating: "9", count: 64)) == nil)
    }

    // MARK: - Strings

    @Test func unicodeEscapeDecodes() throws {
        #expect(try JSON(parsing: #""caf\u00e9""#) == .string("café"))
        #expect(try JSON(parsing: #""caf\u00E9""#) == .string("café"))
    }

    @Test func surrogatePairEscapeDecodesToOneScalar() throws {
        let value = try JSON(parsing: #""\ud83d\ude00""#)
        #expect(value == .string("😀"))
        #expect(value.stringValue?.unicodeScalars.map(\.value) == [0x1F600])
        // Serialized as raw UTF-8, not re-escaped.
        #expect(value.serialized() == [0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22])
    }

    @Test func simpleEscapesDecode() throws {
        let value = try JSON(parsing: #""\"\\\/\b\f\n\r\t""#)
        #expect(value == .string("\"\\/\u{08}\u{0C}\n\r\t"))
    }

    @Test func escapedStringSerializesWithShortEscapes() {
        #expect(JSON.string("\"\\\u{08}\u{0C}\n\r\t").serializedString == #""\"\\\b\f\n\r\t""#)
    }

    @Test(arguments: [(UInt8(0x00), "\\u0000"), (0x01, "\\u0001"), (0x0B, "\\u000b"), (0x1B, "\\u001b"), (0x1F, "\\u001f")])
    func controlCharacterSerializesAsUnicodeEscape(_ byte: UInt8, _ escaped: String) throws {
        let s = String(decoding: [UInt8(ascii: "a"), byte, UInt8(ascii: "b")], as: UTF8.self)
        #expect(JSON.string(s).serializedString == "\"a\(escaped)b\"")
        #expect(try JSON(parsing: JSON.string(s).serialized()) == .string(s))
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let s = String(decoding: (0..<0x20).map { UInt8($0) } + [0x7F], as: UTF8.self)
        let bytes = JSON.string(s).serialized()
        #expect(!bytes.dropFirst().dropLast().contains { $0 < 0x20 })
        #expect(try JSON(parsing: bytes) == .string(s))
    }

    @Test func slashIsNotEscaped() {
        #expect(JSON.string("http://127.0.0.1:4501/").serializedString == #""http://127.0.0.1:4501/""#)
    }

    @Test func nonASCIIIsWrittenRaw() throws {
        let value = JSON.object(["naïve": "日本語"])
        #expect(value.serializedString == #"{"naïve":"日本語"}"#)
        #expect(try JSON(parsing: value.serialized()) == value)
    }

    // MARK: - Rejection rules

    @Test(arguments: ["{} x", "1 2", "[1]]", "{}}", "\"a\"\"b\"", "null,", "true false"])
    func trailingCharactersAreRejected(_ text: String) {
        #expect(rejection(text) == .trailingCharacters)
    }

    @Test func duplicateKeysAreRejectedAtTheSecondKey() {
        let error = #expect(throws: JSONError.self) { try JSON(parsing: #"{"a":1,"a":2}"#) }
        #expect(error?.code == .duplicateKey)
        #expect(error?.offset == 7)
    }

    @Test(arguments: [
        #"{"a":1,"a":1}"#,
        #"{"x":{"a":1,"b":2,"a":3}}"#,
        #"[{"k":null,"k":null}]"#,
        #"{"a":1,"\u0061":2}"#,  // same key after unescaping
    ])
    func duplicateKeysAreRejectedAnywhere(_ text: String) {
        #expect(rejection(text) == .duplicateKey)
    }

    @Test func sameKeyInDifferentObjectsIsAllowed() throws {
        let value = try JSON(parsing: #"{"a":{"a":1},"b":[{"a":2},{"a":3}]}"#)
        #expect(value["a"]?["a"] == 1)
        #expect(value["b"]?[1]?["a"] == 3)
    }

    @Test func depthOverTheLimitIsRejected() {
        let limits = JSONLimits(maxDepth: 3)
        #expect(rejection("[[[1]]]", limits: limits) == nil)
        #expect(rejection("[[[[1]]]]", limits: limits) == .tooDeep)
        #expect(rejection(#"{"a":{"b":{"c":{}}}}"#, limits: limits) == .tooDeep)
        #expect(rejection(#"[{"a":[{}]}]"#, limits: limits) == .tooDeep)
    }

    @Test func defaultDepthLimitIs32() {
        let ok = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        let deep = String(repeating: "[", count: 33) + String(repeating: "]", count: 33)
        #expect(rejection(ok) == nil)
        #expect(rejection(deep) == .tooDeep)
    }

    @Test func veryDeepInputFailsWithoutOverflowingTheStack() {
        #expect(rejection(String(repeating: "[", count: 100_000)) == .tooDeep)
    }

    @Test func documentOverMaxBytesIsRejected() {
        let limits = JSONLimits(maxBytes: 10)
        #expect(rejection(#""12345678""#, limits: limits) == nil)  // exactly 10 bytes
        #expect(rejection(#""123456789""#, limits: limits) == .tooLarge)
        #expect(rejection("1          ", limits: limits) == .tooLarge)  // whitespace counts too
    }

    @Test func stringOverMaxStringBytesIsRejected() {
        let limits = JSONLimits(maxStringBytes: 4)
        #expect(rejection(#""abcd""#, limits: limits) == nil)
        #expect(rejection(#""abcde""#, limits: limits) == .tooLarge)
        #expect(rejection(#""ab\n\ncd""#, limits: limits) == .tooLarge)
    }

    @Test func containerOverMaxItemsIsRejected() {
        let limits = JSONLimits(maxContainerItems: 3)
        #expect(rejection("[1,2,3]", limits: limits) == nil)
        #expect(rejection("[1,2,3,4]", limits: limits) == .tooManyItems)
        #expect(rejection(#"{"a":1,"b":2,"c":3,"d":4}"#, limits: limits) == .tooManyItems)
    }

    @Test(arguments: [#""\ud83d""#, #""\ude00""#, #""\ud83d\u0041""#, #""\ud83dx""#, #""\ud83d\ud83d""#, #""a\udfffb""#])
    func loneSurrogateIsRejected(_ text: String) {
        #expect(rejection(text) == .invalidEscape)
    }

    @Test(arguments: [#""\x""#, #""\u12""#, #""\u12g4""#, #""\U0041""#, #""\'""#])
    func unknownOrMalformedEscapeIsRejected(_ text: String) {
        #expect(rejection(text) != nil)
    }

    @Test(arguments: [UInt8(0x00), 0x01, 0x09, 0x0A, 0x0D, 0x1F])
    func rawControlCharacterInStringIsRejected(_ byte: UInt8) {
        #expect(rejection([0x22, 0x61, byte, 0x62, 0x22]) == .invalidString)
    }

    @Test(arguments: [
        [UInt8(0x22), 0xFF, 0x22],  // never valid
        [0x22, 0xC3, 0x22],  // truncated two-byte sequence
        [0x22, 0xC0, 0xAF, 0x22],  // overlong "/"
        [0x22, 0xED, 0xA0, 0x80, 0x22],  // UTF-8-encoded surrogate
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
        [0x22, 0x80, 0x22],  // lone continuation byte
    ])
    func invalidUTF8InStringIsRejected(_ bytes: [UInt8]) {
        #expect(rejection(bytes) == .invalidUTF8)
    }

    @Test func invalidUTF8InKeyIsRejected() {
        #expect(rejection([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) == .invalidUTF8)
    }

    @Test(arguments: ["", " ", "\n\t "])
    func emptyDocumentIsRejected(_ text: String) {
        #expect(rejection(text) == .empty)
    }

    @Test(arguments: ["tru", "nul", "fals", "trux", "nulL", "True", "undefined", "'a'", "[1,]", "{\"a\":1,}", "{a:1}",
                      "{\"a\" 1}", "[1 2]", "{,}", "[,]", ",", "]", "}"])
    func malformedDocumentsAreRejected(_ text: String) {
        #expect(rejection(text) != nil)
    }

    @Test func errorDescriptionNamesOffsetAndRuleButNotTheInput() {
        do throws(JSONError) {
            _ = try JSON(parsing: #"{"secret-token":x}"#)
            Issue.record("parsed")
        } catch {
            #expect(error.code == .unexpectedCharacter)
            #expect(error.offset == 16)
            #expect(!error.description.contains("secret"))
            #expect(error.description.contains("16"))
        }
    }

    // MARK: - Drip feed

    @Test(arguments: [
        #"{"a":[1,{"b":"c\n"}],"d":null}"#,
        #"["x",true,false,-1.5e3,{"é":"😀 \ud83d\ude00"}]"#,
        #"{"k":"\u00e9","n":{"m":[[]]}}"#,
    ])
    func everyStrictPrefixOfAValidDocumentIsRejected(_ text: String) throws {
        let bytes = Array(text.utf8)
        _ = try JSON(parsing: bytes)
        for end in 0..<bytes.count {
            #expect(rejection(Array(bytes[..<end])) != nil, "prefix of \(end) bytes parsed")
        }
    }

    @Test func dripFeedDocumentHasTheExpectedValue() throws {
        let value = try JSON(parsing: #"{"a":[1,{"b":"c\n"}],"d":null}"#)
        #expect(value["a"]?[1]?["b"] == "c\n")
        #expect(value["d"]?.isNull == true)
    }

    // MARK: - Reading

    @Test func scalarTextReadsStringsNumbersAndBooleans() throws {
        #expect(JSON.string("10000").scalarText == "10000")
        #expect(JSON.number("10000").scalarText == "10000")
        #expect(try JSON(parsing: "40.0").scalarText == "40.0")
        #expect(JSON.bool(true).scalarText == "true")
        #expect(JSON.bool(false).scalarText == "false")
        #expect(JSON.null.scalarText == nil)
        #expect(JSON.array(["1"]).scalarText == nil)
        #expect(JSON.object(["a": "1"]).scalarText == nil)
    }

    @Test func objectSubscriptReturnsMemberOrNil() throws {
        let value = try JSON(parsing: #"{"a":1,"b":"two","c":null}"#)
        #expect(value["a"] == 1)
        #expect(value["b"] == "two")
        #expect(value["c"] == .null)
        #expect(value["missing"] == nil)
        #expect(value[0] == nil)
        #expect(JSON.array([1])["a"] == nil)
        #expect(JSON.string("a")["a"] == nil)
    }

    @Test func subscriptOnBuiltObjectWithRepeatedKeyReturnsTheFirst() {
        let value = JSON.object([("k", JSON.number("1")), ("k", JSON.number("2"))])
        #expect(value["k"] == 1)
    }

    @Test func arraySubscriptIsBoundsChecked() throws {
        let value = try JSON(parsing: #"["x",[1,2]]"#)
        #expect(value[0] == "x")
        #expect(value[1]?[1] == 2)
        #expect(value[2] == nil)
        #expect(value[-1] == nil)
        #expect(JSON.object(["0": 1])[0] == nil)
    }

    @Test func typedAccessors() throws {
        let value = try JSON(parsing: #"{"s":"x","a":[1],"n":null}"#)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["a"]?.stringValue == nil)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["s"]?.arrayValue == nil)
        #expect(value["n"]?.isNull == true)
        #expect(value["s"]?.isNull == false)
        #expect(value["s"]?.objectMembers == nil)
        #expect(JSON.strings(["a", "b"]) == ["a", "b"])
    }
}
