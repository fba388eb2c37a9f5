public import Bus
public import MDSModel
public import ServiceKit
import Wire

/// Runs the encoder stage (ISO 19794 records with JPEG 2000). Stateless and never sees a key, so operators can
/// run several.
public enum EncoderStage {
    public static let responder = RequestHandlers(stage: "encoder", [
        EncodeRequest.kind: { envelope in
            do {
                return try RecordEncoder.encode(EncodeRequest(decoding: envelope.body))
            } catch let error as WireError {
                throw error
            } catch {
                throw ErrorReply(.badRequest, "encoding failed: \(error)")
            }
        },
    ])

    public static func run(configuration: ServiceConfiguration, endpoint: String, logger: Logger, shutdown: ShutdownSignal) throws {
        let server = try BusServer(endpoint: endpoint, responder: responder, logger: logger)
        ProcessLifecycle.notifyReady()
        server.run(until: shutdown)
    }
}
