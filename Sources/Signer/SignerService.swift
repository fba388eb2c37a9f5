public import Bus
import CryptoPrimitives
import Foundation
import JSON
public import MDSModel
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

/// Runs the signer stage until shutdown.
public enum SignerStage {
    public static func run(configuration: ServiceConfiguration, endpoint: String, logger: Logger, shutdown: ShutdownSignal) throws {
        let directory = configuration.stateDirectory + "/pki"
        let (pki, report) = try DevelopmentPKI.provision(directory: directory, devices: configuration.devices)
        if !report.created.isEmpty {
            logger.notice("development PKI provisioned", [("pki.directory", directory), ("pki.created", report.created.joined(separator: " "))])
        } else {
            logger.info("development PKI loaded", [("pki.directory", directory), ("pki.keys", "\(report.loaded.count)")])
        }
        let server = try BusServer(endpoint: endpoint, responder: SignerResponder(pki: pki, logger: logger), logger: logger)
        ProcessLifecycle.notifyReady()
        server.run(until: shutdown)
    }
}
