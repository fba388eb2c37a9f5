import Foundation

/// Wall-clock milliseconds since the Unix epoch, for event times.
public enum Clock {
    public static func millis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
