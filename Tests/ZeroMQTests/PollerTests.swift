import Glibc
import Testing
import ZeroMQ

@Suite struct PollerTests {
    @Test func pollsTwoSocketsAndAPipe() throws {
        let endpointA = uniqueInproc("poll-a")
        let endpointB = uniqueInproc("poll-b")
        let a = try ZMQSocket(type: .pull)
        let b = try ZMQSocket(type: .pull)
        let feedA = try ZMQSocket(type: .push)
        try a.bind(endpointA)
        try b.bind(endpointB)
        try feedA.connect(endpointA)

        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        let targets: [(PollTarget, PollEvents)] = [
            (.socket(a), .readable), (.socket(b), .readable), (.fileDescriptor(fds[0]), .readable),
        ]

        #expect(try Poller.poll(targets, timeoutMilliseconds: 0) == [[], [], []])

        var byte: UInt8 = 7
        #expect(write(fds[1], &byte, 1) == 1)
        #expect(try Poller.poll(targets, timeoutMilliseconds: 1000) == [[], [], .readable])
        #expect(read(fds[0], &byte, 1) == 1)

        #expect(try feedA.send([[1]]))
        #expect(try Poller.poll(targets, timeoutMilliseconds: 1000) == [.readable, [], []])
        #expect(try a.receive(dontWait: true) == [[1]])
        #expect(try Poller.poll(targets, timeoutMilliseconds: 0) == [[], [], []])
    }

    @Test func writableAndTimeout() throws {
        let endpoint = uniqueInproc("poll-w")
        let a = try ZMQSocket(type: .pair)
        let b = try ZMQSocket(type: .pair)
        try a.bind(endpoint)
        try b.connect(endpoint)
        #expect(try Poller.poll([(.socket(b), [.readable, .writable])], timeoutMilliseconds: 100) == [.writable])
        let start = ContinuousClock.now
        #expect(try Poller.poll([(.socket(b), .readable)], timeoutMilliseconds: 50) == [[]])
        #expect(ContinuousClock.now - start >= .milliseconds(40))
    }
}
