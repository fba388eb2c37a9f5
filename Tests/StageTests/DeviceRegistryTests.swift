import Gateway
import MDSModel
import Testing
import Wire

@Suite struct DeviceRegistryTests {
    let devices = DeviceDescriptor.simulatedDefaults
    var allKeys: [KeyReference] { devices.map { .device($0.deviceId) } }
    var allConnected: SensorStatus {
        SensorStatus(devices: devices.map { .init(deviceId: $0.deviceId, connected: true, driver: "simulator") })
    }

    @Test func startsNotRegisteredAndBecomesReadyInOneTransition() {
        let registry = DeviceRegistry(devices: devices)
        #expect(registry.status(of: "1") == .notRegistered)
        let transitions = registry.update(keys: allKeys, sensor: allConnected)
        #expect(transitions.count == devices.count)
        #expect(transitions.allSatisfy { $0.from == .notRegistered && $0.to == .ready })
        #expect(registry.update(keys: allKeys, sensor: allConnected).isEmpty)
    }

    @Test func sensorSilenceMakesDevicesNotReadyAndKeepsKnownKeys() {
        let registry = DeviceRegistry(devices: devices)
        _ = registry.update(keys: allKeys, sensor: allConnected)
        let down = registry.update(keys: nil, sensor: nil)
        #expect(down.count == devices.count)
        #expect(down.allSatisfy { $0.from == .ready && $0.to == .notReady })
        let up = registry.update(keys: nil, sensor: allConnected)
        #expect(up.allSatisfy { $0.to == .ready })
    }

    @Test func deviceWithoutKeyIsNotRegistered() {
        let registry = DeviceRegistry(devices: devices)
        _ = registry.update(keys: allKeys.filter { $0 != .device("3") }, sensor: allConnected)
        #expect(registry.status(of: "3") == .notRegistered)
        #expect(registry.status(of: "1") == .ready)
    }

    @Test func unregisteredInConfigurationStaysNotRegistered() {
        var list = devices
        list[0].registered = false
        let registry = DeviceRegistry(devices: list)
        _ = registry.update(keys: allKeys, sensor: allConnected)
        #expect(registry.status(of: list[0].deviceId) == .notRegistered)
    }

    @Test func oneCaptureAtATime() {
        let registry = DeviceRegistry(devices: devices)
        _ = registry.update(keys: allKeys, sensor: allConnected)
        let first = registry.tryMarkBusy("4")
        #expect(first.granted)
        #expect(first.transitions == [.init(deviceId: "4", from: .ready, to: .busy)])
        #expect(registry.tryMarkBusy("4").granted == false)
        #expect(registry.status(of: "4") == .busy)
        #expect(registry.markIdle("4") == [.init(deviceId: "4", from: .busy, to: .ready)])
    }
}
