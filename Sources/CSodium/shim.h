#pragma once
// libsodium, as seen by the Sodium module (its only importer). Only Ed25519 signature verification is used.
#include <sodium/core.h>
#include <sodium/crypto_sign.h>
