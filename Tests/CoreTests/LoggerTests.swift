import Foundation
import JSON
import ServiceKit
import Testing

@Suite struct LoggerTests {
    @Test func recordsBelowTheLoggerLevelAreDropped() {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "t", level: .notice, handler: handler)
        logger.trace("t")
        logger.debug("d")
        logger.info("i")
        logger.notice("n")
        logger.warning("w")
        logger.error("e")
        #expect(handler.records.map(\.message) == ["n", "w", "e"])
        #expect(handler.records.map(\.level) == [.notice, .warning, .error])
    }

    @Test func metadataOfTheLoggerComesBeforeMetadataOfTheCall() throws {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "t", handler: handler).with("capture.id", "c1").with("device.id", "d1")
        logger.info("captured", [("quality.score", "80")])
        let records = handler.records
        try #require(records.count == 1)
        #expect(records[0].metadata.map { $0.0 } == ["capture.id", "device.id", "quality.score"])
        #expect(records[0].metadata.map { $0.1 } == ["c1", "d1", "80"])
    }

    @Test func withReturnsACopyAndLeavesTheOriginalAlone() {
        let handler = InMemoryLogHandler()
        let base = Logger(label: "t", handler: handler)
        _ = base.with("k", "v")
        base.info("plain")
        #expect(handler.records.first?.metadata.isEmpty == true)
    }

    @Test func levelsAreOrdered() {
        #expect(LogLevel.allCases == LogLevel.allCases.sorted())
        #expect(LogLevel.trace < .debug && LogLevel.error < .critical)
    }

    @Test(arguments: [("INFO", LogLevel.info), ("info", .info), ("warn", .warning), ("warning", .warning),
                      ("FATAL", .critical), ("critical", .critical), ("Trace", .trace)])
    func levelParsesItsNameOrCaseName(_ name: String, _ level: LogLevel) {
        #expect(LogLevel(name: name) == level)
    }

    @Test(arguments: ["", "verbose", "err"])
    func levelRejectsOtherNames(_ name: String) {
        #expect(LogLevel(name: name) == nil)
    }

    @Test func jsonLinesHandlerWritesOneParsableObjectPerRecord() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let logger = Logger(label: "svc \"x\"", level: .debug, handler: JSONLinesLogHandler(fileDescriptor: fds[1]))
        logger.info("line\nbreak \"quoted\" \u{01} é", [("k\t", "v\\")])
        logger.debug("second")
        logger.trace("dropped")
        close(fds[1])

        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n <= 0 { break }
            output.append(contentsOf: buffer[..<n])
        }
        let lines = output.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == 2)
        #expect(output.last == UInt8(ascii: "\n"))

        let first = try JSON(parsing: lines[0])
        #expect(first["Body"] == "line\nbreak \"quoted\" \u{01} é")
        #expect(first["SeverityText"] == "INFO")
        #expect(first["SeverityNumber"] == 9)
        #expect(first["Resource"]?["service.name"] == "svc \"x\"")
        #expect(first["Attributes"]?["k\t"] == "v\\")
        let timestamp = try #require(first["Timestamp"]?.stringValue)
        #expect(timestamp.hasSuffix("Z") && timestamp.utf8.count == 24)
        #expect(first.objectMembers?.map { $0.0 } == ["Timestamp", "SeverityText", "SeverityNumber", "Resource", "Body", "Attributes"])

        let second = try JSON(parsing: lines[1])
        #expect(second["Body"] == "second")
        #expect(second["SeverityText"] == "DEBUG")
        #expect(second["Attributes"] == nil)
    }
}
