import Bus
public import MDSModel
public import ServiceKit

/// Runs the encoder stage (ISO 19794 records with JPEG 2000). Stateless and never sees a key.
public enum EncoderStage {
    public static func run(configuration: ServiceConfiguration, endpoint: String, logger: Logger, shutdown: ShutdownSignal) throws {
        let server = try BusServer(endpoint: endpoint, responder: RequestHandlers(stage: "encoder", [:]), logger: logger)
        ProcessLifecycle.notifyReady()
        server.run(until: shutdown)
    }
}
