#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Builds the IPv4 socket address for `host:port`, or nil when `host` is not an IPv4 literal.
func ipv4SocketAddress(host: String, port: Int) -> sockaddr_in? {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    let parsed = host.withCString { inet_pton(AF_INET, $0, &address.sin_addr) }
    guard parsed == 1 else { return nil }
    #if canImport(Darwin)
    address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
    #endif
    return address
}
