import Bus
import Encoder
import Foundation
import Gateway
import JSON
import Journal
import MDSModel
import Quality
import Sensor
import ServiceKit
import Signer
import Supervisor

enum Commands {
    static let version = "0.2.0"

    static let usage = """
        usage: mds run [--config FILE] [--state-dir DIR] [--runtime-dir DIR] [--ports 4501-4600]
                       [--allow-origin ORIGIN]... [--log-level info]
               mds journal|signer|sensor|quality|encoder|gateway --config FILE
               mds config [same options as run]     print the resolved configuration (JSON) and exit
               mds ping STAGE --config FILE         exit 0 when the stage answers on the bus (health checks)
               mds version

        `mds run` starts every stage as its own process with the simulated devices and stops them all on
        SIGTERM or Ctrl-C. State (keys, journal) defaults to $MDS_STATE_DIR or ~/.local/state/mosip-mds.
        """

    /// `mds config`: the configuration `mds run` would hand to the stages, for deployments that start stages
    /// themselves (compose, systemd).
    static func printConfiguration(_ argv: [String]) -> ExitCode {
        do {
            let (configuration, _) = try resolve(argv)
            print(configuration.json.serializedString)
            return .success
        } catch {
            FileHandle.standardError.write(Data("mds: \(error)\n".utf8))
            return .usage
        }
    }

    /// `mds ping STAGE --config FILE`: a bus round trip to one stage.
    static func ping(_ argv: [String]) -> ExitCode {
        do {
            var args = try Arguments(argv)
            guard let name = args.positional.first, let stage = Stage(rawValue: name), stage != .gateway else {
                throw ValidationError("ping needs one of: journal signer sensor quality encoder")
            }
            guard let path = args.string("config") else { throw ValidationError("ping needs --config FILE") }
            try args.checkAllConsumed()
            let configuration = try load(path)
            let endpoints = Endpoints(runtimeDirectory: configuration.runtimeDirectory, overridesByName: configuration.endpointOverrides)
            let client = try BusClient(endpoint: endpoints[stage])
            defer { client.close() }
            return client.waitUntilReachable(timeout: 2) ? .success : .unavailable
        } catch {
            FileHandle.standardError.write(Data("mds: \(error)\n".utf8))
            return .usage
        }
    }

    /// Options shared by `run` and `config`.
    static func resolve(_ argv: [String]) throws -> (ServiceConfiguration, runtimeIsOurs: Bool) {
        var args = try Arguments(argv)
        var configuration = try args.string("config").map(load) ?? ServiceConfiguration()
        var runtimeIsOurs = false
        if let dir = args.string("state-dir") { configuration.stateDirectory = dir }
        if let dir = args.string("runtime-dir") { configuration.runtimeDirectory = dir }
        if let ports = try args.range("ports") { configuration.ports = ports }
        let origins = args.strings("allow-origin")
        if !origins.isEmpty { configuration.allowedOrigins = origins }
        if let level = args.string("log-level") { configuration.logLevel = level }
        try args.checkAllConsumed()
        guard args.positional.isEmpty else { throw ValidationError("unexpected argument '\(args.positional[0])'") }
        if configuration.stateDirectory.isEmpty { configuration.stateDirectory = Directories.defaultStateDirectory() }
        configuration.stateDirectory = absolute(configuration.stateDirectory)
        if configuration.runtimeDirectory.isEmpty {
            configuration.runtimeDirectory = NSTemporaryDirectory() + "mosip-mds-\(getuid()).\(getpid())"
            runtimeIsOurs = true
        }
        configuration.runtimeDirectory = absolute(configuration.runtimeDirectory)
        guard LogLevel(name: configuration.logLevel) != nil else { throw ValidationError("unknown log level \(configuration.logLevel)") }
        return (configuration, runtimeIsOurs)
    }

    /// `mds run`: resolve one configuration, hand it to every stage, supervise.
    static func supervise(_ argv: [String]) -> ExitCode {
        let configuration: ServiceConfiguration
        let runtimeIsOurs: Bool
        do {
            (configuration, runtimeIsOurs) = try resolve(argv)
        } catch {
            FileHandle.standardError.write(Data("mds: \(error)\n".utf8))
            return .usage
        }
        let logger = Logger(label: "supervisor", level: LogLevel(name: configuration.logLevel) ?? .info)
        let shutdown = ShutdownSignal()
        ProcessLifecycle.install(shutdown, watchParent: false)
        do {
            try Directories.ensurePrivate(configuration.stateDirectory)
            try Directories.ensurePrivate(configuration.runtimeDirectory)
            let configPath = configuration.runtimeDirectory + "/config.json"
            try Directories.writeFile(configPath, configuration.json.serialized(), mode: 0o600)
            logger.notice("starting", [("state.directory", configuration.stateDirectory),
                                       ("runtime.directory", configuration.runtimeDirectory),
                                       ("pki.directory", configuration.stateDirectory + "/pki"),
                                       ("journal.path", JournalStage.databasePath(stateDirectory: configuration.stateDirectory))])
            let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            let supervisor = Supervisor(configuration: configuration, configPath: configPath, executable: executable, logger: logger)
            defer {
                try? FileManager.default.removeItem(atPath: configPath)
                try? FileManager.default.removeItem(atPath: configuration.runtimeDirectory + "/gateway.json")
                if runtimeIsOurs { try? FileManager.default.removeItem(atPath: configuration.runtimeDirectory) }
            }
            try supervisor.run(until: shutdown)
            logger.notice("stopped")
            return .success
        } catch {
            logger.error("service failed", [("error", "\(error)")])
            return .failure
        }
    }

    /// `mds <stage> --config FILE`: one stage in this process.
    static func stage(_ name: String, _ argv: [String]) -> ExitCode {
        let configuration: ServiceConfiguration
        do {
            var args = try Arguments(argv)
            guard let path = args.string("config") else { throw ValidationError("\(name) needs --config FILE") }
            try args.checkAllConsumed()
            configuration = try load(path)
        } catch {
            FileHandle.standardError.write(Data("mds \(name): \(error)\n".utf8))
            return .usage
        }
        let logger = Logger(label: name, level: LogLevel(name: configuration.logLevel) ?? .info)
        let shutdown = ShutdownSignal()
        ProcessLifecycle.install(shutdown)
        let endpoints = Endpoints(runtimeDirectory: configuration.runtimeDirectory, overridesByName: configuration.endpointOverrides)
        do {
            switch name {
            case "journal": try JournalStage.run(configuration: configuration, endpoint: endpoints[.journal],
                                                  signerEndpoint: endpoints[.signer], logger: logger, shutdown: shutdown)
            case "signer": try SignerStage.run(configuration: configuration, endpoint: endpoints[.signer],
                                                 journalEndpoint: endpoints[.journal], logger: logger, shutdown: shutdown)
            case "sensor": try SensorStage.run(configuration: configuration, endpoint: endpoints[.sensor], logger: logger, shutdown: shutdown)
            case "quality": try QualityStage.run(configuration: configuration, endpoint: endpoints[.quality], logger: logger, shutdown: shutdown)
            case "encoder": try EncoderStage.run(configuration: configuration, endpoint: endpoints[.encoder], logger: logger, shutdown: shutdown)
            default: try GatewayStage.run(configuration: configuration, endpoints: endpoints, logger: logger, shutdown: shutdown)
            }
            return .success
        } catch {
            logger.error("stage failed", [("error", "\(error)")])
            return .failure
        }
    }

    static func load(_ path: String) throws -> ServiceConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
        return try ServiceConfiguration(json: try JSON(parsing: Array(data)))
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
