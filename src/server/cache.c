/*
 * Rendered reports kept by their request and the database's data version
 * (src/server/server.h): a repeated read costs one lookup of the newest
 * run, and a write, which is a new run, is seen by the next read. A small
 * table with a byte budget; the oldest entry makes room.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"

#define SLOTS 64

struct entry {
	char *key, *body;
	size_t len;
	int64_t version;
	char type[96];
	unsigned long used; /* the cache's clock when last read or written */
};

struct pf_cache {
	pthread_mutex_t lock;
	struct entry e[SLOTS];
	size_t bytes, max;
	unsigned long clock;
};

pf_cache *pf_cache_new(size_t max_bytes)
{
	pf_cache *c = calloc(1, sizeof(*c));

	if (c) {
		pthread_mutex_init(&c->lock, NULL);
		c->max = max_bytes;
	}
	return c;
}

static void drop(pf_cache *c, struct entry *e)
{
	c->bytes -= e->len;
	free(e->key);
	free(e->body);
	memset(e, 0, sizeof(*e));
}

void pf_cache_free(pf_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < SLOTS; i++)
		drop(c, &c->e[i]);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static struct entry *find(pf_cache *c, const char *key)
{
	for (int i = 0; i < SLOTS; i++)
		if (c->e[i].key && !strcmp(c->e[i].key, key))
			return &c->e[i];
	return NULL;
}

bool pf_cache_get(pf_cache *c, const char *key, int64_t version, char **body, size_t *len,
                  char type[96])
{
	struct entry *e;
	bool hit = false;

	pthread_mutex_lock(&c->lock);
	if ((e = find(c, key)) && e->version == version && (*body = malloc(e->len + 1))) {
		memcpy(*body, e->body, e->len + 1);
		*len = e->len;
		memcpy(type, e->type, sizeof(e->type));
		e->used = ++c->clock;
		hit = true;
	}
	pthread_mutex_unlock(&c->lock);
	return hit;
}

/* The slot to fill: the key's own, an empty one, or the least recently used. */
static struct entry *slot(pf_cache *c, const char *key)
{
	struct entry *e = find(c, key), *old = &c->e[0];

	for (int i = 0; !e && i < SLOTS; i++) {
		if (!c->e[i].key)
			return &c->e[i];
		if (c->e[i].used < old->used)
			old = &c->e[i];
	}
	return e ? e : old;
}

void pf_cache_put(pf_cache *c, const char *key, int64_t version, const char *body, size_t len,
                  const char *type)
{
	char *k, *b;
	struct entry *e;

	if (len > c->max / 4 || !(k = strdup(key)))
		return;
	if (!(b = malloc(len + 1))) {
		free(k);
		return;
	}
	memcpy(b, body, len);
	b[len] = '\0';
	pthread_mutex_lock(&c->lock);
	drop(c, e = slot(c, key));
	/* Older entries make room for a new one within the budget. */
	while (c->bytes + len > c->max) {
		struct entry *old = NULL;
		for (int i = 0; i < SLOTS; i++)
			if (c->e[i].key && (!old || c->e[i].used < old->used))
				old = &c->e[i];
		if (!old)
			break;
		drop(c, old);
	}
	*e = (struct entry){k, b, len, version, "", ++c->clock};
	strncpy(e->type, type, sizeof(e->type) - 1);
	c->bytes += len;
	pthread_mutex_unlock(&c->lock);
}
