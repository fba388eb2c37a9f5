import Testing
import Wire

/// The code `body` throws when decoded as `M`, or nil when it decodes.
private func rejection<M: BusMessage>(_: M.Type, _ body: [UInt8]) -> WireError.Code? {
    do throws(WireError) {
        _ = try M(decoding: body)
        return nil
    } catch {
        return error.code
    }
}

private func rejection<T>(_ read: (inout WireReader) throws(WireError) -> T, _ bytes: [UInt8]) -> WireError.Code? {
    var reader = WireReader(bytes)
    do throws(WireError) {
        _ = try read(&reader)
        return nil
    } catch {
        return error.code
    }
}

private let signRequest = SignRequest(items: [
    .init(key: .device("dev-1"), payload: Array("{\"a\":1}".utf8)),
    .init(key: .ftm("ftm-é"), payload: []),
    .init(key: .journal, payload: [0, 1, 2, 255]),
])

private let journalAppend = JournalAppend(events: [
    EventDraft(type: "capture.started", stage: "sensor", captureId: "c-1", timeMillis: 1_735_725_600_000,
               attributes: [.init("device.id", "dev-1"), .init("score", "")]),
    EventDraft(type: "before.epoch", stage: "journal", timeMillis: -1),
])

private let sensorStatus = SensorStatus(devices: [
    .init(deviceId: "finger-slap", connected: true, driver: "sim"),
    .init(deviceId: "iris", connected: false, driver: ""),
])

@Suite struct WireCodecTests {
    // MARK: - Primitives

    @Test func everyPrimitiveRoundTrips() throws {
        var w = WireWriter()
        w.u8(0xAB)
        w.u16(0xBEEF)
        w.u32(0xDEAD_BEEF)
        w.u64(0x0102_0304_0506_0708)
        w.u64(.max)
        w.i64(-2)
        w.i64(.min)
        w.bool(true)
        w.bool(false)
        w.double(-1.5)
        w.double(.infinity)
        w.bytes([])
        w.bytes([0, 1, 255])
        w.string("")
        w.string("héllo 😀")
        w.strings(["a", "", "ß"])
        w.pairs([("k1", "v1"), ("", "")])
        w.array([3, 1, 2]) { w, v in w.u16(UInt16(v)) }

        var r = WireReader(w.bytes)
        #expect(try r.u8() == 0xAB)
        #expect(try r.u16() == 0xBEEF)
        #expect(try r.u32() == 0xDEAD_BEEF)
        #expect(try r.u64() == 0x0102_0304_0506_0708)
        #expect(try r.u64() == .max)
        #expect(try r.i64() == -2)
        #expect(try r.i64() == .min)
        #expect(try r.bool() == true)
        #expect(try r.bool() == false)
        #expect(try r.double() == -1.5)
        #expect(try r.double() == .infinity)
        #expect(try r.bytes() == [])
        #expect(try r.bytes() == [0, 1, 255])
        #expect(try r.string() == "")
        #expect(try r.string() == "héllo 😀")
        #expect(try r.strings() == ["a", "", "ß"])
        let pairs = try r.pairs()
        #expect(pairs.map { $0.0 } == ["k1", ""])
        #expect(pairs.map { $0.1 } == ["v1", ""])
        #expect(try r.array { (r: inout WireReader) throws(WireError) in try r.u16() } == [3, 1, 2])
        #expect(r.remaining == 0)
        try r.finish()
    }

    @Test func nanDoubleKeepsItsBitPattern() throws {
        let nan = Double(nan: 0x1234, signaling: false)
        var w = WireWriter()
        w.double(nan)
        var r = WireReader(w.bytes)
        #expect(try r.double().bitPattern == nan.bitPattern)
    }

    @Test func integersAreBigEndian() {
        var w = WireWriter()
        w.u16(0x0102)
        w.u32(0x0304_0506)
        w.u64(0x0708_090A_0B0C_0D0E)
        w.i64(-1)
        #expect(w.bytes == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] + [UInt8](repeating: 0xFF, count: 8))
    }

    @Test func byteStringsCarryAU32LengthPrefix() {
        var w = WireWriter()
        w.bytes([9, 8])
        w.string("é")
        w.bool(true)
        w.double(1.0)
        #expect(w.bytes == [0, 0, 0, 2, 9, 8, 0, 0, 0, 2, 0xC3, 0xA9, 1, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0])
    }

    @Test(arguments: [UInt8(2), 3, 0x80, 0xFF])
    func boolOtherThanZeroOrOneIsInvalidValue(_ byte: UInt8) {
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.bool() }, [byte]) == .invalidValue)
    }

    @Test func invalidUTF8StringIsInvalidValue() {
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.string() }, [0, 0, 0, 1, 0xFF]) == .invalidValue)
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.string() }, [0, 0, 0, 2, 0xC0, 0xAF]) == .invalidValue)
    }

    @Test func readingPastTheEndIsTruncated() {
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.u8() }, []) == .truncated)
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.u16() }, [1]) == .truncated)
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.u32() }, [1, 2, 3]) == .truncated)
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.u64() }, [1, 2, 3, 4, 5, 6, 7]) == .truncated)
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.bytes() }, [0, 0]) == .truncated)
    }

    /// A plausible length that runs past the end is a truncation, not an absurdity.
    @Test func lengthOneMoreThanWhatIsThereIsTruncated() {
        let bytes: [UInt8] = [0, 0, 0, 5, 1, 2, 3, 4]
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.bytes() }, bytes) == .truncated)
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.string() }, bytes) == .truncated)
        #expect(rejection({ (r: inout WireReader) throws(WireError) in
            try r.array { (r: inout WireReader) throws(WireError) in try r.u64() }
        }, bytes) == .truncated)
    }

    @Test(arguments: [
        [UInt8(0xFF), 0xFF, 0xFF, 0xFF],
        [0x7F, 0xFF, 0xFF, 0xFF, 1, 2, 3],
        [0x04, 0x00, 0x00, 0x01],  // maxLength + 1
    ])
    func absurdLengthPrefixIsTooLarge(_ bytes: [UInt8]) {
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.bytes() }, bytes) == .tooLarge)
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.string() }, bytes) == .tooLarge)
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.strings() }, bytes) == .tooLarge)
        #expect(rejection({ (r: inout WireReader) throws(WireError) in try r.pairs() }, bytes) == .tooLarge)
        // An element count is checked before anything is reserved for it: 4 G elements would not fit in memory.
        #expect(rejection({ (r: inout WireReader) throws(WireError) in
            try r.array { (r: inout WireReader) throws(WireError) in try r.u64() }
        }, bytes) == .tooLarge)
    }

    @Test func absurdItemCountInAMessageIsTooLarge() {
        #expect(rejection(SignRequest.self, [0xFF, 0xFF, 0xFF, 0xFF]) == .tooLarge)
        #expect(rejection(SignResponse.self, [0xFF, 0xFF, 0xFF, 0xFE, 0, 0, 0, 0]) == .tooLarge)
        #expect(rejection(JournalAppend.self, [0x80, 0, 0, 0]) == .tooLarge)
        #expect(rejection(SensorStatus.self, [0x10, 0, 0, 0, 0]) == .tooLarge)
    }

    @Test func finishRejectsUnreadBytes() throws {
        var r = WireReader([1, 2, 3])
        _ = try r.u16()
        #expect(r.remaining == 1)
        #expect(throws: WireError(.trailingBytes)) { try r.finish() }
    }

    // MARK: - Messages

    @Test func everyMessageRoundTrips() throws {
        #expect(try Ping(decoding: Ping().encoded()) == Ping())
        #expect(Ping().encoded() == [])
        let pong = Pong(stage: "signer", processId: 0xFFFF_FFFE)
        #expect(try Pong(decoding: pong.encoded()) == pong)
        #expect(try SignRequest(decoding: signRequest.encoded()) == signRequest)
        let response = SignResponse(tokens: ["a.b.c", "", "x.y.z"])
        #expect(try SignResponse(decoding: response.encoded()) == response)
        #expect(try KeyInventoryRequest(decoding: []) == KeyInventoryRequest())
        let inventory = KeyInventory(keys: [.device("d"), .ftm("f"), .journal])
        #expect(try KeyInventory(decoding: inventory.encoded()) == inventory)
        #expect(try JournalAppend(decoding: journalAppend.encoded()) == journalAppend)
        let ack = JournalAck(firstSequence: 1 << 40, count: 7)
        #expect(try JournalAck(decoding: ack.encoded()) == ack)
        #expect(try SensorStatusRequest(decoding: []) == SensorStatusRequest())
        #expect(try SensorStatus(decoding: sensorStatus.encoded()) == sensorStatus)
        let error = ErrorReply(.conflict, "already capturing")
        #expect(try ErrorReply(decoding: error.encoded()) == error)
    }

    @Test func emptyCollectionsRoundTrip() throws {
        #expect(try SignRequest(decoding: SignRequest(items: []).encoded()) == SignRequest(items: []))
        #expect(try JournalAppend(decoding: JournalAppend(events: []).encoded()) == JournalAppend(events: []))
        #expect(try SensorStatus(decoding: SensorStatus(devices: []).encoded()) == SensorStatus(devices: []))
        #expect(SignResponse(tokens: []).encoded() == [0, 0, 0, 0])
    }

    @Test func messageKindsAreDistinct() {
        let kinds: [MessageKind] = [ErrorReply.kind, Ping.kind, Pong.kind, SignRequest.kind, SignResponse.kind,
                                    KeyInventoryRequest.kind, KeyInventory.kind, JournalAppend.kind, JournalAck.kind,
                                    SensorStatusRequest.kind, SensorStatus.kind]
        #expect(Set(kinds).count == kinds.count)
        #expect(!kinds.contains(MessageKind(rawValue: 0)))
    }

    @Test func keyReferenceTagsAreFixed() {
        let bytes = SignRequest(items: [.init(key: .device("d"), payload: []), .init(key: .ftm("f"), payload: []),
                                        .init(key: .journal, payload: [])]).encoded()
        #expect(bytes == [0, 0, 0, 3,
                          1, 0, 0, 0, 1, UInt8(ascii: "d"), 0, 0, 0, 0,
                          2, 0, 0, 0, 1, UInt8(ascii: "f"), 0, 0, 0, 0,
                          3, 0, 0, 0, 0])
    }

    @Test(arguments: [UInt8(0), 4, 0xFF])
    func unknownKeyReferenceTagIsInvalidValue(_ tag: UInt8) {
        #expect(rejection(SignRequest.self, [0, 0, 0, 1, tag, 0, 0, 0, 0]) == .invalidValue)
    }

    @Test func invalidBoolByteInSensorStatusIsInvalidValue() {
        var bytes = SensorStatus(devices: [.init(deviceId: "d", connected: true, driver: "drv")]).encoded()
        // count(4) + deviceId length(4) + "d"(1) → the bool is at offset 9.
        #expect(bytes[9] == 1)
        bytes[9] = 2
        #expect(rejection(SensorStatus.self, bytes) == .invalidValue)
    }

    @Test func trailingBytesAreRejectedByDecoding() {
        #expect(rejection(Ping.self, [0]) == .trailingBytes)
        #expect(rejection(SignRequest.self, signRequest.encoded() + [0]) == .trailingBytes)
        #expect(rejection(JournalAppend.self, journalAppend.encoded() + [1, 2, 3]) == .trailingBytes)
        #expect(rejection(SensorStatus.self, sensorStatus.encoded() + [0]) == .trailingBytes)
        #expect(rejection(JournalAck.self, JournalAck(firstSequence: 1, count: 1).encoded() + [0]) == .trailingBytes)
    }

    // MARK: - Drip feed

    /// Every strict prefix must fail; a cut inside a length-prefixed field may surface as `tooLarge` (the length
    /// exceeds what is left) rather than `truncated`.
    private func expectEveryPrefixRejected<M: BusMessage>(_ type: M.Type, _ full: [UInt8]) throws {
        _ = try M(decoding: full)
        for end in 0..<full.count {
            let code = rejection(M.self, Array(full[..<end]))
            #expect(code == .truncated || code == .tooLarge, "\(M.self) prefix of \(end)/\(full.count) bytes: \(String(describing: code))")
        }
    }

    @Test func everyPrefixOfASignRequestIsRejected() throws {
        try expectEveryPrefixRejected(SignRequest.self, signRequest.encoded())
    }

    @Test func everyPrefixOfAJournalAppendIsRejected() throws {
        try expectEveryPrefixRejected(JournalAppend.self, journalAppend.encoded())
    }

    @Test func everyPrefixOfASensorStatusIsRejected() throws {
        try expectEveryPrefixRejected(SensorStatus.self, sensorStatus.encoded())
    }

    @Test func everyPrefixOfTheOtherMessagesIsRejected() throws {
        try expectEveryPrefixRejected(Pong.self, Pong(stage: "quality", processId: 42).encoded())
        try expectEveryPrefixRejected(SignResponse.self, SignResponse(tokens: ["h.p.s", "x"]).encoded())
        try expectEveryPrefixRejected(KeyInventory.self, KeyInventory(keys: [.device("d"), .journal]).encoded())
        try expectEveryPrefixRejected(JournalAck.self, JournalAck(firstSequence: 9, count: 1).encoded())
        try expectEveryPrefixRejected(ErrorReply.self, ErrorReply(.timeout, "slow").encoded())
    }

    @Test func wireErrorsCompareByCodeAndDescribeTheirDetail() {
        #expect(WireError(.truncated, "a") == WireError(.truncated, "b"))
        #expect(WireError(.truncated) != WireError(.tooLarge))
        #expect(WireError(.tooLarge, "length 9").description == "wire tooLarge: length 9")
        #expect(WireError(.missingFrame).description == "wire missingFrame")
    }
}
