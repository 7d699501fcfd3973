/*
 * Open addressing with linear probing, kept at most half full; see idmap.h.
 * Before hashing, a lookup tries the entry found last and the one put after
 * it: a sheet gives an indicator's rows together, or (period by period) the
 * indicators in the same order every quarter, and both then cost one string
 * compare in memory read in order instead of a probe that misses the cache.
 */
#include "importers/load/idmap.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

/* The slot of id: its own, or the empty one where it would go. */
static size_t find(const pf_idmap *m, const char *id, uint32_t h)
{
	size_t i = h & (m->cap - 1);

	while (m->slots[i].entry && (m->slots[i].hash != h ||
	                             strcmp(m->text + m->entries[m->slots[i].entry - 1].off, id)))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static bool is_entry(const pf_idmap *m, size_t e, const char *id)
{
	return e < m->n && !strcmp(m->text + m->entries[e].off, id);
}

bool pf_idmap_get(pf_idmap *m, const char *id, int64_t *val)
{
	size_t e;

	if (!m->n)
		return false;
	if (is_entry(m, m->last, id))
		e = m->last;
	else if (is_entry(m, m->last + 1, id))
		e = m->last + 1;
	else {
		size_t i = find(m, id, pf_hash(id));
		if (!m->slots[i].entry)
			return false;
		e = m->slots[i].entry - 1;
	}
	m->last = e;
	*val = m->entries[e].val;
	return true;
}

static bool grow_slots(pf_idmap *m)
{
	size_t cap = m->cap ? 2 * m->cap : 1024;
	struct pf_idmap_slot *slots = calloc(cap, sizeof(*slots)), *old = m->slots;

	if (!slots)
		return false;
	for (size_t i = 0; i < m->cap; i++)
		if (old[i].entry) {
			size_t j = old[i].hash & (cap - 1);
			while (slots[j].entry)
				j = (j + 1) & (cap - 1);
			slots[j] = old[i];
		}
	m->slots = slots;
	m->cap = cap;
	free(old);
	return true;
}

/* Room for one more entry and len more bytes of text. */
static bool make_room(pf_idmap *m, size_t len)
{
	if (2 * (m->n + 1) > m->cap && !grow_slots(m))
		return false;
	if (m->n == m->entries_cap) {
		size_t cap = m->entries_cap ? 2 * m->entries_cap : 1024;
		pf_idmap_entry *e = realloc(m->entries, cap * sizeof(*e));
		if (!e)
			return false;
		m->entries = e;
		m->entries_cap = cap;
	}
	if (m->len + len > m->text_cap) {
		size_t cap = m->text_cap ? 2 * m->text_cap : 16384;
		while (cap < m->len + len)
			cap *= 2;
		/* Offsets are 32-bit: a map of more than 4 GB of ids is refused. */
		if (cap > UINT32_MAX)
			return false;
		char *text = realloc(m->text, cap);
		if (!text)
			return false;
		m->text = text;
		m->text_cap = cap;
	}
	return true;
}

bool pf_idmap_put(pf_idmap *m, const char *id, int64_t val)
{
	uint32_t h = pf_hash(id);
	size_t len = strlen(id) + 1;

	if (m->n >= UINT32_MAX - 1 || !make_room(m, len))
		return false;
	m->slots[find(m, id, h)] = (struct pf_idmap_slot){h, (uint32_t)m->n + 1};
	m->entries[m->n] = (pf_idmap_entry){(uint32_t)m->len, val};
	memcpy(m->text + m->len, id, len);
	m->len += len;
	m->last = m->n++;
	return true;
}

void pf_idmap_free(pf_idmap *m)
{
	free(m->slots);
	free(m->entries);
	free(m->text);
	memset(m, 0, sizeof(*m));
}
