public import Foundation

extension Timestamp {
    /// Parses the timestamp forms MOSIP clients send: `…ss'Z'`, `…ss.SSS'Z'`, with an offset (`+05:30`), or local
    /// time without a zone (the registration client's captureTime; read as UTC). Nil for anything else.
    public static func parse(_ text: String) -> Date? {
        if let d = parseMDS(text) { return d }
        let formats = ["yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSS",
                       "yyyy-MM-dd'T'HH:mm:ss"]
        for format in formats {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = format
            if let d = f.date(from: text) { return d }
        }
        return nil
    }
}
