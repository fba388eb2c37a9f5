public import Bus
public import MDSModel
public import ServiceKit
import Wire

/// Runs the sensor stage: owns the device drivers and answers what the hardware is doing.
public enum SensorStage {
    public static func responder(drivers: [any SensorDriver]) -> RequestHandlers {
        RequestHandlers(stage: "sensor", [
            SensorStatusRequest.kind: { _ in
                SensorStatus(devices: drivers.map { .init(deviceId: $0.deviceId, connected: $0.isConnected, driver: $0.name) })
            },
        ])
    }

    public static func run(configuration: ServiceConfiguration, endpoint: String, logger: Logger, shutdown: ShutdownSignal) throws {
        let drivers: [any SensorDriver] = configuration.devices.map(SimulatorDriver.init)
        let server = try BusServer(endpoint: endpoint, responder: responder(drivers: drivers), logger: logger)
        logger.info("sensor drivers attached", [("sensor.devices", "\(drivers.count)"), ("sensor.driver", "simulator")])
        ProcessLifecycle.notifyReady()
        server.run(until: shutdown)
    }
}
