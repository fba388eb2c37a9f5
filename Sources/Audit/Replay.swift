public import Journal
import Wire

/// Rebuilds, from the events alone, what an auditor asks first: how each device's status changed, and what happened
/// in each capture (requested → frames → scores → chosen → encoded → signed → answered, with timings).
///
/// Output depends on nothing but the events (no clock, no locale, sorted by sequence), so two replays of the same
/// journal are byte-identical.
public enum Replay {
    public static func render(_ events: [JournalEvent]) -> String {
        var out = "# Device status history\n"
        for e in events where e.draft.type == "device.status" {
            let a = attributes(e)
            out += "seq \(e.sequence)  t=\(e.draft.timeMillis)  device \(a["device"] ?? "?"): \(a["from"] ?? "?") -> \(a["to"] ?? "?")"
            out += e.draft.captureId.isEmpty ? "\n" : "  (capture \(e.draft.captureId))\n"
        }
        out += "\n# Service history\n"
        for e in events where ["journal.opened", "service.started", "service.stopping", "service.stopped", "stage.exited",
                               "stage.restarted", "gateway.listening", "signer.keys", "journal.checkpoint"].contains(e.draft.type) {
            let a = e.draft.attributes.filter { !$0.key.hasPrefix("cert.") }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            out += "seq \(e.sequence)  t=\(e.draft.timeMillis)  \(e.draft.type)  \(a)\n"
        }
        out += "\n# Capture timelines\n"
        var order: [String] = []
        var byCapture: [String: [JournalEvent]] = [:]
        for e in events where e.draft.type.hasPrefix("capture.") && !e.draft.captureId.isEmpty {
            if byCapture[e.draft.captureId] == nil { order.append(e.draft.captureId) }
            byCapture[e.draft.captureId, default: []].append(e)
        }
        for id in order {
            let list = byCapture[id] ?? []
            let start = list.first?.draft.timeMillis ?? 0
            out += "capture \(id)\n"
            for e in list {
                let a = attributes(e)
                let offset = e.draft.timeMillis - start
                switch e.draft.type {
                case "capture.requested":
                    out += "  +\(offset) ms requested  \(a["method"] ?? "") device \(a["device"] ?? "") sub \(a["sub_id"] ?? "") "
                        + "segments [\(a["segments"] ?? "")] requestedScore \(a["requested_score"] ?? "") timeout \(a["timeout_ms"] ?? "") ms "
                        + "txn \(a["transaction_id"] ?? "")\n"
                case "capture.segment":
                    out += "  +\(offset) ms chosen     segment \(a["segment"] ?? "") \(a["bio_sub_type"] ?? "") score \(a["score"] ?? "") "
                        + "frame \(a["frame"] ?? "") engine \"\(a["engine"] ?? "")\" iso \(String((a["iso_sha256"] ?? "").prefix(16)))… "
                        + "hash \(String((a["hash"] ?? "").prefix(16)))…\n"
                case "capture.completed":
                    out += "  +\(offset) ms answered   \(a["entries"] ?? "") entries after \(a["frames"] ?? "") frames; acquire \(a["acquire_ms"] ?? "") ms, "
                        + "quality \(a["quality_ms"] ?? "") ms, encode \(a["encode_ms"] ?? "") ms, sign \(a["seal_ms"] ?? "") ms, "
                        + "total \(a["total_ms"] ?? "") ms\n"
                case "capture.failed":
                    out += "  +\(offset) ms failed     \(a["code"] ?? "") \(a["reason"] ?? "")\n"
                default:
                    out += "  +\(offset) ms \(e.draft.type)\n"
                }
            }
        }
        return out
    }

    static func attributes(_ e: JournalEvent) -> [String: String] {
        Dictionary(e.draft.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }
}
