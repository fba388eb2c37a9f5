public import Bus
public import MDSModel
import QualityMeasures
public import ServiceKit
import Wire

/// Runs the quality stage: scores frames with the configured engines. Stateless, so operators can run several.
public enum QualityStage {
    public static func responder(_ scorer: FrameScorer) -> RequestHandlers {
        RequestHandlers(stage: "quality", [
            ScoreRequest.kind: { envelope in scorer.score(try ScoreRequest(decoding: envelope.body)) },
        ])
    }

    public static let defaultScorer = FrameScorer(fingerprints: BlockFeatureFingerprintEngine(), irises: SegmentationIrisEngine(),
                                                  faces: PortraitFaceEngine())

    public static func run(configuration: ServiceConfiguration, endpoint: String, logger: Logger, shutdown: ShutdownSignal) throws {
        let server = try BusServer(endpoint: endpoint, responder: responder(defaultScorer), logger: logger)
        logger.info("quality engines", [("quality.engines", defaultScorer.engineNames)])
        ProcessLifecycle.notifyReady()
        server.run(until: shutdown)
    }
}
