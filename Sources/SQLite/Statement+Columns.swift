internal import CSQLite

/// Reading the current row after `step()` returned `true`. Columns are 0-based; values are converted by SQLite's
/// usual rules when the stored type differs.
extension Statement {
    /// The number of columns in each result row.
    /// The corresponding C function is `sqlite3_column_count`.
    public var columnCount: Int32 {
        sqlite3_column_count(handle)
    }

    /// The name of a result column, as given by `AS` or derived by SQLite.
    /// The corresponding C function is `sqlite3_column_name`.
    public func columnName(_ column: Int32) -> String {
        sqlite3_column_name(handle, column).map { String(cString: $0) } ?? ""
    }

    /// Whether the column's value is NULL.
    /// The corresponding C function is `sqlite3_column_type`.
    public func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// The column as a 64-bit integer (0 for NULL).
    /// The corresponding C function is `sqlite3_column_int64`.
    public func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// The column as a double (0 for NULL).
    /// The corresponding C function is `sqlite3_column_double`.
    public func double(_ column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    /// The column as UTF-8 text, or `nil` for NULL.
    /// The corresponding C function is `sqlite3_column_text`.
    public func text(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column as bytes (empty for NULL and for an empty blob; use `isNull` to tell them apart).
    /// The corresponding C function is `sqlite3_column_blob`.
    public func blob(_ column: Int32) -> [UInt8] {
        guard let bytes = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The column's bytes in SQLite's own buffer, without copying (empty for NULL; a TEXT value gives its UTF-8
    /// bytes). Valid only until the next `step`, `reset` or finalization of this statement: read it, never keep it.
    /// The corresponding C functions are `sqlite3_column_blob` and `sqlite3_column_bytes`.
    public func unsafeBytes(_ column: Int32) -> UnsafeRawBufferPointer {
        // sqlite3_column_blob before sqlite3_column_bytes: the order SQLite documents for a stable pointer.
        guard let bytes = sqlite3_column_blob(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// The column as the `SQLValue` of its storage class.
    /// The corresponding C function is `sqlite3_column_type`.
    public func value(_ column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: .integer(int64(column))
        case SQLITE_FLOAT: .real(double(column))
        case SQLITE_TEXT: .text(text(column) ?? "")
        case SQLITE_BLOB: .blob(blob(column))
        default: .null
        }
    }
}
