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
