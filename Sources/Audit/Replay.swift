public import Journal
import Wire

/// Rebuilds, from the events alone, what an auditor asks first: how each device's status changed, and what happened
/// in each capture (requested → frames → scores → chosen → encoded → signed → answered, with timings).
///
/// Output depends on nothing but the events (no clock, no locale, sorted by sequence), so two replays of the same
/// journal are byte-identical.
public enum Replay {
    /// Service-level event types listed in the service history.
    static let serviceTypes: Set<String> = ["journal.opened", "service.started", "service.stopping", "service.stopped",
                                            "stage.exited", "stage.restarted", "gateway.listening", "signer.keys",
                                            "journal.checkpoint"]

    /// Streams the replay of `store` to `output`, one line (without its newline) per call. Three sections, each one
    /// pass over the rows decoding only the events it shows; the capture timelines take one more pass that reads
    /// only the events' heads, to learn where each capture ends, so each timeline is written as soon as it is
    /// complete. Memory: the captures open at once and one sequence number per capture, not the journal. On a live
    /// journal every section covers the rows counted at the start.
    public static func write(_ store: JournalStore, to output: (String) throws -> Void) throws {
        let through = UInt64(clamping: try store.maxSequence())
        try output("# Device status history")
        try store.forEachEvent(through: through, ofType: { $0 == "device.status" }) { try output(statusLine($0)) }
        try output("")
        try output("# Service history")
        try store.forEachEvent(through: through, ofType: serviceTypes.contains) { try output(serviceLine($0)) }
        try output("")
        try output("# Capture timelines")
        var lastEvents: [String: UInt64] = [:]
        try store.forEachHead(through: through) { sequence, head in
            if isCaptureEvent(type: head.type, captureId: head.captureId) { lastEvents[head.captureId] = sequence }
        }
        var timelines = CaptureTimelines(lastEvents: lastEvents)
        try store.forEachEvent(through: through, ofType: { $0.hasPrefix("capture.") }) { event in
            guard isCaptureEvent(type: event.draft.type, captureId: event.draft.captureId) else { return }
            for timeline in timelines.add(event) { try timelineLines(timeline).forEach(output) }
        }
        for timeline in timelines.finish() { try timelineLines(timeline).forEach(output) }
    }

    /// The whole replay as one string (lines joined, each ended by a newline).
    public static func render(_ store: JournalStore) throws -> String {
        var out = ""
        try write(store) { out += $0 + "\n" }
        return out
    }

    static func isCaptureEvent(type: String, captureId: String) -> Bool {
        type.hasPrefix("capture.") && !captureId.isEmpty
    }

    static func statusLine(_ e: JournalEvent) -> String {
        let a = attributes(e)
        return "seq \(e.sequence)  t=\(e.draft.timeMillis)  device \(a["device"] ?? "?"): \(a["from"] ?? "?") -> \(a["to"] ?? "?")"
            + (e.draft.captureId.isEmpty ? "" : "  (capture \(e.draft.captureId))")
    }

    static func serviceLine(_ e: JournalEvent) -> String {
        let a = e.draft.attributes.filter { !$0.key.hasPrefix("cert.") }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "seq \(e.sequence)  t=\(e.draft.timeMillis)  \(e.draft.type)  \(a)"
    }

    /// A capture's timeline: requested → chosen segments (frame, score, engine, digests) → answered or failed, each
    /// step at its offset from the first.
    static func timelineLines(_ timeline: CaptureTimelines.Timeline) -> [String] {
        let start = timeline.events.first?.draft.timeMillis ?? 0
        return ["capture \(timeline.captureId)"] + timeline.events.map { e in
            let a = attributes(e)
            let offset = e.draft.timeMillis - start
            switch e.draft.type {
            case "capture.requested":
                return "  +\(offset) ms requested  \(a["method"] ?? "") device \(a["device"] ?? "") sub \(a["sub_id"] ?? "") "
                    + "segments [\(a["segments"] ?? "")] requestedScore \(a["requested_score"] ?? "") timeout \(a["timeout_ms"] ?? "") ms "
                    + "txn \(a["transaction_id"] ?? "")"
            case "capture.segment":
                return "  +\(offset) ms chosen     segment \(a["segment"] ?? "") \(a["bio_sub_type"] ?? "") score \(a["score"] ?? "") "
                    + "frame \(a["frame"] ?? "") engine \"\(a["engine"] ?? "")\" iso \(String((a["iso_sha256"] ?? "").prefix(16)))… "
                    + "hash \(String((a["hash"] ?? "").prefix(16)))…"
            case "capture.completed":
                return "  +\(offset) ms answered   \(a["entries"] ?? "") entries after \(a["frames"] ?? "") frames; acquire \(a["acquire_ms"] ?? "") ms, "
                    + "quality \(a["quality_ms"] ?? "") ms, encode \(a["encode_ms"] ?? "") ms, sign \(a["seal_ms"] ?? "") ms, "
                    + "total \(a["total_ms"] ?? "") ms"
            case "capture.failed":
                return "  +\(offset) ms failed     \(a["code"] ?? "") \(a["reason"] ?? "")"
            default:
                return "  +\(offset) ms \(e.draft.type)"
            }
        }
    }

    static func attributes(_ e: JournalEvent) -> [String: String] {
        Dictionary(e.draft.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }
}

/// Groups capture events, arriving in sequence order, into one timeline per capture, released in the order the
/// captures first appear, each as soon as its last event (`lastEvents`, from an earlier pass) has arrived and every
/// capture that appeared before it is released. A pure state machine: no I/O.
struct CaptureTimelines {
    struct Timeline: Equatable {
        let captureId: String
        var events: [JournalEvent]
    }

    private var lastEvents: [String: UInt64]
    private var open: [String: Timeline] = [:]
    private var complete: Set<String> = []
    /// Open captures in order of first appearance; `order[head...]` are not yet released.
    private var order: [String] = []
    private var head = 0

    /// `lastEvents`: the sequence number of each capture's last event. A capture missing from it is released only
    /// by `finish()`.
    init(lastEvents: [String: UInt64]) {
        self.lastEvents = lastEvents
    }

    /// Adds the next event (sequence numbers increasing); returns the timelines it completes, in order.
    mutating func add(_ event: JournalEvent) -> [Timeline] {
        let id = event.draft.captureId
        if open[id] == nil {
            open[id] = Timeline(captureId: id, events: [])
            order.append(id)
        }
        open[id]?.events.append(event)
        if let last = lastEvents[id], event.sequence >= last {
            complete.insert(id)
            lastEvents[id] = nil
        }
        return release(all: false)
    }

    /// Every timeline still held, in order (the events ran out).
    mutating func finish() -> [Timeline] {
        release(all: true)
    }

    /// Releases, from the front, the captures that are complete (or all of them).
    private mutating func release(all: Bool) -> [Timeline] {
        var out: [Timeline] = []
        while head < order.count, all || complete.contains(order[head]) {
            let id = order[head]
            head += 1
            complete.remove(id)
            if let timeline = open.removeValue(forKey: id) { out.append(timeline) }
        }
        if head >= 1024, head * 2 >= order.count {
            order.removeFirst(head)
            head = 0
        }
        return out
    }
}
