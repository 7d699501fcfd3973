/* FNV-1a: see hash.h. */
#include "util/hash.h"

uint32_t pf_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}
