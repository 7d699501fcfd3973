/*
 * A map from ids (text) to row keys, for the lookups an import makes on every
 * row. glibc's hsearch_r cannot grow and the libraries that can would be a
 * dependency for a hundred lines; memory is about 40 bytes and the id per
 * entry.
 */
#ifndef PF_IMPORTERS_IDMAP_H
#define PF_IMPORTERS_IDMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An id and its value, in the order they were put. */
typedef struct pf_idmap_entry {
	uint32_t off; /* the id's offset in text */
	int64_t val;
} pf_idmap_entry;

typedef struct pf_idmap {
	/* Open addressing: the hash of an id and 1 + its entry's index, 0 when empty. */
	struct pf_idmap_slot {
		uint32_t hash, entry;
	} * slots;
	size_t cap; /* a power of two, or 0 */
	pf_idmap_entry *entries;
	size_t n, entries_cap;
	char *text; /* the ids, NUL-terminated one after the other */
	size_t len, text_cap;
	size_t last; /* the entry found last: rows come grouped, or in the same order again */
} pf_idmap;

/* True, with *val, when id is in the map. */
bool pf_idmap_get(pf_idmap *m, const char *id, int64_t *val);
/* Adds id (not yet in the map) with val; false when out of memory. */
bool pf_idmap_put(pf_idmap *m, const char *id, int64_t val);
void pf_idmap_free(pf_idmap *m);

#endif
