public import MDSModel
import Synchronization
public import Wire

/// The gateway's view of each device's status, derived from three facts:
/// whether MOSIP registered it (configuration + the signer holding its key), whether the sensor stage reports the
/// hardware connected, and whether a capture is running on it.
///
/// A pure state holder: callers feed it facts and get back the status transitions, which they journal.
public final class DeviceRegistry: Sendable {
    public struct Transition: Sendable, Equatable {
        public let deviceId: String
        public let from: DeviceStatus
        public let to: DeviceStatus

        public init(deviceId: String, from: DeviceStatus, to: DeviceStatus) {
            self.deviceId = deviceId
            self.from = from
            self.to = to
        }
    }

    private struct Facts {
        var hasKeys = false
        var connected = false
        var busy = false
    }

    public let devices: [DeviceDescriptor]
    private let facts: Mutex<[String: Facts]>

    public init(devices: [DeviceDescriptor]) {
        self.devices = devices
        facts = Mutex(Dictionary(uniqueKeysWithValues: devices.map { ($0.deviceId, Facts()) }))
    }

    public func descriptor(_ deviceId: String) -> DeviceDescriptor? { devices.first { $0.deviceId == deviceId } }

    public func status(of deviceId: String) -> DeviceStatus {
        guard let device = descriptor(deviceId) else { return .notReady }
        return facts.withLock { Self.status(device, $0[deviceId] ?? Facts()) }
    }

    /// Folds in the latest facts in one step, so a device goes straight from its old status to its new one.
    /// - Parameters:
    ///   - keys: the signer's key inventory (a device without a device key is not registered), or nil when the
    ///     signer did not answer (the last known inventory stays).
    ///   - sensor: the sensor stage's report, or nil when it did not answer (every device is then not ready).
    public func update(keys: [KeyReference]?, sensor report: SensorStatus?) -> [Transition] {
        let held = keys.map(Set.init)
        let connected = Dictionary(report?.devices.map { ($0.deviceId, $0.connected) } ?? [], uniquingKeysWith: { $1 })
        return mutate { id, f in
            if let held { f.hasKeys = held.contains(.device(id)) }
            f.connected = connected[id] ?? false
        }
    }

    /// Marks a device busy for one capture. Returns false if it was already busy (one capture per device at a time).
    public func tryMarkBusy(_ deviceId: String) -> (granted: Bool, transitions: [Transition]) {
        var granted = false
        let t = mutate(only: deviceId) { _, f in
            if !f.busy { f.busy = true; granted = true }
        }
        return (granted, t)
    }

    public func markIdle(_ deviceId: String) -> [Transition] {
        mutate(only: deviceId) { _, f in f.busy = false }
    }

    private func mutate(only: String? = nil, _ change: (String, inout Facts) -> Void) -> [Transition] {
        facts.withLock { all in
            var transitions: [Transition] = []
            for device in devices where only == nil || device.deviceId == only {
                var f = all[device.deviceId] ?? Facts()
                let before = Self.status(device, f)
                change(device.deviceId, &f)
                all[device.deviceId] = f
                let after = Self.status(device, f)
                if before != after { transitions.append(Transition(deviceId: device.deviceId, from: before, to: after)) }
            }
            return transitions
        }
    }

    private static func status(_ device: DeviceDescriptor, _ f: Facts) -> DeviceStatus {
        if !device.registered || !f.hasKeys { return .notRegistered }
        if !f.connected { return .notReady }
        if f.busy { return .busy }
        return .ready
    }
}
