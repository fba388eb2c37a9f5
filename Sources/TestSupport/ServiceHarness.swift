public import Foundation
import JSON

/// Starts the real `mds run` supervisor (which starts every stage as its own process) for end-to-end tests, and
/// stops it with SIGTERM. Never sleeps blindly: it polls for the facts it waits on, with deadlines.
public final class ServiceHarness: @unchecked Sendable {
    public let root: TemporaryDirectory
    public let stateDirectory: String
    public let runtimeDirectory: String
    public let process: Process
    public private(set) var port = 0
    private let stderrPath: String

    /// The built `mds` executable: `$MDS_BIN`, or `.build/debug/mds` next to this package.
    public static func executable(_ name: String = "mds") -> String {
        if let path = ProcessInfo.processInfo.environment["MDS_BIN_DIR"] { return path + "/" + name }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/\(name)").path
    }

    /// - Parameter stateDirectory: reuse a state directory (and its already provisioned PKI) to start faster.
    public init(arguments: [String] = [], stateDirectory: String? = nil) throws {
        root = try TemporaryDirectory()
        self.stateDirectory = stateDirectory ?? root.path + "/state"
        runtimeDirectory = root.path + "/run"
        stderrPath = root.path + "/service.log"
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable())
        process.arguments = ["run", "--state-dir", self.stateDirectory, "--runtime-dir", runtimeDirectory] + arguments
        // The service keeps its SoftHSM2 token under its own state directory; a SOFTHSM2_CONF that this test process
        // set for in-process PKCS#11 tests must not send it to that shared token instead.
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "SOFTHSM2_CONF" }
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardOutput = FileHandle.nullDevice
    }

    public struct Timeout: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts the service and waits until the gateway announced its port.
    public func start(timeout: Double = 180) throws {
        try process.run()
        let announcement = runtimeDirectory + "/gateway.json"
        try waitUntil(timeout: timeout, "gateway announcement") {
            guard let data = FileManager.default.contents(atPath: announcement), let json = try? JSON(parsing: Array(data)),
                  let port = json["port"]?.scalarText.flatMap({ Int($0) }) else { return false }
            self.port = port
            return true
        }
    }

    /// Sends SIGTERM and waits for the supervisor to exit; returns its exit status.
    @discardableResult
    public func stop(timeout: Double = 30) throws -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        try waitUntil(timeout: timeout, "supervisor exit") { !self.process.isRunning }
        return process.terminationStatus
    }

    public var log: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Pids of processes whose command line mentions this harness's runtime directory.
    public func stagePids() -> [Int32] {
        let dirs = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return dirs.compactMap { Int32($0) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let cmdline = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return cmdline.contains(runtimeDirectory + "/config.json")
        }
    }

    public func stagePid(_ stage: String) -> Int32? {
        stagePids().first { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let parts = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return parts.count > 1 && parts[1] == stage
        }
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        root.remove()
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` seconds pass.
public func waitUntil(timeout: Double, _ what: String, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return }
        usleep(50_000)
    }
    throw ServiceHarness.Timeout(description: "timed out after \(timeout)s waiting for \(what)")
}
