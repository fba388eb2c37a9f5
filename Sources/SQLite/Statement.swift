internal import CSQLite

/// A compiled SQL statement, made by `Connection.prepare`; reuse it with `bind`/`run` to avoid recompiling.
///
/// Not thread-safe: use it on its connection's thread. It retains its connection, and is finalized in `deinit`.
public final class Statement {
    /// The connection this statement runs on.
    public let connection: Connection
    /// The SQL as written (with placeholders, never bound values).
    public let sql: String
    let handle: OpaquePointer

    init(connection: Connection, handle: OpaquePointer, sql: String) {
        self.connection = connection
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    private var db: OpaquePointer? { sqlite3_db_handle(handle) }

    /// Resets the statement and binds `values` to its `?` parameters, in order (1-based in SQLite).
    /// - Throws: `.range` when the count differs from the statement's parameter count.
    /// The corresponding C functions are `sqlite3_bind_int64`, `sqlite3_bind_double`, `sqlite3_bind_text64`,
    /// `sqlite3_bind_blob64` and `sqlite3_bind_null`.
    public func bind(_ values: [SQLValue]) throws(SQLiteError) {
        reset()
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw SQLiteError(
                resultCode: SQLITE_RANGE, message: "statement takes \(expected) arguments, \(values.count) given",
                sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try SQLiteCall.check(bindValue(value, at: Int32(offset + 1)), db, sql: sql)
        }
    }

    /// Binds `value` to the `?` parameter at 1-based `index`, leaving the other bindings as they are: for a statement
    /// run once per row, with `runBound()`, without building an argument array per row.
    /// - Throws: `.range` when `index` is not a parameter of the statement.
    public func bind(_ value: SQLValue, at index: Int32) throws(SQLiteError) {
        try SQLiteCall.check(bindValue(value, at: index), db, sql: sql)
    }

    private func bindValue(_ value: SQLValue, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let integer):
            return sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            return sqlite3_bind_double(handle, index, real)
        case .text(var text):
            // A NULL pointer would bind SQL NULL, so an empty string gets a real (empty) one.
            if text.isEmpty {
                return sqlite3_bind_text64(handle, index, "", 0, mds_sqlite_transient(), UInt8(SQLITE_UTF8))
            }
            return text.withUTF8 { utf8 in
                utf8.withMemoryRebound(to: CChar.self) {
                    sqlite3_bind_text64(
                        handle, index, $0.baseAddress, UInt64($0.count), mds_sqlite_transient(), UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            // Likewise an empty blob must not become NULL.
            if bytes.isEmpty { return sqlite3_bind_zeroblob(handle, index, 0) }
            return bytes.withUnsafeBytes {
                sqlite3_bind_blob64(handle, index, $0.baseAddress, UInt64($0.count), mds_sqlite_transient())
            }
        }
    }

    /// Advances to the next row. On failure the statement is reset, so it can be reused.
    /// - Returns: `true` when a row is available to read, `false` when the statement has finished.
    /// The corresponding C function is `sqlite3_step`.
    public func step() throws(SQLiteError) -> Bool {
        do {
            return try SQLiteCall.check(sqlite3_step(handle), db, sql: sql)
        } catch {
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    /// The corresponding C function is `sqlite3_reset`.
    public func reset() {
        // The return value repeats the last step's error, which step() already reported.
        sqlite3_reset(handle)
    }

    /// Binds `values`, steps until done (discarding rows), and resets.
    public func run(_ values: [SQLValue] = []) throws(SQLiteError) {
        try bind(values)
        try runBound()
    }

    /// Steps until done with the current bindings (discarding rows), and resets; the bindings are kept.
    public func runBound() throws(SQLiteError) {
        defer { reset() }
        while try step() {}
    }

    /// Binds `values` and returns every row, each as one `SQLValue` per column; resets afterwards.
    public func rows(_ values: [SQLValue] = []) throws(SQLiteError) -> [[SQLValue]] {
        try bind(values)
        defer { reset() }
        var rows: [[SQLValue]] = []
        while try step() {
            rows.append((0..<columnCount).map { value($0) })
        }
        return rows
    }
}
