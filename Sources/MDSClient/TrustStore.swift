public import CryptoPrimitives
public import Foundation
public import JSON
public import MDSModel

/// What a verifier trusts: root certificates (the MOSIP adopter's and the FTM provider's) and the intermediates
/// (device provider CAs) it may use to build chains. For the development PKI: `<state>/pki/trust/*.pem`.
public struct TrustStore: Sendable {
    public let roots: [Certificate]
    public let intermediates: [Certificate]

    public init(roots: [Certificate], intermediates: [Certificate]) {
        self.roots = roots
        self.intermediates = intermediates
    }

    public init(pkiDirectory: String) throws {
        func bundle(_ name: String) throws -> [Certificate] {
            let path = "\(pkiDirectory)/trust/\(name)"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw VerificationError("cannot read \(path)") }
            return try Certificate.chain(pem: text)
        }
        self.init(roots: try bundle("roots.pem"), intermediates: try bundle("intermediates.pem"))
    }
}

public struct VerificationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A JWS whose signature and certificate chain verified.
public struct VerifiedJWS: Sendable {
    public let jws: CompactJWS
    public let certificate: Certificate
    public let payload: JSON
}

extension TrustStore {
    /// Verifies a MOSIP JWS the way the compliance toolkit does (mosip-clients.md §b.1): header `alg` RS256, `x5c` a
    /// JSON array whose first entry is the signer's certificate, the certificate valid now and chaining to a trusted
    /// root, the RS256 signature over the exact signing input, and a JSON payload.
    public func verify(_ compact: String, at time: Date = Date()) throws -> VerifiedJWS {
        let jws = try CompactJWS(compact: compact)
        guard jws.header["alg"]?.stringValue == "RS256" else { throw VerificationError("alg is not RS256") }
        guard jws.header["typ"]?.stringValue == "JWT" else { throw VerificationError("typ is not JWT") }
        let chain = try jws.certificateChainDER
        guard let leafDER = chain.first else { throw VerificationError("x5c is empty") }
        let leaf = try Certificate(der: leafDER)
        guard leaf.notBefore <= time, time <= leaf.notAfter else { throw VerificationError("certificate not valid now") }
        do {
            try CertificateChain.verify(leaf: leaf, intermediates: intermediates, roots: roots, at: time)
        } catch {
            throw VerificationError("certificate chain: \(error)")
        }
        guard leaf.publicKey.isValidRS256(signature: jws.signature, message: jws.signingInput) else {
            throw VerificationError("signature does not verify")
        }
        guard let payload = jws.payloadJSON else { throw VerificationError("payload is not JSON") }
        return VerifiedJWS(jws: jws, certificate: leaf, payload: payload)
    }
}
