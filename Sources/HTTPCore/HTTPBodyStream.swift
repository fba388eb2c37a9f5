/// A response body produced piece by piece, such as a `multipart/x-mixed-replace` video preview.
///
/// The server never buffers the whole stream: it asks for the next piece only once the previous one is written.
public protocol HTTPBodyStream: Sendable {
    /// The next piece of the body. Called repeatedly on the connection's thread, one call at a time; may block
    /// (e.g. waiting for the next video frame). Return nil to end the stream. An empty array is skipped.
    func next() -> [UInt8]?

    /// Called exactly once when the response ends: finished, failed, the client went away, or the server is
    /// stopping. When the server stops, `close()` may run on another thread while `next()` is blocked (or about
    /// to be called): from then on `next()` should return nil promptly, or the server's `stop()` waits for it.
    func close()
}
