internal import HTTPCore
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// One streamed response in flight: hands MHD the producer's pieces in slices that fit MHD's buffer, and
/// closes the producer exactly once. Retained by MHD through the content reader's `cls` and released by the
/// content reader's free callback (which MHD calls when the response ends, including on client disconnect).
final class StreamState: @unchecked Sendable {
    /// MHD_CONTENT_READER_END_OF_STREAM: the body is complete.
    static let endOfStream = -1
    /// MHD_CONTENT_READER_END_WITH_ERROR: abort the response and close the connection.
    static let endWithError = -2

    private let stream: any HTTPBodyStream
    private let socket: Int32
    private weak var context: ServerContext?
    private let closed = Locked(false)
    // Touched only by the connection thread, inside MHD's content reader callback.
    private var pending: [UInt8] = []
    private var pendingOffset = 0

    init(stream: any HTTPBodyStream, socket: Int32, context: ServerContext) {
        self.stream = stream
        self.socket = socket
        self.context = context
    }

    private var isClosed: Bool { closed.withLock { $0 } }

    /// Copies up to `capacity` bytes of the body into `buffer`, asking the producer for more when nothing is
    /// pending. Returns the number of bytes copied, `endOfStream` or `endWithError`.
    func fill(_ buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
        guard capacity > 0 else { return Self.endWithError }
        while pendingOffset >= pending.count {
            if isClosed || clientHungUp() { return Self.endWithError }
            guard let piece = stream.next() else { return Self.endOfStream }
            if isClosed { return Self.endWithError }
            pending = piece
            pendingOffset = 0
        }
        let count = min(capacity, pending.count - pendingOffset)
        pending.withUnsafeBytes { source in
            buffer.copyMemory(from: source.baseAddress! + pendingOffset, byteCount: count)
        }
        pendingOffset += count
        return count
    }

    /// Closes the producer (once, whoever calls first) and forgets the stream.
    func finish() {
        let first = closed.withLock { closed -> Bool in
            defer { closed = true }
            return !closed
        }
        if first { stream.close() }
        context?.unregister(self)
    }

    /// Whether the client has already closed its side: checked before asking for another piece, which may block.
    private func clientHungUp() -> Bool {
        #if os(Linux)
        guard socket >= 0 else { return false }
        let peerClosed: Int16 = 0x2000  // POLLRDHUP, which Glibc only declares under _GNU_SOURCE
        var entry = pollfd(fd: socket, events: peerClosed, revents: 0)
        guard poll(&entry, 1, 0) == 1 else { return false }
        return entry.revents & (peerClosed | Int16(POLLHUP | POLLERR | POLLNVAL)) != 0
        #else
        return false
        #endif
    }
}
