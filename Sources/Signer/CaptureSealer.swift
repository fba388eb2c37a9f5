import CryptoPrimitives
import JSON
import MDSModel
import Wire

/// Turns ISO records into MDS data blocks (spec §5.3, §5.5) the way MOSIP's current clients check them:
///
/// - hash chain (mosip-clients.md §c, "Gen B"): `h = SHA-256(prev ‖ SHA-256(iso))` over raw 32-byte digests,
///   `prev` starting at the request's previousHash; entry `hash` = uppercase hex;
/// - CAPTURE encryption (§b.2): a fresh AES-256 key per entry; `x = XOR(timestamp, transactionId)` with the shorter
///   left-padded with zeros; IV = last 12 bytes of x, AAD = last 16; `bioValue` = base64url(ciphertext ‖ tag);
///   `sessionKey` = base64url(RSA-OAEP SHA-256 / MGF1-SHA-256 of the key); `thumbprint` = uppercase hex
///   SHA-256 of the encryption certificate's DER;
/// - the data payload signed as a JWS by the device key.
struct CaptureSealer {
    let pki: DevelopmentPKI

    static func chain(_ previous: [UInt8], iso: [UInt8]) -> (isoDigest: [UInt8], hash: [UInt8]) {
        let digest = SHA256.hash(iso)
        return (digest, SHA256.hash(previous + digest))
    }

    func seal(_ request: SealRequest, header: String) throws -> SealResponse {
        guard let device = pki.keyPair(for: .device(request.deviceId)) else {
            throw ErrorReply(.notFound, "no device key for \(request.deviceId)")
        }
        guard request.previousHash.count == 32 else { throw ErrorReply(.badRequest, "previousHash must be 32 bytes") }
        let encryption = request.encryptForDomain.map { _ in pki.mosipEncryption.certificate }
        let thumbprint = encryption.map { Hex.encode($0.sha256Thumbprint, uppercase: true) } ?? ""
        let (iv, aad) = CaptureEncryption.ivAndAAD(timestamp: request.timestamp, transactionId: request.transactionId)

        var previous = request.previousHash
        var entries: [SealedEntry] = []
        for item in request.items {
            let (isoDigest, hash) = Self.chain(previous, iso: item.iso)
            previous = hash
            var bioValue: String
            var sessionKey = ""
            if let encryption {
                var key = try SecureRandom.bytes(AESGCM.keyByteCount)
                defer { for i in key.indices { key[i] = 0 } }
                bioValue = Base64.urlEncode(try AESGCM.seal(item.iso, key: key, iv: iv, aad: aad))
                sessionKey = Base64.urlEncode(try encryption.publicKey.encryptOAEPSHA256(key))
            } else {
                bioValue = Base64.urlEncode(item.iso)
            }
            let payload = JSON.object(item.fields.map { ($0.key, JSON.string($0.key == "bioValue" ? bioValue : $0.value)) })
            bioValue = ""
            let input = Array((header + Base64.urlEncode(payload.serialized())).utf8)
            let signature = try device.key.signRS256(input)
            entries.append(SealedEntry(
                data: CompactJWS.compact(signingInput: input, signature: signature), hash: hash, sessionKey: sessionKey,
                thumbprint: thumbprint, isoDigest: isoDigest, signingInputDigest: SHA256.hash(input), signature: signature))
        }
        return SealResponse(entries: entries, signerCertificate: Hex.encode(device.certificate.sha256Thumbprint))
    }
}
