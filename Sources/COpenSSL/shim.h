#ifndef ARTEFACT_COPENSSL_SHIM_H
#define ARTEFACT_COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/x509_vfy.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>

/* OpenSSL's function-like macros do not import into Swift; each wrapper below names the
   macro it stands for. */

/* OPENSSL_free */
static inline void artefact_openssl_free(void *pointer) { OPENSSL_free(pointer); }

/* BIO_get_mem_data */
static inline long artefact_bio_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

/* sk_X509_new_null */
static inline STACK_OF(X509) *artefact_sk_x509_new_null(void) { return sk_X509_new_null(); }

/* sk_X509_push */
static inline int artefact_sk_x509_push(STACK_OF(X509) *stack, X509 *cert) {
    return sk_X509_push(stack, cert);
}

/* sk_X509_num */
static inline int artefact_sk_x509_num(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }

/* sk_X509_value */
static inline X509 *artefact_sk_x509_value(const STACK_OF(X509) *stack, int index) {
    return sk_X509_value(stack, index);
}

/* sk_X509_pop_free(stack, X509_free) */
static inline void artefact_sk_x509_free_all(STACK_OF(X509) *stack) {
    sk_X509_pop_free(stack, X509_free);
}

/* sk_X509_free: frees the stack but not the certificates it holds */
static inline void artefact_sk_x509_free(STACK_OF(X509) *stack) { sk_X509_free(stack); }

/* SSL_CTX_set_min_proto_version */
static inline int artefact_ssl_ctx_set_min_proto_version(SSL_CTX *context, int version) {
    return (int)SSL_CTX_set_min_proto_version(context, version);
}

/* SSL_CTX_set_max_proto_version */
static inline int artefact_ssl_ctx_set_max_proto_version(SSL_CTX *context, int version) {
    return (int)SSL_CTX_set_max_proto_version(context, version);
}

/* SSL_set_tlsext_host_name */
static inline int artefact_ssl_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

/* SSL_CTX_set_mode */
static inline long artefact_ssl_ctx_set_mode(SSL_CTX *context, long mode) {
    return SSL_CTX_set_mode(context, mode);
}

/* XN_FLAG_RFC2253 without escaping UTF-8 bytes: RFC 4514 names as readable UTF-8 */
static inline unsigned long artefact_name_flags_rfc4514(void) { return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB; }

/* X509_get_ext_d2i(cert, NID_subject_alt_name, ...), typed */
static inline GENERAL_NAMES *artefact_x509_subject_alt_names(X509 *cert) {
    return (GENERAL_NAMES *)X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
}

/* sk_GENERAL_NAME_num */
static inline int artefact_general_names_count(const GENERAL_NAMES *names) { return sk_GENERAL_NAME_num(names); }

/* sk_GENERAL_NAME_value, reduced to the IA5 text of a URI or email name (NULL otherwise) */
static inline const ASN1_IA5STRING *artefact_general_names_uri_or_email(const GENERAL_NAMES *names, int index) {
    const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, index);
    if (name == NULL) return NULL;
    if (name->type == GEN_URI) return name->d.uniformResourceIdentifier;
    if (name->type == GEN_EMAIL) return name->d.rfc822Name;
    return NULL;
}

/* GENERAL_NAMES_free */
static inline void artefact_general_names_free(GENERAL_NAMES *names) { GENERAL_NAMES_free(names); }

/* ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBE2PARAM), ...): the PBES2 parameters of an
   encrypted PKCS#8 key (key-derivation function and cipher); free with PBE2PARAM_free */
static inline PBE2PARAM *artefact_unpack_pbes2_params(const ASN1_TYPE *type) {
    return (PBE2PARAM *)ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBE2PARAM), type);
}

/* ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBKDF2PARAM), ...); free with PBKDF2PARAM_free */
static inline PBKDF2PARAM *artefact_unpack_pbkdf2_params(const ASN1_TYPE *type) {
    return (PBKDF2PARAM *)ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBKDF2PARAM), type);
}

/* ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(SCRYPT_PARAMS), ...); free with SCRYPT_PARAMS_free */
static inline SCRYPT_PARAMS *artefact_unpack_scrypt_params(const ASN1_TYPE *type) {
    return (SCRYPT_PARAMS *)ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(SCRYPT_PARAMS), type);
}

#endif
