public import Wire

/// The seam where a device provider plugs in real hardware: one driver per device.
public protocol SensorDriver: Sendable {
    var deviceId: String { get }
    /// A short name for logs and the status report (`simulator`, a vendor SDK name…).
    var name: String { get }
    /// Whether the hardware is attached and answering.
    var isConnected: Bool { get }
    /// Acquires one frame for the requested segments. A real driver returns what the sensor sees now; it may
    /// block until the sensor's next frame.
    func frame(_ request: FrameRequest) throws -> Frame
}
