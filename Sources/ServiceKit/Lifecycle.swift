import Dispatch
import Foundation
import Synchronization

/// The process side of the supervisor protocol and of clean shutdown.
///
/// - Readiness: the supervisor passes a pipe as `MDS_NOTIFY_FD`; a stage writes `READY=1\n` once its sockets are
///   bound (the sd_notify convention, so the same stage runs under systemd's `Type=notify` with a small adapter).
/// - Shutdown: SIGTERM and SIGINT trip a one-shot `ShutdownSignal` that service loops poll or wait on.
/// - Orphan guard: a stage whose supervisor died (its parent changed) shuts itself down, so a SIGKILLed supervisor
///   never leaves stages behind.
public final class ShutdownSignal: Sendable {
    private let state = Mutex<(tripped: Bool, reason: String, waiters: [DispatchSemaphore])>((false, "", []))

    public init() {}

    public var isTripped: Bool { state.withLock { $0.tripped } }
    public var reason: String { state.withLock { $0.reason } }

    public func trip(_ reason: String) {
        let waiters: [DispatchSemaphore] = state.withLock { s in
            guard !s.tripped else { return [] }
            s.tripped = true
            s.reason = reason
            defer { s.waiters = [] }
            return s.waiters
        }
        waiters.forEach { $0.signal() }
    }

    /// Blocks until tripped or until `timeout` seconds pass; returns true when tripped.
    @discardableResult
    public func wait(timeout: Double? = nil) -> Bool {
        let sem = DispatchSemaphore(value: 0)
        let already = state.withLock { s -> Bool in
            if s.tripped { return true }
            s.waiters.append(sem)
            return false
        }
        if already { return true }
        if let timeout {
            return sem.wait(timeout: .now() + timeout) == .success || isTripped
        }
        sem.wait()
        return true
    }
}

public enum ProcessLifecycle {
    nonisolated(unsafe) private static var signalSources: [any DispatchSourceSignal] = []

    /// Routes SIGTERM and SIGINT to `shutdown`, ignores SIGPIPE (a vanished HTTP peer must not kill the gateway),
    /// and starts the orphan guard.
    public static func install(_ shutdown: ShutdownSignal, watchParent: Bool = true) {
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { shutdown.trip(sig == SIGTERM ? "SIGTERM" : "SIGINT") }
            source.resume()
            signalSources.append(source)
        }
        if watchParent, ProcessInfo.processInfo.environment["MDS_NOTIFY_FD"] != nil {
            let parent = getppid()
            Thread.detachNewThread {
                while !shutdown.isTripped {
                    if getppid() != parent {
                        shutdown.trip("supervisor gone")
                        return
                    }
                    usleep(200_000)
                }
            }
        }
    }

    /// Tells the supervisor this stage is ready (no-op when not supervised).
    public static func notifyReady(_ extra: String = "") {
        guard let text = ProcessInfo.processInfo.environment["MDS_NOTIFY_FD"], let fd = Int32(text) else { return }
        let line = Array("READY=1\(extra.isEmpty ? "" : " " + extra)\n".utf8)
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}
