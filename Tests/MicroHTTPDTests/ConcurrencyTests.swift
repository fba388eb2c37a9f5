import Glibc
import HTTPCore
import MicroHTTPD
import Testing

@Suite("Each connection has its own thread")
struct ConcurrencyTests {
    @Test("100 concurrent requests to a responder sleeping 200 ms finish far sooner than 100 × 200 ms")
    func hundredConcurrentRequests() throws {
        let inFlight = Guarded((now: 0, peak: 0))
        let (server, port) = try startServer(ClosureResponder { request in
            inFlight.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            usleep(200_000)
            inFlight.withLock { $0.now -= 1 }
            return .text(request.path)
        })
        defer { server.stop() }

        let results = Guarded<[Int: String]>([:])
        let started = ContinuousClock.now
        runOnThreads((0..<100).map { index in
            { @Sendable in
                let response = try? roundTrip(port: port, method: "CAPTURE", target: "/r\(index)")
                results.withLock { $0[index] = response?.text }
            }
        })
        let elapsed = ContinuousClock.now - started

        let answered = results.current
        #expect(answered.count == 100)
        #expect((0..<100).allSatisfy { answered[$0] == "/r\($0)" })
        #expect(elapsed < .seconds(5), "took \(elapsed); serial would be 20 s")
        #expect(inFlight.current.peak >= 20, "at most \(inFlight.current.peak) requests ran at once")
    }

    @Test("A slow responder does not hold up another connection")
    func slowResponderDoesNotBlock() throws {
        let (server, port) = try startServer(ClosureResponder { request in
            if request.method == "CAPTURE" { usleep(3_000_000) }
            return .text(request.method)
        })
        defer { server.stop() }

        let slow = try RawConnection(port: port)
        try slow.sendRequest(method: "CAPTURE", target: "/capture", body: Array("{}".utf8))
        usleep(100_000)
        let started = ContinuousClock.now
        let quick = try roundTrip(port: port, method: "MOSIPDINFO", target: "/info")
        #expect(quick.text == "MOSIPDINFO")
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(try slow.readResponse().text == "CAPTURE")
    }
}
