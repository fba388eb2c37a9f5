import Testing
import SQLite

@Suite struct ErrorTests {
    @Test func uniqueViolationIsConstraint() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT UNIQUE)")
        let insert = try db.prepare("INSERT INTO t (code) VALUES (?)")
        try insert.run([.text("a")])
        do {
            try insert.run([.text("a")])
            Issue.record("expected a constraint failure")
        } catch {
            #expect(error == .constraint)
            #expect(error.primaryCode == 19)
            #expect(error.resultCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
            #expect(error.message.contains("UNIQUE"))
        }
        try insert.run([.text("b")])  // the statement is usable after the failure
    }

    @Test func appendOnlyTriggerAbortsUpdateWithItsMessage() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("""
            CREATE TABLE events (seq INTEGER PRIMARY KEY, body BLOB NOT NULL);
            CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'append-only'); END;
            INSERT INTO events (body) VALUES (x'01');
            """)
        do {
            try db.prepare("UPDATE events SET body = ? WHERE seq = 1").run([.blob([2])])
            Issue.record("expected the trigger to abort")
        } catch {
            #expect(error == .constraint)
            #expect(error.message == "append-only")
            #expect(error.description.contains("append-only"))
        }
        #expect(try db.prepare("SELECT body FROM events").rows() == [[.blob([1])]])
    }

    @Test func syntaxErrorDescriptionContainsSQL() throws {
        let db = try Connection(path: ":memory:")
        let sql = "SELEKT * FROM nowhere"
        do {
            _ = try db.prepare(sql)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error == .generic)
            #expect(error.sql == sql)
            #expect(error.description.contains(sql))
        }
        #expect(throws: SQLiteError.generic) { try db.execute("CREATE TABLE (") }
    }

    @Test func boundArgumentsNeverAppearInErrors() throws {
        let secret = "s3cr3t-biometric-\(Int.random(in: 1_000_000...9_999_999))"
        let db = try Connection(path: ":memory:")
        try db.execute("""
            CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n > 0)) STRICT;
            CREATE TRIGGER t_ro BEFORE UPDATE ON t BEGIN SELECT RAISE(ABORT, 'append-only'); END;
            """)
        let insert = try db.prepare("INSERT INTO t (k, n) VALUES (?, ?)")
        try insert.run([.text(secret), .integer(1)])
        var errors: [SQLiteError] = []
        let attempts: [(String, [SQLValue])] = [
            ("INSERT INTO t (k, n) VALUES (?, ?)", [.text(secret), .integer(2)]),  // UNIQUE
            ("INSERT INTO t (k, n) VALUES (?, ?)", [.text("x"), .text(secret)]),  // STRICT type mismatch
            ("INSERT INTO t (k, n) VALUES (?, ?)", [.text(secret + "2"), .integer(-1)]),  // CHECK
            ("UPDATE t SET k = ? WHERE n = 1", [.text(secret)]),  // trigger
            ("SELECT ?", [.text(secret), .text(secret)]),  // argument count
        ]
        for (sql, arguments) in attempts {
            do {
                try db.prepare(sql).run(arguments)
                Issue.record("expected failure for \(sql)")
            } catch {
                errors.append(error)
            }
        }
        #expect(errors.count == attempts.count)
        for error in errors {
            #expect(!error.description.contains("s3cr3t"))
            #expect(!error.message.contains("s3cr3t"))
            #expect(!String(describing: error).contains("s3cr3t"))
            #expect(error.sql != nil)
        }
    }

    @Test func prepareRejectsMultipleOrEmptyStatements() throws {
        let db = try Connection(path: ":memory:")
        #expect(throws: SQLiteError.misuse) { try db.prepare("SELECT 1; SELECT 2") }
        #expect(throws: SQLiteError.misuse) { try db.prepare("  ") }
        _ = try db.prepare("SELECT 1;  ")
    }

    @Test func readOnlyAndClosedConnections() throws {
        let file = try TemporaryDatabase()
        #expect(throws: SQLiteError.cantOpen) { try file.open(.readWrite) }
        try file.open().execute("CREATE TABLE t (x)")
        let readOnly = try file.open(.readOnly)
        #expect(throws: SQLiteError.readOnly) { try readOnly.execute("INSERT INTO t VALUES (1)") }
        readOnly.close()
        readOnly.close()
        #expect(throws: SQLiteError.misuse) { try readOnly.execute("SELECT 1") }
        #expect(throws: SQLiteError.misuse) { try readOnly.prepare("SELECT 1") }
    }

    @Test func busyWhenAnotherConnectionHoldsTheWriteLock() throws {
        let file = try TemporaryDatabase()
        let first = try file.open()
        let second = try file.open()
        try first.execute("PRAGMA journal_mode=WAL; CREATE TABLE t (x)")
        second.setBusyTimeout(milliseconds: 10)
        try first.execute("BEGIN IMMEDIATE")
        #expect(throws: SQLiteError.busy) { try second.execute("INSERT INTO t VALUES (1)") }
        try first.execute("COMMIT")
        try second.execute("INSERT INTO t VALUES (1)")
    }
}
