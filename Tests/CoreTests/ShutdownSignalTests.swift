import Dispatch
import Foundation
import ServiceKit
import Testing

@Suite struct ShutdownSignalTests {
    @Test func startsUntripped() {
        let signal = ShutdownSignal()
        #expect(!signal.isTripped)
        #expect(signal.reason == "")
        #expect(signal.wait(timeout: 0) == false)
    }

    @Test func firstTripWinsAndIsFinal() {
        let signal = ShutdownSignal()
        signal.trip("SIGTERM")
        signal.trip("SIGINT")
        #expect(signal.isTripped)
        #expect(signal.reason == "SIGTERM")
        #expect(signal.wait(timeout: 0))
        #expect(signal.wait())
    }

    @Test func tripWakesEveryWaitingThread() {
        let signal = ShutdownSignal()
        let waiting = DispatchSemaphore(value: 0)
        let woke = DispatchSemaphore(value: 0)
        for _ in 0..<3 {
            Thread.detachNewThread {
                waiting.signal()
                if signal.wait(timeout: 60) { woke.signal() }
            }
        }
        for _ in 0..<3 { #expect(waiting.wait(timeout: .now() + 30) == .success) }
        signal.trip("test")
        // Well inside the waiters' own 60 s timeout: only the trip can have woken them.
        for _ in 0..<3 { #expect(woke.wait(timeout: .now() + 30) == .success) }
    }
}
