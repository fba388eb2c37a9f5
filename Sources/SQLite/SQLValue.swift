/// A value stored in or read from SQLite, one case per storage class.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    /// UTF-8 text; may contain NUL characters.
    case text(String)
    /// Bytes; an empty blob is distinct from `.null`.
    case blob([UInt8])
}
