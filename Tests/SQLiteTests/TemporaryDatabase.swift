import Foundation
import SQLite

/// A database file in its own temporary directory, removed when the value is released.
final class TemporaryDatabase {
    let directory: URL
    var path: String { directory.appendingPathComponent("test.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sqlite-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func open(_ mode: Connection.OpenMode = .readWriteCreate) throws -> Connection {
        try Connection(path: path, mode: mode)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}
