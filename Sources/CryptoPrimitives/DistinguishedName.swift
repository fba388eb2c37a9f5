internal import COpenSSL

/// The common attributes of an X.500 distinguished name (a certificate's subject or issuer).
public struct DistinguishedName: Sendable, Equatable, Hashable {
    /// `CN`.
    public var commonName: String
    /// `O`.
    public var organization: String?
    /// `OU`.
    public var organizationalUnit: String?
    /// `C`: a two-letter ISO 3166 country code.
    public var country: String?
    /// `ST`.
    public var state: String?
    /// `L`.
    public var locality: String?

    /// A name from its attributes; nil attributes are left out.
    public init(commonName: String, organization: String? = nil, organizationalUnit: String? = nil,
                country: String? = nil, state: String? = nil, locality: String? = nil) {
        self.commonName = commonName
        self.organization = organization
        self.organizationalUnit = organizationalUnit
        self.country = country
        self.state = state
        self.locality = locality
    }

    /// The attributes in encoding order (most general first), as (NID, value).
    private var attributes: [(Int32, String)] {
        var list: [(Int32, String?)] = [
            (NID_countryName, country), (NID_stateOrProvinceName, state), (NID_localityName, locality),
            (NID_organizationName, organization), (NID_organizationalUnitName, organizationalUnit),
        ]
        list.append((NID_commonName, commonName))
        return list.compactMap { nid, value in value.map { (nid, $0) } }
    }

    /// A new `X509_NAME*` (caller frees). The corresponding C function is `X509_NAME_add_entry_by_NID`.
    func makeX509Name() throws -> OpaquePointer {
        guard let name = X509_NAME_new() else { throw CryptoError.openSSL(.certificate, "X509_NAME_new failed") }
        for (nid, value) in attributes {
            let bytes = Array(value.utf8)
            let ok = withNonNilBytes(bytes) { base, count in
                X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8, base, Int32(count), -1, 0)
            }
            guard ok == 1 else {
                X509_NAME_free(name)
                let attribute = String(cString: OBJ_nid2sn(nid))
                throw CryptoError.openSSL(.invalidArgument, "invalid \(attribute) attribute in distinguished name")
            }
        }
        return name
    }

    /// The name in an `X509_NAME`, or nil if it has no common name.
    init?(x509Name name: OpaquePointer?) {
        guard let name, let cn = Self.value(NID_commonName, in: name) else { return nil }
        self.init(commonName: cn,
                  organization: Self.value(NID_organizationName, in: name),
                  organizationalUnit: Self.value(NID_organizationalUnitName, in: name),
                  country: Self.value(NID_countryName, in: name),
                  state: Self.value(NID_stateOrProvinceName, in: name),
                  locality: Self.value(NID_localityName, in: name))
    }

    /// The first value of attribute `nid`, as UTF-8. The corresponding C function is `ASN1_STRING_to_UTF8`.
    private static func value(_ nid: Int32, in name: OpaquePointer) -> String? {
        let index = X509_NAME_get_index_by_NID(name, nid, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index),
              let data = X509_NAME_ENTRY_get_data(entry) else { return nil }
        var utf8: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&utf8, data)
        guard length >= 0, let utf8 else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        defer { mds_OPENSSL_free(utf8) }
        return String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
    }
}
