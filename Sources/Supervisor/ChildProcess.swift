import Foundation
import Glibc

/// A stage process started with `posix_spawn`, in its own process group (so a terminal's Ctrl-C reaches only the
/// supervisor, which then stops the stages in order), with a readiness pipe on file descriptor 3.
struct ChildProcess {
    let pid: pid_t
    let readyFD: Int32
    let startedAt: Date

    struct SpawnError: Error, CustomStringConvertible {
        let description: String
    }

    static func spawn(executable: String, arguments: [String], environment: [String: String]) throws -> ChildProcess {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        defer { close(fds[1]) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 onto 3 clears close-on-exec for the child's copy only.
        posix_spawn_file_actions_adddup2(&actions, fds[1], 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for s in [SIGTERM, SIGINT, SIGPIPE, SIGCHLD] { sigaddset(&defaultSignals, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        var noSignalsBlocked = sigset_t()
        sigemptyset(&noSignalsBlocked)
        posix_spawnattr_setsigmask(&attributes, &noSignalsBlocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var env = environment
        env["MDS_NOTIFY_FD"] = "3"
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            close(fds[0])
            throw SpawnError(description: "posix_spawn \(executable): \(String(cString: strerror(rc)))")
        }
        return ChildProcess(pid: pid, readyFD: fds[0], startedAt: Date())
    }

    /// Waits for the `READY=1` line; returns what followed it (e.g. `port=4501`), or nil on timeout or early exit.
    func waitUntilReady(timeout: Double) -> String? {
        defer { close(readyFD) }
        let deadline = Date().addingTimeInterval(timeout)
        var received: [UInt8] = []
        while Date() < deadline {
            var p = pollfd(fd: readyFD, events: Int16(POLLIN), revents: 0)
            let ms = Int32(max(1, min(200, deadline.timeIntervalSinceNow * 1000)))
            let n = poll(&p, 1, ms)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { continue }
            var buffer = [UInt8](repeating: 0, count: 256)
            let got = read(readyFD, &buffer, buffer.count)
            if got <= 0 { break }  // closed without READY: the stage failed before it was ready
            received += buffer[0..<got]
            if let line = String(decoding: received, as: UTF8.self).split(separator: "\n").first, line.hasPrefix("READY=1") {
                return String(line.dropFirst("READY=1".count)).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    func signal(_ sig: Int32) { kill(pid, sig) }
}

/// How a child ended, from `waitpid`'s status word.
struct ExitStatus: CustomStringConvertible, Equatable {
    let raw: Int32

    var exitCode: Int32? { (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : nil }
    var signal: Int32? { (raw & 0x7F) != 0 && (raw & 0x7F) != 0x7F ? raw & 0x7F : nil }
    var description: String {
        if let code = exitCode { return "exit \(code)" }
        if let sig = signal { return "signal \(sig)" }
        return "status \(raw)"
    }
}

/// Reaps any child that has ended, without blocking.
func reapChildren() -> [(pid_t, ExitStatus)] {
    var ended: [(pid_t, ExitStatus)] = []
    while true {
        var status: Int32 = 0
        let pid = waitpid(-1, &status, WNOHANG)
        if pid <= 0 { break }
        ended.append((pid, ExitStatus(raw: status)))
    }
    return ended
}
