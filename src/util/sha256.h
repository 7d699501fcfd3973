/*
 * SHA-256 of a source's bytes, in hex as `sha256sum` prints it, so an auditor
 * can tie an import run to the very file it read (FORMATS.md section 2).
 */
#ifndef PF_SHA256_H
#define PF_SHA256_H

#include <stddef.h>

#define PF_SHA256_HEX 65 /* 64 hex digits and the NUL */

typedef struct pf_sha256 pf_sha256;

/* A new running hash, or NULL when out of memory. Free it with pf_sha256_free(). */
pf_sha256 *pf_sha256_new(void);
void pf_sha256_add(pf_sha256 *h, const void *data, size_t n);
/* Writes the hash of everything added in hex; the running hash is done then. */
void pf_sha256_hex(pf_sha256 *h, char out[PF_SHA256_HEX]);
void pf_sha256_free(pf_sha256 *h);
/* The hash of one buffer, in hex (out is "" should the library fail). */
void pf_sha256_of(const void *data, size_t n, char out[PF_SHA256_HEX]);

#endif
