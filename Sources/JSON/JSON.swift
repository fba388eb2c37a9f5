/// A JSON value that keeps object members in the order they were written or parsed.
///
/// The MDS wire formats are small JSON documents whose exact shape matters to MOSIP's clients: strict key sets
/// (the registration client parses with a strict Jackson mapper), key order that matches the mock service, and
/// scalars that arrive as strings or numbers. An ordered value type gives the service full control over all three,
/// which `JSONEncoder`/`JSONSerialization` do not.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number, kept as its literal text so that `"40"`, `40` and `40.0` are not silently rewritten.
    case number(String)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

// MARK: - Building

extension JSON: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral,
    ExpressibleByArrayLiteral, ExpressibleByIntegerLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
}

extension JSON {
    /// An object from ordered pairs; keys keep this order when serialized.
    public static func object(_ pairs: KeyValuePairs<String, JSON>) -> JSON {
        .object(pairs.map { ($0.key, $0.value) })
    }

    public static func strings(_ values: [String]) -> JSON { .array(values.map(JSON.string)) }
}

// MARK: - Reading

extension JSON {
    /// The member `key` of an object (the first one, were a key repeated), or nil.
    public subscript(key: String) -> JSON? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public subscript(index: Int) -> JSON? {
        guard case let .array(items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    public var objectMembers: [(String, JSON)]? {
        if case let .object(m) = self { return m }
        return nil
    }

    public var arrayValue: [JSON]? {
        if case let .array(a) = self { return a }
        return nil
    }

    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A scalar as text: strings as they are, numbers as their literal, booleans as `true`/`false`.
    /// MOSIP's clients send the same field as `"10000"` (registration client, compliance toolkit) or `10000`
    /// (mds-testing-kit), so request readers accept both (mosip-clients.md §f.16).
    public var scalarText: String? {
        switch self {
        case let .string(s): return s
        case let .number(n): return n
        case let .bool(b): return b ? "true" : "false"
        default: return nil
        }
    }
}
