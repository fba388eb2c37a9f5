import Testing
import SQLite

private struct BodyFailure: Error {}

@Suite struct TransactionTests {
    @Test func walAndFullSynchronousReadBack() throws {
        let file = try TemporaryDatabase()
        let db = try file.open()
        try db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")
        #expect(try db.pragma("journal_mode") == "wal")
        #expect(try db.pragma("synchronous") == "2")
        #expect(try db.pragma("main.journal_mode") == "wal")
        #expect(throws: SQLiteError.misuse) { try db.pragma("journal_mode; DROP TABLE x") }
    }

    @Test func commitKeepsRows() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER)")
        try db.inTransaction {
            #expect(db.isInTransaction)
            try db.execute("INSERT INTO t VALUES (1), (2)")
            return .commit
        }
        #expect(!db.isInTransaction)
        #expect(try db.prepare("SELECT count(*) FROM t").rows() == [[.integer(2)]])
    }

    @Test func rollbackCompletionDiscardsRows() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER)")
        try db.inTransaction(.deferred) {
            try db.execute("INSERT INTO t VALUES (1)")
            return .rollback
        }
        #expect(try db.prepare("SELECT count(*) FROM t").rows() == [[.integer(0)]])
    }

    @Test func throwingBodyRollsBackAndRethrowsItsError() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER)")
        #expect(throws: BodyFailure.self) {
            try db.inTransaction(.exclusive) {
                try db.execute("INSERT INTO t VALUES (1)")
                throw BodyFailure()
            }
        }
        #expect(!db.isInTransaction)
        #expect(try db.prepare("SELECT count(*) FROM t").rows() == [[.integer(0)]])
    }

    @Test func failingStatementInBodyRollsBackEarlierWrites() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER UNIQUE)")
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        #expect(throws: SQLiteError.constraint) {
            try db.inTransaction {
                try insert.run([.integer(1)])
                try insert.run([.integer(1)])
                return .commit
            }
        }
        #expect(try db.prepare("SELECT count(*) FROM t").rows() == [[.integer(0)]])
    }

    @Test func tenThousandInsertsReusingOneStatement() throws {
        let file = try TemporaryDatabase()
        let db = try file.open()
        try db.execute("PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB)")
        let insert = try db.prepare("INSERT INTO t (id, name, data) VALUES (?, ?, ?)")
        try db.inTransaction {
            for i in 0..<10_000 {
                try insert.run([.integer(Int64(i)), .text("row \(i)"), .blob([UInt8(i & 0xFF), 0])])
            }
            return .commit
        }
        let summary = try db.prepare("SELECT count(*), sum(id), max(name) FROM t").rows()
        #expect(summary == [[.integer(10_000), .integer(49_995_000), .text("row 9999")]])

        let reopened = try file.open(.readOnly)
        #expect(try reopened.prepare("SELECT count(*) FROM t").rows() == [[.integer(10_000)]])
    }
}
