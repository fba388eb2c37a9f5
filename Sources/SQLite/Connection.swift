internal import CSQLite

/// A connection to one SQLite database.
///
/// **Not thread-safe**: opened with `SQLITE_OPEN_NOMUTEX`, so it and its statements must be used by one thread
/// at a time. It is `Sendable` only so an owner can move it to the thread that will use it. Open one connection
/// per thread or process instead of sharing.
///
/// Extended result codes are on. The busy timeout starts at 0 (fail at once with `.busy`); see `setBusyTimeout`.
/// Statements retain their connection, so the database stays open until they are released.
public final class Connection: @unchecked Sendable {
    /// How the database file is opened.
    public enum OpenMode: Sendable {
        /// Read only; the file must exist.
        case readOnly
        /// Read and write; the file must exist.
        case readWrite
        /// Read and write, creating the file if missing.
        case readWriteCreate
    }

    private var rawHandle: OpaquePointer?

    /// Opens the database at `path` (`":memory:"` for a private in-memory database).
    /// The corresponding C function is `sqlite3_open_v2`.
    public init(path: String, mode: OpenMode = .readWriteCreate) throws(SQLiteError) {
        let access = switch mode {
        case .readOnly: SQLITE_OPEN_READONLY
        case .readWrite: SQLITE_OPEN_READWRITE
        case .readWriteCreate: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        var db: OpaquePointer?
        let result = sqlite3_open_v2(path, &db, access | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        do {
            try SQLiteCall.check(result, db, sql: nil)
        } catch {
            sqlite3_close_v2(db)
            throw error
        }
        sqlite3_extended_result_codes(db, 1)
        rawHandle = db
    }

    deinit {
        close()
    }

    /// The open `sqlite3*`, or `.misuse` once closed.
    var handle: OpaquePointer {
        get throws(SQLiteError) {
            guard let rawHandle else { throw SQLiteError(resultCode: SQLITE_MISUSE, message: "connection is closed") }
            return rawHandle
        }
    }

    /// Closes the connection. Idempotent; later calls throw `.misuse`. Statements still alive keep the database
    /// open until they are released.
    /// The corresponding C function is `sqlite3_close_v2`.
    public func close() {
        guard let rawHandle else { return }
        self.rawHandle = nil
        sqlite3_close_v2(rawHandle)
    }

    /// Runs one or more `;`-separated statements that take no arguments, discarding any rows.
    /// The corresponding C function is `sqlite3_exec`.
    public func execute(_ sql: String) throws(SQLiteError) {
        let db = try handle
        try SQLiteCall.check(sqlite3_exec(db, sql, nil, nil, nil), db, sql: sql)
    }

    /// Compiles a single statement (`?` placeholders for arguments). Use `execute` for several statements.
    /// - Throws: `.misuse` when `sql` holds no statement or more than one.
    /// The corresponding C function is `sqlite3_prepare_v2`.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        let db = try handle
        var statement: OpaquePointer?
        var trailing = ""
        let result = sql.withCString { start in
            var tail: UnsafePointer<CChar>?
            let result = sqlite3_prepare_v2(db, start, -1, &statement, &tail)
            if let tail { trailing = String(cString: tail) }
            return result
        }
        try SQLiteCall.check(result, db, sql: sql)
        guard let statement else {
            throw SQLiteError(resultCode: SQLITE_MISUSE, message: "no statement to prepare", sql: sql)
        }
        guard trailing.allSatisfy({ $0.isWhitespace || $0 == ";" }) else {
            sqlite3_finalize(statement)
            throw SQLiteError(resultCode: SQLITE_MISUSE, message: "prepare takes one statement", sql: sql)
        }
        return Statement(connection: self, handle: statement, sql: sql)
    }

    /// Reads a pragma's value (the first column of its first row), e.g. `pragma("journal_mode")` → `"wal"`.
    /// - Parameter name: a pragma name, optionally schema-qualified (`main.journal_mode`).
    /// - Returns: the value as text, or `nil` when the pragma returns no row or NULL.
    public func pragma(_ name: String) throws(SQLiteError) -> String? {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") })
        else {
            throw SQLiteError(resultCode: SQLITE_MISUSE, message: "invalid pragma name")
        }
        let statement = try prepare("PRAGMA \(name)")
        guard try statement.step() else { return nil }
        return statement.text(0)
    }

    /// The rowid of the most recent successful INSERT on this connection (0 if none or closed).
    /// The corresponding C function is `sqlite3_last_insert_rowid`.
    public var lastInsertRowID: Int64 {
        rawHandle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// The number of rows changed by the most recent INSERT, UPDATE or DELETE (0 if closed).
    /// The corresponding C function is `sqlite3_changes64`.
    public var changes: Int {
        rawHandle.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// How long a statement waits for another connection's lock before failing with `.busy`; 0 fails at once.
    /// Does nothing on a closed connection.
    /// The corresponding C function is `sqlite3_busy_timeout`.
    public func setBusyTimeout(milliseconds: Int32) {
        guard let rawHandle else { return }
        sqlite3_busy_timeout(rawHandle, milliseconds)
    }
}
