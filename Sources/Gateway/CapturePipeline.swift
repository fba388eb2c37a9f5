public import Bus
import Foundation
public import Wire

/// The stages a capture runs through, as the coordinator sees them. Over the bus in production; in-process in tests.
public protocol CapturePipeline: Sendable {
    func frame(_ request: FrameRequest, timeout: Double) throws -> Frame
    func score(_ request: ScoreRequest, timeout: Double) throws -> ScoreReport
    func encode(_ request: EncodeRequest, timeout: Double) throws -> EncodedRecords
    func sign(_ items: [SignRequest.Item], timeout: Double) throws -> [String]
    func seal(_ request: SealRequest, timeout: Double) throws -> SealResponse
    /// Appends events and returns only when they are durable.
    func journal(_ events: [EventDraft], timeout: Double) throws
}

/// The production pipeline: one bus client per stage.
public struct BusCapturePipeline: CapturePipeline {
    let sensor: BusClient
    let quality: BusClient
    let encoder: BusClient
    let signer: BusClient
    let recorder: EventRecorder

    public init(sensor: BusClient, quality: BusClient, encoder: BusClient, signer: BusClient, journal: EventRecorder) {
        self.sensor = sensor
        self.quality = quality
        self.encoder = encoder
        self.signer = signer
        recorder = journal
    }

    public func frame(_ request: FrameRequest, timeout: Double) throws -> Frame {
        try sensor.call(request, expecting: Frame.self, timeout: timeout)
    }

    public func score(_ request: ScoreRequest, timeout: Double) throws -> ScoreReport {
        try quality.call(request, expecting: ScoreReport.self, timeout: timeout)
    }

    public func encode(_ request: EncodeRequest, timeout: Double) throws -> EncodedRecords {
        try encoder.call(request, expecting: EncodedRecords.self, timeout: timeout)
    }

    public func sign(_ items: [SignRequest.Item], timeout: Double) throws -> [String] {
        try signer.call(SignRequest(items: items), expecting: SignResponse.self, timeout: timeout).tokens
    }

    public func seal(_ request: SealRequest, timeout: Double) throws -> SealResponse {
        try signer.call(request, expecting: SealResponse.self, timeout: timeout)
    }

    public func journal(_ events: [EventDraft], timeout: Double) throws {
        try recorder.append(events, timeout: timeout)
    }
}
