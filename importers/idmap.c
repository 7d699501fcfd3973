/* Open addressing with linear probing, kept at most half full. See idmap.h. */
#include "idmap.h"

#include <stdlib.h>
#include <string.h>

static uint32_t hash_of(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static size_t find(const pf_idmap *m, const char *id, uint32_t h)
{
	size_t i = h & (m->cap - 1);

	while (m->slots[i].off &&
	       (m->slots[i].hash != h || strcmp(m->text + m->slots[i].off - 1, id)))
		i = (i + 1) & (m->cap - 1);
	return i;
}

bool pf_idmap_get(const pf_idmap *m, const char *id, int64_t *val)
{
	size_t i;

	if (!m->cap)
		return false;
	i = find(m, id, hash_of(id));
	if (!m->slots[i].off)
		return false;
	*val = m->slots[i].val;
	return true;
}

static bool grow(pf_idmap *m)
{
	size_t cap = m->cap ? 2 * m->cap : 1024;
	pf_idmap_slot *slots = calloc(cap, sizeof(*slots)), *old = m->slots;

	if (!slots)
		return false;
	m->slots = slots;
	for (size_t i = 0; i < m->cap; i++)
		if (old[i].off) {
			size_t j = old[i].hash & (cap - 1);
			while (slots[j].off)
				j = (j + 1) & (cap - 1);
			slots[j] = old[i];
		}
	m->cap = cap;
	free(old);
	return true;
}

static bool keep_text(pf_idmap *m, const char *id, size_t len)
{
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
	memcpy(m->text + m->len, id, len);
	m->len += len;
	return true;
}

bool pf_idmap_put(pf_idmap *m, const char *id, int64_t val)
{
	uint32_t h = hash_of(id);
	size_t len = strlen(id) + 1, off = m->len + 1, i;

	if ((2 * (m->n + 1) > m->cap && !grow(m)) || !keep_text(m, id, len))
		return false;
	i = find(m, id, h);
	m->slots[i] = (pf_idmap_slot){h, (uint32_t)off, val};
	m->n++;
	return true;
}

void pf_idmap_free(pf_idmap *m)
{
	free(m->slots);
	free(m->text);
	memset(m, 0, sizeof(*m));
}
