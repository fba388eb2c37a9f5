public import CryptoPrimitives
public import Foundation
public import JSON
public import MDSModel
import ServiceKit

/// Checks a CAPTURE or RCAPTURE answer the way MOSIP's registration client, IDA and compliance toolkit do
/// (mosip-clients.md §a.4, §a.5, §b, §c), and recovers the ISO records (decrypting auth captures when the MOSIP
/// encryption key is at hand).
public struct CaptureVerifier: Sendable {
    public let trust: TrustStore
    /// The MOSIP encryption key pair (dev PKI: `mosip-encryption.key`/`.crt`); needed to open CAPTURE bioValues.
    public let encryptionKey: PrivateKey?
    public let encryptionCertificate: Certificate?

    public init(trust: TrustStore, encryptionKey: PrivateKey? = nil, encryptionCertificate: Certificate? = nil) {
        self.trust = trust
        self.encryptionKey = encryptionKey
        self.encryptionCertificate = encryptionCertificate
    }

    public init(pkiDirectory: String) throws {
        let keyPEM = try? String(contentsOfFile: pkiDirectory + "/mosip-encryption.key", encoding: .utf8)
        let certPEM = try? String(contentsOfFile: pkiDirectory + "/mosip-encryption.crt", encoding: .utf8)
        self.init(trust: try TrustStore(pkiDirectory: pkiDirectory), encryptionKey: keyPEM.flatMap { try? PrivateKey(pem: $0) },
                  encryptionCertificate: certPEM.flatMap { try? Certificate(pem: $0) })
    }

    public struct Entry: Sendable {
        public let payload: JSON
        /// The raw ISO record (decrypted for CAPTURE), when it could be recovered.
        public let iso: [UInt8]?
        public let hash: String
        /// The AES key that sealed the bioValue (CAPTURE, when it could be opened).
        public let sessionKey: [UInt8]?
    }

    public struct Outcome: Sendable {
        public var entries: [Entry] = []
        public var problems: [String] = []
        /// The last entry's hash: the previousHash of a chained next capture.
        public var lastHash: String?
    }

    static let captureEntryKeys = ["specVersion", "data", "hash", "sessionKey", "thumbprint", "error"]
    static let rcaptureEntryKeys = ["specVersion", "data", "hash", "error"]
    static let capturePayloadKeys = ["digitalId", "deviceCode", "deviceServiceVersion", "bioType", "bioSubType", "purpose", "env",
                                     "domainUri", "bioValue", "transactionId", "timestamp", "requestedScore", "qualityScore"]

    /// - Parameters:
    ///   - request: the body that was sent (for transactionId, previousHash, counts).
    public func verify(response: JSON, request: JSON, method: CaptureMethod, now: Date = Date()) -> Outcome {
        var out = Outcome()
        func fail(_ s: String) { out.problems.append(s) }
        guard let members = response.objectMembers, members.map(\.0) == ["biometrics"], let list = response["biometrics"]?.arrayValue else {
            fail("response must be {\"biometrics\":[…]}")
            return out
        }
        let bio = request["bio"]?[0]
        let transactionId = request["transactionId"]?.scalarText ?? ""
        var previous: [UInt8]
        switch bio?["previousHash"]?.stringValue {
        case let s? where !s.isEmpty: previous = Hex.decode(s) ?? []
        default: previous = SHA256.hash([UInt8]())
        }
        let expectedKeys = method == .capture ? Self.captureEntryKeys : Self.rcaptureEntryKeys
        if let count = bio?["count"]?.scalarText.flatMap({ Int($0) }), count != list.count {
            fail("\(list.count) entries for count \(count)")
        }
        for (i, entry) in list.enumerated() {
            let at = "entry \(i)"
            if entry.objectMembers?.map(\.0) != expectedKeys { fail("\(at): keys \(entry.objectMembers?.map(\.0) ?? []) != \(expectedKeys)") }
            guard entry["error"]?["errorCode"]?.stringValue == "0", entry["error"]?["errorInfo"]?.stringValue == "Success" else {
                fail("\(at): error \(entry["error"]?["errorCode"]?.stringValue ?? "?") \(entry["error"]?["errorInfo"]?.stringValue ?? "")")
                continue
            }
            if entry["specVersion"]?.stringValue != "0.9.5" { fail("\(at): specVersion") }
            guard let data = entry["data"]?.stringValue, let verified = try? trust.verify(data, at: now) else {
                fail("\(at): data JWS does not verify against the trust store")
                continue
            }
            let payload = verified.payload
            let keys = payload.objectMembers?.map(\.0) ?? []
            var expectedPayload = Self.capturePayloadKeys
            if method == .registrationCapture { expectedPayload.removeAll { $0 == "domainUri" } }
            if payload["bioType"]?.stringValue == "Face" { expectedPayload.removeAll { $0 == "bioSubType" } }
            if keys != expectedPayload { fail("\(at): payload keys \(keys)") }
            if payload["transactionId"]?.stringValue != transactionId { fail("\(at): transactionId not echoed") }
            if let ts = payload["timestamp"]?.stringValue {
                if let t = Timestamp.parseMDS(ts) {
                    if abs(t.timeIntervalSince(now)) > 300 { fail("\(at): timestamp \(ts) more than 5 minutes from now") }
                } else { fail("\(at): timestamp \(ts) is not yyyy-MM-ddTHH:mm:ssZ") }
            }
            if payload["qualityScore"]?.stringValue.flatMap(Double.init) == nil { fail("\(at): qualityScore is not a number string") }
            if let digital = payload["digitalId"]?.stringValue, (try? trust.verify(digital, at: now)) == nil {
                fail("\(at): digitalId JWS does not verify")
            }
            // Recover the ISO record.
            var iso: [UInt8]?
            var openedKey: [UInt8]?
            let bioValue = payload["bioValue"]?.stringValue.flatMap(Base64.decode)
            if method == .registrationCapture {
                iso = bioValue
            } else if let key = encryptionKey, let sessionKey = entry["sessionKey"]?.stringValue.flatMap(Base64.decode),
                      let sealed = bioValue, let ts = payload["timestamp"]?.stringValue {
                let (iv, aad) = CaptureEncryption.ivAndAAD(timestamp: ts, transactionId: transactionId)
                openedKey = try? key.decryptOAEPSHA256(sessionKey)
                iso = openedKey.flatMap { try? AESGCM.open(sealed, key: $0, iv: iv, aad: aad) }
                if iso == nil { fail("\(at): bioValue does not decrypt") }
                if let cert = encryptionCertificate, entry["thumbprint"]?.stringValue != Hex.encode(cert.sha256Thumbprint, uppercase: true) {
                    fail("\(at): thumbprint is not the encryption certificate's SHA-256")
                }
            }
            let hash = entry["hash"]?.stringValue ?? ""
            if let iso {
                let magic = String(decoding: iso.prefix(4), as: UTF8.self)
                if !["FIR\0", "IIR\0", "FAC\0"].contains(magic) { fail("\(at): bioValue is not an ISO 19794 record") }
                let h = SHA256.hash(previous + SHA256.hash(iso))
                if Hex.encode(h, uppercase: true) != hash { fail("\(at): hash chain mismatch") }
                previous = h
            } else if let h = Hex.decode(hash) {
                previous = h
            }
            out.entries.append(Entry(payload: payload, iso: iso, hash: hash, sessionKey: openedKey))
        }
        out.lastHash = out.entries.last?.hash
        return out
    }
}
