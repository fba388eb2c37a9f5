import ServiceKit
import Testing

@Suite struct ArgumentsTests {
    @Test func optionWithSeparateValue() throws {
        var args = try Arguments(["--state-dir", "/var/lib/mds"])
        #expect(args.string("state-dir") == "/var/lib/mds")
        try args.checkAllConsumed()
    }

    @Test func optionWithEqualsValue() throws {
        var args = try Arguments(["--state-dir=/var/lib/mds", "--filter=a=b", "--empty="])
        #expect(args.string("state-dir") == "/var/lib/mds")
        #expect(args.string("filter") == "a=b")
        #expect(args.string("empty") == "")
        try args.checkAllConsumed()
    }

    @Test func absentOptionIsNil() throws {
        var args = try Arguments([])
        #expect(args.string("x") == nil)
        #expect(args.strings("x") == [])
        #expect(try args.int("x") == nil)
        #expect(try args.range("x") == nil)
        #expect(args.flag("x") == false)
        #expect(args.positional == [])
    }

    @Test func flagTakesNoValue() throws {
        var args = try Arguments(["--verbose", "positional"], flagNames: ["verbose", "quiet"])
        let verbose = args.flag("verbose")
        let quiet = args.flag("quiet")
        #expect(verbose)
        #expect(!quiet)
        #expect(args.positional == ["positional"])
        try args.checkAllConsumed()
    }

    @Test func flagAtTheEndIsNotMissingAValue() throws {
        var args = try Arguments(["--port", "1", "--verbose"], flagNames: ["verbose"])
        let verbose = args.flag("verbose")
        #expect(verbose)
        #expect(try args.int("port") == 1)
    }

    @Test func repeatedOptionKeepsEveryValueInOrder() throws {
        var args = try Arguments(["--device", "a", "--device=b", "--other", "x", "--device", "c"])
        #expect(args.strings("device") == ["a", "b", "c"])
        #expect(args.string("device") == "c")
        #expect(args.string("other") == "x")
        try args.checkAllConsumed()
    }

    @Test(arguments: [("42", 42), ("-7", -7), ("0", 0)])
    func intParsesIntegers(_ text: String, _ value: Int) throws {
        var args = try Arguments(["--n", text])
        #expect(try args.int("n") == value)
    }

    @Test(arguments: ["abc", "4.5", "", "12x", "0x10", "99999999999999999999999"])
    func intRejectsNonIntegers(_ text: String) throws {
        var args = try Arguments(["--n", text])
        let error = #expect(throws: ValidationError.self) { try args.int("n") }
        #expect(error?.message.contains("--n") == true)
    }

    @Test(arguments: [("4501-4600", 4501...4600), ("4501", 4501...4501), ("0-65535", 0...65535), ("80-80", 80...80)])
    func rangeParsesAPortOrARange(_ text: String, _ expected: ClosedRange<Int>) throws {
        #expect(try Arguments.parseRange(text, option: "ports") == expected)
        var args = try Arguments(["--ports", text])
        #expect(try args.range("ports") == expected)
    }

    @Test(arguments: ["4600-4501", "abc", "70000", "65536", "4501-70000", "-1", "4501-", "-4600", "1-2-3", "", "a-b", " 4501"])
    func rangeMustBeAnOrderedPortRange(_ text: String) throws {
        #expect(throws: ValidationError.self) { try Arguments.parseRange(text, option: "ports") }
        var args = try Arguments(["--ports=\(text)"])
        #expect(throws: ValidationError.self) { try args.range("ports") }
    }

    @Test func unknownOptionIsRejectedByCheckAllConsumed() throws {
        var args = try Arguments(["--port", "1", "--prot", "2"])
        _ = args.string("port")
        let error = #expect(throws: ValidationError.self) { try args.checkAllConsumed() }
        #expect(error?.message == "unknown option --prot")
    }

    @Test func unreadFlagIsRejectedByCheckAllConsumed() throws {
        let args = try Arguments(["--verbose"], flagNames: ["verbose"])
        #expect(throws: ValidationError.self) { try args.checkAllConsumed() }
    }

    @Test func declaredButAbsentFlagIsNotUnknown() throws {
        let args = try Arguments([], flagNames: ["verbose"])
        try args.checkAllConsumed()
    }

    @Test func doubleDashEndsOptions() throws {
        var args = try Arguments(["--a", "1", "--", "--b", "c", "--", "-d"])
        #expect(args.string("a") == "1")
        #expect(args.string("b") == nil)
        #expect(args.positional == ["--b", "c", "--", "-d"])
        try args.checkAllConsumed()
    }

    @Test func positionalArgumentsKeepTheirOrderAroundOptions() throws {
        var args = try Arguments(["first", "--a", "1", "second", "-x"])
        #expect(args.positional == ["first", "second", "-x"])
        #expect(args.string("a") == "1")
    }

    @Test func optionWithoutValueIsAnError() {
        let error = #expect(throws: ValidationError.self) { try Arguments(["--state-dir"]) }
        #expect(error?.message == "option --state-dir needs a value")
        #expect(throws: ValidationError.self) { try Arguments(["--a", "1", "--b"], flagNames: ["a"]) }
    }
}
