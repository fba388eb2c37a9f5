public import Bus
import Foundation
import JSON
public import MDSModel
import MicroHTTPD
public import ServiceKit
import Wire

/// Runs the gateway stage: HTTP on 127.0.0.1, the device status monitor, and the bus clients it needs.
public enum GatewayStage {
    public static func run(configuration: ServiceConfiguration, endpoints: Endpoints, logger: Logger, shutdown: ShutdownSignal) throws {
        let signerClient = try BusClient(endpoint: endpoints[.signer])
        let sensorClient = try BusClient(endpoint: endpoints[.sensor])
        let journalClient = try BusClient(endpoint: endpoints[.journal])
        let journal = EventRecorder(client: journalClient, stage: "gateway", logger: logger)
        let registry = DeviceRegistry(devices: configuration.devices)
        let monitor = StatusMonitor(registry: registry, signer: signerClient, sensor: sensorClient, journal: journal, logger: logger)
        monitor.refresh()

        // Bind first (to learn the port), then build the responder that knows it.
        let router = DeferredResponder()
        var http = HTTPServerConfiguration()
        http.host = configuration.host
        http.ports = configuration.ports
        http.maxBodyBytes = configuration.maxBodyBytes
        let server = HTTPServer(configuration: http, responder: router)
        let port = try server.start()
        let documents = DeviceDocuments(configuration: configuration, port: port, registry: registry,
                                        signer: BusSigningService(client: signerClient))
        let pipeline = BusCapturePipeline(sensor: sensorClient, quality: try BusClient(endpoint: endpoints[.quality]),
                                          encoder: try BusClient(endpoint: endpoints[.encoder]), signer: signerClient,
                                          journal: journal)
        let captures = CaptureCoordinator(configuration: configuration, registry: registry, pipeline: pipeline, logger: logger,
                                          previews: PreviewHub())
        router.install(MDSResponder(policy: RequestPolicy(port: port, allowedOrigins: configuration.allowedOrigins),
                                    documents: documents, captures: captures, logger: logger))
        let announcement = JSON.object(["port": .number(String(port)), "pid": .number(String(getpid())),
                                        "callbackId": .string(documents.callbackId)])
        try Directories.writeFile(configuration.runtimeDirectory + "/gateway.json", announcement.serialized(), mode: 0o600)
        logger.notice("listening", [("http.address", "127.0.0.1:\(port)")])
        journal.record("gateway.listening", [("port", "\(port)")])
        ProcessLifecycle.notifyReady("port=\(port)")

        while !shutdown.wait(timeout: 1) {
            monitor.refresh()
        }
        server.stop()
        signerClient.close()
        sensorClient.close()
        logger.info("gateway stopped")
    }
}

/// Lets the HTTP server start before the responder exists (the responder needs the bound port).
final class DeferredResponder: HTTPResponder, @unchecked Sendable {
    private let lock = NSLock()
    private var responder: (any HTTPResponder)?

    func install(_ responder: any HTTPResponder) {
        lock.withLock { self.responder = responder }
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        guard let responder = lock.withLock({ self.responder }) else { return HTTPResponse(status: 503) }
        return responder.respond(to: request)
    }
}

import HTTPCore

/// Polls the signer's key inventory and the sensor's device report, and journals every status transition.
final class StatusMonitor: Sendable {
    let registry: DeviceRegistry
    let signer: BusClient
    let sensor: BusClient
    let journal: EventRecorder
    let logger: Logger

    init(registry: DeviceRegistry, signer: BusClient, sensor: BusClient, journal: EventRecorder, logger: Logger) {
        self.registry = registry
        self.signer = signer
        self.sensor = sensor
        self.journal = journal
        self.logger = logger
    }

    func refresh() {
        let inventory = try? signer.call(KeyInventoryRequest(), expecting: KeyInventory.self, timeout: 1)
        let report = try? sensor.call(SensorStatusRequest(), expecting: SensorStatus.self, timeout: 1)
        let transitions = registry.update(keys: inventory?.keys, sensor: report)
        guard !transitions.isEmpty else { return }
        for t in transitions {
            logger.info("device status", [("device.id", t.deviceId), ("device.from", t.from.rawValue), ("device.to", t.to.rawValue)])
        }
        do {
            try journal.append(transitions.map {
                EventDraft(type: "device.status", stage: "gateway", timeMillis: Clock.millis(),
                           attributes: [.init("device", $0.deviceId), .init("from", $0.from.rawValue), .init("to", $0.to.rawValue)])
            })
        } catch {
            logger.error("journal event not recorded", [("event.type", "device.status"), ("error", "\(error)")])
        }
    }
}
