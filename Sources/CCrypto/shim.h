// The parts of OpenSSL libcrypto that RecipeCrypto wraps (hashes and HMAC).
#ifndef RECIPE_CCRYPTO_SHIM_H
#define RECIPE_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#endif
