import Testing
import SQLite

@Suite struct ValueTests {
    @Test func everyValueKindRoundTrips() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE v (id INTEGER PRIMARY KEY, value)")
        let values: [SQLValue] = [
            .null, .integer(0), .integer(.min), .integer(.max), .real(3.25), .real(-0.5),
            .text(""), .text("héllo ✓"), .text("nul\u{0}inside"),
            .blob([]), .blob([0, 0, 1, 0, 255]), .blob([0]),
        ]
        let insert = try db.prepare("INSERT INTO v (value) VALUES (?)")
        for value in values {
            try insert.run([value])
        }
        #expect(db.lastInsertRowID == Int64(values.count))
        #expect(db.changes == 1)
        let rows = try db.prepare("SELECT value FROM v ORDER BY id").rows()
        #expect(rows == values.map { [$0] })
    }

    @Test func unsafeBytesReadsBlobsTextAndNullInPlace() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE b (x)")
        try db.prepare("INSERT INTO b VALUES (?), (?), (?), (?)").run([.blob([0, 1, 255]), .text("hé"), .null, .blob([])])
        let select = try db.prepare("SELECT x FROM b ORDER BY rowid")
        var seen: [[UInt8]] = []
        while try select.step() { seen.append(Array(select.unsafeBytes(0))) }
        #expect(seen == [[0, 1, 255], Array("hé".utf8), [], []])
    }

    @Test func emptyBlobIsNotNull() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE b (x BLOB)")
        try db.prepare("INSERT INTO b VALUES (?), (?)").run([.blob([]), .null])
        let select = try db.prepare("SELECT x IS NULL, typeof(x), length(x) FROM b ORDER BY rowid")
        #expect(try select.rows() == [
            [.integer(0), .text("blob"), .integer(0)],
            [.integer(1), .text("null"), .null],
        ])
    }

    @Test func typedColumnAccessors() throws {
        let db = try Connection(path: ":memory:")
        let select = try db.prepare("SELECT 42 AS n, 1.5 AS r, 'txt' AS t, x'00ff00' AS b, NULL AS z")
        #expect(try select.step())
        #expect(select.columnCount == 5)
        #expect(select.columnName(2) == "t")
        #expect(select.int64(0) == 42)
        #expect(select.double(1) == 1.5)
        #expect(select.text(2) == "txt")
        #expect(select.blob(3) == [0, 255, 0])
        #expect(select.isNull(4))
        #expect(select.text(4) == nil)
        #expect(select.blob(4) == [])
        #expect(!select.isNull(0))
        #expect(try select.step() == false)
    }

    @Test func argumentCountMustMatch() throws {
        let db = try Connection(path: ":memory:")
        let statement = try db.prepare("SELECT ?, ?")
        #expect(throws: SQLiteError.range) { try statement.bind([.integer(1)]) }
        #expect(try statement.rows([.integer(1), .text("a")]) == [[.integer(1), .text("a")]])
    }
}
