public import Foundation
internal import COpenSSL

/// An X.509 certificate.
///
/// Immutable after creation (every property is read once at init), so safe to share between threads.
/// Two certificates are equal when their DER encodings are.
public final class Certificate: @unchecked Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The owned `X509*`.
    let x509: OpaquePointer
    /// The DER encoding.
    public let der: [UInt8]
    /// The subject as an RFC 2253 one-line string, most specific first, e.g. `"CN=Device,O=Acme,C=IN"`.
    public let subject: String
    /// The issuer as an RFC 2253 one-line string.
    public let issuer: String
    /// The subject's common attributes, or nil if it has no common name.
    public let subjectName: DistinguishedName?
    /// The issuer's common attributes, or nil if it has no common name.
    public let issuerName: DistinguishedName?
    /// Start of the validity period.
    public let notBefore: Date
    /// End of the validity period.
    public let notAfter: Date
    /// The serial number in uppercase hexadecimal, big-endian, no leading zero bytes (`"00"` for zero;
    /// a `-` prefix for a negative serial).
    public let serialNumberHex: String
    /// Whether basicConstraints says `CA:TRUE`.
    public let isCA: Bool
    /// The subject public key.
    public let publicKey: PublicKey

    /// Takes ownership of `x509`, a parsed (not under construction) certificate.
    private init(owning x509: OpaquePointer) throws {
        self.x509 = x509
        do {
            der = try Self.encode(x509)
            subject = try Self.oneLine(X509_get_subject_name(x509))
            issuer = try Self.oneLine(X509_get_issuer_name(x509))
            guard let notBefore = ASN1Time.date(X509_get0_notBefore(x509)),
                  let notAfter = ASN1Time.date(X509_get0_notAfter(x509))
            else { throw CryptoError(.parse, "certificate validity time unreadable") }
            self.notBefore = notBefore
            self.notAfter = notAfter
            guard let pkey = X509_get_pubkey(x509) else {
                throw CryptoError.openSSL(.parse, "certificate public key unreadable")
            }
            publicKey = PublicKey(owning: pkey)
        } catch {
            X509_free(x509)
            throw error
        }
        subjectName = DistinguishedName(x509Name: X509_get_subject_name(x509))
        issuerName = DistinguishedName(x509Name: X509_get_issuer_name(x509))
        serialNumberHex = Self.serialHex(X509_get0_serialNumber(x509))
        isCA = X509_get_extension_flags(x509) & UInt32(EXFLAG_CA) != 0
        OpenSSLErrorQueue.clear()
    }

    deinit { X509_free(x509) }

    /// Parses a DER certificate; trailing bytes are rejected. The corresponding C function is `d2i_X509`.
    public convenience init(der: [UInt8]) throws {
        let x509: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            guard let x509 = d2i_X509(nil, &cursor, buffer.count) else { return nil }
            guard cursor == buffer.baseAddress.map({ $0 + buffer.count }) else {
                X509_free(x509)
                return nil
            }
            return x509
        }
        guard let x509 else { throw CryptoError.openSSL(.parse, "not a DER X.509 certificate") }
        try self.init(owning: x509)
    }

    /// Parses the first certificate of a PEM text (`-----BEGIN CERTIFICATE-----`).
    /// The corresponding C function is `PEM_read_bio_X509`.
    public convenience init(pem: String) throws {
        let x509 = try MemoryBIO.read(pem, .parse) { bio -> OpaquePointer in
            guard let x509 = PEM_read_bio_X509(bio, nil, nil, nil) else {
                throw CryptoError.openSSL(.parse, "not an X.509 certificate PEM")
            }
            return x509
        }
        try self.init(owning: x509)
    }

    /// Every certificate in a PEM bundle, in order. Throws ``CryptoError/Code/parse`` if there is none or one is malformed.
    /// The corresponding C function is `PEM_read_bio_X509`.
    public static func chain(pem: String) throws -> [Certificate] {
        try MemoryBIO.read(pem, .parse) { bio in
            var certificates: [Certificate] = []
            OpenSSLErrorQueue.clear()
            while let x509 = PEM_read_bio_X509(bio, nil, nil, nil) {
                certificates.append(try Certificate(owning: x509))
            }
            // Running out of input shows up as "no start line"; anything else is a malformed certificate.
            let last = ERR_peek_last_error()
            let endOfInput = ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE
            guard endOfInput else { throw CryptoError.openSSL(.parse, "malformed certificate in PEM bundle") }
            OpenSSLErrorQueue.clear()
            guard !certificates.isEmpty else { throw CryptoError(.parse, "no certificate in PEM bundle") }
            return certificates
        }
    }

    /// The PEM encoding (`-----BEGIN CERTIFICATE-----`, 64-column base64, trailing newline).
    public var pem: String {
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }

    /// SHA-256 over the DER encoding.
    public var sha256Thumbprint: [UInt8] { SHA256.hash(der) }

    /// `subject`, for logs.
    public var description: String { "Certificate(\(subject))" }

    /// Whether this certificate's signature verifies under `issuer`'s public key (no name, time or extension checks).
    /// The corresponding C function is `X509_verify`.
    public func isIssued(by issuer: Certificate) -> Bool {
        defer { OpenSSLErrorQueue.clear() }
        return X509_verify(x509, issuer.publicKey.pkey) == 1
    }

    /// Compares DER encodings.
    public static func == (lhs: Certificate, rhs: Certificate) -> Bool { lhs.der == rhs.der }

    /// Hashes the DER encoding.
    public func hash(into hasher: inout Hasher) { hasher.combine(der) }

    // MARK: - reading

    private static func encode(_ x509: OpaquePointer) throws -> [UInt8] {
        let length = i2d_X509(x509, nil)
        guard length > 0 else { throw CryptoError.openSSL(.parse, "i2d_X509 failed") }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return i2d_X509(x509, &cursor)
        }
        guard written == length else { throw CryptoError.openSSL(.parse, "i2d_X509 failed") }
        return der
    }

    /// The corresponding C function is `X509_NAME_print_ex`.
    private static func oneLine(_ name: OpaquePointer?) throws -> String {
        guard let name else { return "" }
        return try MemoryBIO.write(.parse, "X509_NAME_print_ex failed") { bio in
            X509_NAME_print_ex(bio, name, 0, mds_XN_FLAG_RFC2253_UTF8()) >= 0
        }
    }

    private static func serialHex(_ serial: UnsafePointer<ASN1_INTEGER>?) -> String {
        guard let serial, let data = ASN1_STRING_get0_data(serial) else { return "00" }
        let bytes = Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(serial))).drop { $0 == 0 })
        let negative = ASN1_STRING_type(serial) == V_ASN1_NEG_INTEGER
        return (negative ? "-" : "") + (bytes.isEmpty ? "00" : bytes.map { String(format: "%02X", $0) }.joined())
    }
}
