import CryptoPrimitives
import JSON
import MDSModel
@testable import Signer
import Testing
import Wire

/// The known answers of mosip-clients.md §b.2 and §c, through the signer's own code.
@Suite struct CaptureSealerTests {
    @Test func xorDerivedIVAndAADMatchTheReferenceVector() {
        let (iv, aad) = CaptureEncryption.ivAndAAD(timestamp: "2020-12-08T09:39:37Z", transactionId: "SBI1014-123")
        #expect(Hex.encode(aad) == "2d31322d306b1679080a020d17020569")
        #expect(Hex.encode(iv) == "306b1679080a020d17020569")
        let key = (0..<32).map { UInt8($0) }
        let sealed = try? AESGCM.seal(Array("abc".utf8), key: key, iv: iv, aad: aad)
        #expect(sealed.map { Hex.encode($0) } == "8f68c5dbe283edd8f479dc816c2959578eae35")
        #expect(sealed.map(Base64.urlEncode) == "j2jF2-KD7dj0edyBbClZV46uNQ")
    }

    @Test func hashChainMatchesTheReferenceVectors() {
        let first = CaptureSealer.chain(CaptureRequestValidator.emptyHash, iso: Array("abc".utf8))
        #expect(Hex.encode(first.hash, uppercase: true) == "BDDBDF7E9DF02F902EE5DD61B2B513D7566A2112FF97DB7DC3B6D184A43EF0E3")
        let second = CaptureSealer.chain(first.hash, iso: Array("def".utf8))
        #expect(Hex.encode(second.hash, uppercase: true) == "D06FFD66589038DEEA66A68731881D1D14470238326C1C55C4855C1DA9F9A1DC")
    }

    @Test func sealsEncryptsAndChainsThroughTheResponder() throws {
        let fixture = PKIFixture.shared
        let sealer = CaptureSealer(pki: fixture.pki)
        let header = Base64.urlEncode(CompactJWS.header(certificateDER: fixture.pki.deviceKeys["4"]!.certificate.der).serialized()) + "."
        let fields: [EventDraft.Attribute] = [.init("bioType", "Finger"), .init("bioValue", ""), .init("transactionId", "SBI1014-123"),
                                              .init("timestamp", "2020-12-08T09:39:37Z")]
        let request = SealRequest(deviceId: "4", encryptForDomain: "", previousHash: CaptureRequestValidator.emptyHash,
                                  transactionId: "SBI1014-123", timestamp: "2020-12-08T09:39:37Z",
                                  items: [.init(iso: Array("abc".utf8), fields: fields), .init(iso: Array("def".utf8), fields: fields)])
        let response = try sealer.seal(request, header: header)
        #expect(response.entries.map { Hex.encode($0.hash, uppercase: true) } == [
            "BDDBDF7E9DF02F902EE5DD61B2B513D7566A2112FF97DB7DC3B6D184A43EF0E3",
            "D06FFD66589038DEEA66A68731881D1D14470238326C1C55C4855C1DA9F9A1DC"])
        let encryption = fixture.pki.mosipEncryption
        for (entry, plain) in zip(response.entries, ["abc", "def"]) {
            #expect(entry.thumbprint == Hex.encode(encryption.certificate.sha256Thumbprint, uppercase: true))
            let jws = try CompactJWS(compact: entry.data)
            #expect(fixture.pki.deviceKeys["4"]!.certificate.publicKey.isValidRS256(signature: jws.signature, message: jws.signingInput))
            #expect(SHA256.hash(jws.signingInput) == entry.signingInputDigest)
            let payload = try #require(jws.payloadJSON)
            #expect(payload.objectMembers?.map(\.0) == ["bioType", "bioValue", "transactionId", "timestamp"])
            let key = try encryption.key.decryptOAEPSHA256(try #require(Base64.decode(entry.sessionKey)))
            let (iv, aad) = CaptureEncryption.ivAndAAD(timestamp: "2020-12-08T09:39:37Z", transactionId: "SBI1014-123")
            let iso = try AESGCM.open(try #require(Base64.decode(payload["bioValue"]?.stringValue ?? "")), key: key, iv: iv, aad: aad)
            #expect(iso == Array(plain.utf8))
        }
        // RCAPTURE: no encryption, bioValue is the record itself.
        let plain = try sealer.seal(SealRequest(deviceId: "4", encryptForDomain: nil, previousHash: CaptureRequestValidator.emptyHash,
                                                transactionId: "t-1234", timestamp: "2020-12-08T09:39:37Z",
                                                items: [.init(iso: [1, 2, 3], fields: fields)]), header: header)
        #expect(plain.entries[0].sessionKey == "" && plain.entries[0].thumbprint == "")
        let payload = try #require(try CompactJWS(compact: plain.entries[0].data).payloadJSON)
        #expect(payload["bioValue"]?.stringValue == Base64.urlEncode([1, 2, 3]))
    }
}
