/// When to restart a stage that ended unexpectedly: exponential backoff from `initialDelay`, capped at `maxDelay`,
/// forgotten once the stage has stayed up for `stableAfter` seconds. A pure value, tested without processes.
public struct RestartPolicy: Sendable, Equatable {
    public var initialDelay: Double = 0.2
    public var maxDelay: Double = 10
    public var stableAfter: Double = 30

    public init() {}

    /// - Parameters:
    ///   - consecutiveFailures: failures before this one without a stable run in between.
    ///   - uptime: how long the run that just ended lasted.
    /// - Returns: the delay before restarting, and the new count of consecutive failures.
    public func next(consecutiveFailures: Int, uptime: Double) -> (delay: Double, failures: Int) {
        let failures = uptime >= stableAfter ? 1 : consecutiveFailures + 1
        var delay = initialDelay
        for _ in 1..<failures {
            delay *= 2
            if delay >= maxDelay { break }
        }
        return (min(delay, maxDelay), failures)
    }
}
