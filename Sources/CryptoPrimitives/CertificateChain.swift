public import Foundation
internal import COpenSSL

/// X.509 path validation.
public enum CertificateChain {
    /// Verifies that `leaf` chains to one of `roots` (trusted anchors) through `intermediates` (untrusted),
    /// with every certificate valid at `time`.
    ///
    /// With `allowPartialChain`, a non-self-signed certificate in `roots` is accepted as a trust anchor
    /// (`X509_V_FLAG_PARTIAL_CHAIN`); by default anchors must be self-signed roots.
    /// Throws ``CryptoError/Code/chain`` with OpenSSL's verification error text on failure.
    /// The corresponding C function is `X509_verify_cert`.
    public static func verify(leaf: Certificate, intermediates: [Certificate], roots: [Certificate],
                              at time: Date = Date(), allowPartialChain: Bool = false) throws {
        guard let store = X509_STORE_new() else { throw CryptoError.openSSL(.chain, "X509_STORE_new failed") }
        defer { X509_STORE_free(store) }
        for root in roots {
            guard X509_STORE_add_cert(store, root.x509) == 1 else {
                throw CryptoError.openSSL(.chain, "X509_STORE_add_cert failed")
            }
        }
        guard let untrusted = mds_sk_X509_new_null() else { throw CryptoError.openSSL(.chain, "sk_X509_new_null failed") }
        defer { mds_sk_X509_free(untrusted) }  // the Certificates keep their X509s alive
        for intermediate in intermediates {
            guard mds_sk_X509_push(untrusted, intermediate.x509) > 0 else {
                throw CryptoError.openSSL(.chain, "sk_X509_push failed")
            }
        }
        guard let ctx = X509_STORE_CTX_new() else { throw CryptoError.openSSL(.chain, "X509_STORE_CTX_new failed") }
        defer { X509_STORE_CTX_free(ctx) }
        guard X509_STORE_CTX_init(ctx, store, leaf.x509, untrusted) == 1 else {
            throw CryptoError.openSSL(.chain, "X509_STORE_CTX_init failed")
        }
        X509_STORE_CTX_set_time(ctx, 0, ASN1Time.epochSeconds(time))
        if allowPartialChain {
            X509_STORE_CTX_set_flags(ctx, UInt(X509_V_FLAG_PARTIAL_CHAIN))
        }
        let result = withExtendedLifetime((leaf, intermediates, roots)) { X509_verify_cert(ctx) }
        guard result == 1 else {
            let error = X509_STORE_CTX_get_error(ctx)
            let depth = X509_STORE_CTX_get_error_depth(ctx)
            let text = String(cString: X509_verify_cert_error_string(Int(error)))
            OpenSSLErrorQueue.clear()
            throw CryptoError(.chain, "certificate verify error \(error) at depth \(depth): \(text)")
        }
    }
}
