// Only libcrypto's digest and MAC entry points are used (SHA-256 and HMAC for SigV4).
#ifndef CYGNI_OPENSSL_SHIM_H
#define CYGNI_OPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/crypto.h>
#endif
