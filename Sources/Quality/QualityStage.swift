import Bus
public import MDSModel
public import ServiceKit

/// Runs the quality stage. It is stateless, so operators can run several; scoring messages join its handler table
/// with the capture pipeline.
public enum QualityStage {
    public static func run(configuration: ServiceConfiguration, endpoint: String, logger: Logger, shutdown: ShutdownSignal) throws {
        let server = try BusServer(endpoint: endpoint, responder: RequestHandlers(stage: "quality", [:]), logger: logger)
        ProcessLifecycle.notifyReady()
        server.run(until: shutdown)
    }
}
