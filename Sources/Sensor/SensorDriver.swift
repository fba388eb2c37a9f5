public import MDSModel

/// The seam where a device provider plugs in real hardware: one driver per device.
public protocol SensorDriver: Sendable {
    var deviceId: String { get }
    /// A short name for logs and the status report (`simulator`, a vendor SDK name…).
    var name: String { get }
    /// Whether the hardware is attached and answering.
    var isConnected: Bool { get }
}

/// The default driver: a simulated device that is always attached.
public struct SimulatorDriver: SensorDriver {
    public let device: DeviceDescriptor
    public var deviceId: String { device.deviceId }
    public var name: String { "simulator" }
    public var isConnected: Bool { true }

    public init(device: DeviceDescriptor) { self.device = device }
}
