public import ServiceKit
public import Wire

/// Sends events to the journal and waits for the durable ack.
public struct EventRecorder: Sendable {
    private let client: BusClient
    private let stage: String
    private let logger: Logger

    public init(client: BusClient, stage: String, logger: Logger) {
        self.client = client
        self.stage = stage
        self.logger = logger
    }

    /// Appends events; returns the ack, or throws when the journal did not confirm within `timeout` seconds.
    @discardableResult
    public func append(_ events: [EventDraft], timeout: Double = 5) throws -> JournalAck {
        try client.call(JournalAppend(events: events), expecting: JournalAck.self, timeout: timeout)
    }

    /// Records one event of this stage. A failure is logged, not thrown: used for operational events (status
    /// changes, restarts) whose loss must be visible but must not stop the service.
    public func record(_ type: String, captureId: String = "", _ attributes: [(String, String)] = [], timeout: Double = 5) {
        let event = EventDraft(type: type, stage: stage, captureId: captureId, timeMillis: Clock.millis(),
                               attributes: attributes.map { EventDraft.Attribute($0.0, $0.1) })
        do {
            try append([event], timeout: timeout)
        } catch {
            logger.error("journal event not recorded", [("event.type", type), ("error", "\(error)")])
        }
    }
}
