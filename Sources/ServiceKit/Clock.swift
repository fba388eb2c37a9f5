import Foundation

/// The clocks the stages and benchmarks read.
public enum Clock {
    /// Wall-clock milliseconds since the Unix epoch, for event times.
    public static func millis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    /// Seconds on the monotonic clock, for intervals.
    public static func monotonicSeconds() -> Double { seconds(CLOCK_MONOTONIC) }

    /// CPU seconds the calling thread has used.
    public static func threadCPUSeconds() -> Double { seconds(CLOCK_THREAD_CPUTIME_ID) }

    /// CPU seconds this process has used, all threads together.
    public static func processCPUSeconds() -> Double { seconds(CLOCK_PROCESS_CPUTIME_ID) }

    private static func seconds(_ clock: clockid_t) -> Double {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
