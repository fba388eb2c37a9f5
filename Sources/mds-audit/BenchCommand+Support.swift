import CryptoPrimitives
import Foundation
import Journal
import ServiceKit
import Transparency

/// Statistics and number formatting for the bench (its clocks are `ServiceKit.Clock`).
extension BenchCommand {
    // MARK: helpers

    /// The 1, 5 and 15 minute load averages from /proc/loadavg.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// The journal's own `Checkpointer`, signing with `key` in this process instead of asking the signer.
    static func localCheckpointer(_ store: JournalStore, key: Ed25519.PrivateKey) throws -> Checkpointer {
        try Checkpointer(store: store, origin: JournalStore.checkpointOrigin, logger: Logger(label: "bench", level: .error)) { body in
            try SignedNote.sign(text: body, name: JournalStore.checkpointOrigin, key: key)
        }
    }

    /// A checkpoint now, or an error (the bench's journals must be fully checkpointed).
    static func checkpoint(_ checkpointer: Checkpointer) throws {
        guard checkpointer.checkpoint() else { throw ValidationError("a checkpoint could not be signed") }
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
