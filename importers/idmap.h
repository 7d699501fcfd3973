/*
 * A map from ids (text) to row keys, for the lookups an import makes on every
 * row. glibc's hsearch_r cannot grow and the libraries that can would be a
 * dependency for eighty lines; memory is about 40 bytes and the id per entry.
 */
#ifndef PF_IMPORTERS_IDMAP_H
#define PF_IMPORTERS_IDMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pf_idmap_slot {
	uint32_t hash;
	uint32_t off; /* 1 + the id's offset in text; 0: empty slot */
	int64_t val;
} pf_idmap_slot;

typedef struct pf_idmap {
	pf_idmap_slot *slots;
	size_t cap, n; /* cap: a power of two, or 0 */
	char *text;    /* the ids, NUL-terminated one after the other */
	size_t len, text_cap;
} pf_idmap;

/* True, with *val, when id is in the map. */
bool pf_idmap_get(const pf_idmap *m, const char *id, int64_t *val);
/* Adds id (not yet in the map) with val; false when out of memory. */
bool pf_idmap_put(pf_idmap *m, const char *id, int64_t val);
void pf_idmap_free(pf_idmap *m);

#endif
