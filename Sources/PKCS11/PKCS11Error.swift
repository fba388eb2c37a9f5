internal import CPKCS11

/// An error from a PKCS#11 module or from this wrapper's use of one.
///
/// The description names the failing PKCS#11 function and the `CK_RV` symbolically (e.g.
/// `C_Login failed: CKR_PIN_INCORRECT (0x000000A0)`). It never contains a PIN, key material or data to sign.
public enum PKCS11Error: Error, Equatable, CustomStringConvertible {
    /// A PKCS#11 function returned something other than `CKR_OK` (or than the outcomes the calling method
    /// documents as success).
    case call(function: String, returnValue: ReturnValue)
    /// The module library at `path` could not be loaded, or does not export `C_GetFunctionList`; `reason` is
    /// `dlerror()`'s text.
    case moduleNotLoadable(path: String, reason: String)
    /// No slot holds a token with this label.
    case tokenNotFound(label: String)
    /// No object matches the search (`query` describes it: class, label, id in hex).
    case objectNotFound(query: String)
    /// More than one object matches a search that must identify exactly one.
    case ambiguousObject(query: String, count: Int)
    /// An argument was rejected before any PKCS#11 call (e.g. a token label longer than 32 bytes).
    case invalidArgument(String)
    /// The module returned something this wrapper cannot interpret (e.g. a `CK_BBOOL` attribute that is not
    /// one byte long).
    case unexpectedResult(function: String, String)

    /// The `CK_RV` of a failed PKCS#11 call, or `nil` for the other cases.
    public var returnValue: ReturnValue? {
        if case let .call(_, returnValue) = self { return returnValue }
        return nil
    }

    public var description: String {
        switch self {
        case let .call(function, returnValue):
            "\(function) failed: \(returnValue)"
        case let .moduleNotLoadable(path, reason):
            "cannot load PKCS#11 module \(path): \(reason)"
        case let .tokenNotFound(label):
            "no PKCS#11 token labelled \"\(label)\""
        case let .objectNotFound(query):
            "no PKCS#11 object matches \(query)"
        case let .ambiguousObject(query, count):
            "\(count) PKCS#11 objects match \(query), expected one"
        case let .invalidArgument(reason):
            "invalid argument: \(reason)"
        case let .unexpectedResult(function, reason):
            "\(function) returned an unexpected result: \(reason)"
        }
    }
}

/// A PKCS#11 return value (`CK_RV`), with its symbolic name for the common ones.
public struct ReturnValue: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The `CK_RV` value.
    public let rawValue: UInt

    public init(rawValue: UInt) { self.rawValue = rawValue }

    /// The symbolic name (`CKR_PIN_INCORRECT`), `CKR_VENDOR_DEFINED+0x…` for vendor codes, or `nil` for a value
    /// not in PKCS#11 2.40's common set.
    public var name: String? {
        if let name = Self.names[rawValue] { return name }
        if rawValue >= Self.vendorDefined { return "CKR_VENDOR_DEFINED+0x" + String(rawValue - Self.vendorDefined, radix: 16) }
        return nil
    }

    /// `CKR_PIN_INCORRECT (0x000000A0)`, or `CK_RV 0x…` for an unnamed value.
    public var description: String {
        let hex = String(rawValue, radix: 16, uppercase: true)
        let padded = "0x" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
        guard let name else { return "CK_RV \(padded)" }
        return "\(name) (\(padded))"
    }

    public static let attributeSensitive = ReturnValue(rawValue: CKR_ATTRIBUTE_SENSITIVE)
    public static let attributeTypeInvalid = ReturnValue(rawValue: CKR_ATTRIBUTE_TYPE_INVALID)
    public static let generalError = ReturnValue(rawValue: CKR_GENERAL_ERROR)
    public static let keyHandleInvalid = ReturnValue(rawValue: CKR_KEY_HANDLE_INVALID)
    public static let objectHandleInvalid = ReturnValue(rawValue: CKR_OBJECT_HANDLE_INVALID)
    public static let pinIncorrect = ReturnValue(rawValue: CKR_PIN_INCORRECT)
    public static let sessionReadOnly = ReturnValue(rawValue: CKR_SESSION_READ_ONLY)
    public static let slotIDInvalid = ReturnValue(rawValue: CKR_SLOT_ID_INVALID)

    /// `CKR_VENDOR_DEFINED` (a cast macro, which Swift does not import): the first vendor-specific value.
    private static let vendorDefined: UInt = 1 << 31

    /// Names of the PKCS#11 2.40 return values (the constants come from the header, so the table cannot drift).
    private static let names: [UInt: String] = Dictionary(uniqueKeysWithValues: [
        (CKR_OK, "CKR_OK"),
        (CKR_CANCEL, "CKR_CANCEL"),
        (CKR_HOST_MEMORY, "CKR_HOST_MEMORY"),
        (CKR_SLOT_ID_INVALID, "CKR_SLOT_ID_INVALID"),
        (CKR_GENERAL_ERROR, "CKR_GENERAL_ERROR"),
        (CKR_FUNCTION_FAILED, "CKR_FUNCTION_FAILED"),
        (CKR_ARGUMENTS_BAD, "CKR_ARGUMENTS_BAD"),
        (CKR_NO_EVENT, "CKR_NO_EVENT"),
        (CKR_NEED_TO_CREATE_THREADS, "CKR_NEED_TO_CREATE_THREADS"),
        (CKR_CANT_LOCK, "CKR_CANT_LOCK"),
        (CKR_ATTRIBUTE_READ_ONLY, "CKR_ATTRIBUTE_READ_ONLY"),
        (CKR_ATTRIBUTE_SENSITIVE, "CKR_ATTRIBUTE_SENSITIVE"),
        (CKR_ATTRIBUTE_TYPE_INVALID, "CKR_ATTRIBUTE_TYPE_INVALID"),
        (CKR_ATTRIBUTE_VALUE_INVALID, "CKR_ATTRIBUTE_VALUE_INVALID"),
        (CKR_ACTION_PROHIBITED, "CKR_ACTION_PROHIBITED"),
        (CKR_DATA_INVALID, "CKR_DATA_INVALID"),
        (CKR_DATA_LEN_RANGE, "CKR_DATA_LEN_RANGE"),
        (CKR_DEVICE_ERROR, "CKR_DEVICE_ERROR"),
        (CKR_DEVICE_MEMORY, "CKR_DEVICE_MEMORY"),
        (CKR_DEVICE_REMOVED, "CKR_DEVICE_REMOVED"),
        (CKR_ENCRYPTED_DATA_INVALID, "CKR_ENCRYPTED_DATA_INVALID"),
        (CKR_ENCRYPTED_DATA_LEN_RANGE, "CKR_ENCRYPTED_DATA_LEN_RANGE"),
        (CKR_FUNCTION_CANCELED, "CKR_FUNCTION_CANCELED"),
        (CKR_FUNCTION_NOT_PARALLEL, "CKR_FUNCTION_NOT_PARALLEL"),
        (CKR_FUNCTION_NOT_SUPPORTED, "CKR_FUNCTION_NOT_SUPPORTED"),
        (CKR_KEY_HANDLE_INVALID, "CKR_KEY_HANDLE_INVALID"),
        (CKR_KEY_SIZE_RANGE, "CKR_KEY_SIZE_RANGE"),
        (CKR_KEY_TYPE_INCONSISTENT, "CKR_KEY_TYPE_INCONSISTENT"),
        (CKR_KEY_NOT_NEEDED, "CKR_KEY_NOT_NEEDED"),
        (CKR_KEY_CHANGED, "CKR_KEY_CHANGED"),
        (CKR_KEY_NEEDED, "CKR_KEY_NEEDED"),
        (CKR_KEY_INDIGESTIBLE, "CKR_KEY_INDIGESTIBLE"),
        (CKR_KEY_FUNCTION_NOT_PERMITTED, "CKR_KEY_FUNCTION_NOT_PERMITTED"),
        (CKR_KEY_NOT_WRAPPABLE, "CKR_KEY_NOT_WRAPPABLE"),
        (CKR_KEY_UNEXTRACTABLE, "CKR_KEY_UNEXTRACTABLE"),
        (CKR_MECHANISM_INVALID, "CKR_MECHANISM_INVALID"),
        (CKR_MECHANISM_PARAM_INVALID, "CKR_MECHANISM_PARAM_INVALID"),
        (CKR_OBJECT_HANDLE_INVALID, "CKR_OBJECT_HANDLE_INVALID"),
        (CKR_OPERATION_ACTIVE, "CKR_OPERATION_ACTIVE"),
        (CKR_OPERATION_NOT_INITIALIZED, "CKR_OPERATION_NOT_INITIALIZED"),
        (CKR_PIN_INCORRECT, "CKR_PIN_INCORRECT"),
        (CKR_PIN_INVALID, "CKR_PIN_INVALID"),
        (CKR_PIN_LEN_RANGE, "CKR_PIN_LEN_RANGE"),
        (CKR_PIN_EXPIRED, "CKR_PIN_EXPIRED"),
        (CKR_PIN_LOCKED, "CKR_PIN_LOCKED"),
        (CKR_SESSION_CLOSED, "CKR_SESSION_CLOSED"),
        (CKR_SESSION_COUNT, "CKR_SESSION_COUNT"),
        (CKR_SESSION_HANDLE_INVALID, "CKR_SESSION_HANDLE_INVALID"),
        (CKR_SESSION_PARALLEL_NOT_SUPPORTED, "CKR_SESSION_PARALLEL_NOT_SUPPORTED"),
        (CKR_SESSION_READ_ONLY, "CKR_SESSION_READ_ONLY"),
        (CKR_SESSION_EXISTS, "CKR_SESSION_EXISTS"),
        (CKR_SESSION_READ_ONLY_EXISTS, "CKR_SESSION_READ_ONLY_EXISTS"),
        (CKR_SESSION_READ_WRITE_SO_EXISTS, "CKR_SESSION_READ_WRITE_SO_EXISTS"),
        (CKR_SIGNATURE_INVALID, "CKR_SIGNATURE_INVALID"),
        (CKR_SIGNATURE_LEN_RANGE, "CKR_SIGNATURE_LEN_RANGE"),
        (CKR_TEMPLATE_INCOMPLETE, "CKR_TEMPLATE_INCOMPLETE"),
        (CKR_TEMPLATE_INCONSISTENT, "CKR_TEMPLATE_INCONSISTENT"),
        (CKR_TOKEN_NOT_PRESENT, "CKR_TOKEN_NOT_PRESENT"),
        (CKR_TOKEN_NOT_RECOGNIZED, "CKR_TOKEN_NOT_RECOGNIZED"),
        (CKR_TOKEN_WRITE_PROTECTED, "CKR_TOKEN_WRITE_PROTECTED"),
        (CKR_UNWRAPPING_KEY_HANDLE_INVALID, "CKR_UNWRAPPING_KEY_HANDLE_INVALID"),
        (CKR_UNWRAPPING_KEY_SIZE_RANGE, "CKR_UNWRAPPING_KEY_SIZE_RANGE"),
        (CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT, "CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT"),
        (CKR_USER_ALREADY_LOGGED_IN, "CKR_USER_ALREADY_LOGGED_IN"),
        (CKR_USER_NOT_LOGGED_IN, "CKR_USER_NOT_LOGGED_IN"),
        (CKR_USER_PIN_NOT_INITIALIZED, "CKR_USER_PIN_NOT_INITIALIZED"),
        (CKR_USER_TYPE_INVALID, "CKR_USER_TYPE_INVALID"),
        (CKR_USER_ANOTHER_ALREADY_LOGGED_IN, "CKR_USER_ANOTHER_ALREADY_LOGGED_IN"),
        (CKR_USER_TOO_MANY_TYPES, "CKR_USER_TOO_MANY_TYPES"),
        (CKR_WRAPPED_KEY_INVALID, "CKR_WRAPPED_KEY_INVALID"),
        (CKR_WRAPPED_KEY_LEN_RANGE, "CKR_WRAPPED_KEY_LEN_RANGE"),
        (CKR_WRAPPING_KEY_HANDLE_INVALID, "CKR_WRAPPING_KEY_HANDLE_INVALID"),
        (CKR_WRAPPING_KEY_SIZE_RANGE, "CKR_WRAPPING_KEY_SIZE_RANGE"),
        (CKR_WRAPPING_KEY_TYPE_INCONSISTENT, "CKR_WRAPPING_KEY_TYPE_INCONSISTENT"),
        (CKR_RANDOM_SEED_NOT_SUPPORTED, "CKR_RANDOM_SEED_NOT_SUPPORTED"),
        (CKR_RANDOM_NO_RNG, "CKR_RANDOM_NO_RNG"),
        (CKR_DOMAIN_PARAMS_INVALID, "CKR_DOMAIN_PARAMS_INVALID"),
        (CKR_CURVE_NOT_SUPPORTED, "CKR_CURVE_NOT_SUPPORTED"),
        (CKR_BUFFER_TOO_SMALL, "CKR_BUFFER_TOO_SMALL"),
        (CKR_SAVED_STATE_INVALID, "CKR_SAVED_STATE_INVALID"),
        (CKR_INFORMATION_SENSITIVE, "CKR_INFORMATION_SENSITIVE"),
        (CKR_STATE_UNSAVEABLE, "CKR_STATE_UNSAVEABLE"),
        (CKR_CRYPTOKI_NOT_INITIALIZED, "CKR_CRYPTOKI_NOT_INITIALIZED"),
        (CKR_CRYPTOKI_ALREADY_INITIALIZED, "CKR_CRYPTOKI_ALREADY_INITIALIZED"),
        (CKR_MUTEX_BAD, "CKR_MUTEX_BAD"),
        (CKR_MUTEX_NOT_LOCKED, "CKR_MUTEX_NOT_LOCKED"),
        (CKR_FUNCTION_REJECTED, "CKR_FUNCTION_REJECTED"),
    ])
}

/// The one place that interprets PKCS#11's return convention.
enum PKCS11Call {
    /// Throws unless `returnValue` is `CKR_OK` or one of `accepted`. A `nil` return value (the module's function
    /// list has a NULL entry for `function`, so it was not called) is `CKR_FUNCTION_NOT_SUPPORTED`.
    static func check(_ function: String, _ returnValue: CK_RV?, accepting accepted: [CK_RV] = []) throws(PKCS11Error) {
        let value = returnValue ?? CKR_FUNCTION_NOT_SUPPORTED
        guard value == CKR_OK || accepted.contains(value) else {
            throw .call(function: function, returnValue: ReturnValue(rawValue: value))
        }
    }
}
