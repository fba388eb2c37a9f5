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
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { Glibc.close(fd); throw HTTPClient.Failure(description: "connect: \(String(cString: strerror(errno)))") }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let head = "\(method) \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(body.count)\r\n\r\n"
        let request = Array(head.utf8) + body
        _ = request.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard let end = try readUntil([13, 10, 13, 10]) else { throw HTTPClient.Failure(description: "no response head") }
        (status, headers) = try HTTPClient.parseHead(Array(buffer[0..<end]))
        buffer.removeFirst(end + 4)
    }

    deinit { Glibc.close(fd) }

    public func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }

    /// The rest of the body (for error answers, which are one JSON object).
    public func remainingBody() -> [UInt8] {
        while fill() {}
        return buffer
    }

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
