public import CryptoPrimitives
import Foundation
import JSON
import PKCS11
import ServiceKit

/// Keys on a PKCS#11 token (SoftHSM2 by default; tpm2-pkcs11 or a real HSM by configuration): generated on the token
/// as sensitive, never-extractable objects and used only through `C_Sign` (`CKM_SHA256_RSA_PKCS` for RS256,
/// `CKM_EDDSA` for the journal's checkpoint notes). Found by label (the key's name); `CKA_ID` is the first 8 bytes
/// of SHA-256 of the label, for tools such as `pkcs11-tool --id`.
public final class PKCS11KeyStore: KeyStore {
    public let modulePath: String
    public let tokenLabel: String
    private let session: Session

    /// Why the store could not open; never carries a PIN.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Opens the token labelled `token` on the module at `module` and logs in with the user PIN read from `pinFile`.
    /// When there is no such token and `createIfMissing` (SoftHSM2, which always offers a free slot), one is created
    /// there with random PINs: the user PIN is written to `pinFile` and the security officer's to `pinFile.so`, both
    /// 0600, before the token exists, so a token is never left without its PIN.
    public init(module: String, token: String, pinFile: String, createIfMissing: Bool) throws {
        modulePath = module
        tokenLabel = token
        let library = try PKCS11Module.shared(path: module)
        var slot = try library.slot(tokenLabel: token)
        if slot == nil, createIfMissing {
            let userPIN = try Self.randomPIN(), soPIN = try Self.randomPIN()
            try Directories.ensurePrivate((pinFile as NSString).deletingLastPathComponent)
            try Directories.writeFile(pinFile, Array(userPIN.utf8), mode: 0o600)
            try Directories.writeFile(pinFile + ".so", Array(soPIN.utf8), mode: 0o600)
            slot = try library.initializeTokenInFreeSlot(label: token, soPIN: soPIN, userPIN: userPIN)
        }
        guard let slot else { throw Failure(description: "no initialised token \"\(token)\" on \(module)") }
        guard let pin = try? String(contentsOfFile: pinFile, encoding: .utf8) else {
            throw Failure(description: "token \"\(token)\" exists but its PIN file \(pinFile) cannot be read")
        }
        session = try library.openSession(slotID: slot.id, readWrite: true)
        try session.login(userPIN: pin.trimmingCharacters(in: .newlines))
    }

    public var summary: String { "PKCS#11 token \"\(tokenLabel)\" (\(modulePath))" }

    public func rsaKey(named name: String) throws -> (key: any RS256SigningKey, created: Bool) {
        if let handle = try session.findObjects(class: .privateKey, label: name).first {
            return (try TokenRSAKey(session: session, handle: handle), false)
        }
        let pair = try session.generateRSAKeyPair(label: name, id: Self.id(for: name), bits: 2048)
        return (try TokenRSAKey(session: session, handle: pair.private), true)
    }

    public func ed25519Key(named name: String) throws -> (key: any Ed25519SigningKey, created: Bool) {
        if let handle = try session.findObjects(class: .privateKey, label: name).first,
           let publicHandle = try session.findObjects(class: .publicKey, label: name).first {
            return (try TokenEd25519Key(session: session, handle: handle, publicHandle: publicHandle), false)
        }
        let pair = try session.generateEd25519KeyPair(label: name, id: Self.id(for: name))
        return (try TokenEd25519Key(session: session, handle: pair.private, publicHandle: pair.public), true)
    }

    static func id(for name: String) -> [UInt8] {
        Array(SHA256.hash(Array(name.utf8)).prefix(8))
    }

    /// 32 hex digits from the system's CSPRNG.
    static func randomPIN() throws -> String {
        Hex.encode(try SecureRandom.bytes(16))
    }
}

/// An RSA private key on a token: its public half read from the token (`CKA_MODULUS`, `CKA_PUBLIC_EXPONENT`).
struct TokenRSAKey: RS256SigningKey {
    let session: Session
    let handle: ObjectHandle
    let publicKey: PublicKey

    init(session: Session, handle: ObjectHandle) throws {
        self.session = session
        self.handle = handle
        publicKey = try PublicKey(rsaModulus: session.attribute(.modulus, of: handle),
                                  publicExponent: session.attribute(.publicExponent, of: handle))
    }

    func signRS256(_ message: [UInt8]) throws -> [UInt8] {
        try session.sign(message, with: handle, mechanism: .sha256RSAPKCS)
    }
}

/// An Ed25519 private key on a token; its public half is the public key object's `CKA_EC_POINT`.
struct TokenEd25519Key: Ed25519SigningKey {
    let session: Session
    let handle: ObjectHandle
    let publicKey: Ed25519.PublicKey

    init(session: Session, handle: ObjectHandle, publicHandle: ObjectHandle) throws {
        self.session = session
        self.handle = handle
        publicKey = try Ed25519.PublicKey(rawRepresentation: session.ed25519PublicKey(of: publicHandle))
    }

    func signature(for message: [UInt8]) throws -> [UInt8] {
        try session.sign(message, with: handle, mechanism: .eddsa)
    }
}
