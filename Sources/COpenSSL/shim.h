#pragma once
// OpenSSL 3 libcrypto, as seen by the CryptoPrimitives module (its only importer).
// The `mds_` inline functions below exist only for what Swift cannot import directly:
// function-like macros and the type-checking `sk_X509_*` stack macros.
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/x509_vfy.h>

/// `BIO_get_mem_data` (a macro over `BIO_ctrl`): points `*data` at a memory BIO's contents, returns its length.
static inline long mds_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

/// `OPENSSL_free` (a macro over `CRYPTO_free`).
static inline void mds_OPENSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}

/// `sk_X509_new_null`.
static inline STACK_OF(X509) *mds_sk_X509_new_null(void) {
    return sk_X509_new_null();
}

/// `sk_X509_push`: the stack does not take a reference; the caller keeps the certificate alive.
static inline int mds_sk_X509_push(STACK_OF(X509) *stack, X509 *certificate) {
    return sk_X509_push(stack, certificate);
}

/// `sk_X509_free`: frees the stack only, not the certificates in it.
static inline void mds_sk_X509_free(STACK_OF(X509) *stack) {
    sk_X509_free(stack);
}

/// `X509_NAME_print_ex` flags for an RFC 2253 one-line name with UTF-8 (not escaped) non-ASCII characters.
static inline unsigned long mds_XN_FLAG_RFC2253_UTF8(void) {
    return (XN_FLAG_RFC2253 & ~(unsigned long)ASN1_STRFLGS_ESC_MSB) | ASN1_STRFLGS_UTF8_CONVERT;
}

/// SHA-256 of `a ‖ b ‖ c` into `out` (32 bytes), with the low-level `SHA256_*` functions.
///
/// OpenSSL 3 marks them deprecated in favour of EVP, which computes the same digest with the same SHA-NI/AVX2 code
/// but pays a provider dispatch per call and, for `EVP_Digest`, a context allocation per message: for the 33–300-byte
/// messages the journal hashes (chain links, RFC 6962 leaves and nodes) that is 30–120 % more time per digest
/// (measured on Debian 12's libcrypto 3.0: 33 B 53 vs 119 ns, 65 B 93 vs 155 ns, 282 B 197 vs 257 ns). Debian 12's
/// libcrypto exports them; no provider-specific (FIPS) behaviour is needed for hashing public journal data.
static inline void mds_sha256(const void *a, size_t a_count, const void *b, size_t b_count,
                              const void *c, size_t c_count, unsigned char *out) {
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
    SHA256_CTX context;
    SHA256_Init(&context);
    if (a_count > 0) SHA256_Update(&context, a, a_count);
    if (b_count > 0) SHA256_Update(&context, b, b_count);
    if (c_count > 0) SHA256_Update(&context, c, c_count);
    SHA256_Final(out, &context);
#pragma clang diagnostic pop
}
