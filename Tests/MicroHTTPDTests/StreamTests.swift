import Glibc
import HTTPCore
import MicroHTTPD
import Testing

/// A preview stream: one multipart part every `interval`, up to `limit` parts (or forever), recording what
/// the server does with it.
final class FrameStream: HTTPBodyStream {
    struct Log {
        var produced = 0
        var closeCalls = 0
        var closed: Bool { closeCalls > 0 }
    }

    let log = Guarded(Log())
    private let interval: UInt32
    private let limit: Int?

    init(intervalMicroseconds: UInt32, limit: Int? = nil) {
        self.interval = intervalMicroseconds
        self.limit = limit
    }

    func next() -> [UInt8]? {
        if let limit, log.current.produced >= limit { return nil }
        usleep(interval)
        if log.current.closed { return nil }
        let index = log.withLock { log -> Int in
            log.produced += 1
            return log.produced
        }
        return Array("--frame\r\nContent-Type: text/plain\r\n\r\nframe \(index)\r\n".utf8)
    }

    func close() {
        log.withLock { $0.closeCalls += 1 }
    }
}

/// A stream whose `next()` blocks until `close()`.
final class BlockedStream: HTTPBodyStream {
    let closed = Guarded(false)
    let entered = Guarded(false)

    func next() -> [UInt8]? {
        entered.withLock { $0 = true }
        while !closed.current { usleep(5_000) }
        return nil
    }

    func close() { closed.withLock { $0 = true } }
}

@Suite("Streamed responses")
struct StreamTests {
    static let contentType = "multipart/x-mixed-replace; boundary=frame"

    @Test("Pieces arrive as they are produced, and close() runs when the client leaves early")
    func liveStreamClientLeaves() throws {
        let stream = FrameStream(intervalMicroseconds: 100_000)
        let (server, port) = try startServer(ClosureResponder { _ in .stream(stream, contentType: Self.contentType) })
        defer { server.stop() }

        let connection = try RawConnection(port: port)
        try connection.sendRequest(method: "STREAM", target: "/stream", body: Array(#"{"deviceSubId":"1"}"#.utf8))
        let head = try connection.readHead()
        #expect(head.status == 200)
        #expect(head.headers["Content-Type"] == Self.contentType)
        #expect(head.headers["Transfer-Encoding"] == "chunked")

        var received: [String] = []
        var producedWhenReceived: [Int] = []
        while received.count < 3, let chunk = try connection.readChunk() {
            received.append(String(decoding: chunk, as: UTF8.self))
            producedWhenReceived.append(stream.log.current.produced)
        }
        #expect(received.count == 3)
        #expect(received.first?.hasSuffix("frame 1\r\n") == true)
        // Each piece reached the client before the producer was more than a piece ahead: nothing is buffered.
        #expect(zip(producedWhenReceived, 1...).allSatisfy { $0 <= $1 + 1 })
        #expect(!stream.log.current.closed)

        shutdown(connection.fd, Int32(SHUT_RDWR))
        #expect(waitUntil(seconds: 5) { stream.log.current.closed })
        usleep(300_000)
        #expect(stream.log.current.closeCalls == 1)
        #expect(stream.log.current.produced <= 6)
    }

    @Test("A finite stream ends the chunked body and is closed once")
    func finiteStream() throws {
        let stream = FrameStream(intervalMicroseconds: 10_000, limit: 3)
        let (server, port) = try startServer(ClosureResponder { _ in .stream(stream, contentType: Self.contentType) })
        defer { server.stop() }

        let connection = try RawConnection(port: port)
        try connection.sendRequest(method: "STREAM", target: "/stream")
        let response = try connection.readResponse()
        #expect(response.status == 200)
        #expect(response.text.components(separatedBy: "--frame").count == 4)
        #expect(response.text.hasSuffix("frame 3\r\n"))
        #expect(waitUntil(seconds: 2) { stream.log.current.closed })
        #expect(stream.log.current.closeCalls == 1)

        // The connection is kept alive for the next request.
        try connection.sendRequest(method: "MOSIPDINFO", target: "/info", close: true)
        #expect(try connection.readResponse().status == 200)
    }

    @Test("stop() closes a stream whose producer is blocked, and returns")
    func stopUnblocksStream() throws {
        let stream = BlockedStream()
        let (server, port) = try startServer(ClosureResponder { _ in .stream(stream, contentType: Self.contentType) })

        let connection = try RawConnection(port: port)
        try connection.sendRequest(method: "STREAM", target: "/stream")
        _ = try connection.readHead()
        #expect(waitUntil(seconds: 5) { stream.entered.current })

        let started = ContinuousClock.now
        server.stop()
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(stream.closed.current)
    }
}

extension String {
    func components(separatedBy separator: String) -> [Substring] {
        var parts: [Substring] = []
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }
}
