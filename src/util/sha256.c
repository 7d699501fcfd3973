/* SHA-256 through OpenSSL's EVP interface: see sha256.h. */
#include "util/sha256.h"

#include <openssl/evp.h>

struct pf_sha256 {
	EVP_MD_CTX *ctx;
	int ok; /* every call so far succeeded */
};

pf_sha256 *pf_sha256_new(void)
{
	pf_sha256 *h = OPENSSL_zalloc(sizeof(*h));

	if (!h)
		return NULL;
	if (!(h->ctx = EVP_MD_CTX_new())) {
		OPENSSL_free(h);
		return NULL;
	}
	h->ok = EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) == 1;
	return h;
}

void pf_sha256_add(pf_sha256 *h, const void *data, size_t n)
{
	if (n)
		h->ok &= EVP_DigestUpdate(h->ctx, data, n) == 1;
}

void pf_sha256_hex(pf_sha256 *h, char out[PF_SHA256_HEX])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	out[0] = '\0';
	if (!h->ok || EVP_DigestFinal_ex(h->ctx, md, &len) != 1 || len != 32)
		return;
	for (unsigned int i = 0; i < len; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

void pf_sha256_free(pf_sha256 *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->ctx);
	OPENSSL_free(h);
}

void pf_sha256_of(const void *data, size_t n, char out[PF_SHA256_HEX])
{
	pf_sha256 *h = pf_sha256_new();

	out[0] = '\0';
	if (!h)
		return;
	pf_sha256_add(h, data, n);
	pf_sha256_hex(h, out);
	pf_sha256_free(h);
}
