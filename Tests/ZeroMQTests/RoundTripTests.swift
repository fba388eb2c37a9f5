import Foundation
import Testing
import ZeroMQ

@Suite struct RoundTripTests {
    @Test func versionIsFour() {
        #expect(ZMQContext.version.0 == 4)
    }

    @Test func inprocPairRoundTrip() throws {
        let endpoint = uniqueInproc("pair")
        let a = try ZMQSocket(type: .pair)
        let b = try ZMQSocket(type: .pair)
        try a.bind(endpoint)
        try b.connect(endpoint)
        #expect(try a.lastEndpoint == endpoint)
        #expect(try b.send([[1, 2, 3]]))
        #expect(try a.receive() == [[1, 2, 3]])
        #expect(try a.send([Array("reply".utf8)]))
        #expect(try b.receive() == [Array("reply".utf8)])
    }

    @Test func tcpRequestReplyOnWildcardPort() throws {
        let rep = try ZMQSocket(type: .rep)
        let req = try ZMQSocket(type: .req)
        let endpoint = try bindLoopback(rep)
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        #expect(!endpoint.hasSuffix(":*"))
        try req.connect(endpoint)
        try rep.setReceiveTimeout(milliseconds: 5000)
        try req.setReceiveTimeout(milliseconds: 5000)
        #expect(try req.send([Array("ping".utf8)]))
        #expect(try rep.receive() == [Array("ping".utf8)])
        #expect(try rep.send([Array("pong".utf8)]))
        #expect(try req.receive() == [Array("pong".utf8)])
    }

    @Test func ipcEndpointInTemporaryDirectory() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("zmq-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let endpoint = "ipc://\(directory.path)/bus.sock"
        let pull = try ZMQSocket(type: .pull)
        let push = try ZMQSocket(type: .push)
        try pull.bind(endpoint)
        try push.connect(endpoint)
        #expect(try pull.lastEndpoint == endpoint)
        try pull.setReceiveTimeout(milliseconds: 5000)
        #expect(try push.send([[42], [43]]))
        #expect(try pull.receive() == [[42], [43]])
    }

    @Test func publishSubscribeFiltersByPrefix() throws {
        let endpoint = uniqueInproc("pubsub")
        let pub = try ZMQSocket(type: .pub)
        let sub = try ZMQSocket(type: .sub)
        try pub.bind(endpoint)
        try sub.subscribe([0x01])
        try sub.connect(endpoint)
        try sub.setReceiveTimeout(milliseconds: 20)
        // The subscription reaches the publisher asynchronously; publish until it takes effect.
        var received: [[UInt8]]?
        for _ in 0..<250 where received == nil {
            try pub.send([[0x02, 9]])
            try pub.send([[0x01, 7]])
            received = try sub.receive()
        }
        #expect(received == [[0x01, 7]])
    }

    @Test func multipartWithEmptyAndLargeFrames() throws {
        let endpoint = uniqueInproc("multipart")
        let a = try ZMQSocket(type: .pair)
        let b = try ZMQSocket(type: .pair)
        try a.bind(endpoint)
        try b.connect(endpoint)
        let large = (0..<5 * 1024 * 1024).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let frames: [[UInt8]] = [Array("head".utf8), [], large, [0]]
        #expect(try b.send(frames))
        let received = try #require(try a.receive())
        #expect(received.count == 4)
        #expect(received[1].isEmpty)
        #expect(received == frames)
    }

    @Test func largeFrameOverTCP() throws {
        let pull = try ZMQSocket(type: .pull)
        let push = try ZMQSocket(type: .push)
        try push.connect(try bindLoopback(pull))
        try pull.setReceiveTimeout(milliseconds: 10_000)
        let large = [UInt8](repeating: 0xAB, count: 5 * 1024 * 1024)
        #expect(try push.send([[], large]))
        #expect(try pull.receive() == [[], large])
    }
}
