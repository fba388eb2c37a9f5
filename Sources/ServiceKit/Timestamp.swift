public import Foundation

/// MDS timestamps. MOSIP's registration client, compliance toolkit and testing kit parse data timestamps strictly as
/// `yyyy-MM-dd'T'HH:mm:ss'Z'` in UTC without milliseconds (mosip-clients.md §f.12), so that is the only form we emit.
public enum Timestamp {
    /// `2025-01-01T10:00:05Z`
    public static func mds(_ date: Date) -> String {
        let t = components(date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hour, t.minute, t.second)
    }

    /// `2025-01-01T10:00:05.123Z`, for logs only.
    public static func iso8601Millis(_ date: Date) -> String {
        let t = components(date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.year, t.month, t.day, t.hour, t.minute, t.second, t.millisecond)
    }

    public struct UTCComponents: Sendable, Equatable {
        public var year, month, day, hour, minute, second, millisecond: Int
    }

    public static func components(_ date: Date) -> UTCComponents {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(floor(interval))
        let millis = Int((interval - floor(interval)) * 1000)
        var tmValue = tm()
        gmtime_r(&seconds, &tmValue)
        return UTCComponents(
            year: Int(tmValue.tm_year) + 1900, month: Int(tmValue.tm_mon) + 1, day: Int(tmValue.tm_mday),
            hour: Int(tmValue.tm_hour), minute: Int(tmValue.tm_min), second: Int(tmValue.tm_sec), millisecond: min(millis, 999))
    }

    /// Parses `yyyy-MM-dd'T'HH:mm:ss'Z'` exactly (the form this service emits); nil otherwise.
    public static func parseMDS(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }; v = v * 10 + Int(b[i] - 0x30) }
            return v
        }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13), let mi = num(14..<16),
            let s = num(17..<19), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var t = tm()
        t.tm_year = Int32(y - 1900); t.tm_mon = Int32(mo - 1); t.tm_mday = Int32(d)
        t.tm_hour = Int32(h); t.tm_min = Int32(mi); t.tm_sec = Int32(s)
        let seconds = timegm(&t)
        // timegm normalises 2025-02-30 to March 2: a date that does not exist must not parse.
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let back = components(date)
        guard back.year == y, back.month == mo, back.day == d, back.hour == h, back.minute == mi, back.second == s else { return nil }
        return date
    }
}
