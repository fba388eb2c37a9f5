internal import CZeroMQ

/// Typed setters for the socket options the service uses. Set options before `bind`/`connect` unless libzmq
/// documents them as effective later.
extension ZMQSocket {
    /// How long unsent messages are kept after `close` (`ZMQ_LINGER`); 0 discards them, -1 waits forever.
    /// The corresponding C function is `zmq_setsockopt`.
    public func setLinger(milliseconds: Int32) throws(ZMQError) {
        try setOption(ZMQ_LINGER, milliseconds)
    }

    /// How long a blocking `receive` waits before returning `nil` (`ZMQ_RCVTIMEO`); -1 waits forever.
    /// The corresponding C function is `zmq_setsockopt`.
    public func setReceiveTimeout(milliseconds: Int32) throws(ZMQError) {
        try setOption(ZMQ_RCVTIMEO, milliseconds)
    }

    /// How long a blocking `send` waits before returning `false` (`ZMQ_SNDTIMEO`); -1 waits forever.
    /// The corresponding C function is `zmq_setsockopt`.
    public func setSendTimeout(milliseconds: Int32) throws(ZMQError) {
        try setOption(ZMQ_SNDTIMEO, milliseconds)
    }

    /// The outbound queue limit in messages (`ZMQ_SNDHWM`); 0 means no limit.
    /// The corresponding C function is `zmq_setsockopt`.
    public func setSendHighWaterMark(_ messages: Int32) throws(ZMQError) {
        try setOption(ZMQ_SNDHWM, messages)
    }

    /// The inbound queue limit in messages (`ZMQ_RCVHWM`); 0 means no limit.
    /// The corresponding C function is `zmq_setsockopt`.
    public func setReceiveHighWaterMark(_ messages: Int32) throws(ZMQError) {
        try setOption(ZMQ_RCVHWM, messages)
    }

    /// Whether a ROUTER reports unroutable messages as `EHOSTUNREACH` instead of dropping them
    /// (`ZMQ_ROUTER_MANDATORY`).
    /// The corresponding C function is `zmq_setsockopt`.
    public func setRouterMandatory(_ enabled: Bool) throws(ZMQError) {
        try setOption(ZMQ_ROUTER_MANDATORY, enabled ? 1 : 0)
    }

    /// Whether messages queue only to completed connections (`ZMQ_IMMEDIATE`).
    /// The corresponding C function is `zmq_setsockopt`.
    public func setImmediate(_ enabled: Bool) throws(ZMQError) {
        try setOption(ZMQ_IMMEDIATE, enabled ? 1 : 0)
    }

    /// The routing identity peers' ROUTER sockets see for this socket (`ZMQ_ROUTING_ID`); 1…255 bytes.
    /// The corresponding C function is `zmq_setsockopt`.
    public func setIdentity(_ identity: [UInt8]) throws(ZMQError) {
        try setOption(ZMQ_ROUTING_ID, bytes: identity)
    }

    /// ZMTP heartbeats: ping every `interval` ms (`ZMQ_HEARTBEAT_IVL`), drop the connection when no traffic
    /// arrives within `timeout` ms (`ZMQ_HEARTBEAT_TIMEOUT`), and ask the peer to time out after `ttl` ms
    /// (`ZMQ_HEARTBEAT_TTL`). 0 disables each.
    /// The corresponding C function is `zmq_setsockopt`.
    public func setHeartbeat(interval: Int32, timeout: Int32, ttl: Int32) throws(ZMQError) {
        try setOption(ZMQ_HEARTBEAT_IVL, interval)
        try setOption(ZMQ_HEARTBEAT_TIMEOUT, timeout)
        try setOption(ZMQ_HEARTBEAT_TTL, ttl)
    }

    /// On a SUB socket, receives messages whose first frame starts with `prefix` (`ZMQ_SUBSCRIBE`);
    /// an empty prefix receives everything.
    /// The corresponding C function is `zmq_setsockopt`.
    public func subscribe(_ prefix: [UInt8] = []) throws(ZMQError) {
        try setOption(ZMQ_SUBSCRIBE, bytes: prefix)
    }

    /// Removes a subscription added with `subscribe` (`ZMQ_UNSUBSCRIBE`).
    /// The corresponding C function is `zmq_setsockopt`.
    public func unsubscribe(_ prefix: [UInt8] = []) throws(ZMQError) {
        try setOption(ZMQ_UNSUBSCRIBE, bytes: prefix)
    }

    /// Whether TCP endpoints may use IPv6 (`ZMQ_IPV6`).
    /// The corresponding C function is `zmq_setsockopt`.
    public func setIPv6(_ enabled: Bool) throws(ZMQError) {
        try setOption(ZMQ_IPV6, enabled ? 1 : 0)
    }

    /// The largest inbound message in bytes before the peer is disconnected (`ZMQ_MAXMSGSIZE`); -1 is unlimited.
    /// The corresponding C function is `zmq_setsockopt`.
    public func setMaxMessageSize(_ bytes: Int64) throws(ZMQError) {
        let socket = try handle
        var value = bytes
        try ZMQCall.check { zmq_setsockopt(socket, ZMQ_MAXMSGSIZE, &value, MemoryLayout<Int64>.size) }
    }

    private func setOption(_ option: Int32, _ value: Int32) throws(ZMQError) {
        let socket = try handle
        var value = value
        try ZMQCall.check { zmq_setsockopt(socket, option, &value, MemoryLayout<Int32>.size) }
    }

    private func setOption(_ option: Int32, bytes: [UInt8]) throws(ZMQError) {
        let socket = try handle
        try ZMQCall.check {
            bytes.withUnsafeBytes { zmq_setsockopt(socket, option, $0.baseAddress, $0.count) }
        }
    }
}
