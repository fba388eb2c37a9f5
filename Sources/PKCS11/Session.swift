internal import CPKCS11
import Synchronization

/// A session with a token: log in, find, generate and destroy objects, read attributes, sign.
///
/// PKCS#11 forbids using one session from two threads at the same time, so every call holds the session's lock:
/// a `Session` may be shared freely between threads and tasks, and their calls run one after another (open
/// several sessions for parallel signing). Login state belongs to the token, not the session (PKCS#11 2.40
/// §5.6): logging in on one session logs in all of this process's sessions with that token, and closing the
/// last of them logs out. The session is closed (`C_CloseSession`) by ``close()`` or when released.
public final class Session: Sendable {
    /// The module the session belongs to (kept alive by the session).
    public let module: PKCS11Module
    /// The slot the session was opened in.
    public let slotID: UInt
    /// The `CK_SESSION_HANDLE`, `nil` once closed. Held for the duration of every PKCS#11 call on the session.
    private let handle: Mutex<CK_SESSION_HANDLE?>

    init(module: PKCS11Module, handle: CK_SESSION_HANDLE, slotID: UInt) {
        self.module = module
        self.slotID = slotID
        self.handle = Mutex(handle)
    }

    deinit { close() }

    /// Closes the session. Idempotent; later calls throw ``PKCS11Error/call(function:returnValue:)`` with
    /// `CKR_SESSION_CLOSED`. The corresponding C function is `C_CloseSession`.
    public func close() {
        let functions = module.functions
        handle.withLock { handle in
            guard let open = handle else { return }
            handle = nil
            _ = functions.pointee.C_CloseSession?(open)
        }
    }

    /// Logs the normal user in with `userPIN`. Being logged in already counts as success.
    /// A wrong PIN throws `CKR_PIN_INCORRECT`; the PIN never appears in an error.
    /// The corresponding C function is `C_Login` (`CKU_USER`).
    public func login(userPIN: String) throws(PKCS11Error) {
        try login(.user, pin: userPIN)
    }

    /// Logs out of the token (every session of this process with it). Not being logged in counts as success.
    ///
    /// SoftHSM2 invalidates the handles of private objects (private keys) at logout, and they stay invalid after
    /// logging in again (`CKR_OBJECT_HANDLE_INVALID`): find the objects again after a new login.
    /// The corresponding C function is `C_Logout`.
    public func logout() throws(PKCS11Error) {
        try withSession("C_Logout") { session, functions throws(PKCS11Error) in
            try PKCS11Call.check("C_Logout", functions.C_Logout?(session), accepting: [CKR_USER_NOT_LOGGED_IN])
        }
    }

    /// The objects matching every given criterion (all visible objects when none is given). Private objects are
    /// only visible after ``login(userPIN:)``. The corresponding C functions are `C_FindObjectsInit`,
    /// `C_FindObjects` and `C_FindObjectsFinal`.
    public func findObjects(class objectClass: ObjectClass? = nil, label: String? = nil, id: [UInt8]? = nil) throws(PKCS11Error) -> [ObjectHandle] {
        var template = Template()
        if let objectClass { template.append(.class, ulong: objectClass.rawValue) }
        if let label { template.append(.label, Array(label.utf8)) }
        if let id { template.append(.id, id) }
        return try withSession("C_FindObjectsInit") { session, functions throws(PKCS11Error) -> [ObjectHandle] in
            try PKCS11Call.check("C_FindObjectsInit", template.withAttributes { functions.C_FindObjectsInit?(session, $0, $1) })
            var found: [ObjectHandle] = []
            var batch = [CK_OBJECT_HANDLE](repeating: 0, count: 64)
            do throws(PKCS11Error) {
                while true {
                    var count: CK_ULONG = 0
                    let rv = batch.withUnsafeMutableBufferPointer {
                        functions.C_FindObjects?(session, $0.baseAddress, CK_ULONG($0.count), &count)
                    }
                    try PKCS11Call.check("C_FindObjects", rv)
                    if count == 0 { break }
                    found += batch.prefix(Int(count)).map { ObjectHandle(rawValue: $0) }
                }
            } catch {
                _ = functions.C_FindObjectsFinal?(session)
                throw error
            }
            try PKCS11Call.check("C_FindObjectsFinal", functions.C_FindObjectsFinal?(session))
            return found
        }
    }

    /// The one object matching every given criterion. Throws ``PKCS11Error/objectNotFound(query:)`` when there
    /// is none and ``PKCS11Error/ambiguousObject(query:count:)`` when there are several.
    /// The corresponding C functions are those of ``findObjects(class:label:id:)``.
    public func findObject(class objectClass: ObjectClass? = nil, label: String? = nil, id: [UInt8]? = nil) throws(PKCS11Error) -> ObjectHandle {
        let found = try findObjects(class: objectClass, label: label, id: id)
        if found.count == 1 { return found[0] }
        let query = [
            objectClass.map { "class 0x" + String($0.rawValue, radix: 16) },
            label.map { "label \"\($0)\"" },
            id.map { "id " + $0.map { String($0 >> 4, radix: 16) + String($0 & 0xF, radix: 16) }.joined() },
        ].compactMap { $0 }.joined(separator: ", ")
        let described = query.isEmpty ? "any object" : query
        if found.isEmpty { throw .objectNotFound(query: described) }
        throw .ambiguousObject(query: described, count: found.count)
    }

    /// Generates an RSA key pair on the token (needs a read-write session and a logged-in user), with public
    /// exponent 65537, both halves labelled `label` with `id`.
    ///
    /// The private key is a token object that is private (`CKA_PRIVATE`), sensitive and never extractable, and
    /// may only sign; the public key is a token object that may only verify.
    /// The corresponding C function is `C_GenerateKeyPair` (`CKM_RSA_PKCS_KEY_PAIR_GEN`).
    public func generateRSAKeyPair(label: String, id: [UInt8], bits: Int = 2048) throws(PKCS11Error) -> (public: ObjectHandle, private: ObjectHandle) {
        guard bits > 0 else { throw .invalidArgument("RSA key size must be positive, got \(bits)") }
        var publicTemplate = publicKeyTemplate(keyType: CKK_RSA)
        publicTemplate.append(.modulusBits, ulong: UInt(bits))
        publicTemplate.append(.publicExponent, [0x01, 0x00, 0x01])
        publicTemplate.append(.label, Array(label.utf8))
        publicTemplate.append(.id, id)
        return try generateKeyPair(CKM_RSA_PKCS_KEY_PAIR_GEN, publicTemplate, privateKeyTemplate(keyType: CKK_RSA, label: label, id: id))
    }

    /// The `CKA_EC_PARAMS` of Ed25519 keys: the DER OBJECT IDENTIFIER 1.3.101.112 (id-Ed25519, RFC 8410 §3).
    /// PKCS#11 3.0 also allows the DER PrintableString `"edwards25519"`; SoftHSM2 2.6.1 accepts both (and stores the
    /// form it was given) but fails any other value with `CKR_GENERAL_ERROR`. The OID is the form used here, as
    /// it names the algorithm the same way X.509 and OpenSSL do.
    public static let ed25519Parameters: [UInt8] = [0x06, 0x03, 0x2B, 0x65, 0x70]

    /// Generates an Ed25519 key pair on the token (needs a read-write session and a logged-in user), both halves
    /// labelled `label` with `id`. The private key has the same protections as ``generateRSAKeyPair(label:id:bits:)``'s.
    /// Read the public key with ``ed25519PublicKey(of:)``.
    /// The corresponding C function is `C_GenerateKeyPair` (`CKM_EC_EDWARDS_KEY_PAIR_GEN`).
    public func generateEd25519KeyPair(label: String, id: [UInt8]) throws(PKCS11Error) -> (public: ObjectHandle, private: ObjectHandle) {
        var publicTemplate = publicKeyTemplate(keyType: CKK_EC_EDWARDS)
        publicTemplate.append(.ecParams, Self.ed25519Parameters)
        publicTemplate.append(.label, Array(label.utf8))
        publicTemplate.append(.id, id)
        return try generateKeyPair(CKM_EC_EDWARDS_KEY_PAIR_GEN, publicTemplate, privateKeyTemplate(keyType: CKK_EC_EDWARDS, label: label, id: id))
    }

    /// The value of attribute `type` of `object` (empty for an empty value). Throws `CKR_ATTRIBUTE_SENSITIVE` for
    /// a secret attribute of a sensitive or unextractable key, `CKR_ATTRIBUTE_TYPE_INVALID` for an attribute the
    /// object does not have. The corresponding C function is `C_GetAttributeValue` (called twice: size, value).
    public func attribute(_ type: AttributeType, of object: ObjectHandle) throws(PKCS11Error) -> [UInt8] {
        try withSession("C_GetAttributeValue") { session, functions throws(PKCS11Error) -> [UInt8] in
            var query = CK_ATTRIBUTE(type: type.rawValue, pValue: nil, ulValueLen: 0)
            try PKCS11Call.check("C_GetAttributeValue", functions.C_GetAttributeValue?(session, object.rawValue, &query, 1))
            let length = query.ulValueLen
            guard length != CK_ULONG.max else {   // CK_UNAVAILABLE_INFORMATION
                throw .unexpectedResult(function: "C_GetAttributeValue", "no length for attribute 0x\(String(type.rawValue, radix: 16))")
            }
            guard length > 0 else { return [] }
            var value = [UInt8](repeating: 0, count: Int(length))
            let rv = value.withUnsafeMutableBytes { buffer in
                var attribute = CK_ATTRIBUTE(type: type.rawValue, pValue: buffer.baseAddress, ulValueLen: CK_ULONG(buffer.count))
                let rv = functions.C_GetAttributeValue?(session, object.rawValue, &attribute, 1)
                return (rv, attribute.ulValueLen)
            }
            try PKCS11Call.check("C_GetAttributeValue", rv.0)
            guard rv.1 <= length else {
                throw .unexpectedResult(function: "C_GetAttributeValue", "attribute grew from \(length) to \(rv.1) bytes")
            }
            return Array(value.prefix(Int(rv.1)))
        }
    }

    /// A `CK_BBOOL` attribute (`.sensitive`, `.extractable`, `.sign`, …) of `object`.
    /// The corresponding C function is `C_GetAttributeValue`.
    public func boolAttribute(_ type: AttributeType, of object: ObjectHandle) throws(PKCS11Error) -> Bool {
        let value = try attribute(type, of: object)
        guard value.count == 1 else {
            throw .unexpectedResult(function: "C_GetAttributeValue", "a CK_BBOOL of \(value.count) bytes")
        }
        return value[0] != 0
    }

    /// A `CK_ULONG` attribute (`.modulusBits`, `.keyType`, `.class`, …) of `object`.
    /// The corresponding C function is `C_GetAttributeValue`.
    public func unsignedAttribute(_ type: AttributeType, of object: ObjectHandle) throws(PKCS11Error) -> UInt {
        let value = try attribute(type, of: object)
        guard value.count == MemoryLayout<CK_ULONG>.size else {
            throw .unexpectedResult(function: "C_GetAttributeValue", "a CK_ULONG of \(value.count) bytes")
        }
        return UInt(value.withUnsafeBytes { $0.loadUnaligned(as: CK_ULONG.self) })
    }

    /// The 32-byte Ed25519 public key (RFC 8032 §5.1.5) of an Edwards public key object, from its `CKA_EC_POINT`:
    /// a DER OCTET STRING around the 32 bytes (`04 20 …`, as PKCS#11 3.0 specifies and SoftHSM2 2.6.1 stores),
    /// or the bare 32 bytes, which some tokens return. The corresponding C function is `C_GetAttributeValue`.
    public func ed25519PublicKey(of object: ObjectHandle) throws(PKCS11Error) -> [UInt8] {
        let point = try attribute(.ecPoint, of: object)
        if point.count == 34, point[0] == 0x04, point[1] == 0x20 { return Array(point[2...]) }
        if point.count == 32 { return point }
        throw .unexpectedResult(function: "C_GetAttributeValue", "CKA_EC_POINT of \(point.count) bytes is not an Ed25519 key")
    }

    /// Signs `data` with the private key `key` (needs a logged-in user). The whole data goes to the token, which
    /// hashes it for `.sha256RSAPKCS`. The corresponding C functions are `C_SignInit` and `C_Sign` (called
    /// twice: length, signature).
    public func sign(_ data: [UInt8], with key: ObjectHandle, mechanism: Mechanism) throws(PKCS11Error) -> [UInt8] {
        try withSession("C_SignInit") { session, functions throws(PKCS11Error) -> [UInt8] in
            var mechanismInfo = CK_MECHANISM(mechanism: mechanism.type, pParameter: nil, ulParameterLen: 0)
            try PKCS11Call.check("C_SignInit", functions.C_SignInit?(session, &mechanismInfo, key.rawValue))
            // An empty message still needs a non-NULL pointer (SoftHSM2 rejects NULL with CKR_ARGUMENTS_BAD).
            var message = data.isEmpty ? [0] : data
            let messageLength = CK_ULONG(data.count)
            // After a successful length query the operation stays active for the second call; any failure of
            // C_Sign ends it (PKCS#11 2.40 §5.11), so no operation is left behind.
            var length: CK_ULONG = 0
            let queried = message.withUnsafeMutableBufferPointer {
                functions.C_Sign?(session, $0.baseAddress, messageLength, nil, &length)
            }
            try PKCS11Call.check("C_Sign", queried)
            var signature = [UInt8](repeating: 0, count: Int(length))
            let signed = message.withUnsafeMutableBufferPointer { message in
                signature.withUnsafeMutableBufferPointer {
                    functions.C_Sign?(session, message.baseAddress, messageLength, $0.baseAddress, &length)
                }
            }
            try PKCS11Call.check("C_Sign", signed)
            return Array(signature.prefix(Int(length)))
        }
    }

    /// Destroys `object` (a token object needs a read-write session).
    /// The corresponding C function is `C_DestroyObject`.
    public func destroy(_ object: ObjectHandle) throws(PKCS11Error) {
        try withSession("C_DestroyObject") { session, functions throws(PKCS11Error) in
            try PKCS11Call.check("C_DestroyObject", functions.C_DestroyObject?(session, object.rawValue))
        }
    }

    // MARK: - Internals

    /// Who logs in: the normal user or the security officer (who may only initialise the user's PIN).
    enum UserType {
        case user
        case securityOfficer
    }

    /// Logs `user` in with `pin`; being logged in already as that user counts as success.
    /// The corresponding C function is `C_Login`.
    func login(_ user: UserType, pin: String) throws(PKCS11Error) {
        try withSession("C_Login") { session, functions throws(PKCS11Error) in
            var pin = Array(pin.utf8)
            let userType = switch user {
            case .user: CK_USER_TYPE(CKU_USER)
            case .securityOfficer: CK_USER_TYPE(CKU_SO)
            }
            let rv = pin.withUnsafeMutableBufferPointer { functions.C_Login?(session, userType, $0.baseAddress, CK_ULONG($0.count)) }
            try PKCS11Call.check("C_Login", rv, accepting: [CKR_USER_ALREADY_LOGGED_IN])
        }
    }

    /// Sets the normal user's PIN (needs the security officer logged in on a read-write session).
    /// The corresponding C function is `C_InitPIN`.
    func initializeUserPIN(_ pin: String) throws(PKCS11Error) {
        try withSession("C_InitPIN") { session, functions throws(PKCS11Error) in
            var pin = Array(pin.utf8)
            let rv = pin.withUnsafeMutableBufferPointer { functions.C_InitPIN?(session, $0.baseAddress, CK_ULONG($0.count)) }
            try PKCS11Call.check("C_InitPIN", rv)
        }
    }

    /// The private-key template shared by both key types: a private, sensitive, never-extractable token key that
    /// may only sign.
    private func privateKeyTemplate(keyType: CK_KEY_TYPE, label: String, id: [UInt8]) -> Template {
        var template = Template()
        template.append(.class, ulong: CKO_PRIVATE_KEY)
        template.append(.keyType, ulong: keyType)
        template.append(.token, true)
        template.append(.private, true)
        template.append(.sensitive, true)
        template.append(.extractable, false)
        template.append(.sign, true)
        // Signing only: a module's defaults may allow more (SoftHSM2's allow decrypt and unwrap).
        template.append(.decrypt, false)
        template.append(.unwrap, false)
        template.append(.derive, false)
        template.append(.label, Array(label.utf8))
        template.append(.id, id)
        return template
    }

    /// What both public-key templates share: a token object that may only verify.
    private func publicKeyTemplate(keyType: CK_KEY_TYPE) -> Template {
        var template = Template()
        template.append(.class, ulong: CKO_PUBLIC_KEY)
        template.append(.keyType, ulong: keyType)
        template.append(.token, true)
        template.append(.verify, true)
        template.append(.encrypt, false)
        template.append(.wrap, false)
        return template
    }

    /// The corresponding C function is `C_GenerateKeyPair`.
    func generateKeyPair(_ mechanismType: CK_MECHANISM_TYPE, _ publicTemplate: Template, _ privateTemplate: Template) throws(PKCS11Error) -> (public: ObjectHandle, private: ObjectHandle) {
        try withSession("C_GenerateKeyPair") { session, functions throws(PKCS11Error) -> (public: ObjectHandle, private: ObjectHandle) in
            var mechanism = CK_MECHANISM(mechanism: mechanismType, pParameter: nil, ulParameterLen: 0)
            var publicKey: CK_OBJECT_HANDLE = 0
            var privateKey: CK_OBJECT_HANDLE = 0
            let rv = publicTemplate.withAttributes { publicAttributes, publicCount in
                privateTemplate.withAttributes { privateAttributes, privateCount in
                    functions.C_GenerateKeyPair?(session, &mechanism, publicAttributes, publicCount,
                                                 privateAttributes, privateCount, &publicKey, &privateKey)
                }
            }
            try PKCS11Call.check("C_GenerateKeyPair", rv)
            return (ObjectHandle(rawValue: publicKey), ObjectHandle(rawValue: privateKey))
        }
    }

    /// Runs `body` with the open session handle and the module's function table, holding the session's lock for
    /// the whole call. Throws `CKR_SESSION_CLOSED` (attributed to `function`) once the session is closed.
    private func withSession<Result: Sendable>(
        _ function: String, _ body: (CK_SESSION_HANDLE, CK_FUNCTION_LIST) throws(PKCS11Error) -> Result
    ) throws(PKCS11Error) -> Result {
        let functions = module.functions
        return try handle.withLock { (handle: inout CK_SESSION_HANDLE?) throws(PKCS11Error) -> Result in
            guard let session = handle else {
                throw .call(function: function, returnValue: ReturnValue(rawValue: CKR_SESSION_CLOSED))
            }
            return try body(session, functions.pointee)
        }
    }
}
