// libcrypto: SHA-256 (SigV4 builds HMAC-SHA256 on it), and SHA-1 only to name the AWS CLI's SSO token cache files.
#ifndef CYGNI_OPENSSL_SHIM_H
#define CYGNI_OPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/crypto.h>

// The low-level SHA-256 calls are deprecated in OpenSSL 3 in favour of EVP, but EVP sets up a
// provider context per digest (and the one-shot SHA256() and HMAC() fetch one each call), which
// costs more than hashing a SigV4 message. SHA256_CTX is also a plain struct, so an HMAC key's
// padded blocks can be hashed once and the state copied for every message. The pragmas keep the
// deprecation warnings to these wrappers.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static inline void cygni_sha256_init(SHA256_CTX *context) {
    SHA256_Init(context);
}

static inline void cygni_sha256_update(SHA256_CTX *context, const void *bytes, size_t count) {
    SHA256_Update(context, bytes, count);
}

static inline void cygni_sha256_final(SHA256_CTX *context, unsigned char *digest) {
    SHA256_Final(digest, context);
}
#pragma GCC diagnostic pop
#endif
