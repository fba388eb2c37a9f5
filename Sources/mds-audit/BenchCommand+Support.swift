import Foundation

/// Statistics and number formatting for the bench (its clocks are `ServiceKit.Clock`).
extension BenchCommand {
    // MARK: helpers

    /// The 1, 5 and 15 minute load averages from /proc/loadavg.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func fixed(_ x: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", x)
    }

    /// The low `width` hex digits of `x`, zero-padded.
    static func hex(_ x: UInt64, _ width: Int) -> String {
        let digits = String(x, radix: 16)
        return digits.count >= width ? String(digits.suffix(width)) : String(repeating: "0", count: width - digits.count) + digits
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func grouped(_ x: Double) -> String {
        let digits = String(Int(x.rounded()))
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    @inline(never)
    static func blackHole<T>(_ x: T) { withExtendedLifetime(x) {} }
}
