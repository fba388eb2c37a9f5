import Supervisor
import Testing

@Suite struct RestartPolicyTests {
    let policy = RestartPolicy()

    @Test func backsOffExponentiallyUpToTheCap() {
        var failures = 0
        var delays: [Double] = []
        for _ in 0..<10 {
            let next = policy.next(consecutiveFailures: failures, uptime: 1)
            delays.append(next.delay)
            failures = next.failures
        }
        #expect(delays.prefix(5) == [0.2, 0.4, 0.8, 1.6, 3.2])
        #expect(delays.last == 10)
        #expect(zip(delays, delays.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func aStableRunResetsTheBackoff() {
        let next = policy.next(consecutiveFailures: 7, uptime: 31)
        #expect(next.failures == 1)
        #expect(next.delay == 0.2)
    }
}
