import HTTPCore
import MicroHTTPD
import Testing

@Suite("Requests reach the responder intact")
struct RequestTests {
    @Test("Custom methods arrive with their exact case and body, on one kept-alive connection")
    func customMethods() throws {
        let responder = RecordingResponder()
        let (server, port) = try startServer(responder)
        defer { server.stop() }

        let connection = try RawConnection(port: port)
        try connection.sendRequest(method: "MOSIPDISC", target: "/device", body: Array(#"{"type":"Biometric Device"}"#.utf8))
        let discovery = try connection.readResponse()
        try connection.sendRequest(method: "CAPTURE", target: "/capture", body: Array(#"{"env":"Staging"}"#.utf8))
        let capture = try connection.readResponse()
        try connection.sendRequest(method: "mosipdinfo", target: "/info")
        let info = try connection.readResponse()

        #expect(discovery.status == 200)
        #expect(discovery.headers["x-method"] == "MOSIPDISC")
        #expect(discovery.text == #"{"type":"Biometric Device"}"#)
        #expect(capture.headers["X-Method"] == "CAPTURE")
        #expect(info.headers["X-Method"] == "mosipdinfo")
        let seen = responder.requests.current
        #expect(seen.map(\.method) == ["MOSIPDISC", "CAPTURE", "mosipdinfo"])
        #expect(seen.map(\.path) == ["/device", "/capture", "/info"])
        #expect(seen[1].body == Array(#"{"env":"Staging"}"#.utf8))
        #expect(seen.allSatisfy { $0.localPort == port && !$0.bodyExceededLimit })
    }

    @Test("A GET without a body, with a query and headers in order")
    func getWithoutBody() throws {
        let responder = RecordingResponder()
        let (server, port) = try startServer(responder)
        defer { server.stop() }

        let response = try roundTrip(
            port: port, method: "GET", target: "/info%20x?a=1&b=%20c",
            headers: [("X-First", "1"), ("x-second", "two"), ("X-First", "again")])
        #expect(response.status == 200)
        #expect(response.headers["Content-Length"] == "0")
        let request = try #require(responder.requests.current.first)
        #expect(request.method == "GET")
        #expect(request.path == "/info x")
        #expect(request.query == "a=1&b=%20c")
        #expect(request.body.isEmpty)
        #expect(request.headers["X-SECOND"] == "two")
        #expect(request.headers.values(for: "x-first") == ["1", "again"])
        #expect(request.headers.map(\.name).filter { $0.hasPrefix("X-") || $0.hasPrefix("x-") }
            == ["X-First", "x-second", "X-First"])
    }

    @Test("A body past the limit is flagged, dropped, answered once, and the server stays healthy")
    func bodyOverLimit() throws {
        let responder = RecordingResponder()
        let (server, port) = try startServer(responder, maxBodyBytes: 1024)
        defer { server.stop() }

        let connection = try RawConnection(port: port)
        try connection.sendRequest(method: "RCAPTURE", target: "/capture", body: [UInt8](repeating: 65, count: 300_000))
        let tooLarge = try connection.readResponse()
        #expect(tooLarge.status == 200)
        #expect(tooLarge.headers["X-Exceeded"] == "yes")
        #expect(tooLarge.body.isEmpty)

        // Same connection, then a fresh one: both still served; a body of exactly the limit is kept.
        try connection.sendRequest(method: "CAPTURE", target: "/capture", body: [UInt8](repeating: 66, count: 1024))
        let atLimit = try connection.readResponse()
        #expect(atLimit.headers["X-Exceeded"] == "no")
        #expect(atLimit.body == [UInt8](repeating: 66, count: 1024))
        let fresh = try roundTrip(port: port, method: "MOSIPDISC", target: "/device", body: Array("ok".utf8))
        #expect(fresh.text == "ok")

        let seen = responder.requests.current
        #expect(seen.count == 3)
        #expect(seen.map(\.bodyExceededLimit) == [true, false, false])
        #expect(seen[0].body.isEmpty)
    }

    @Test("A UTF-8 body with multi-byte characters arrives byte for byte")
    func utf8Body() throws {
        let responder = RecordingResponder()
        let (server, port) = try startServer(responder)
        defer { server.stop() }

        let text = #"{"name":"नमस्ते ünïcødé 🙂 指紋"}"#
        let response = try roundTrip(
            port: port, method: "CAPTURE", target: "/capture",
            headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(text.utf8))
        #expect(response.text == text)
        let request = try #require(responder.requests.current.first)
        #expect(String(decoding: request.body, as: UTF8.self) == text)
        #expect(request.body.count == text.utf8.count)
    }

    @Test("A chunked upload is reassembled")
    func chunkedUpload() throws {
        let responder = RecordingResponder()
        let (server, port) = try startServer(responder)
        defer { server.stop() }

        let connection = try RawConnection(port: port)
        try connection.send(
            "CAPTURE /capture HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
        let response = try connection.readResponse()
        #expect(response.text == "hello world")
    }

    @Test("Response status, headers and Connection: close are sent as set")
    func responseHeaders() throws {
        let (server, port) = try startServer(ClosureResponder { _ in
            var response = HTTPResponse.json(Array(#"{"errorCode":"0"}"#.utf8), status: 202)
            response.headers.add(name: "Access-Control-Allow-Origin", value: "*")
            response.headers.add(name: "Content-Length", value: "999")  // ignored: MHD counts
            response.headers.add(name: "Connection", value: "close")
            return response
        })
        defer { server.stop() }

        let connection = try RawConnection(port: port)
        try connection.sendRequest(method: "OPTIONS", target: "/capture")
        let response = try connection.readResponse()
        #expect(response.status == 202)
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.headers["Access-Control-Allow-Origin"] == "*")
        #expect(response.headers["Content-Length"] == "17")
        #expect(response.text == #"{"errorCode":"0"}"#)
        #expect(connection.serverClosed())
    }
}
