/// Why a bus frame was rejected.
public struct WireError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case truncated, trailingBytes, unsupportedVersion, unexpectedKind, invalidValue, tooLarge, missingFrame
    }
    public let code: Code
    public let detail: String

    public init(_ code: Code, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    public static func == (a: WireError, b: WireError) -> Bool { a.code == b.code }
    public var description: String { detail.isEmpty ? "wire \(code.rawValue)" : "wire \(code.rawValue): \(detail)" }
}

/// Appends big-endian integers and u32-length-prefixed byte strings.
public struct WireWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 64) { bytes.reserveCapacity(capacity) }

    public mutating func u8(_ v: UInt8) { bytes.append(v) }
    public mutating func u16(_ v: UInt16) { bytes.append(UInt8(v >> 8)); bytes.append(UInt8(v & 0xFF)) }
    public mutating func u32(_ v: UInt32) { for s in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(v >> UInt32(s) & 0xFF)) } }
    public mutating func u64(_ v: UInt64) { for s in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(v >> UInt64(s) & 0xFF)) } }
    public mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    public mutating func bool(_ v: Bool) { u8(v ? 1 : 0) }
    public mutating func double(_ v: Double) { u64(v.bitPattern) }
    public mutating func bytes(_ v: [UInt8]) { u32(UInt32(v.count)); bytes.append(contentsOf: v) }
    public mutating func string(_ v: String) { u32(UInt32(v.utf8.count)); bytes.append(contentsOf: v.utf8) }
    public mutating func strings(_ v: [String]) { u32(UInt32(v.count)); v.forEach { string($0) } }
    public mutating func pairs(_ v: [(String, String)]) { u32(UInt32(v.count)); v.forEach { string($0.0); string($0.1) } }
    public mutating func array<T>(_ items: [T], _ each: (inout WireWriter, T) -> Void) {
        u32(UInt32(items.count))
        for item in items { each(&self, item) }
    }
}

/// Reads what `WireWriter` wrote, rejecting truncation, absurd lengths and (via `finish`) trailing bytes.
public struct WireReader: Sendable {
    private let buffer: [UInt8]
    private var offset = 0
    /// Upper bound for any single length prefix; frames never carry more than one image.
    public static let maxLength = 64 << 20

    public init(_ bytes: [UInt8]) { self.buffer = bytes }

    public var remaining: Int { buffer.count - offset }

    private mutating func take(_ n: Int) throws(WireError) -> ArraySlice<UInt8> {
        guard n >= 0, n <= remaining else { throw WireError(.truncated, "need \(n) bytes at \(offset), have \(remaining)") }
        defer { offset += n }
        return buffer[offset..<offset + n]
    }

    /// A big-endian integer read in place (no slice per read).
    private mutating func integer<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) throws(WireError) -> T {
        let n = MemoryLayout<T>.size
        guard n <= remaining else { throw WireError(.truncated, "need \(n) bytes at \(offset), have \(remaining)") }
        var v: T = 0
        for i in offset..<offset + n { v = v << 8 | T(buffer[i]) }
        offset += n
        return v
    }

    public mutating func u8() throws(WireError) -> UInt8 { try integer(UInt8.self) }
    public mutating func u16() throws(WireError) -> UInt16 { try integer(UInt16.self) }
    public mutating func u32() throws(WireError) -> UInt32 { try integer(UInt32.self) }
    public mutating func u64() throws(WireError) -> UInt64 { try integer(UInt64.self) }
    public mutating func i64() throws(WireError) -> Int64 { Int64(bitPattern: try u64()) }
    public mutating func double() throws(WireError) -> Double { Double(bitPattern: try u64()) }

    public mutating func bool() throws(WireError) -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        default: throw WireError(.invalidValue, "bool at \(offset - 1)")
        }
    }

    public mutating func count() throws(WireError) -> Int {
        let n = Int(try u32())
        guard n <= WireReader.maxLength else { throw WireError(.tooLarge, "length \(n) at \(offset - 4)") }
        guard n <= remaining else { throw WireError(.truncated, "length \(n) at \(offset - 4), have \(remaining)") }
        return n
    }

    public mutating func bytes() throws(WireError) -> [UInt8] { Array(try take(count())) }

    public mutating func string() throws(WireError) -> String {
        let raw = try take(count())
        guard let s = String(validating: raw, as: UTF8.self) else { throw WireError(.invalidValue, "utf8 at \(offset)") }
        return s
    }

    public mutating func strings() throws(WireError) -> [String] {
        let n = try count()
        var out: [String] = []
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    public mutating func pairs() throws(WireError) -> [(String, String)] {
        let n = try count()
        var out: [(String, String)] = []
        for _ in 0..<n { out.append((try string(), try string())) }
        return out
    }

    public mutating func array<T>(_ each: (inout WireReader) throws(WireError) -> T) throws(WireError) -> [T] {
        let n = try count()
        var out: [T] = []  // no reserveCapacity(n): a hostile count must not allocate before it fails
        for _ in 0..<n { out.append(try each(&self)) }
        return out
    }

    public func finish() throws(WireError) {
        guard remaining == 0 else { throw WireError(.trailingBytes, "\(remaining) bytes") }
    }
}
