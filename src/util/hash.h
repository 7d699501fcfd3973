/* The one hash of the library's tables: FNV-1a, 32 bits, of NUL-terminated text. */
#ifndef PF_UTIL_HASH_H
#define PF_UTIL_HASH_H

#include <stdint.h>

uint32_t pf_hash(const char *s);

#endif
