import Testing
import Wire

private func rejection(frames: [[UInt8]]) -> WireError.Code? {
    do throws(WireError) {
        _ = try Envelope(frames: frames)
        return nil
    } catch {
        return error.code
    }
}

@Suite struct EnvelopeTests {
    @Test func headerIsThirteenBigEndianBytes() {
        let envelope = Envelope(kind: MessageKind(rawValue: 0x0A0B), status: 0x0C0D, requestId: 0x0102_0304_0506_0708,
                                body: [0xEE])
        let frames = envelope.frames
        #expect(frames.count == 2)
        #expect(frames[0] == [1, 0x0A, 0x0B, 0x0C, 0x0D, 1, 2, 3, 4, 5, 6, 7, 8])
        #expect(frames[0].count == Envelope.headerSize)
        #expect(frames[1] == [0xEE])
    }

    @Test(arguments: [
        Envelope(kind: MessageKind(rawValue: 0), requestId: 0, body: []),
        Envelope(kind: MessageKind(rawValue: .max), status: .max, requestId: .max, body: [0, 1, 2]),
        Envelope(Pong(stage: "encoder", processId: 77), requestId: 12_345),
        Envelope.failure(ErrorReply(.badRequest, "no"), requestId: 3),
    ])
    func framesRoundTrip(_ envelope: Envelope) throws {
        #expect(try Envelope(frames: envelope.frames) == envelope)
    }

    @Test func messageInitialiserSetsKindAndEncodesBody() {
        let pong = Pong(stage: "journal", processId: 5)
        let envelope = Envelope(pong, requestId: 9)
        #expect(envelope.kind == Pong.kind)
        #expect(envelope.status == 0)
        #expect(envelope.requestId == 9)
        #expect(envelope.body == pong.encoded())
    }

    @Test(arguments: [UInt8(0), 2, 0xFF])
    func headerWithAnotherVersionIsRejected(_ version: UInt8) {
        var frames = Envelope(Ping(), requestId: 1).frames
        frames[0][0] = version
        #expect(rejection(frames: frames) == .unsupportedVersion)
    }

    @Test(arguments: [0, 1, 3, 4])
    func frameCountOtherThanTwoIsRejected(_ count: Int) {
        let frames = Array(repeating: Envelope(Ping(), requestId: 1).frames[0], count: count)
        #expect(rejection(frames: frames) == .missingFrame)
    }

    @Test func shortHeaderIsTruncated() {
        let header = Envelope(Ping(), requestId: 1).frames[0]
        for end in 0..<header.count {
            #expect(rejection(frames: [Array(header[..<end]), []]) == .truncated, "header of \(end) bytes")
        }
    }

    @Test func longHeaderIsRejected() {
        let header = Envelope(Ping(), requestId: 1).frames[0] + [0]
        #expect(rejection(frames: [header, []]) == .trailingBytes)
    }

    @Test func decodeReturnsTheMessageOfTheRightKind() throws {
        let pong = Pong(stage: "sensor", processId: 1)
        #expect(try Envelope(pong, requestId: 1).decode(Pong.self) == pong)
    }

    @Test func decodeThrowsTheErrorReplyOfAFailureEnvelope() throws {
        let failure = Envelope.failure(ErrorReply(.notFound, "no such device"), requestId: 4)
        #expect(failure.kind == ErrorReply.kind)
        #expect(failure.status == ErrorReply.Code.notFound.rawValue)
        let error = #expect(throws: ErrorReply.self) { try failure.decode(Pong.self) }
        #expect(error?.code == .notFound)
        #expect(error?.message == "no such device")
    }

    @Test func decodeThrowsTheErrorReplyWhenStatusIsNonZeroWhateverTheKind() {
        let envelope = Envelope(kind: Pong.kind, status: 500, requestId: 1,
                                body: ErrorReply(.internalError, "boom").encoded())
        let error = #expect(throws: ErrorReply.self) { try envelope.decode(Pong.self) }
        #expect(error?.code == .internalError)
    }

    @Test func decodingAnErrorReplyKindAsErrorReplyStillThrows() {
        let failure = Envelope.failure(ErrorReply(.timeout, "late"), requestId: 1)
        #expect(throws: ErrorReply(.timeout, "late")) { try failure.decode(ErrorReply.self) }
    }

    @Test func decodeOfTheWrongKindIsUnexpectedKind() {
        let envelope = Envelope(Ping(), requestId: 1)
        let error = #expect(throws: WireError.self) { try envelope.decode(Pong.self) }
        #expect(error?.code == .unexpectedKind)
    }

    @Test func decodeOfAMalformedFailureBodyThrowsAWireError() {
        let envelope = Envelope(kind: ErrorReply.kind, status: 500, requestId: 1, body: [0x01])
        #expect(throws: WireError.self) { try envelope.decode(Pong.self) }
    }

    @Test func decodeRejectsTrailingBytesInTheBody() {
        let envelope = Envelope(kind: Pong.kind, requestId: 1, body: Pong(stage: "s", processId: 1).encoded() + [0])
        let error = #expect(throws: WireError.self) { try envelope.decode(Pong.self) }
        #expect(error?.code == .trailingBytes)
    }

    @Test func errorReplyCodesAreHTTPLike() {
        #expect(ErrorReply.Code.badRequest.rawValue == 400)
        #expect(ErrorReply.Code.unsupported.rawValue == 405)
        #expect(ErrorReply.Code.timeout.rawValue == 504)
        #expect(ErrorReply(.unavailable, "gone").description == "503 gone")
    }
}
