import Foundation
import Synchronization

/// Severity, ordered. Library code logs at `info` or below; `warning` and above are for operators.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }

    public var name: String {
        switch self {
        case .trace: "TRACE"
        case .debug: "DEBUG"
        case .info: "INFO"
        case .notice: "NOTICE"
        case .warning: "WARN"
        case .error: "ERROR"
        case .critical: "FATAL"
        }
    }

    public init?(name: String) {
        guard let level = LogLevel.allCases.first(where: { $0.name.lowercased() == name.lowercased() || "\($0)" == name.lowercased() })
        else { return nil }
        self = level
    }

    /// OpenTelemetry SeverityNumber (logs data model).
    var severityNumber: Int {
        switch self {
        case .trace: 1
        case .debug: 5
        case .info: 9
        case .notice: 10
        case .warning: 13
        case .error: 17
        case .critical: 21
        }
    }
}

/// Where log records go. Handlers are values; the process installs one at start-up.
public protocol LogHandler: Sendable {
    func log(level: LogLevel, message: String, metadata: [(String, String)], source: String)
}

/// A small structured logger: a constant message plus dotted-key metadata (`capture.id`, `device.id`).
///
/// Never put biometric data, key material or whole JWS values in metadata: log identifiers and digests only.
public struct Logger: Sendable {
    public var label: String
    public var level: LogLevel
    public var metadata: [(String, String)]
    private let handler: any LogHandler

    public init(label: String, level: LogLevel = .info, handler: any LogHandler = JSONLinesLogHandler.standardError) {
        self.label = label
        self.level = level
        self.metadata = []
        self.handler = handler
    }

    public func with(_ key: String, _ value: String) -> Logger {
        var copy = self
        copy.metadata.append((key, value))
        return copy
    }

    public func log(_ level: LogLevel, _ message: String, _ metadata: [(String, String)] = []) {
        guard level >= self.level else { return }
        handler.log(level: level, message: message, metadata: self.metadata + metadata, source: label)
    }

    public func trace(_ m: String, _ md: [(String, String)] = []) { log(.trace, m, md) }
    public func debug(_ m: String, _ md: [(String, String)] = []) { log(.debug, m, md) }
    public func info(_ m: String, _ md: [(String, String)] = []) { log(.info, m, md) }
    public func notice(_ m: String, _ md: [(String, String)] = []) { log(.notice, m, md) }
    public func warning(_ m: String, _ md: [(String, String)] = []) { log(.warning, m, md) }
    public func error(_ m: String, _ md: [(String, String)] = []) { log(.error, m, md) }
}

/// JSON Lines on a file descriptor with OpenTelemetry field names (Timestamp, SeverityText, SeverityNumber, Body,
/// Resource, Attributes), one write(2) per record so lines from concurrent threads never interleave.
public struct JSONLinesLogHandler: LogHandler {
    public static let standardError = JSONLinesLogHandler(fileDescriptor: 2)
    private let fileDescriptor: Int32

    public init(fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

    public func log(level: LogLevel, message: String, metadata: [(String, String)], source: String) {
        var line = "{\"Timestamp\":\"\(Timestamp.iso8601Millis(Date()))\",\"SeverityText\":\"\(level.name)\","
        line += "\"SeverityNumber\":\(level.severityNumber),\"Resource\":{\"service.name\":\(quote(source))},"
        line += "\"Body\":\(quote(message))"
        if !metadata.isEmpty {
            line += ",\"Attributes\":{" + metadata.map { "\(quote($0.0)):\(quote($0.1))" }.joined(separator: ",") + "}"
        }
        line += "}\n"
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue } else { return } }
                offset += n
            }
        }
    }

    private func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

/// Keeps records in memory; for tests that assert on what was (and was not) logged.
public final class InMemoryLogHandler: LogHandler {
    public struct Record: Sendable {
        public let level: LogLevel
        public let message: String
        public let metadata: [(String, String)]
    }
    private let storage = Mutex<[Record]>([])

    public init() {}

    public func log(level: LogLevel, message: String, metadata: [(String, String)], source: String) {
        storage.withLock { $0.append(Record(level: level, message: message, metadata: metadata)) }
    }

    public var records: [Record] { storage.withLock { $0 } }
}
