internal import CSQLite

/// The one place that interprets SQLite's result codes.
enum SQLiteCall {
    /// - Returns: `true` for `SQLITE_ROW`, `false` for `SQLITE_OK` and `SQLITE_DONE`.
    /// - Throws: any other code as a `SQLiteError` carrying `db`'s current message and `sql`.
    @discardableResult
    static func check(_ resultCode: Int32, _ db: OpaquePointer?, sql: String?) throws(SQLiteError) -> Bool {
        switch resultCode {
        case SQLITE_ROW: return true
        case SQLITE_OK, SQLITE_DONE: return false
        default:
            let message = db.map { String(cString: sqlite3_errmsg($0)) }
            throw SQLiteError(resultCode: resultCode, message: message, sql: sql)
        }
    }
}
