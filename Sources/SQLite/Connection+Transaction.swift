internal import CSQLite

extension Connection {
    /// How a transaction takes its locks (`BEGIN DEFERRED | IMMEDIATE | EXCLUSIVE`).
    public enum TransactionKind: Sendable {
        /// Locks on first read or write.
        case deferred
        /// Takes the write lock at once, so later writes in the transaction cannot fail with `.busy`.
        case immediate
        /// Like `immediate`; outside WAL mode it also keeps readers out.
        case exclusive
    }

    /// How a transaction body asks its transaction to end.
    public enum TransactionCompletion: Sendable {
        case commit, rollback
    }

    /// Whether a transaction is open on this connection.
    /// The corresponding C function is `sqlite3_get_autocommit`.
    public var isInTransaction: Bool {
        guard let db = try? handle else { return false }
        return sqlite3_get_autocommit(db) == 0
    }

    /// Runs `body` inside a transaction, then commits or rolls back as it returns.
    ///
    /// If `body` throws, or the commit fails, the transaction is rolled back and that first error is rethrown
    /// (a failure of the rollback itself is not reported over it).
    public func inTransaction(
        _ kind: TransactionKind = .immediate, _ body: () throws -> TransactionCompletion
    ) throws {
        let begin = switch kind {
        case .deferred: "BEGIN DEFERRED"
        case .immediate: "BEGIN IMMEDIATE"
        case .exclusive: "BEGIN EXCLUSIVE"
        }
        try execute(begin)
        do {
            switch try body() {
            case .commit: try execute("COMMIT")
            case .rollback: try execute("ROLLBACK")
            }
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }
}
