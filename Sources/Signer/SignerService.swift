public import Bus
import CryptoPrimitives
import Foundation
import JSON
public import MDSModel
import Transparency
public import ServiceKit
public import Wire

/// The signer stage: the only process that holds private keys. It answers signing requests over the bus with
/// compact JWS strings, so the gateway (and every other stage) only ever sees public material.
public struct SignerResponder: BusResponder {
    private let pki: DevelopmentPKI
    /// `base64url(header) + "."` per key, computed once: the header only depends on the certificate.
    private let encodedHeaders: [KeyReference: String]
    private let logger: Logger

    public init(pki: DevelopmentPKI, logger: Logger) {
        self.pki = pki
        self.logger = logger
        var headers: [KeyReference: String] = [:]
        for reference in pki.references {
            if let pair = pki.keyPair(for: reference) {
                headers[reference] = Base64.urlEncode(CompactJWS.header(certificateDER: pair.certificate.der).serialized()) + "."
            }
        }
        encodedHeaders = headers
    }

    public func respond(to requests: [Envelope]) -> [Envelope] {
        RequestHandlers(stage: "signer", [
            SignRequest.kind: { envelope in try self.sign(SignRequest(decoding: envelope.body)) },
            KeyInventoryRequest.kind: { _ in KeyInventory(keys: self.pki.references) },
            NoteSignRequest.kind: { envelope in
                let request = try NoteSignRequest(decoding: envelope.body)
                // Only checkpoints of this journal are signed: the key must not become a general-purpose oracle.
                let checkpoint = try Checkpoint(parsing: request.text)
                guard checkpoint.origin == JournalKeys.noteKeyName else { throw ErrorReply(.badRequest, "not a journal checkpoint") }
                return NoteSignResponse(note: try checkpoint.signed(name: JournalKeys.noteKeyName, key: self.pki.journalNoteKey))
            },
            SealRequest.kind: { envelope in
                let request = try SealRequest(decoding: envelope.body)
                guard let header = self.encodedHeaders[.device(request.deviceId)] else {
                    throw ErrorReply(.notFound, "no device key for \(request.deviceId)")
                }
                return try CaptureSealer(pki: self.pki).seal(request, header: header)
            },
        ]).respond(to: requests)
    }

    func sign(_ request: SignRequest) throws -> SignResponse {
        var tokens: [String] = []
        tokens.reserveCapacity(request.items.count)
        for item in request.items {
            guard let pair = pki.keyPair(for: item.key), let header = encodedHeaders[item.key] else {
                throw ErrorReply(.notFound, "no key \(item.key)")
            }
            let input = Array((header + Base64.urlEncode(item.payload)).utf8)
            let signature = try pair.key.signRS256(input)
            tokens.append(CompactJWS.compact(signingInput: input, signature: signature))
        }
        return SignResponse(tokens: tokens)
    }
}

/// Names the journal's keys for auditors.
public enum JournalKeys {
    /// The signed-note key name; by C2SP convention the log's origin.
    public static let noteKeyName = "mosip-mds/journal"
}

/// Runs the signer stage until shutdown.
public enum SignerStage {
    /// The public half of every key, as a `signer.keys` journal event, so the journal carries what an auditor needs
    /// to check its signatures offline: each certificate (DER, base64) and the checkpoint key (C2SP vkey).
    public static func keysEvent(_ pki: DevelopmentPKI) -> EventDraft {
        var attributes: [EventDraft.Attribute] = [.init("key_store", pki.keyStore.summary), .init("ftm_key_store", pki.ftmKeyStore.summary)]
        if let verifier = try? NoteVerifier(name: JournalKeys.noteKeyName, publicKey: pki.journalNoteKey.publicKey) {
            attributes.append(.init("note_vkey", verifier.verifierKey))
        }
        for reference in pki.references {
            if let pair = pki.keyPair(for: reference) {
                attributes.append(.init("cert.\(reference)", Base64.encode(pair.certificate.der)))
            }
        }
        for (name, cert) in [("mosip-root", pki.mosipRoot), ("ftm-root", pki.ftmRoot), ("device-provider-ca", pki.deviceProviderCA)] {
            attributes.append(.init("cert.\(name)", Base64.encode(cert.certificate.der)))
        }
        return EventDraft(type: "signer.keys", stage: "signer", timeMillis: Clock.millis(), attributes: attributes)
    }

    public static func run(configuration: ServiceConfiguration, endpoint: String, journalEndpoint: String, logger: Logger,
                           shutdown: ShutdownSignal) throws {
        let directory = configuration.stateDirectory + "/pki"
        let (keyStore, ftmKeyStore) = try keyStores(configuration.keys, stateDirectory: configuration.stateDirectory)
        let (pki, report) = try DevelopmentPKI.provision(directory: directory, devices: configuration.devices, keyStore: keyStore,
                                                         ftmKeyStore: ftmKeyStore)
        let stores: [(String, String)] = [("keys.store", keyStore.summary), ("keys.ftm_store", ftmKeyStore.summary)]
        if !report.created.isEmpty {
            logger.notice("development PKI provisioned", [("pki.directory", directory), ("pki.created", report.created.joined(separator: " "))] + stores)
        } else {
            logger.info("development PKI loaded", [("pki.directory", directory), ("pki.keys", "\(report.loaded.count)")] + stores)
        }
        if case .pkcs11 = configuration.keys {
            let leftovers = leftoverKeyFiles(pkiDirectory: directory)
            if !leftovers.isEmpty {
                logger.warning("private key files of an earlier files key store remain; the keys on the tokens replace them",
                               [("pki.unused_key_files", leftovers.joined(separator: " "))])
            }
        }
        let server = try BusServer(endpoint: endpoint, responder: SignerResponder(pki: pki, logger: logger), logger: logger)
        let journal = EventRecorder(client: try BusClient(endpoint: journalEndpoint), stage: "signer", logger: logger)
        do {
            try journal.append([keysEvent(pki)])
        } catch {
            logger.error("journal event not recorded", [("event.type", "signer.keys"), ("error", "\(error)")])
        }
        ProcessLifecycle.notifyReady()
        server.run(until: shutdown)
    }
}
