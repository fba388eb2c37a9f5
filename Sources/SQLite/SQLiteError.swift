internal import CSQLite

/// An error reported by SQLite.
///
/// Two errors are equal when their *primary* result codes are equal, so `error == .constraint` holds for every
/// kind of constraint failure; read `resultCode` for the extended code. The description holds SQLite's message
/// and the SQL text as written (with `?` placeholders), never the values bound to it.
public struct SQLiteError: Error, CustomStringConvertible, Equatable {
    /// The extended result code (e.g. `SQLITE_CONSTRAINT_UNIQUE`).
    public let resultCode: Int32
    /// SQLite's message for the failure, e.g. `UNIQUE constraint failed: t.id` or a trigger's `RAISE` text.
    public let message: String
    /// The statement that failed, as written (no bound arguments), when there was one.
    public let sql: String?

    init(resultCode: Int32, message: String? = nil, sql: String? = nil) {
        self.resultCode = resultCode
        self.message = message ?? String(cString: sqlite3_errstr(resultCode))
        self.sql = sql
    }

    /// The primary result code (the low 8 bits of `resultCode`, e.g. `SQLITE_CONSTRAINT`).
    public var primaryCode: Int32 { resultCode & 0xFF }

    public var description: String {
        let kind = String(cString: sqlite3_errstr(resultCode))
        let statement = sql.map { "; SQL: \($0)" } ?? ""
        return "SQLite error \(resultCode) (\(kind)): \(message)\(statement)"
    }

    public static func == (lhs: SQLiteError, rhs: SQLiteError) -> Bool {
        lhs.primaryCode == rhs.primaryCode
    }

    /// Generic error, including SQL syntax errors and missing tables (`SQLITE_ERROR`).
    public static let generic = SQLiteError(resultCode: SQLITE_ERROR)
    /// Aborted, e.g. by a trigger's `RAISE(ABORT, …)` outside a constraint context (`SQLITE_ABORT`).
    public static let abort = SQLiteError(resultCode: SQLITE_ABORT)
    /// The database file is locked by another connection beyond the busy timeout (`SQLITE_BUSY`).
    public static let busy = SQLiteError(resultCode: SQLITE_BUSY)
    /// A table is locked within this connection (`SQLITE_LOCKED`).
    public static let locked = SQLiteError(resultCode: SQLITE_LOCKED)
    /// A write to a read-only database (`SQLITE_READONLY`).
    public static let readOnly = SQLiteError(resultCode: SQLITE_READONLY)
    /// An operating-system I/O error (`SQLITE_IOERR`).
    public static let ioError = SQLiteError(resultCode: SQLITE_IOERR)
    /// The database file is malformed (`SQLITE_CORRUPT`).
    public static let corrupt = SQLiteError(resultCode: SQLITE_CORRUPT)
    /// The disk is full (`SQLITE_FULL`).
    public static let full = SQLiteError(resultCode: SQLITE_FULL)
    /// The database file cannot be opened (`SQLITE_CANTOPEN`).
    public static let cantOpen = SQLiteError(resultCode: SQLITE_CANTOPEN)
    /// A constraint (UNIQUE, NOT NULL, CHECK, FOREIGN KEY, or a trigger's `RAISE`) failed (`SQLITE_CONSTRAINT`).
    public static let constraint = SQLiteError(resultCode: SQLITE_CONSTRAINT)
    /// A value of the wrong type for a STRICT column or rowid (`SQLITE_MISMATCH`).
    public static let mismatch = SQLiteError(resultCode: SQLITE_MISMATCH)
    /// The API was used incorrectly, e.g. on a closed connection (`SQLITE_MISUSE`).
    public static let misuse = SQLiteError(resultCode: SQLITE_MISUSE)
    /// A bind index or argument count is out of range (`SQLITE_RANGE`).
    public static let range = SQLiteError(resultCode: SQLITE_RANGE)
    /// The file is not a database (`SQLITE_NOTADB`).
    public static let notADatabase = SQLiteError(resultCode: SQLITE_NOTADB)
}
