/// Identifies the body type of a bus message.
public struct MessageKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public var description: String { "kind(\(rawValue))" }
}

/// A message body with a hand-written binary codec.
public protocol BusMessage: Sendable {
    static var kind: MessageKind { get }
    init(from reader: inout WireReader) throws(WireError)
    func encode(into writer: inout WireWriter)
}

extension BusMessage {
    public func encoded() -> [UInt8] {
        var w = WireWriter()
        encode(into: &w)
        return w.bytes
    }

    public init(decoding bytes: [UInt8]) throws(WireError) {
        var r = WireReader(bytes)
        self = try Self(from: &r)
        try r.finish()
    }
}

/// The frames of one bus message: `[header, body]` (a ROUTER prepends the peer identity).
///
/// Header, 13 bytes, big-endian:
/// ```
/// version   u8    = 1
/// kind      u16   body type (MessageKind)
/// status    u16   0 = ok; otherwise the body is an ErrorReply
/// requestId u64   chosen by the caller, echoed in the reply
/// ```
public struct Envelope: Sendable, Equatable {
    public static let version: UInt8 = 1
    public static let headerSize = 13

    public var kind: MessageKind
    public var status: UInt16
    public var requestId: UInt64
    public var body: [UInt8]

    public init(kind: MessageKind, status: UInt16 = 0, requestId: UInt64, body: [UInt8]) {
        self.kind = kind
        self.status = status
        self.requestId = requestId
        self.body = body
    }

    public init(_ message: some BusMessage, requestId: UInt64) {
        self.init(kind: type(of: message).kind, requestId: requestId, body: message.encoded())
    }

    public static func failure(_ error: ErrorReply, requestId: UInt64) -> Envelope {
        Envelope(kind: ErrorReply.kind, status: error.code.rawValue, requestId: requestId, body: error.encoded())
    }

    public var frames: [[UInt8]] {
        var w = WireWriter(capacity: Envelope.headerSize)
        w.u8(Envelope.version)
        w.u16(kind.rawValue)
        w.u16(status)
        w.u64(requestId)
        return [w.bytes, body]
    }

    public init(frames: some Collection<[UInt8]>) throws(WireError) {
        guard frames.count == 2, let header = frames.first, let body = frames.dropFirst().first else {
            throw WireError(.missingFrame, "expected 2 frames, got \(frames.count)")
        }
        var r = WireReader(header)
        let version = try r.u8()
        guard version == Envelope.version else { throw WireError(.unsupportedVersion, "\(version)") }
        kind = MessageKind(rawValue: try r.u16())
        status = try r.u16()
        requestId = try r.u64()
        try r.finish()
        self.body = body
    }

    /// Decodes the body as `M`, or throws the peer's `ErrorReply` if the status says it failed.
    public func decode<M: BusMessage>(_: M.Type) throws -> M {
        if status != 0 || kind == ErrorReply.kind { throw try ErrorReply(decoding: body) }
        guard kind == M.kind else { throw WireError(.unexpectedKind, "expected \(M.kind), got \(kind)") }
        return try M(decoding: body)
    }
}

/// A failed request, as answered by a stage. Its message is meant for logs: never biometric data or key material.
public struct ErrorReply: BusMessage, Error, Equatable, CustomStringConvertible {
    public static let kind = MessageKind(rawValue: 1)

    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        public static let badRequest = Code(rawValue: 400)
        public static let notFound = Code(rawValue: 404)
        public static let unsupported = Code(rawValue: 405)
        public static let conflict = Code(rawValue: 409)
        public static let internalError = Code(rawValue: 500)
        public static let unavailable = Code(rawValue: 503)
        public static let timeout = Code(rawValue: 504)
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public init(from r: inout WireReader) throws(WireError) {
        code = Code(rawValue: try r.u16())
        message = try r.string()
    }

    public func encode(into w: inout WireWriter) {
        w.u16(code.rawValue)
        w.string(message)
    }

    public var description: String { "\(code.rawValue) \(message)" }
}
