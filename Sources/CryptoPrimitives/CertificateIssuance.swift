public import Foundation
internal import COpenSSL

extension Certificate {
    /// Issues an X.509 v3 certificate signed with sha256WithRSAEncryption.
    ///
    /// Self-signed when `issuer` is nil (then `signingKey` must match `publicKey`); otherwise `signingKey` must match
    /// `issuer.publicKey` and the issuer name is copied from `issuer`. Extensions:
    /// - basicConstraints, critical: `CA:TRUE` (with `pathlen` when `pathLength` is given) or `CA:FALSE`;
    /// - keyUsage, critical: `keyCertSign, cRLSign` for a CA, `digitalSignature, keyEncipherment` otherwise;
    /// - subjectKeyIdentifier (SHA-1 of the public key);
    /// - authorityKeyIdentifier (key id; omitted if a non-self-signed issuer has no subjectKeyIdentifier).
    ///
    /// Throws ``CryptoError/Code/invalidArgument`` for a zero serial, `notAfter < notBefore`, a `pathLength` on a
    /// non-CA or a negative one, a key mismatch, or an invalid name attribute (e.g. a country that is not 2 letters).
    /// The corresponding C function is `X509_sign`.
    public static func issue(subject: DistinguishedName, publicKey: PublicKey, issuer: Certificate?,
                             signingKey: PrivateKey, serialNumber: UInt64, notBefore: Date, notAfter: Date,
                             isCA: Bool, pathLength: Int? = nil) throws -> Certificate {
        guard serialNumber > 0 else { throw CryptoError(.invalidArgument, "serial number must be positive") }
        guard notAfter >= notBefore else { throw CryptoError(.invalidArgument, "notAfter is before notBefore") }
        if let pathLength {
            guard isCA, pathLength >= 0 else {
                throw CryptoError(.invalidArgument, "pathLength needs isCA and must be non-negative")
            }
        }
        let expectedKey = issuer?.publicKey ?? publicKey
        guard signingKey.publicKey == expectedKey else {
            throw CryptoError(.invalidArgument, issuer == nil
                ? "self-signed: signingKey does not match publicKey"
                : "signingKey does not match the issuer certificate's public key")
        }

        guard let x509 = X509_new() else { throw CryptoError.openSSL(.certificate, "X509_new failed") }
        defer { X509_free(x509) }
        func require(_ ok: Bool, _ what: String) throws {
            if !ok { throw CryptoError.openSSL(.certificate, what) }
        }
        try require(X509_set_version(x509, Int(X509_VERSION_3)) == 1, "X509_set_version failed")
        try require(ASN1_INTEGER_set_uint64(X509_get_serialNumber(x509), serialNumber) == 1, "setting serial failed")

        let subjectName = try subject.makeX509Name()
        defer { X509_NAME_free(subjectName) }
        try require(X509_set_subject_name(x509, subjectName) == 1, "X509_set_subject_name failed")
        let issuerName = issuer.map { X509_get_subject_name($0.x509) } ?? subjectName
        try require(X509_set_issuer_name(x509, issuerName) == 1, "X509_set_issuer_name failed")

        try require(ASN1_TIME_set(X509_getm_notBefore(x509), ASN1Time.epochSeconds(notBefore)) != nil,
                    "setting notBefore failed")
        try require(ASN1_TIME_set(X509_getm_notAfter(x509), ASN1Time.epochSeconds(notAfter)) != nil,
                    "setting notAfter failed")
        try require(X509_set_pubkey(x509, publicKey.pkey) == 1, "X509_set_pubkey failed")

        var ctx = X509V3_CTX()
        X509V3_set_ctx(&ctx, issuer?.x509 ?? x509, x509, nil, nil, 0)
        try require(X509V3_set_issuer_pkey(&ctx, signingKey.pkey) == 1, "X509V3_set_issuer_pkey failed")
        var basicConstraints = isCA ? "critical,CA:TRUE" : "critical,CA:FALSE"
        if let pathLength { basicConstraints += ",pathlen:\(pathLength)" }
        let extensions: [(Int32, String)] = [
            (NID_basic_constraints, basicConstraints),
            (NID_key_usage, isCA ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,keyEncipherment"),
            (NID_subject_key_identifier, "hash"),
            // "always" would fail for an issuer without a subjectKeyIdentifier; self-signed needs it to be emitted.
            (NID_authority_key_identifier, issuer == nil ? "keyid:always" : "keyid"),
        ]
        for (nid, value) in extensions {
            guard let ext = X509V3_EXT_nconf_nid(nil, &ctx, nid, value) else {
                throw CryptoError.openSSL(.certificate, "building extension \(String(cString: OBJ_nid2sn(nid))) failed")
            }
            defer { X509_EXTENSION_free(ext) }
            try require(X509_add_ext(x509, ext, -1) == 1, "X509_add_ext failed")
        }

        try require(X509_sign(x509, signingKey.pkey, FetchedAlgorithm.sha256.pointer) > 0, "X509_sign failed")
        // Re-parse so the returned object is a plain decoded certificate (no pending re-encoding state).
        let length = i2d_X509(x509, nil)
        try require(length > 0, "i2d_X509 failed")
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return i2d_X509(x509, &cursor)
        }
        try require(written == length, "i2d_X509 failed")
        return try Certificate(der: der)
    }
}
