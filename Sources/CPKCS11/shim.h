#pragma once
// PKCS#11 (Cryptoki 2.40) types and constants from p11-kit's header, as seen by the PKCS11 module (its only
// importer). Nothing is linked: the token's module library (e.g. SoftHSM2's libsofthsm2.so) is loaded with
// dlopen at run time and called through the CK_FUNCTION_LIST its C_GetFunctionList returns.
// Included by its path under /usr/include (p11-kit-1.pc's -I/usr/include/p11-kit-1 would come with -lp11-kit);
// the header is self-contained. It uses p11-kit's compatibility names (CK_FUNCTION_LIST, CKA_…, ulValueLen, …).
#include <p11-kit-1/p11-kit/pkcs11.h>

// PKCS#11 3.0 Edwards-curve names, for headers older than p11-kit 0.23.19 (Debian 12's 0.24 has them).
#ifndef CKK_EC_EDWARDS
#define CKK_EC_EDWARDS (0x40UL)
#endif
#ifndef CKM_EC_EDWARDS_KEY_PAIR_GEN
#define CKM_EC_EDWARDS_KEY_PAIR_GEN (0x1055UL)
#endif
#ifndef CKM_EDDSA
#define CKM_EDDSA (0x1057UL)
#endif
