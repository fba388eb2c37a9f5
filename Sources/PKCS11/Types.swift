internal import CPKCS11

/// A handle to an object (key, certificate, data) on a token, valid in the session that found or created it and
/// in the other sessions of the same application on the same token (PKCS#11 2.40 §2.4).
public struct ObjectHandle: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The `CK_OBJECT_HANDLE` value.
    public let rawValue: UInt

    public init(rawValue: UInt) { self.rawValue = rawValue }

    public var description: String { "object #\(rawValue)" }
}

/// A PKCS#11 attribute type (`CK_ATTRIBUTE_TYPE`, a `CKA_…` constant). The common ones are named; any other
/// is `AttributeType(rawValue:)`.
public struct AttributeType: RawRepresentable, Hashable, Sendable {
    /// The `CKA_…` value.
    public let rawValue: UInt

    public init(rawValue: UInt) { self.rawValue = rawValue }

    /// `CKA_CLASS` (a `CK_OBJECT_CLASS`).
    public static let `class` = AttributeType(rawValue: CKA_CLASS)
    /// `CKA_TOKEN`: stored on the token rather than destroyed with the session.
    public static let token = AttributeType(rawValue: CKA_TOKEN)
    /// `CKA_PRIVATE`: only visible after the user logged in.
    public static let `private` = AttributeType(rawValue: CKA_PRIVATE)
    /// `CKA_LABEL` (UTF-8).
    public static let label = AttributeType(rawValue: CKA_LABEL)
    /// `CKA_ID` (bytes linking a key pair and its certificate).
    public static let id = AttributeType(rawValue: CKA_ID)
    /// `CKA_VALUE`: e.g. a secret key's or an EC private key's value (never readable for a sensitive key).
    public static let value = AttributeType(rawValue: CKA_VALUE)
    /// `CKA_KEY_TYPE` (a `CK_KEY_TYPE`).
    public static let keyType = AttributeType(rawValue: CKA_KEY_TYPE)
    /// `CKA_SENSITIVE`: the key's secret attributes can never be read.
    public static let sensitive = AttributeType(rawValue: CKA_SENSITIVE)
    /// `CKA_EXTRACTABLE`: the key may be wrapped out of the token.
    public static let extractable = AttributeType(rawValue: CKA_EXTRACTABLE)
    /// `CKA_ALWAYS_SENSITIVE`: `CKA_SENSITIVE` has been true since the key was made.
    public static let alwaysSensitive = AttributeType(rawValue: CKA_ALWAYS_SENSITIVE)
    /// `CKA_NEVER_EXTRACTABLE`: `CKA_EXTRACTABLE` has been false since the key was made.
    public static let neverExtractable = AttributeType(rawValue: CKA_NEVER_EXTRACTABLE)
    /// `CKA_LOCAL`: the key was generated on the token.
    public static let local = AttributeType(rawValue: CKA_LOCAL)
    /// `CKA_SIGN`.
    public static let sign = AttributeType(rawValue: CKA_SIGN)
    /// `CKA_VERIFY`.
    public static let verify = AttributeType(rawValue: CKA_VERIFY)
    /// `CKA_DECRYPT`.
    public static let decrypt = AttributeType(rawValue: CKA_DECRYPT)
    /// `CKA_ENCRYPT`.
    public static let encrypt = AttributeType(rawValue: CKA_ENCRYPT)
    /// `CKA_UNWRAP`.
    public static let unwrap = AttributeType(rawValue: CKA_UNWRAP)
    /// `CKA_WRAP`.
    public static let wrap = AttributeType(rawValue: CKA_WRAP)
    /// `CKA_DERIVE`.
    public static let derive = AttributeType(rawValue: CKA_DERIVE)
    /// `CKA_MODULUS`: an RSA key's n, big-endian.
    public static let modulus = AttributeType(rawValue: CKA_MODULUS)
    /// `CKA_MODULUS_BITS` (a `CK_ULONG`).
    public static let modulusBits = AttributeType(rawValue: CKA_MODULUS_BITS)
    /// `CKA_PUBLIC_EXPONENT`: an RSA key's e, big-endian.
    public static let publicExponent = AttributeType(rawValue: CKA_PUBLIC_EXPONENT)
    /// `CKA_PRIVATE_EXPONENT`: an RSA private key's d (never readable for a sensitive key).
    public static let privateExponent = AttributeType(rawValue: CKA_PRIVATE_EXPONENT)
    /// `CKA_EC_PARAMS`: the DER curve identifier of an EC or Edwards key.
    public static let ecParams = AttributeType(rawValue: CKA_EC_PARAMS)
    /// `CKA_EC_POINT`: the public point of an EC or Edwards key (SoftHSM: a DER OCTET STRING around it).
    public static let ecPoint = AttributeType(rawValue: CKA_EC_POINT)
}

/// A PKCS#11 object class (`CK_OBJECT_CLASS`).
public struct ObjectClass: RawRepresentable, Hashable, Sendable {
    /// The `CKO_…` value.
    public let rawValue: UInt

    public init(rawValue: UInt) { self.rawValue = rawValue }

    /// `CKO_DATA`.
    public static let data = ObjectClass(rawValue: CKO_DATA)
    /// `CKO_CERTIFICATE`.
    public static let certificate = ObjectClass(rawValue: CKO_CERTIFICATE)
    /// `CKO_PUBLIC_KEY`.
    public static let publicKey = ObjectClass(rawValue: CKO_PUBLIC_KEY)
    /// `CKO_PRIVATE_KEY`.
    public static let privateKey = ObjectClass(rawValue: CKO_PRIVATE_KEY)
}

/// A signature mechanism.
public enum Mechanism: Sendable, Hashable, CaseIterable {
    /// `CKM_SHA256_RSA_PKCS`: RSASSA-PKCS1-v1_5 over SHA-256 of the data (JWS `RS256`). The token hashes.
    case sha256RSAPKCS
    /// `CKM_EDDSA` without parameters: pure Ed25519 (RFC 8032 §5.1.6) of the whole data (JWS `EdDSA`).
    case eddsa

    /// The `CKM_…` value.
    var type: CK_MECHANISM_TYPE {
        switch self {
        case .sha256RSAPKCS: CKM_SHA256_RSA_PKCS
        case .eddsa: CKM_EDDSA
        }
    }
}

/// An attribute template: owned copies of the values, laid out for one call at a time.
struct Template {
    private var entries: [(type: CK_ATTRIBUTE_TYPE, value: [UInt8])] = []

    init() {}

    mutating func append(_ type: AttributeType, _ value: [UInt8]) {
        entries.append((type.rawValue, value))
    }

    /// A `CK_BBOOL` (one byte, `CK_TRUE` or `CK_FALSE`).
    mutating func append(_ type: AttributeType, _ value: Bool) {
        append(type, [value ? UInt8(CK_TRUE) : UInt8(CK_FALSE)])
    }

    /// A `CK_ULONG` (and its aliases `CK_OBJECT_CLASS`, `CK_KEY_TYPE`), in native byte order.
    mutating func append(_ type: AttributeType, ulong value: UInt) {
        append(type, withUnsafeBytes(of: CK_ULONG(value)) { Array($0) })
    }

    /// Calls `body` with a `CK_ATTRIBUTE` array whose values point into storage valid only during the call
    /// (each value aligned for a `CK_ULONG`, as modules may read it in place). `body` gets `nil` for an empty
    /// template.
    func withAttributes<Result>(_ body: (UnsafeMutablePointer<CK_ATTRIBUTE>?, CK_ULONG) -> Result) -> Result {
        let alignment = MemoryLayout<CK_ULONG>.alignment
        let stride = { (count: Int) in (count + alignment - 1) / alignment * alignment }
        let storage = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(entries.reduce(0) { $0 + stride($1.value.count) }, alignment), alignment: alignment)
        defer { storage.deallocate() }
        var attributes: [CK_ATTRIBUTE] = []
        attributes.reserveCapacity(entries.count)
        var offset = 0
        for entry in entries {
            let slice = UnsafeMutableRawBufferPointer(rebasing: storage[offset..<(offset + entry.value.count)])
            slice.copyBytes(from: entry.value)
            attributes.append(CK_ATTRIBUTE(type: entry.type, pValue: slice.baseAddress, ulValueLen: CK_ULONG(entry.value.count)))
            offset += stride(entry.value.count)
        }
        return attributes.withUnsafeMutableBufferPointer { body($0.baseAddress, CK_ULONG($0.count)) }
    }
}

/// The text of a blank-padded fixed-length PKCS#11 string field (a tuple of `CK_UTF8CHAR` imported from C, such
/// as a token label or serial number), trailing blanks and NULs removed.
func paddedString<Field>(_ field: Field) -> String {
    var bytes = withUnsafeBytes(of: field) { Array($0) }
    while let last = bytes.last, last == 0x20 || last == 0 { bytes.removeLast() }
    return String(decoding: bytes, as: UTF8.self)
}
