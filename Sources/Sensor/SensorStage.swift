public import Bus
import Foundation
public import MDSModel
public import ServiceKit
import Simulation
import Wire

/// Runs the sensor stage: owns the device drivers, reports what the hardware is doing and acquires frames.
public enum SensorStage {
    public static func responder(drivers: [any SensorDriver]) -> RequestHandlers {
        let byId = Dictionary(uniqueKeysWithValues: drivers.map { ($0.deviceId, $0) })
        return RequestHandlers(stage: "sensor", [
            SensorStatusRequest.kind: { _ in
                SensorStatus(devices: drivers.map { .init(deviceId: $0.deviceId, connected: $0.isConnected, driver: $0.name) })
            },
            FrameRequest.kind: { envelope in
                let request = try FrameRequest(decoding: envelope.body)
                guard let driver = byId[request.deviceId] else { throw ErrorReply(.notFound, "no device \(request.deviceId)") }
                guard driver.isConnected else { throw ErrorReply(.unavailable, "device \(request.deviceId) not connected") }
                do {
                    return try driver.frame(request)
                } catch let error as SimulatorDriver.BadOption {
                    throw ErrorReply(.badRequest, error.description)
                }
            },
        ])
    }

    public static func run(configuration: ServiceConfiguration, endpoint: String, logger: Logger, shutdown: ShutdownSignal) throws {
        let fingerprints = FingerprintGenerator()
        let drivers: [any SensorDriver] = configuration.devices.map {
            SimulatorDriver(device: $0, fingerprints: fingerprints, presentation: $0.presentation)
        }
        let server = try BusServer(endpoint: endpoint, responder: responder(drivers: drivers), logger: logger)
        logger.info("sensor drivers attached", [("sensor.devices", "\(drivers.count)"), ("sensor.driver", "simulator")])
        ProcessLifecycle.notifyReady()
        // Grow the default subject's ten finger masters (the expensive part of the simulation) before the first
        // capture needs them.
        Thread.detachNewThread { fingerprints.prepare(subject: 1, fingers: Finger.allCases) }
        server.run(until: shutdown)
    }
}
