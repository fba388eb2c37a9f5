import Testing
import ZeroMQ

@Suite struct RoutingTests {
    @Test func dealerRouterDealerWithIdentities() throws {
        let router = try ZMQSocket(type: .router)
        let alice = try ZMQSocket(type: .dealer)
        let bob = try ZMQSocket(type: .dealer)
        try router.setRouterMandatory(true)
        try router.setReceiveTimeout(milliseconds: 5000)
        try alice.setIdentity(Array("alice".utf8))
        try bob.setIdentity(Array("bob".utf8))
        try alice.setReceiveTimeout(milliseconds: 5000)
        try bob.setReceiveTimeout(milliseconds: 5000)
        let endpoint = try bindLoopback(router)
        try alice.connect(endpoint)
        try bob.connect(endpoint)

        // A ROUTER_MANDATORY router knows a peer only once its handshake is done, which
        // `connect` does not wait for: Bob announces himself first, so the router can route to him.
        #expect(try bob.send([Array("ready".utf8)]))
        #expect(try router.receive() == [Array("bob".utf8), Array("ready".utf8)])

        // Alice addresses Bob through the router; the router sees Alice's identity prepended.
        #expect(try alice.send([Array("bob".utf8), Array("hello".utf8)]))
        let routed = try #require(try router.receive())
        #expect(routed == [Array("alice".utf8), Array("bob".utf8), Array("hello".utf8)])

        // The router forwards to Bob, telling him who sent it.
        #expect(try router.send([routed[1], routed[0], routed[2]]))
        #expect(try bob.receive() == [Array("alice".utf8), Array("hello".utf8)])
    }

    @Test func routerMandatoryToUnknownIdentityThrows() throws {
        let router = try ZMQSocket(type: .router)
        try router.setRouterMandatory(true)
        try router.bind(uniqueInproc("mandatory"))
        #expect(throws: ZMQError.hostUnreachable) {
            try router.send([Array("nobody".utf8), [1]])
        }
    }

    @Test func heartbeatAndQueueOptionsAreAccepted() throws {
        let socket = try ZMQSocket(type: .dealer)
        try socket.setHeartbeat(interval: 1000, timeout: 3000, ttl: 6000)
        try socket.setSendHighWaterMark(100)
        try socket.setReceiveHighWaterMark(100)
        try socket.setSendTimeout(milliseconds: 10)
        try socket.setImmediate(true)
        try socket.setIPv6(true)
        try socket.setMaxMessageSize(16 * 1024 * 1024)
        try socket.setLinger(milliseconds: 0)
    }
}
