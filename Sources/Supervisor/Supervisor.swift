import Bus
import Foundation
import Glibc
import JSON
public import MDSModel
public import ServiceKit

/// Starts every stage from one configuration, waits until each is ready, restarts a stage that dies (with backoff
/// and a journal event), and on shutdown stops them in reverse order: gateway first, journal last, so the journal
/// records the stop. Holds no business state.
public final class Supervisor {
    private struct Running {
        var child: ChildProcess?
        var failures = 0
        var restartAt: Date?
        var restarts = 0
    }

    private let configuration: ServiceConfiguration
    private let configPath: String
    private let executable: String
    private let logger: Logger
    private let policy: RestartPolicy
    private var stages: [Stage: Running] = [:]
    private var journal: EventRecorder?
    private var journalClient: BusClient?

    public init(configuration: ServiceConfiguration, configPath: String, executable: String, logger: Logger,
                policy: RestartPolicy = RestartPolicy())
    {
        self.configuration = configuration
        self.configPath = configPath
        self.executable = executable
        self.logger = logger
        self.policy = policy
    }

    public struct StartupError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs until `shutdown` trips. Returns normally after a clean stop.
    public func run(until shutdown: ShutdownSignal) throws {
        let endpoints = Endpoints(runtimeDirectory: configuration.runtimeDirectory, overridesByName: configuration.endpointOverrides)
        defer { stopAll() }
        for stage in Stage.startOrder {
            guard !shutdown.isTripped else { return }
            try start(stage)
            if stage == .journal {
                let client = try BusClient(endpoint: endpoints[.journal])
                journalClient = client
                journal = EventRecorder(client: client, stage: "supervisor", logger: logger)
            }
        }
        journal?.record("service.started", [("pid", "\(getpid())"), ("devices", "\(configuration.devices.count)")])
        logger.notice("service ready", [("runtime.directory", configuration.runtimeDirectory),
                                        ("state.directory", configuration.stateDirectory)])

        while !shutdown.wait(timeout: 0.1) {
            superviseOnce()
        }
        logger.notice("shutting down", [("reason", shutdown.reason)])
    }

    private func start(_ stage: Stage) throws {
        let child = try ChildProcess.spawn(executable: executable, arguments: [stage.rawValue, "--config", configPath],
                                           environment: ProcessInfo.processInfo.environment)
        stages[stage, default: Running()].child = child
        // The signer may generate the development PKI on its first start: give it time.
        guard let detail = child.waitUntilReady(timeout: stage == .signer ? 120 : 30) else {
            throw StartupError(description: "stage \(stage.rawValue) did not become ready")
        }
        logger.info("stage ready", [("stage", stage.rawValue), ("pid", "\(child.pid)")] + (detail.isEmpty ? [] : [("detail", detail)]))
    }

    /// Reaps ended stages and restarts those whose backoff elapsed.
    func superviseOnce() {
        for (pid, status) in reapChildren() {
            guard let stage = stages.first(where: { $0.value.child?.pid == pid })?.key, var running = stages[stage],
                  let child = running.child else { continue }
            let uptime = Date().timeIntervalSince(child.startedAt)
            let (delay, failures) = policy.next(consecutiveFailures: running.failures, uptime: uptime)
            running.child = nil
            running.failures = failures
            running.restartAt = Date().addingTimeInterval(delay)
            stages[stage] = running
            logger.error("stage exited", [("stage", stage.rawValue), ("pid", "\(pid)"), ("status", "\(status)"),
                                          ("restart.delay_s", String(format: "%.1f", delay))])
            if stage != .journal {
                journal?.record("stage.exited", [("stage", stage.rawValue), ("pid", "\(pid)"), ("status", "\(status)")], timeout: 2)
            }
        }
        for (stage, running) in stages where running.child == nil {
            guard let at = running.restartAt, at <= Date() else { continue }
            do {
                try start(stage)
                stages[stage]?.restartAt = nil
                stages[stage]?.restarts += 1
                let pid = stages[stage]?.child?.pid ?? 0
                journal?.record("stage.restarted", [("stage", stage.rawValue), ("pid", "\(pid)"),
                                                    ("attempt", "\(stages[stage]?.failures ?? 0)")])
            } catch {
                // A failed start counts as another failure; back off further.
                let (delay, failures) = policy.next(consecutiveFailures: running.failures, uptime: 0)
                stages[stage]?.failures = failures
                stages[stage]?.restartAt = Date().addingTimeInterval(delay)
                logger.error("stage restart failed", [("stage", stage.rawValue), ("error", "\(error)")])
            }
        }
    }

    /// Stops stages in reverse start order; each gets SIGTERM and `grace` seconds before SIGKILL.
    private func stopAll(grace: Double = 5) {
        journal?.record("service.stopping", [("pid", "\(getpid())")], timeout: 2)
        for stage in Stage.stopOrder {
            if stage == .journal {
                journal?.record("service.stopped", [("pid", "\(getpid())")], timeout: 2)
                journalClient?.close()
            }
            guard let child = stages[stage]?.child else { continue }
            child.signal(SIGTERM)
            let deadline = Date().addingTimeInterval(grace)
            var status: Int32 = 0
            var ended = false
            while Date() < deadline {
                let r = waitpid(child.pid, &status, WNOHANG)
                if r == child.pid || (r < 0 && errno == ECHILD) { ended = true; break }
                usleep(20_000)
            }
            if !ended {
                logger.warning("stage did not stop in time", [("stage", stage.rawValue), ("pid", "\(child.pid)")])
                child.signal(SIGKILL)
                waitpid(child.pid, &status, 0)
            }
            stages[stage]?.child = nil
        }
    }
}
