#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The capture date and time of a representation, in UTC, to the millisecond (ISO/IEC 19794-1:2011 §15.1.1).
///
/// Byte layout (9 bytes, big-endian):
///
/// ```
/// offset 0  year        UInt16  1…9999
///        2  month       UInt8   1…12
///        3  day         UInt8   1…31 (valid for the month)
///        4  hour        UInt8   0…23
///        5  minute      UInt8   0…59
///        6  second      UInt8   0…59
///        7  millisecond UInt16  0…999
/// ```
public struct CaptureTime: Sendable, Hashable, CustomStringConvertible {
    /// The encoded size in bytes.
    public static let encodedSize = 9

    /// Year, 1…9999.
    public let year: Int
    /// Month, 1…12.
    public let month: Int
    /// Day of the month, 1…31.
    public let day: Int
    /// Hour, 0…23 (UTC).
    public let hour: Int
    /// Minute, 0…59.
    public let minute: Int
    /// Second, 0…59.
    public let second: Int
    /// Millisecond, 0…999.
    public let millisecond: Int

    /// Creates a capture time from UTC calendar fields.
    /// - Throws: ``ISORecordError/Code/invalidField`` when a field is out of range or the day does not exist.
    public init(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int = 0
    ) throws(ISORecordError) {
        try check(year, in: 1...9999, "capture year")
        try check(month, in: 1...12, "capture month")
        try check(day, in: 1...Self.daysIn(month: month, year: year), "capture day")
        try check(hour, in: 0...23, "capture hour")
        try check(minute, in: 0...59, "capture minute")
        try check(second, in: 0...59, "capture second")
        try check(millisecond, in: 0...999, "capture millisecond")
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }

    /// The UTC calendar fields of `date`, rounded to the nearest millisecond.
    /// - Throws: ``ISORecordError/Code/invalidField`` for dates outside years 1…9999.
    public init(date: Date) throws(ISORecordError) {
        let interval = date.timeIntervalSince1970 * 1000
        guard interval.isFinite, abs(interval) < 4e14 else {
            throw ISORecordError(.invalidField, reason: "capture date out of range")
        }
        let milliseconds = Int64(interval.rounded())
        let (days, msOfDay) = Self.floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = Self.civil(fromDays: days)
        let ms = Int(msOfDay)
        try self.init(
            year: year, month: month, day: day, hour: ms / 3_600_000, minute: ms / 60_000 % 60,
            second: ms / 1000 % 60, millisecond: ms % 1000)
    }

    /// The instant this capture time denotes.
    public var date: Date {
        let days = Self.days(fromCivil: year, month, day)
        let ms = ((Int64(days) * 24 + Int64(hour)) * 60 + Int64(minute)) * 60_000 + Int64(second * 1000 + millisecond)
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSSZ`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):"
            + "\(pad(second, 2)).\(pad(millisecond, 3))Z"
    }

    // MARK: - Codec

    func encode(into writer: inout ByteWriter) {
        writer.uint16(year)
        writer.uint8(month)
        writer.uint8(day)
        writer.uint8(hour)
        writer.uint8(minute)
        writer.uint8(second)
        writer.uint16(millisecond)
    }

    init(from reader: inout ByteReader) throws(ISORecordError) {
        let year = Int(try reader.uint16("capture year"))
        let month = Int(try reader.uint8("capture month"))
        let day = Int(try reader.uint8("capture day"))
        let hour = Int(try reader.uint8("capture hour"))
        let minute = Int(try reader.uint8("capture minute"))
        let second = Int(try reader.uint8("capture second"))
        let millisecond = Int(try reader.uint16("capture millisecond"))
        try self.init(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: millisecond)
    }

    // MARK: - Proleptic Gregorian calendar arithmetic (H. Hinnant's days_from_civil / civil_from_days)

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        let q = a / b - (a % b < 0 ? 1 : 0)
        return (q, a - q * b)
    }

    private static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
