internal import CZeroMQ

extension ZMQSocket {
    /// Sends one message made of `frames` (each but the last with `ZMQ_SNDMORE`); libzmq copies the bytes.
    /// An empty `frames` sends nothing and returns `true`.
    /// - Parameter dontWait: fail fast instead of blocking when the message cannot be queued.
    /// - Returns: `false` when the message could not be queued without blocking (`dontWait`) or within the send
    ///   timeout; nothing of it was sent then.
    /// - Throws: `ZMQError`, e.g. `.hostUnreachable` from a ROUTER with `routerMandatory`.
    /// The corresponding C function is `zmq_send`.
    @discardableResult
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws(ZMQError) -> Bool {
        let socket = try handle
        let wait = dontWait ? ZMQ_DONTWAIT : 0
        for (index, frame) in frames.enumerated() {
            let flags = wait | (index < frames.count - 1 ? ZMQ_SNDMORE : 0)
            let sent = try ZMQCall.attempt {
                frame.withUnsafeBytes { zmq_send(socket, $0.baseAddress, $0.count, flags) }
            }
            if sent == nil {
                // libzmq queues multipart messages atomically: only the first frame can be refused.
                guard index == 0 else { throw .again }
                return false
            }
        }
        return true
    }

    /// Receives all frames of one message, of any size.
    /// - Parameter dontWait: return at once when no message is waiting.
    /// - Returns: the frames, or `nil` when no message arrived (`dontWait`, or the receive timeout elapsed).
    /// The corresponding C function is `zmq_msg_recv`.
    public func receive(dontWait: Bool = false) throws(ZMQError) -> [[UInt8]]? {
        let socket = try handle
        // Heap-allocated so the zmq_msg_t never moves while libzmq owns its contents.
        let message = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: 1)
        zmq_msg_init(message)
        defer {
            zmq_msg_close(message)
            message.deallocate()
        }
        var frames: [[UInt8]] = []
        repeat {
            let flags = frames.isEmpty && dontWait ? ZMQ_DONTWAIT : 0
            guard try ZMQCall.attempt({ zmq_msg_recv(message, socket, flags) }) != nil else {
                // Later frames of a message arrive together with the first one.
                guard frames.isEmpty else { throw .again }
                return nil
            }
            let size = zmq_msg_size(message)
            let data = zmq_msg_data(message)
            frames.append([UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                if size > 0, let data, let base = buffer.baseAddress {
                    base.update(from: data.assumingMemoryBound(to: UInt8.self), count: size)
                }
                count = size
            })
        } while zmq_msg_more(message) != 0
        return frames
    }
}
