internal import CPKCS11
import Synchronization
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A PKCS#11 module (a "Cryptoki library" such as SoftHSM2's `libsofthsm2.so`), loaded with `dlopen` and
/// initialised for multi-threaded use with the operating system's locking (`CKF_OS_LOCKING_OK`).
///
/// A module is process-global state: `C_Initialize` may only be called once per process until `C_Finalize`, and
/// SoftHSM2 reads its configuration (`SOFTHSM2_CONF`) at that moment. Use ``shared(path:)`` rather than the
/// initialiser so that every part of the process uses the same instance. Thread-safe: calls at module level
/// (slots, token initialisation, opening sessions) may come from any thread; a ``Session`` serialises its own.
public final class PKCS11Module: @unchecked Sendable {
    /// The path the module was loaded from.
    public let path: String
    /// The `dlopen` handle.
    private let library: UnsafeMutableRawPointer
    /// The module's function table, returned by its `C_GetFunctionList` (static data of the library, which stays
    /// loaded as long as this object lives).
    let functions: UnsafeMutablePointer<CK_FUNCTION_LIST>
    /// Whether this object's `C_Initialize` initialised the module (so `deinit` calls `C_Finalize`); false when
    /// someone else in the process had already initialised it.
    private let ownsInitialization: Bool

    /// Loads the module at `path` and initialises it (`C_Initialize` with `CKF_OS_LOCKING_OK`).
    ///
    /// `CKR_CRYPTOKI_ALREADY_INITIALIZED` counts as success: the module is then used as it is and not finalised by
    /// this object. Throws ``PKCS11Error/moduleNotLoadable(path:reason:)`` when the library cannot be loaded or
    /// has no `C_GetFunctionList`. The corresponding C functions are `dlopen`, `C_GetFunctionList` and
    /// `C_Initialize`.
    public init(path: String) throws(PKCS11Error) {
        _ = dlerror()
        guard let library = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw .moduleNotLoadable(path: path, reason: Self.lastLoaderError())
        }
        guard let symbol = dlsym(library, "C_GetFunctionList") else {
            let reason = Self.lastLoaderError()
            dlclose(library)
            throw .moduleNotLoadable(path: path, reason: reason)
        }
        let getFunctionList = unsafeBitCast(symbol, to: CK_C_GetFunctionList.self)
        var table: UnsafeMutablePointer<CK_FUNCTION_LIST>?
        let listed = getFunctionList(&table)
        guard listed == CKR_OK, let table else {
            dlclose(library)
            throw .call(function: "C_GetFunctionList", returnValue: ReturnValue(rawValue: listed == CKR_OK ? CKR_GENERAL_ERROR : listed))
        }
        var arguments = CK_C_INITIALIZE_ARGS()
        arguments.flags = CKF_OS_LOCKING_OK
        let initialized = withUnsafeMutablePointer(to: &arguments) { table.pointee.C_Initialize?(UnsafeMutableRawPointer($0)) }
        do {
            try PKCS11Call.check("C_Initialize", initialized, accepting: [CKR_CRYPTOKI_ALREADY_INITIALIZED])
        } catch {
            dlclose(library)
            throw error
        }
        self.path = path
        self.library = library
        self.functions = table
        self.ownsInitialization = initialized == CKR_OK
    }

    deinit {
        if ownsInitialization { _ = functions.pointee.C_Finalize?(nil) }
        dlclose(library)
    }

    /// The modules loaded by ``shared(path:)``, by canonical path. Never released.
    private static let loaded = Mutex<[String: PKCS11Module]>([:])

    /// The process's one instance for the module at `path` (symbolic links resolved), loaded on first use and
    /// kept for the life of the process (never finalised). Thread-safe.
    public static func shared(path: String) throws(PKCS11Error) -> PKCS11Module {
        let key = canonicalPath(path)
        return try loaded.withLock { (modules: inout [String: PKCS11Module]) throws(PKCS11Error) -> PKCS11Module in
            if let module = modules[key] { return module }
            let module = try PKCS11Module(path: path)
            modules[key] = module
            return module
        }
    }

    /// The slots, with facts about their tokens. With `tokenPresent`, only slots that hold a token.
    /// The corresponding C functions are `C_GetSlotList`, `C_GetSlotInfo` and `C_GetTokenInfo`.
    public func slots(tokenPresent: Bool = true) throws(PKCS11Error) -> [Slot] {
        var slots: [Slot] = []
        for id in try slotIDs(tokenPresent: tokenPresent) {
            var slotInfo = CK_SLOT_INFO()
            try PKCS11Call.check("C_GetSlotInfo", functions.pointee.C_GetSlotInfo?(id, &slotInfo))
            var slot = Slot(id: id)
            slot.isTokenPresent = slotInfo.flags & CKF_TOKEN_PRESENT != 0
            if slot.isTokenPresent {
                var tokenInfo = CK_TOKEN_INFO()
                let rv = functions.pointee.C_GetTokenInfo?(id, &tokenInfo)
                // The token may have been removed since the slot list was read.
                if rv == CKR_TOKEN_NOT_PRESENT { continue }
                try PKCS11Call.check("C_GetTokenInfo", rv)
                slot.tokenLabel = paddedString(tokenInfo.label)
                slot.serialNumber = paddedString(tokenInfo.serialNumber)
                slot.isTokenInitialized = tokenInfo.flags & CKF_TOKEN_INITIALIZED != 0
                slot.isUserPINInitialized = tokenInfo.flags & CKF_USER_PIN_INITIALIZED != 0
            } else if tokenPresent {
                continue
            }
            slots.append(slot)
        }
        return slots
    }

    /// The slot holding the initialised token labelled `tokenLabel` (compared after removing the label's blank
    /// padding), or `nil`. If several tokens carry the label, the one in the lowest-numbered slot.
    ///
    /// Look tokens up by label, never by a remembered slot id: SoftHSM2 gives a token a new slot id when it is
    /// initialised (and slot ids are not stable between processes either).
    public func slot(tokenLabel: String) throws(PKCS11Error) -> Slot? {
        try slots(tokenPresent: true)
            .filter { $0.isTokenInitialized && $0.tokenLabel == tokenLabel }
            .min { $0.id < $1.id }
    }

    /// Initialises (or re-initialises, erasing every object on it) the token in `slotID` with `label` and the
    /// security officer's `soPIN`, then logs in as the SO and sets the normal user's PIN to `userPIN`.
    ///
    /// With SoftHSM2, initialise the token in the slot whose token is not yet initialised (SoftHSM2 always
    /// offers one): after `C_InitToken` the new token appears in a **new slot with a different id**, and a new
    /// uninitialised token appears in the free slot. This method finds the token again by `label`, which should
    /// therefore be unique, and returns its slot. Labels are at most 32 bytes of UTF-8.
    /// The corresponding C functions are `C_InitToken`, `C_Login` (`CKU_SO`), `C_InitPIN` and `C_Logout`.
    @discardableResult
    public func initializeToken(slotID: UInt, label: String, soPIN: String, userPIN: String) throws(PKCS11Error) -> Slot {
        var paddedLabel = Array(label.utf8)
        guard !paddedLabel.isEmpty, paddedLabel.count <= 32 else {
            throw .invalidArgument("a token label must be 1 to 32 bytes of UTF-8, got \(paddedLabel.count)")
        }
        paddedLabel += Array(repeating: 0x20, count: 32 - paddedLabel.count)
        var pin = Array(soPIN.utf8)
        let rv = pin.withUnsafeMutableBufferPointer { pin in
            paddedLabel.withUnsafeMutableBufferPointer { label in
                functions.pointee.C_InitToken?(slotID, pin.baseAddress, CK_ULONG(pin.count), label.baseAddress)
            }
        }
        try PKCS11Call.check("C_InitToken", rv)
        guard let slot = try slot(tokenLabel: label) else { throw .tokenNotFound(label: label) }
        let session = try openSession(slotID: slot.id, readWrite: true)
        try session.login(.securityOfficer, pin: soPIN)
        try session.initializeUserPIN(userPIN)
        try session.logout()
        return try self.slot(tokenLabel: label) ?? slot
    }

    /// Initialises a token labelled `label` (see ``initializeToken(slotID:label:soPIN:userPIN:)``) in the first slot
    /// whose token is not initialised yet — SoftHSM2 always offers one — holding a process-wide lock from choosing the
    /// slot to the end: two initialisations at once would otherwise pick the same free slot.
    @discardableResult
    public func initializeTokenInFreeSlot(label: String, soPIN: String, userPIN: String) throws(PKCS11Error) -> Slot {
        try Self.tokenInitialization.withLock { _ throws(PKCS11Error) -> Slot in
            guard let free = try slots(tokenPresent: true).first(where: { !$0.isTokenInitialized }) else {
                throw .invalidArgument("no slot with an uninitialised token on \(path)")
            }
            return try initializeToken(slotID: free.id, label: label, soPIN: soPIN, userPIN: userPIN)
        }
    }

    private static let tokenInitialization = Mutex(())

    /// Opens a session with the token in `slotID` (read-only unless `readWrite`; creating or destroying token
    /// objects needs a read-write session). The session is closed when the ``Session`` is released.
    /// The corresponding C function is `C_OpenSession`.
    public func openSession(slotID: UInt, readWrite: Bool = false) throws(PKCS11Error) -> Session {
        var handle: CK_SESSION_HANDLE = 0
        let flags = CKF_SERIAL_SESSION | (readWrite ? CKF_RW_SESSION : 0)
        try PKCS11Call.check("C_OpenSession", functions.pointee.C_OpenSession?(slotID, flags, nil, nil, &handle))
        return Session(module: self, handle: handle, slotID: slotID)
    }

    /// Opens a session with the token labelled `tokenLabel`; throws ``PKCS11Error/tokenNotFound(label:)`` if no
    /// slot holds it. The corresponding C function is `C_OpenSession`.
    public func openSession(tokenLabel: String, readWrite: Bool = false) throws(PKCS11Error) -> Session {
        guard let slot = try slot(tokenLabel: tokenLabel) else { throw .tokenNotFound(label: tokenLabel) }
        return try openSession(slotID: slot.id, readWrite: readWrite)
    }

    /// The ids of the slots (with a token, if `tokenPresent`), re-reading the list until it fits (a module may
    /// add slots between the two calls, as SoftHSM2 does after `C_InitToken`). The corresponding C function is
    /// `C_GetSlotList`.
    private func slotIDs(tokenPresent: Bool) throws(PKCS11Error) -> [CK_SLOT_ID] {
        let present = CK_BBOOL(tokenPresent ? CK_TRUE : CK_FALSE)
        while true {
            var count: CK_ULONG = 0
            try PKCS11Call.check("C_GetSlotList", functions.pointee.C_GetSlotList?(present, nil, &count))
            var ids = [CK_SLOT_ID](repeating: 0, count: Int(count))
            let rv = ids.withUnsafeMutableBufferPointer { functions.pointee.C_GetSlotList?(present, $0.baseAddress, &count) }
            if rv == CKR_BUFFER_TOO_SMALL { continue }
            try PKCS11Call.check("C_GetSlotList", rv)
            return Array(ids.prefix(Int(count)))
        }
    }

    /// `dlerror()`'s text, or a generic one if it has none.
    private static func lastLoaderError() -> String {
        guard let text = dlerror() else { return "unknown dynamic loader error" }
        return String(cString: text)
    }

    /// `path` with symbolic links resolved, or `path` itself if it cannot be resolved.
    /// The corresponding C function is `realpath`.
    private static func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// A slot of a module and facts about the token in it.
public struct Slot: Sendable, Hashable {
    /// The slot id (`CK_SLOT_ID`). With SoftHSM2 it changes when the token is initialised: find tokens by label.
    public let id: UInt
    /// Whether a token is in the slot (always true with SoftHSM2).
    public internal(set) var isTokenPresent = false
    /// The token's label without its blank padding; empty when no token is present or it is not initialised.
    public internal(set) var tokenLabel = ""
    /// Whether the token has been initialised (`CKF_TOKEN_INITIALIZED`).
    public internal(set) var isTokenInitialized = false
    /// Whether the normal user's PIN has been set (`CKF_USER_PIN_INITIALIZED`).
    public internal(set) var isUserPINInitialized = false
    /// The token's serial number without its blank padding.
    public internal(set) var serialNumber = ""

    init(id: UInt) { self.id = id }
}
