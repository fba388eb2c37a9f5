import Foundation
import Glibc

/// A minimal HTTP/1.1 client over a plain TCP socket. MDS calls use custom methods (MOSIPDISC, CAPTURE…), exact
/// headers (tests forge `Host` and `Origin`), and `Connection: close`, which a raw client states exactly and
/// URLSession does not.
public struct HTTPClient: Sendable {
    public struct Response: Sendable {
        public let status: Int
        public let headers: [(String, String)]
        public let body: [UInt8]

        public func header(_ name: String) -> String? { HTTPClient.header(name, in: headers) }
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public var host: String
    public var port: Int
    public var timeout: Double

    public init(host: String = "127.0.0.1", port: Int, timeout: Double = 10) {
        self.host = host
        self.port = port
        self.timeout = timeout
    }

    /// Whether something accepts TCP connections on the port (the registration client's first probe).
    public func isListening() -> Bool {
        guard let fd = try? connect(timeout: min(timeout, 0.5)) else { return false }
        close(fd)
        return true
    }

    public func send(method: String, path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) throws -> Response {
        let fd = try connect(timeout: timeout)
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\n"
        var names = Set<String>()
        for (name, value) in headers {
            names.insert(name.lowercased())
            head += "\(name): \(value)\r\n"
        }
        if !names.contains("host") { head += "Host: \(host):\(port)\r\n" }
        if let body, !names.contains("content-length") { head += "Content-Length: \(body.count)\r\n" }
        if !names.contains("connection") { head += "Connection: close\r\n" }
        head += "\r\n"
        try writeAll(fd, Array(head.utf8) + (body ?? []))
        return try readResponse(fd)
    }

    /// A connected socket to the service, with receive and send timeouts of `timeout` seconds.
    func connect(timeout: Double) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if rc != 0 {
            guard errno == EINPROGRESS else {
                close(fd)
                throw Failure(description: "connect \(host):\(port): \(String(cString: strerror(errno)))")
            }
            var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard poll(&p, 1, Int32(timeout * 1000)) == 1, getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0, error == 0 else {
                close(fd)
                throw Failure(description: "connect \(host):\(port): \(error != 0 ? String(cString: strerror(error)) : "timed out")")
            }
        }
        _ = fcntl(fd, F_SETFL, flags)
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - floor(timeout)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                // The server may answer and close before reading an oversized body: read what it said.
                if errno == EPIPE || errno == ECONNRESET { return }
                throw Failure(description: "send: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    private func readResponse(_ fd: Int32) throws -> Response {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        var contentLength: Int?
        var parsed: (Int, [(String, String)])?
        while true {
            if let end = headerEnd, let length = contentLength, data.count - end >= length { break }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "receive: \(errno == EAGAIN ? "timed out" : String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            data += buffer[0..<n]
            if headerEnd == nil, let end = Self.find([13, 10, 13, 10], in: data) {
                headerEnd = end + 4
                parsed = try Self.parseHead(Array(data[0..<end]))
                contentLength = parsed!.1.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) }
            }
        }
        guard let end = headerEnd, let (status, headers) = parsed else { throw Failure(description: "incomplete response") }
        var body = Array(data[end...])
        if let length = contentLength, body.count > length { body = Array(body[0..<length]) }
        return Response(status: status, headers: headers, body: body)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<i + needle.count]) == needle { return i }
        }
        return nil
    }

    /// The value of header `name` (any case), the first if repeated.
    static func header(_ name: String, in headers: [(String, String)]) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    static func parseHead(_ head: [UInt8]) throws -> (Int, [(String, String)]) {
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line")
        }
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return (status, headers)
    }
}
