import Foundation
import Glibc

/// Reads a STREAM answer part by part, the way MOSIP's registration client does: it looks for `Content-Length:` and
/// takes that many bytes after the blank line (mosip-clients.md §a.6). Sends HTTP/1.0 so the body is not chunked.
public final class PreviewReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    public private(set) var status = 0
    public private(set) var headers: [(String, String)] = []

    public init(port: Int, method: String = "STREAM", path: String = "/stream", body: [UInt8], timeout: Double = 15) throws {
        let client = HTTPClient(port: port, timeout: timeout)
        fd = try client.connect(timeout: timeout)
        let head = "\(method) \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(body.count)\r\n\r\n"
        try client.writeAll(fd, Array(head.utf8) + body)  // on a throw from here on, deinit closes the socket
        guard let end = try readUntil([13, 10, 13, 10]) else { throw HTTPClient.Failure(description: "no response head") }
        (status, headers) = try HTTPClient.parseHead(Array(buffer[0..<end]))
        buffer.removeFirst(end + 4)
    }

    deinit { Glibc.close(fd) }

    public func header(_ name: String) -> String? { HTTPClient.header(name, in: headers) }

    /// The next JPEG part, or nil when the stream ended.
    public func nextPart() throws -> [UInt8]? {
        guard let at = try readUntil(Array("Content-Length:".utf8)) else { return nil }
        buffer.removeFirst(at + "Content-Length:".utf8.count)
        guard let lineEnd = try readUntil([13, 10]) else { return nil }
        guard let length = Int(String(decoding: buffer[0..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)) else {
            throw HTTPClient.Failure(description: "bad Content-Length")
        }
        guard let blank = try readUntil([13, 10, 13, 10]) else { return nil }
        buffer.removeFirst(blank + 4)
        while buffer.count < length { guard fill() else { return nil } }
        let part = Array(buffer[0..<length])
        buffer.removeFirst(length)
        return part
    }

    public func close() { shutdown(fd, Int32(SHUT_RDWR)) }

    private func readUntil(_ needle: [UInt8]) throws -> Int? {
        var searched = 0
        while true {
            if let i = HTTPClient.find(needle, in: Array(buffer[searched...])) { return searched + i }
            searched = max(0, buffer.count - needle.count)
            guard fill() else { return nil }
        }
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { return false }
        buffer += chunk[0..<n]
        return true
    }
}
