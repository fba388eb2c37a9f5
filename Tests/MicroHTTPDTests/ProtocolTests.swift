import Glibc
import HTTPCore
import MicroHTTPD
import Testing

@Suite("HTTP framing left to MHD")
struct ProtocolTests {
    @Test("Expect: 100-continue gets its interim response before the body is sent")
    func expectContinue() throws {
        let responder = RecordingResponder()
        let (server, port) = try startServer(responder)
        defer { server.stop() }

        let connection = try RawConnection(port: port)
        try connection.send(
            "CAPTURE /capture HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
        let interim = try connection.readHead()
        #expect(interim.status == 100)
        try connection.send("body")
        let response = try connection.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "body")
    }

    @Test("A malformed request is answered by MHD, never reaches the responder, and harms nothing")
    func malformedRequest() throws {
        let responder = RecordingResponder()
        let (server, port) = try startServer(responder)
        defer { server.stop() }

        let connection = try RawConnection(port: port)
        try connection.send("MOSIPDISC /device HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n\r\n")
        #expect(try connection.readResponse().status == 400)
        let garbage = try RawConnection(port: port)
        try garbage.send("\u{1}\u{2} nonsense\r\n\r\n")
        _ = garbage.serverClosed()

        #expect(responder.requests.current.isEmpty)
        #expect(try roundTrip(port: port, method: "MOSIPDISC", target: "/device").status == 200)
    }

    @Test("An HTTP/1.0 client gets a stream delimited by the connection closing")
    func http10Stream() throws {
        let stream = FrameStream(intervalMicroseconds: 5_000, limit: 3)
        let (server, port) = try startServer(ClosureResponder { _ in
            .stream(stream, contentType: StreamTests.contentType)
        })
        defer { server.stop() }

        let connection = try RawConnection(port: port)
        try connection.send("STREAM /stream HTTP/1.0\r\n\r\n")
        let response = try connection.readResponse()
        #expect(response.status == 200)
        #expect(response.headers["Transfer-Encoding"] == nil)
        #expect(response.text.hasSuffix("frame 3\r\n"))
        #expect(waitUntil(seconds: 2) { stream.log.current.closeCalls == 1 })
    }
}
