import Testing
import ZeroMQ

@Suite struct FailureTests {
    @Test func receiveTimeoutReturnsNil() throws {
        let socket = try ZMQSocket(type: .pull)
        try socket.bind(uniqueInproc("timeout"))
        try socket.setReceiveTimeout(milliseconds: 50)
        let start = ContinuousClock.now
        #expect(try socket.receive() == nil)
        #expect(ContinuousClock.now - start >= .milliseconds(40))
    }

    @Test func dontWaitOnEmptySocketReturnsNil() throws {
        let socket = try ZMQSocket(type: .pull)
        try socket.bind(uniqueInproc("dontwait"))
        #expect(try socket.receive(dontWait: true) == nil)
    }

    @Test func dontWaitSendWithoutPeerReturnsFalse() throws {
        let push = try ZMQSocket(type: .push)
        try push.bind(uniqueInproc("nopeer"))
        #expect(try push.send([[1]], dontWait: true) == false)
    }

    @Test func bindingAnAddressInUseThrows() throws {
        let first = try ZMQSocket(type: .pull)
        let second = try ZMQSocket(type: .pull)
        let endpoint = try bindLoopback(first)
        #expect(throws: ZMQError.addressInUse) { try second.bind(endpoint) }
        do {
            try second.bind(endpoint)
        } catch {
            #expect(!error.description.isEmpty)
        }
    }

    @Test func invalidEndpointThrows() throws {
        let socket = try ZMQSocket(type: .pull)
        #expect(throws: ZMQError.self) { try socket.bind("nonsense://x") }
    }

    @Test func socketUsedAfterCloseThrowsNotSocket() throws {
        let socket = try ZMQSocket(type: .pair)
        socket.close()
        socket.close()  // idempotent
        #expect(socket.isClosed)
        #expect(throws: ZMQError.notSocket) { try socket.bind(uniqueInproc("closed")) }
        #expect(throws: ZMQError.notSocket) { try socket.connect(uniqueInproc("closed")) }
        #expect(throws: ZMQError.notSocket) { try socket.send([[1]]) }
        #expect(throws: ZMQError.notSocket) { try socket.receive(dontWait: true) }
        #expect(throws: ZMQError.notSocket) { try socket.lastEndpoint }
        #expect(throws: ZMQError.notSocket) { try socket.setLinger(milliseconds: 0) }
        #expect(throws: ZMQError.notSocket) {
            try Poller.poll([(.socket(socket), .readable)], timeoutMilliseconds: 0)
        }
    }

    @Test func ownContextOutlivesItsSockets() throws {
        var context: ZMQContext? = try ZMQContext()
        let socket = try ZMQSocket(context!, type: .pair)
        context = nil  // the socket still retains it
        try socket.bind(uniqueInproc("own-context"))
        socket.close()
    }

    @Test func errorEqualityIsByCode() {
        #expect(ZMQError(code: ZMQError.again.code) == .again)
        #expect(ZMQError.again != .terminated)
    }
}
