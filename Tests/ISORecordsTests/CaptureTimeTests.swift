import Foundation
import ISORecords
import Testing

@Suite struct CaptureTimeTests {
    @Test func fromDateIsUTCToTheMillisecond() throws {
        let time = try CaptureTime(date: Date(timeIntervalSince1970: 1_700_000_000.123))
        #expect(time == (try CaptureTime(year: 2023, month: 11, day: 14, hour: 22, minute: 13, second: 20, millisecond: 123)))
        #expect(time.description == "2023-11-14T22:13:20.123Z")
        #expect(abs(time.date.timeIntervalSince1970 - 1_700_000_000.123) < 0.0005)
    }

    @Test func datesBeforeTheEpochAndLeapDays() throws {
        #expect(try CaptureTime(date: Date(timeIntervalSince1970: -1.5))
            == CaptureTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 58, millisecond: 500))
        #expect(try CaptureTime(date: Date(timeIntervalSince1970: 951_782_400))  // 2000-02-29
            == CaptureTime(year: 2000, month: 2, day: 29, hour: 0, minute: 0, second: 0))
    }

    @Test func roundTripsThroughDate() throws {
        for seconds in stride(from: -2_000_000_000.0, through: 4_000_000_000.0, by: 98_765_432.1) {
            let time = try CaptureTime(date: Date(timeIntervalSince1970: seconds))
            #expect(try CaptureTime(date: time.date) == time)
        }
    }

    @Test func invalidFieldsAreRejected() {
        let invalid: [(Int, Int, Int, Int, Int, Int, Int)] = [
            (2023, 2, 29, 0, 0, 0, 0), (2100, 2, 29, 0, 0, 0, 0), (2024, 4, 31, 0, 0, 0, 0), (2024, 13, 1, 0, 0, 0, 0),
            (2024, 0, 1, 0, 0, 0, 0), (2024, 1, 0, 0, 0, 0, 0), (2024, 1, 1, 24, 0, 0, 0), (2024, 1, 1, 0, 60, 0, 0),
            (2024, 1, 1, 0, 0, 60, 0), (2024, 1, 1, 0, 0, 0, 1000), (0, 1, 1, 0, 0, 0, 0), (10000, 1, 1, 0, 0, 0, 0),
        ]
        for (y, mo, d, h, mi, s, ms) in invalid {
            #expect(throws: ISORecordError(.invalidField, reason: "")) {
                try CaptureTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s, millisecond: ms)
            }
        }
        #expect(throws: ISORecordError(.invalidField, reason: "")) {
            try CaptureTime(date: Date(timeIntervalSince1970: 1e12))
        }
    }
}
