import Foundation
import ZeroMQ

/// A unique in-process endpoint name per call, so parallel tests never collide.
func uniqueInproc(_ label: String) -> String {
    "inproc://\(label)-\(UUID().uuidString)"
}

/// Binds `socket` to an ephemeral loopback TCP port and returns the resolved endpoint.
func bindLoopback(_ socket: ZMQSocket) throws -> String {
    try socket.bind("tcp://127.0.0.1:*")
    return try socket.lastEndpoint
}
