import CryptoPrimitives
import Foundation
@testable import PKCS11
import Synchronization
import Testing
import TestSupport

@Suite struct SessionTests {
    let fixture = SoftHSMFixture.shared
    let message = Array("header.payload".utf8)

    // MARK: login

    @Test func wrongPINIsIncorrectAndNeverShown() throws {
        let token = try fixture.freshToken(prefix: "pin")
        let session = try fixture.module().openSession(tokenLabel: token.label)
        let wrongPIN = token.userPIN + "9"
        let error = #expect(throws: PKCS11Error.self) { try session.login(userPIN: wrongPIN) }
        #expect(error == .call(function: "C_Login", returnValue: .pinIncorrect))
        #expect(error?.returnValue == .pinIncorrect)
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("C_Login") && text.contains("CKR_PIN_INCORRECT"))
        #expect(!text.contains(wrongPIN) && !text.contains(token.userPIN) && !text.contains(token.soPIN))
        #expect(!String(reflecting: error).contains(wrongPIN))

        // The SO PIN is not the user's; the right PIN works, and logging in twice is fine.
        #expect(throws: PKCS11Error.call(function: "C_Login", returnValue: .pinIncorrect)) {
            try session.login(userPIN: token.soPIN)
        }
        try session.login(userPIN: token.userPIN)
        try session.login(userPIN: token.userPIN)
        try session.logout()
        try session.logout()
    }

    @Test func privateObjectsNeedLogin() throws {
        let (token, session) = try fixture.loggedInSession(prefix: "priv")
        let pair = try session.generateRSAKeyPair(label: "k", id: [1], bits: 1024)
        let anonymous = try fixture.module().openSession(tokenLabel: token.label)
        // Login belongs to the token: the other session sees the private key too.
        #expect(Set(try anonymous.findObjects(label: "k")) == [pair.private, pair.public])
        try session.logout()
        // Logged out (for every session of the token): only the public key is visible.
        #expect(try anonymous.findObjects(label: "k") == [pair.public])
        // SoftHSM2 invalidates the handles of private objects at logout, for good: after logging in again the key
        // has to be found again.
        let invalid = PKCS11Error.call(function: "C_SignInit", returnValue: .objectHandleInvalid)
        #expect(throws: invalid) { try anonymous.sign(message, with: pair.private, mechanism: .sha256RSAPKCS) }
        try anonymous.login(userPIN: token.userPIN)
        #expect(throws: invalid) { try session.sign(message, with: pair.private, mechanism: .sha256RSAPKCS) }
        let key = try session.findObject(class: .privateKey, label: "k")
        #expect(try session.sign(message, with: key, mechanism: .sha256RSAPKCS).count == 128)
    }

    // MARK: RSA

    @Test func rsaKeyPairIsSensitiveAndNeverExtractable() throws {
        let (_, session) = try fixture.loggedInSession(prefix: "rsa")
        let pair = try session.generateRSAKeyPair(label: "device-key", id: [0xA1, 0x02], bits: 2048)
        #expect(pair.public != pair.private)

        #expect(try session.unsignedAttribute(.class, of: pair.private) == ObjectClass.privateKey.rawValue)
        #expect(try session.boolAttribute(.token, of: pair.private))
        #expect(try session.boolAttribute(.private, of: pair.private))
        #expect(try session.boolAttribute(.sensitive, of: pair.private))
        #expect(try !session.boolAttribute(.extractable, of: pair.private))
        #expect(try session.boolAttribute(.alwaysSensitive, of: pair.private))
        #expect(try session.boolAttribute(.neverExtractable, of: pair.private))
        #expect(try session.boolAttribute(.local, of: pair.private))
        #expect(try session.boolAttribute(.sign, of: pair.private))
        // Signing only, whatever the module's defaults (SoftHSM2's would allow decrypt and unwrap).
        for use in [AttributeType.decrypt, .unwrap, .derive] {
            #expect(try !session.boolAttribute(use, of: pair.private))
        }
        for use in [AttributeType.encrypt, .wrap] {
            #expect(try !session.boolAttribute(use, of: pair.public))
        }
        #expect(try session.attribute(.label, of: pair.private) == Array("device-key".utf8))
        #expect(try session.attribute(.id, of: pair.private) == [0xA1, 0x02])

        #expect(try session.unsignedAttribute(.class, of: pair.public) == ObjectClass.publicKey.rawValue)
        #expect(try session.boolAttribute(.token, of: pair.public))
        #expect(try session.boolAttribute(.verify, of: pair.public))
        #expect(try session.unsignedAttribute(.modulusBits, of: pair.public) == 2048)
        #expect(try session.attribute(.publicExponent, of: pair.public) == [0x01, 0x00, 0x01])
        #expect(try session.attribute(.modulus, of: pair.public).count == 256)
        // The private key shares the public parts …
        #expect(try session.attribute(.modulus, of: pair.private) == session.attribute(.modulus, of: pair.public))
        // … but its secrets cannot be read.
        // CKA_PRIVATE_EXPONENT, CKA_PRIME_1, CKA_PRIME_2, CKA_EXPONENT_1, CKA_EXPONENT_2, CKA_COEFFICIENT.
        let secrets = [AttributeType.privateExponent] + (0x124...0x128).map { AttributeType(rawValue: $0) }
        for secret in secrets {
            #expect(throws: PKCS11Error.call(function: "C_GetAttributeValue", returnValue: .attributeSensitive)) {
                try session.attribute(secret, of: pair.private)
            }
        }
        // An RSA key has no CKA_VALUE or CKA_EC_POINT at all.
        #expect(throws: PKCS11Error.call(function: "C_GetAttributeValue", returnValue: .attributeTypeInvalid)) {
            try session.attribute(.value, of: pair.private)
        }
        #expect(throws: PKCS11Error.call(function: "C_GetAttributeValue", returnValue: .attributeTypeInvalid)) {
            try session.attribute(.ecPoint, of: pair.public)
        }
    }

    @Test func rs256SignatureVerifiesAndIsDeterministic() throws {
        let (_, session) = try fixture.loggedInSession(prefix: "rs256")
        let pair = try session.generateRSAKeyPair(label: "signer", id: [7], bits: 2048)
        let signature = try session.sign(message, with: pair.private, mechanism: .sha256RSAPKCS)
        #expect(signature.count == 256)
        #expect(try session.sign(message, with: pair.private, mechanism: .sha256RSAPKCS) == signature)

        let publicKey = try PublicKey(rsaModulus: try session.attribute(.modulus, of: pair.public),
                                      publicExponent: try session.attribute(.publicExponent, of: pair.public))
        let spki = try publicKey.spkiDER()
        #expect(publicKey.isRSA && publicKey.bits == 2048)
        #expect(publicKey.isValidRS256(signature: signature, message: message))
        #expect(publicKey.isValidRS256(signature: signature, digest: SHA256.hash(message)))
        var tampered = signature
        tampered[100] ^= 0x40
        #expect(!publicKey.isValidRS256(signature: tampered, message: message))
        #expect(!publicKey.isValidRS256(signature: signature, message: message + [0]))

        // An empty message is signed too (the token still gets a non-NULL pointer).
        let empty = try session.sign([], with: pair.private, mechanism: .sha256RSAPKCS)
        #expect(publicKey.isValidRS256(signature: empty, message: []))
        #expect(empty != signature)

        // And the OpenSSL command line agrees.
        let directory = try TemporaryDirectory(prefix: "pkcs11-tests")
        defer { directory.remove() }
        let paths = (key: directory.path + "/pub.der", signature: directory.path + "/sig.bin", message: directory.path + "/msg.bin")
        try Data(spki).write(to: URL(fileURLWithPath: paths.key))
        try Data(signature).write(to: URL(fileURLWithPath: paths.signature))
        try Data(message).write(to: URL(fileURLWithPath: paths.message))
        let verified = try runOpenSSL(["dgst", "-sha256", "-keyform", "DER", "-verify", paths.key, "-signature", paths.signature, paths.message])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.contains("Verified OK"))
        try Data(tampered).write(to: URL(fileURLWithPath: paths.signature))
        let refused = try runOpenSSL(["dgst", "-sha256", "-keyform", "DER", "-verify", paths.key, "-signature", paths.signature, paths.message])
        #expect(refused.status != 0)
    }

    @Test func wrongMechanismForKeyIsRefused() throws {
        let (_, session) = try fixture.loggedInSession(prefix: "mech")
        let rsa = try session.generateRSAKeyPair(label: "r", id: [1], bits: 1024)
        let ed = try session.generateEd25519KeyPair(label: "e", id: [2])
        #expect(throws: PKCS11Error.self) { try session.sign(message, with: rsa.private, mechanism: .eddsa) }
        #expect(throws: PKCS11Error.self) { try session.sign(message, with: ed.private, mechanism: .sha256RSAPKCS) }
        // A public key cannot sign.
        #expect(throws: PKCS11Error.self) { try session.sign(message, with: rsa.public, mechanism: .sha256RSAPKCS) }
        // No operation was left active: the session still signs.
        #expect(try session.sign(message, with: rsa.private, mechanism: .sha256RSAPKCS).count == 128)
    }

    // MARK: Ed25519

    @Test func ed25519SignatureVerifiesWithCryptoPrimitives() throws {
        let (_, session) = try fixture.loggedInSession(prefix: "ed")
        let pair = try session.generateEd25519KeyPair(label: "journal", id: [0xED])
        #expect(try session.unsignedAttribute(.keyType, of: pair.public) == 0x40)   // CKK_EC_EDWARDS
        #expect(try session.attribute(.ecParams, of: pair.public) == [0x06, 0x03, 0x2B, 0x65, 0x70])
        #expect(try session.boolAttribute(.sensitive, of: pair.private))
        #expect(try !session.boolAttribute(.extractable, of: pair.private))
        #expect(try session.boolAttribute(.sign, of: pair.private) && !session.boolAttribute(.derive, of: pair.private))
        #expect(throws: PKCS11Error.call(function: "C_GetAttributeValue", returnValue: .attributeSensitive)) {
            try session.attribute(.value, of: pair.private)
        }

        // SoftHSM2 2.6.1 stores CKA_EC_POINT as a DER OCTET STRING around the 32-byte key.
        let point = try session.attribute(.ecPoint, of: pair.public)
        #expect(point.count == 34 && point.prefix(2) == [0x04, 0x20])
        let raw = try session.ed25519PublicKey(of: pair.public)
        #expect(raw == Array(point.dropFirst(2)))

        let signature = try session.sign(message, with: pair.private, mechanism: .eddsa)
        #expect(signature.count == 64)
        let publicKey = try Ed25519.PublicKey(rawRepresentation: raw)
        #expect(publicKey.isValidSignature(signature, for: message))
        #expect(!publicKey.isValidSignature(signature, for: message + [0]))
        var tampered = signature
        tampered[40] ^= 0x01
        #expect(!publicKey.isValidSignature(tampered, for: message))
        // Ed25519 is deterministic as well (RFC 8032 §5.1.6).
        #expect(try session.sign(message, with: pair.private, mechanism: .eddsa) == signature)
        let empty = try session.sign([], with: pair.private, mechanism: .eddsa)
        #expect(publicKey.isValidSignature(empty, for: []))
        let large = [UInt8](repeating: 0x5A, count: 100_000)
        #expect(publicKey.isValidSignature(try session.sign(large, with: pair.private, mechanism: .eddsa), for: large))
    }

    @Test func softHSMAlsoAcceptsTheCurveNameFormButNoOtherCurve() throws {
        let (_, session) = try fixture.loggedInSession(prefix: "edname")
        /// Session-object templates with the given CKA_EC_PARAMS (through the internal generator).
        func generate(_ params: [UInt8]) throws(PKCS11Error) -> (public: ObjectHandle, private: ObjectHandle) {
            var publicTemplate = Template()
            publicTemplate.append(.token, false)
            publicTemplate.append(.verify, true)
            publicTemplate.append(.ecParams, params)
            var privateTemplate = Template()
            privateTemplate.append(.token, false)
            privateTemplate.append(.sign, true)
            return try session.generateKeyPair(0x1055, publicTemplate, privateTemplate)   // CKM_EC_EDWARDS_KEY_PAIR_GEN
        }
        // PKCS#11 3.0's other form, PrintableString "edwards25519": accepted by SoftHSM2 2.6.1 and kept as given.
        let curveName: [UInt8] = [0x13, 0x0C] + Array("edwards25519".utf8)
        let pair = try generate(curveName)
        #expect(try session.attribute(.ecParams, of: pair.public) == curveName)
        let key = try Ed25519.PublicKey(rawRepresentation: session.ed25519PublicKey(of: pair.public))
        #expect(key.isValidSignature(try session.sign(message, with: pair.private, mechanism: .eddsa), for: message))
        // Anything else (here P-256's OID, an unknown name, NULL) fails, with SoftHSM2's unhelpful general error.
        let others: [[UInt8]] = [[0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07], [0x13, 0x03, 0x61, 0x62, 0x63], [0x05, 0x00]]
        for params in others {
            #expect(throws: PKCS11Error.call(function: "C_GenerateKeyPair", returnValue: .generalError)) { try generate(params) }
        }
    }

    // MARK: objects

    @Test func findObjectsByClassLabelAndID() throws {
        let (token, session) = try fixture.loggedInSession(prefix: "find")
        let first = try session.generateRSAKeyPair(label: "alpha", id: [1], bits: 1024)
        let second = try session.generateEd25519KeyPair(label: "beta", id: [2, 2])
        let third = try session.generateEd25519KeyPair(label: "alpha", id: [3])

        #expect(Set(try session.findObjects()) == [first.public, first.private, second.public, second.private, third.public, third.private])
        #expect(Set(try session.findObjects(label: "alpha")) == [first.public, first.private, third.public, third.private])
        #expect(Set(try session.findObjects(id: [2, 2])) == [second.public, second.private])
        #expect(try session.findObjects(class: .privateKey, label: "alpha", id: [1]) == [first.private])
        #expect(try session.findObjects(class: .publicKey, id: [3]) == [third.public])
        #expect(try session.findObjects(label: "gamma").isEmpty)
        #expect(try session.findObjects(id: [2]).isEmpty)
        #expect(try session.findObjects(class: .certificate).isEmpty)

        #expect(try session.findObject(class: .privateKey, label: "beta") == second.private)
        #expect(throws: PKCS11Error.objectNotFound(query: "class 0x3, label \"gamma\"")) {
            try session.findObject(class: .privateKey, label: "gamma")
        }
        #expect(throws: PKCS11Error.ambiguousObject(query: "class 0x3, label \"alpha\"", count: 2)) {
            try session.findObject(class: .privateKey, label: "alpha")
        }

        // Token objects outlive the session that made them.
        let later = try fixture.module().openSession(tokenLabel: token.label)
        #expect(try later.findObject(class: .privateKey, label: "beta", id: [2, 2]) == second.private)
    }

    @Test func destroyedKeyIsGone() throws {
        let (_, session) = try fixture.loggedInSession(prefix: "destroy")
        let pair = try session.generateEd25519KeyPair(label: "doomed", id: [9])
        try session.destroy(pair.private)
        #expect(try session.findObjects(label: "doomed") == [pair.public])
        let error = #expect(throws: PKCS11Error.self) { try session.sign(message, with: pair.private, mechanism: .eddsa) }
        #expect(error?.returnValue == .keyHandleInvalid || error?.returnValue == .objectHandleInvalid)
        #expect(throws: PKCS11Error.call(function: "C_DestroyObject", returnValue: .objectHandleInvalid)) {
            try session.destroy(pair.private)
        }
        try session.destroy(pair.public)
        #expect(try session.findObjects(label: "doomed").isEmpty)
    }

    @Test func readOnlySessionCannotCreateTokenObjects() throws {
        let token = try fixture.freshToken(prefix: "ro")
        let session = try fixture.module().openSession(tokenLabel: token.label, readWrite: false)
        try session.login(userPIN: token.userPIN)
        #expect(throws: PKCS11Error.call(function: "C_GenerateKeyPair", returnValue: .sessionReadOnly)) {
            try session.generateEd25519KeyPair(label: "x", id: [1])
        }
    }

    @Test func closedSessionThrowsSessionClosed() throws {
        let (_, session) = try fixture.loggedInSession(prefix: "closed")
        let pair = try session.generateEd25519KeyPair(label: "k", id: [1])
        session.close()
        session.close()
        #expect(throws: PKCS11Error.call(function: "C_SignInit", returnValue: ReturnValue(rawValue: 0xB0))) {
            try session.sign(message, with: pair.private, mechanism: .eddsa)
        }
    }

    // MARK: concurrency

    @Test func concurrentSigningOnOneSessionGivesValidSignatures() throws {
        let (_, session) = try fixture.loggedInSession(prefix: "threads")
        let ed = try session.generateEd25519KeyPair(label: "ed", id: [1])
        let rsa = try session.generateRSAKeyPair(label: "rsa", id: [2], bits: 1024)
        let edKey = try Ed25519.PublicKey(rawRepresentation: session.ed25519PublicKey(of: ed.public))
        let rsaKey = try PublicKey(rsaModulus: session.attribute(.modulus, of: rsa.public),
                                   publicExponent: session.attribute(.publicExponent, of: rsa.public))

        let threads = 8, rounds = 40
        let results = Mutex<[(message: [UInt8], signature: Result<[UInt8], PKCS11Error>, eddsa: Bool)]>([])
        let group = DispatchGroup()
        for thread in 0..<threads {
            group.enter()
            Thread {
                defer { group.leave() }
                for round in 0..<rounds {
                    let message = Array("thread \(thread) round \(round)".utf8)
                    let eddsa = (thread + round) % 2 == 0
                    let signature = Result { () throws(PKCS11Error) -> [UInt8] in
                        try session.sign(message, with: eddsa ? ed.private : rsa.private, mechanism: eddsa ? .eddsa : .sha256RSAPKCS)
                    }
                    results.withLock { $0.append((message, signature, eddsa)) }
                }
            }.start()
        }
        #expect(group.wait(timeout: .now() + 120) == .success)
        let all = results.withLock { $0 }
        #expect(all.count == threads * rounds)
        var valid = 0
        for result in all {
            switch result.signature {
            case let .success(signature):
                let ok = result.eddsa ? edKey.isValidSignature(signature, for: result.message)
                    : rsaKey.isValidRS256(signature: signature, message: result.message)
                if ok { valid += 1 }
            case let .failure(error):
                Issue.record("signing failed: \(error)")
            }
        }
        #expect(valid == threads * rounds)
    }
}
