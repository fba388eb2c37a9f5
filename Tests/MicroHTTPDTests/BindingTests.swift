import Glibc
import HTTPCore
import MicroHTTPD
import Testing

/// A TCP socket listening on 127.0.0.1, holding a port taken.
final class PortHolder {
    let fd: Int32
    let port: Int

    init(port requested: Int = 0) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(requested).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            Glibc.close(fd)
            throw ClientError("cannot hold port \(requested): errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { Glibc.close(fd) }
}

/// Listening TCP sockets from /proc/net/tcp as (local address hex, port).
func listeningSockets() -> [(address: String, port: Int)] {
    guard let file = fopen("/proc/net/tcp", "r") else { return [] }
    defer { fclose(file) }
    var result: [(String, Int)] = []
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    while getline(&line, &capacity, file) > 0 {
        let fields = String(cString: line!).split(separator: " ")
        guard fields.count > 3, fields[3] == "0A" else { continue }  // 0A: LISTEN
        let local = fields[1].split(separator: ":")
        guard local.count == 2, let port = Int(local[1], radix: 16) else { continue }
        result.append((String(local[0]), port))
    }
    free(line)
    return result
}

/// The machine's IPv4 addresses other than loopback.
func otherIPv4Addresses() -> [String] {
    var list: UnsafeMutablePointer<ifaddrs>?
    guard getifaddrs(&list) == 0 else { return [] }
    defer { freeifaddrs(list) }
    var addresses: [String] = []
    var cursor = list
    while let entry = cursor {
        defer { cursor = entry.pointee.ifa_next }
        guard let raw = entry.pointee.ifa_addr, raw.pointee.sa_family == sa_family_t(AF_INET) else { continue }
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
            var inAddress = address.pointee.sin_addr
            _ = inet_ntop(AF_INET, &inAddress, &text, socklen_t(text.count))
        }
        let string = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if !string.hasPrefix("127.") { addresses.append(string) }
    }
    return addresses
}

@Suite("Binding and lifecycle")
struct BindingTests {
    @Test("The server listens on 127.0.0.1 only")
    func loopbackOnly() throws {
        let (server, port) = try startServer(RecordingResponder())
        defer { server.stop() }

        let listening = listeningSockets().filter { $0.port == port }
        #expect(listening.count == 1)
        #expect(listening.first?.address == "0100007F")  // 127.0.0.1, as /proc/net/tcp spells it
        for address in otherIPv4Addresses() {
            #expect(throws: ClientError.self, "reachable on \(address)") {
                _ = try RawConnection(host: address, port: port)
            }
        }
    }

    @Test("A taken first port is skipped for the next one")
    func skipsTakenPort() throws {
        let holder = try PortHolder()
        let candidate = holder.port + 1
        let nextIsFree = (try? PortHolder(port: candidate)) != nil
        let configuration = HTTPServerConfiguration(ports: holder.port...(holder.port + 20))
        let server = HTTPServer(configuration: configuration, responder: RecordingResponder())
        defer { server.stop() }

        let port = try server.start()
        #expect(port != holder.port)
        #expect(configuration.ports.contains(port))
        if nextIsFree { #expect(port == candidate) }
        #expect(server.port == port)
        #expect(try roundTrip(port: port, method: "MOSIPDISC", target: "/device").status == 200)
    }

    @Test("No free port in range throws noFreePort")
    func noFreePort() throws {
        let holder = try PortHolder()
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(ports: holder.port...holder.port), responder: RecordingResponder())
        #expect(throws: HTTPServerError(.noFreePort)) { try server.start() }
        #expect(server.port == nil)
    }

    @Test("Bad configurations are refused")
    func badConfiguration() {
        let badHost = HTTPServer(
            configuration: HTTPServerConfiguration(host: "localhost", ports: 0...0), responder: RecordingResponder())
        #expect(throws: HTTPServerError(.invalidHost)) { try badHost.start() }
        let badPorts = HTTPServer(
            configuration: HTTPServerConfiguration(ports: 65530...65540), responder: RecordingResponder())
        #expect(throws: HTTPServerError(.invalidConfiguration)) { try badPorts.start() }
    }

    @Test("start() twice throws alreadyRunning; stop() frees the port and is idempotent")
    func stopFreesPort() throws {
        let (server, port) = try startServer(RecordingResponder())
        #expect(throws: HTTPServerError(.alreadyRunning)) { try server.start() }
        #expect(try roundTrip(port: port, method: "GET", target: "/").status == 200)

        server.stop()
        server.stop()
        #expect(server.port == nil)
        #expect(throws: ClientError.self) { _ = try RawConnection(port: port) }

        let again = HTTPServer(
            configuration: HTTPServerConfiguration(ports: port...port), responder: RecordingResponder())
        defer { again.stop() }
        #expect(try again.start() == port)
        #expect(try roundTrip(port: port, method: "GET", target: "/").status == 200)
    }
}
