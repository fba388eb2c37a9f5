/// A command-line error: the process exits with `ExitCode.usage` (64) and prints the message.
public struct ValidationError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Conventional exit codes (sysexits.h).
public enum ExitCode: Int32, Sendable {
    case success = 0
    case failure = 1
    case usage = 64
    case unavailable = 69
    case software = 70
    case config = 78
}

/// `--name value`, `--name=value` and `--flag` arguments, read once and checked for leftovers, in the spirit of
/// swift-argument-parser without the dependency.
public struct Arguments: Sendable {
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []
    private var consumed: Set<String> = []
    public private(set) var positional: [String] = []

    /// - Parameter flagNames: options that take no value.
    public init(_ arguments: [String], flagNames: Set<String> = []) throws(ValidationError) {
        var i = 0
        while i < arguments.count {
            let arg = arguments[i]
            if arg == "--" {
                positional.append(contentsOf: arguments[(i + 1)...])
                break
            }
            if arg.hasPrefix("--") {
                let body = String(arg.dropFirst(2))
                if let eq = body.firstIndex(of: "=") {
                    values[String(body[..<eq]), default: []].append(String(body[body.index(after: eq)...]))
                } else if flagNames.contains(body) {
                    flags.insert(body)
                } else {
                    guard i + 1 < arguments.count else { throw ValidationError("option --\(body) needs a value") }
                    values[body, default: []].append(arguments[i + 1])
                    i += 1
                }
            } else {
                positional.append(arg)
            }
            i += 1
        }
    }

    public mutating func string(_ name: String) -> String? {
        consumed.insert(name)
        return values[name]?.last
    }

    public mutating func strings(_ name: String) -> [String] {
        consumed.insert(name)
        return values[name] ?? []
    }

    public mutating func flag(_ name: String) -> Bool {
        consumed.insert(name)
        return flags.contains(name)
    }

    public mutating func int(_ name: String) throws(ValidationError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text) else { throw ValidationError("option --\(name) expects an integer, got '\(text)'") }
        return value
    }

    /// A range written `4501-4600` or a single port `4501`.
    public mutating func range(_ name: String) throws(ValidationError) -> ClosedRange<Int>? {
        guard let text = string(name) else { return nil }
        return try Arguments.parseRange(text, option: name)
    }

    public static func parseRange(_ text: String, option: String) throws(ValidationError) -> ClosedRange<Int> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let lo = Int(parts[0]), let hi = Int(parts.last!), lo <= hi, lo >= 0, hi <= 65535
        else { throw ValidationError("option --\(option) expects a port or range like 4501-4600, got '\(text)'") }
        return lo...hi
    }

    /// Fails on any option nobody asked for: a typo must not be silently ignored.
    public func checkAllConsumed() throws(ValidationError) {
        let unknown = Set(values.keys).union(flags).subtracting(consumed)
        if let first = unknown.sorted().first { throw ValidationError("unknown option --\(first)") }
    }
}
