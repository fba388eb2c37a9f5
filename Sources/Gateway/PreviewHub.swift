public import Foundation
import Imaging
import MDSModel
import Synchronization
public import Wire

/// The latest scored frame of each device's running capture, for STREAM viewers.
///
/// The capture loop publishes and never waits: a viewer that is slow or gone only misses frames (it always gets the
/// newest), so no viewer can stall a capture. Viewers wait on a condition with a deadline.
public final class PreviewHub: @unchecked Sendable {
    public struct Snapshot: Sendable {
        public let sequence: UInt64
        public let frame: Frame
        public let report: ScoreReport
        public let segments: [SegmentSpec]
        public let requestedScore: Double
        /// The frame's multipart part, drawn and JPEG-encoded by the first viewer that needs it and shared by the
        /// others, so the cost of a frame does not grow with the number of viewers.
        let rendering = Rendering()
    }

    /// A snapshot's rendered part: the first caller renders it while later callers wait, then every caller gets the
    /// same bytes (a failed rendering, nil, is shared too).
    final class Rendering: Sendable {
        private let state = Mutex<(done: Bool, part: [UInt8]?)>((false, nil))

        func part(_ render: () -> [UInt8]?) -> [UInt8]? {
            state.withLock { state in
                if !state.done { state = (true, render()) }
                return state.part
            }
        }
    }

    private struct DeviceState {
        var latest: Snapshot?
        var captureRunning = false
        /// Bumped when a capture ends, so viewers attached during it know to finish.
        var capturesEnded: UInt64 = 0
        var sequence: UInt64 = 0
    }

    private let condition = NSCondition()
    private var devices: [String: DeviceState] = [:]

    public init() {}

    public func captureStarted(_ deviceId: String) {
        condition.withLock {
            devices[deviceId, default: DeviceState()].captureRunning = true
            devices[deviceId]?.latest = nil
        }
    }

    public func publish(_ deviceId: String, frame: Frame, report: ScoreReport, segments: [SegmentSpec], requestedScore: Double) {
        condition.withLock {
            var state = devices[deviceId, default: DeviceState()]
            state.sequence += 1
            state.latest = Snapshot(sequence: state.sequence, frame: frame, report: report, segments: segments, requestedScore: requestedScore)
            devices[deviceId] = state
            condition.broadcast()
        }
    }

    public func captureEnded(_ deviceId: String) {
        condition.withLock {
            devices[deviceId, default: DeviceState()].captureRunning = false
            devices[deviceId]?.capturesEnded += 1
            condition.broadcast()
        }
    }

    /// What a viewer knows about a device's captures when it starts watching.
    public func position(_ deviceId: String) -> (captureRunning: Bool, capturesEnded: UInt64, sequence: UInt64) {
        condition.withLock {
            let s = devices[deviceId] ?? DeviceState()
            return (s.captureRunning, s.capturesEnded, s.sequence)
        }
    }

    public enum Next: Sendable {
        case frame(Snapshot)
        /// A capture that was running (or started) since the viewer attached has ended.
        case captureEnded
        /// No capture is running and none ended: the viewer should show the idle preview.
        case idle
        case timedOut
    }

    /// Waits for a frame newer than `after`, until `deadline`.
    public func next(_ deviceId: String, after sequence: UInt64, endedBefore: UInt64, deadline: Date) -> Next {
        condition.withLock {
            while true {
                let s = devices[deviceId] ?? DeviceState()
                if s.capturesEnded > endedBefore { return .captureEnded }
                if let latest = s.latest, latest.sequence > sequence, s.captureRunning { return .frame(latest) }
                if !s.captureRunning { return .idle }
                if !condition.wait(until: deadline) { return .timedOut }
            }
        }
    }
}
