import Foundation
import ServiceKit
import Testing

/// 2025-01-01T00:00:00Z
private let newYear2025: TimeInterval = 1_735_689_600

@Suite struct TimestampTests {
    @Test func epochIsFormattedInUTC() {
        #expect(Timestamp.mds(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    }

    static let knownInstants: [(TimeInterval, String)] = [
        (newYear2025 + 10 * 3600 + 5, "2025-01-01T10:00:05Z"),
        (1_709_164_800 + 43_200, "2024-02-29T12:00:00Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (4_102_444_799, "2099-12-31T23:59:59Z"),
    ]

    @Test(arguments: knownInstants)
    func mdsFormatsKnownInstants(_ seconds: TimeInterval, _ text: String) {
        #expect(Timestamp.mds(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test(arguments: [0.001, 0.5, 0.999, 0.9999])
    func mdsNeverShowsMillisecondsAndTruncatesFractions(_ fraction: Double) {
        let text = Timestamp.mds(Date(timeIntervalSince1970: newYear2025 + 59 + fraction))
        #expect(text == "2025-01-01T00:00:59Z")
        #expect(text.utf8.count == 20)
        #expect(!text.contains("."))
    }

    @Test func mdsOfANegativeFractionRoundsDownToTheEarlierSecond() {
        #expect(Timestamp.mds(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    }

    @Test(arguments: [0, 1, -1, 951_782_400, 1_709_164_800, 1_735_689_600, 1_735_725_605, 4_102_444_799])
    func parseMDSRoundTripsWholeSeconds(_ seconds: Int) throws {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let parsed = try #require(Timestamp.parseMDS(Timestamp.mds(date)))
        #expect(parsed == date)
    }

    @Test func parseMDSReadsTheFieldsAsUTC() {
        #expect(Timestamp.parseMDS("2025-01-01T10:00:05Z") == Date(timeIntervalSince1970: newYear2025 + 36_005))
    }

    @Test(arguments: [
        "2025-01-01T10:00:00.000Z",  // milliseconds
        "2025-01-01T10:00:00",  // missing Z
        "2025-01-01T10:00:00z",
        "2025-01-01T10:00:00+00:00",
        "2025-13-01T10:00:00Z",  // bad month
        "2025-00-01T10:00:00Z",
        "2025-01-00T10:00:00Z",
        "2025-01-32T10:00:00Z",
        "2025-01-01T24:00:00Z",
        "2025-01-01T10:60:00Z",
        "2025-01-01T10:00:61Z",
        "2025-01-01 10:00:00Z",
        "2025/01/01T10:00:00Z",
        "+025-01-01T10:00:00Z",
        "2025-1-01T10:00:00Z",
        "2025-01-01T10:00:0aZ",
        "",
        "2025-01-01",
        "２０２５-01-01T10:00:00Z",
    ])
    func parseMDSAcceptsOnlyTheExactMDSForm(_ text: String) {
        #expect(Timestamp.parseMDS(text) == nil)
    }

    /// The doc comment promises the exact form "nil otherwise"; a date that does not exist must not be normalised
    /// into the next month (timegm would turn 2025-02-30 into 2025-03-02).
    @Test(arguments: ["2025-02-29T00:00:00Z", "2025-02-30T00:00:00Z", "2024-02-30T00:00:00Z", "2025-04-31T00:00:00Z"])
    func parseMDSRejectsDaysThatDoNotExist(_ text: String) {
        #expect(Timestamp.parseMDS(text) == nil)
    }

    /// `parse` is what checks a peer's `digitalId.dateTime`: a day that does not exist is not a timestamp, whichever
    /// form it is written in.
    @Test(arguments: ["2025-02-30T10:00:00Z", "2025-02-30T10:00:00.000Z", "2025-02-30T10:00:00+05:30", "2025-04-31T10:00:00"])
    func parseRejectsDaysThatDoNotExist(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func parseAcceptsTheMDSForm() {
        #expect(Timestamp.parse("2025-01-01T10:00:00Z") == Date(timeIntervalSince1970: newYear2025 + 36_000))
    }

    @Test func parseAcceptsMillisecondsWithZ() throws {
        let date = try #require(Timestamp.parse("2025-01-01T10:00:00.000Z"))
        #expect(date == Date(timeIntervalSince1970: newYear2025 + 36_000))
        let withMillis = try #require(Timestamp.parse("2025-01-01T10:00:00.250Z"))
        #expect(withMillis == Date(timeIntervalSince1970: newYear2025 + 36_000.25))
    }

    @Test func parseReadsZonelessLocalTimeAsUTC() throws {
        let date = try #require(Timestamp.parse("2025-01-01T15:30:00.123"))
        let expected = newYear2025 + 15 * 3600 + 30 * 60 + 0.123
        #expect(abs(date.timeIntervalSince1970 - expected) < 0.0005)
        #expect(Timestamp.parse("2025-01-01T15:30:00") == Date(timeIntervalSince1970: newYear2025 + 55_800))
    }

    static let offsetTimes: [(String, TimeInterval)] = [
        ("2025-01-01T10:00:00+05:30", newYear2025 + 36_000 - 19_800),
        ("2025-01-01T10:00:00-08:00", newYear2025 + 36_000 + 28_800),
        ("2025-01-01T10:00:00+00:00", newYear2025 + 36_000),
        ("2025-01-01T10:00:00.500+05:30", newYear2025 + 36_000 - 19_800 + 0.5),
        ("2025-01-01T02:00:00+05:30", newYear2025 + 7_200 - 19_800),  // the previous day in UTC
    ]

    @Test(arguments: offsetTimes)
    func parseAppliesTheOffset(_ text: String, _ expected: TimeInterval) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(date.timeIntervalSince1970 == expected)
    }

    @Test func parseOfAnOffsetTimeGivesTheSameInstantAsItsUTCForm() throws {
        let offset = try #require(Timestamp.parse("2025-01-01T10:00:00+05:30"))
        #expect(Timestamp.mds(offset) == "2025-01-01T04:30:00Z")
    }

    @Test(arguments: ["", "garbage", "2025-01-01", "10:00:00", "2025-01-01T10:00", "2025-13-01T10:00:00Z",
                      "2025-01-01T10:00:00Zjunk", "2025-01-01T10:00:00+05:30junk"])
    func parseRejectsOtherText(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func iso8601MillisShowsMilliseconds() {
        #expect(Timestamp.iso8601Millis(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.iso8601Millis(Date(timeIntervalSince1970: 0.5)) == "1970-01-01T00:00:00.500Z")
        #expect(Timestamp.iso8601Millis(Date(timeIntervalSince1970: newYear2025 + 0.25)) == "2025-01-01T00:00:00.250Z")
    }

    @Test func componentsSplitAnInstant() {
        let c = Timestamp.components(Date(timeIntervalSince1970: 1_709_164_800 + 3_723.5))
        let fields: [Int] = [c.year, c.month, c.day, c.hour, c.minute, c.second, c.millisecond]
        #expect(fields == [2024, 2, 29, 1, 2, 3, 500])
    }
}
