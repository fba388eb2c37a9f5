import Audit
import CryptoPrimitives
import Foundation
import JSON
import Journal
import ServiceKit
import Transparency
import Wire

extension BenchCommand {
    // MARK: 5. verify over captures

    /// A journal shaped like the service's own (docs/AUDIT.md): a `signer.keys` event with the device certificate,
    /// then captures of 1–4 segments, each `device.status` → `capture.requested` → `capture.segment`… →
    /// `capture.completed` → `device.status`, with real RS256 signatures over the recorded signing-input digests and
    /// a real MOSIP hash chain; a signed checkpoint every 1000 events. Signatures come from 64 inputs signed once
    /// (verifying costs the same whichever input it is), so building stays fast. Returns the events and signatures.
    static func buildCaptureJournal(path: String, captures: Int, key: Ed25519.PrivateKey) throws -> (events: Int, signatures: Int) {
        let deviceKey = try PrivateKey.generateRSA()
        let certificate = try Certificate.issue(
            subject: .init(commonName: "BENCH0001", organization: "MDS Swift Simulator"), publicKey: deviceKey.publicKey, issuer: nil,
            signingKey: deviceKey, serialNumber: 1, notBefore: Date(timeIntervalSinceNow: -60), notAfter: Date(timeIntervalSinceNow: 86400),
            isCA: false)
        let signed: [(digest: String, signature: String)] = try (0..<64).map { i in
            let input = Array("eyJhbGciOiJSUzI1NiJ9.payload-\(i)".utf8)
            return (Hex.encode(SHA256.hash(input)), Base64.encode(try deviceKey.signRS256(input)))
        }
        let noteVerifier = try NoteSigner(name: JournalStore.checkpointOrigin, key: key).verifier.verifierKey
        let store = try JournalStore(path: path)
        var pending = [EventDraft(type: "signer.keys", stage: "signer", timeMillis: 1_700_000_000_000, attributes: [
            .init("note_vkey", noteVerifier), .init("cert.device:1", Base64.encode(certificate.der)),
        ])]
        let checkpointer = try localCheckpointer(store, key: key)
        var signatures = 0, lastCheckpoint: UInt64 = 0
        func flush() throws {
            try store.append(pending)
            pending.removeAll(keepingCapacity: true)
            if store.tree.size - lastCheckpoint >= 1000 {
                try checkpoint(checkpointer)
                lastCheckpoint = store.tree.size
            }
        }
        let thumbprint = Hex.encode(certificate.sha256Thumbprint)
        for c in 0..<captures {
            let id = UUID().uuidString.lowercased(), time = Int64(1_700_000_000_000 + c * 500), device = "\(c % 6 + 1)"
            let entries = 1 + c % 4
            func event(_ type: String, _ attributes: [(String, String)]) -> EventDraft {
                EventDraft(type: type, stage: "gateway", captureId: id, timeMillis: time, attributes: attributes.map { .init($0.0, $0.1) })
            }
            pending.append(event("device.status", [("device", device), ("from", "Ready"), ("to", "Busy"), ("reason", "capture started")]))
            pending.append(event("capture.requested", [("method", "RCAPTURE"), ("device", device), ("sub_id", "\(entries == 4 ? 1 : 0)"),
                                                       ("segments", "UNKNOWN"), ("requested_score", "40"), ("timeout_ms", "10000"),
                                                       ("transaction_id", "BENCH-\(c)"), ("env", "Developer")]))
            let previous = SHA256.hash([UInt8]())
            var chain = previous
            for s in 0..<entries {
                let iso = SHA256.hash(Array("iso-\(c)-\(s)".utf8))
                chain = SHA256.hash(chain + iso)
                let (digest, signature) = signed[(c * 4 + s) % signed.count]
                pending.append(event("capture.segment", [
                    ("segment", "\(s)"), ("bio_sub_type", "Left IndexFinger"), ("score", "61.2"), ("frame", "2"),
                    ("engine", "mds-fq-1 (NFIQ2 feature subset; not NIST NFIQ 2)"), ("iso_sha256", Hex.encode(iso)),
                    ("signing_input_sha256", digest), ("signature", signature), ("hash", Hex.encode(chain, uppercase: true)),
                ]))
                signatures += 1
            }
            pending.append(event("capture.completed", [
                ("method", "RCAPTURE"), ("device", device), ("entries", "\(entries)"), ("previous_hash", Hex.encode(previous, uppercase: true)),
                ("last_hash", Hex.encode(chain, uppercase: true)), ("signer_cert_sha256", thumbprint), ("frames", "2"),
                ("acquire_ms", "20"), ("quality_ms", "9"), ("encode_ms", "38"), ("seal_ms", "5"), ("total_ms", "120"),
            ]))
            pending.append(event("device.status", [("device", device), ("from", "Busy"), ("to", "Ready"), ("reason", "capture ended")]))
            if pending.count >= 500 { try flush() }
        }
        try flush()
        try checkpoint(checkpointer)  // a final one over everything, as the journal writes at shutdown
        return (Int(store.tree.size), signatures)
    }
}
