/*
 * JSON documents and REST pages as record streams, read plainly or through a
 * mapping file: see json_units.h, FORMATS.md section 3 and
 * examples/maps/README.md. Reads top-down: the record streams (units), then
 * the document.
 */
#include "importers/map/json_units.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importers/read/json.h"
#include "importers/read/json_pointer.h"
#include "portfolj/kinds.h"
#include "portfolj/value.h"

/* ---- Units: the records of one array ---- */

struct json_unit {
	pf_unit base;
	json_t *doc;      /* the unit's own reference to the parsed document */
	json_t *array;    /* the records, inside doc */
	size_t index;     /* of the next record to read */
	json_t *map_root; /* the unit's reference to the map's JSON, which spec points into */
	struct rec_spec spec;
	bool mapped;
	size_t kept, left_out;     /* records given, and left out by the map's filters */
	bool ended;                /* the end was reached (and what was left out told) */
	json_t *warned;            /* unknown keys already reported: one warning per array */
	char *text[PF_FIELDS_MAX]; /* the current record's values, which rec->val point into */
};

static pf_status rec_error(pf_error *err, const pf_record *rec, int f, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static pf_status rec_error(pf_error *err, const pf_record *rec, int f, const char *fmt, ...)
{
	char pos[160], msg[512];
	va_list ap;

	pf_record_pos(rec, f, pos, sizeof(pos));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), pf_error_msg(err, fmt), ap);
	va_end(ap);
	return pf_error_pos(err, PF_EINPUT, rec->source, pos, "%s", msg);
}

static void clear_texts(struct json_unit *ju)
{
	for (int f = 0; f < PF_FIELDS_MAX; f++) {
		free(ju->text[f]);
		ju->text[f] = NULL;
	}
}

/* Gives field f the text own (malloc'd or NULL), shown to the loader trimmed. */
static void store(struct json_unit *ju, pf_record *rec, int f, char *own)
{
	free(ju->text[f]);
	ju->text[f] = own;
	rec->val[f] = own ? pf_trim(own) : NULL;
}

static void warn_unknown(struct json_unit *ju, const pf_record *rec, const char *key, pf_error *err)
{
	char pos[160];

	if (json_object_get(ju->warned, key))
		return;
	json_object_set_new(ju->warned, key, json_true());
	pf_record_pos(rec, -1, pos, sizeof(pos));
	pf_warn_pos(err, rec->source, pos, "unknown field \"%s\" ignored", key);
}

/* A record of a plain document: keys are the English aliases or the Swedish headings. */
static pf_status plain_record(struct json_unit *ju, json_t *r, pf_record *rec, pf_error *err)
{
	const char *seen[PF_FIELDS_MAX] = {NULL};
	const char *key;
	json_t *v;
	pf_status st = PF_OK;
	size_t n;
	const pf_field *fields = pf_kind_fields(ju->base.kind, &n);

	json_object_foreach(r, key, v)
	{
		int f = pf_kind_field(ju->base.kind, key);
		char *text;

		if (f < 0) {
			warn_unknown(ju, rec, key, err);
		} else if (seen[f]) {
			st = rec_error(err, rec, f, "\"%s\" and \"%s\" both give %s", seen[f], key,
			               fields[f].en);
		} else if (pf_json_is_container(v)) {
			seen[f] = key;
			st = rec_error(err, rec, f,
			               "the value is %s: expected a text, number or boolean",
			               pf_json_type_name(v));
		} else if (!pf_json_value_text(v, &text)) {
			return pf_error_set(err, PF_ENOMEM, "out of memory");
		} else {
			seen[f] = key;
			rec->has |= 1u << f;
			store(ju, rec, f, text);
		}
	}
	return st;
}

/* Whether a record's value matches a wanted value of "where", compared as text. */
static bool matches_one(const json_t *have, const json_t *want)
{
	char *a = NULL, *b = NULL;
	bool same;

	if (json_is_null(want))
		return pf_json_absent(have);
	if (!have || pf_json_is_container(have) || json_is_null(have))
		return false;
	same =
	    pf_json_value_text(have, &a) && pf_json_value_text(want, &b) && a && b && !strcmp(a, b);
	free(a);
	free(b);
	return same;
}

/* Whether a value (a record, or an element of an "in" array) has what "where" wants. */
static bool where_keeps(json_t *where, json_t *r)
{
	const char *ptr;
	json_t *want, *alt;
	size_t i;

	json_object_foreach(where, ptr, want)
	{
		json_t *have = pf_json_pointer(r, ptr);
		bool any = false;
		if (!json_is_array(want))
			any = matches_one(have, want);
		json_array_foreach(want, i, alt)
		{
			any = any || matches_one(have, alt);
		}
		if (!any)
			return false;
	}
	return true;
}

/* The records "where" and "skip_missing" keep; the others are left out silently. */
static bool spec_keeps(const struct rec_spec *spec, json_t *r)
{
	json_t *p;
	size_t i;

	if (!where_keeps(spec->where, r))
		return false;
	json_array_foreach(spec->skip_missing, i, p)
	{
		if (pf_json_absent(pf_json_pointer(r, json_string_value(p))))
			return false;
	}
	return true;
}

struct sbuf {
	char *s;
	size_t len, cap;
};

static bool sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = 2 * (b->len + n + 1);
		char *p = realloc(b->s, cap);
		if (!p)
			return false;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return true;
}

/* Appends the text at one `{pointer}` of a template; *absent when it finds no value. */
static bool template_part(json_t *r, const char *t, size_t n, struct sbuf *b, bool *absent,
                          const json_t **bad)
{
	char *ptr = strndup(t, n), *text = NULL;
	json_t *v;
	bool ok;

	if (!ptr)
		return false;
	v = pf_json_pointer(r, ptr);
	free(ptr);
	if (pf_json_is_container(v)) {
		*bad = v;
		return true;
	}
	if (pf_json_absent(v)) {
		*absent = true;
		return true;
	}
	ok = pf_json_value_text(v, &text) && sb_add(b, text, strlen(text));
	free(text);
	return ok;
}

/*
 * Fills a template (validated when the map was read). *out is NULL when a
 * placeholder finds no value: the field is then absent, as with a pointer.
 * *bad receives a placeholder's object or array value. False when out of memory.
 */
static bool template_text(json_t *r, const char *t, char **out, const json_t **bad)
{
	struct sbuf b = {NULL, 0, 0};
	bool absent = false, ok = sb_add(&b, "", 0);

	*out = NULL;
	/* Past PF_TEXT_MAX_BYTES the text is too long anyway: a map cannot make it grow further. */
	while (ok && *t && !absent && !*bad && b.len <= PF_TEXT_MAX_BYTES) {
		if ((t[0] == '{' && t[1] == '{') || (t[0] == '}' && t[1] == '}')) {
			ok = sb_add(&b, t, 1);
			t += 2;
		} else if (t[0] == '{') {
			const char *end = strchr(t, '}');
			ok = template_part(r, t + 1, (size_t)(end - t - 1), &b, &absent, bad);
			t = end + 1;
		} else {
			ok = sb_add(&b, t++, 1);
		}
	}
	if (ok && !absent && !*bad)
		*out = b.s;
	else
		free(b.s);
	return ok;
}

/* Their word -> ours: exactly, else as headings match (`On track` finds `on_track`). */
static json_t *word_lookup(json_t *words, const char *w)
{
	char want[128], have[128];
	const char *key;
	json_t *v = json_object_get(words, w);

	if (v || pf_fold(w, want, sizeof(want)) >= sizeof(want))
		return v;
	json_object_foreach(words, key, v)
	{
		if (pf_fold(key, have, sizeof(have)) < sizeof(have) && !strcmp(want, have))
			return v;
	}
	return NULL;
}

/* Replaces *own with a copy of s (NULL: no value); false when out of memory. */
static bool replace(char **own, const char *s)
{
	char *copy = s ? strdup(s) : NULL;

	if (s && !copy)
		return false;
	free(*own);
	*own = copy;
	return true;
}

/* The value at the first of the pointers that finds one; *at names that pointer. */
static json_t *first_found(json_t *r, json_t *pointers, const char **at)
{
	json_t *p, *v;
	size_t i;

	json_array_foreach(pointers, i, p)
	{
		v = pf_json_pointer(r, json_string_value(p));
		if (!pf_json_absent(v)) {
			*at = json_string_value(p);
			return v;
		}
	}
	return NULL;
}

/* The raw text of a mapped field, before last_segment, words and date_to_period. */
static pf_status mapped_raw(const struct field_spec *fs, json_t *r, const pf_record *rec, int f,
                            char **own, pf_error *err)
{
	const json_t *bad = NULL, *v = NULL;
	const char *at = fs->text;
	bool ok = true;

	if (fs->in) {
		json_t *list = pf_json_pointer(r, fs->in), *e;
		size_t i;
		if (pf_json_absent(list))
			return PF_OK;
		if (!json_is_array(list))
			return rec_error(err, rec, f,
			                 "the value at \"%s\" is %s: expected an array", fs->in,
			                 pf_json_type_name(list));
		r = NULL;
		json_array_foreach(list, i, e)
		{
			if (!r && where_keeps(fs->in_where, e))
				r = e;
		}
		if (!r)
			return PF_OK; /* no element wanted: no value */
	}
	switch (fs->how) {
	case HOW_NONE:
		return PF_OK;
	case HOW_FIXED:
		v = fs->fixed;
		break;
	case HOW_POINTER:
		v = fs->pointers ? first_found(r, fs->pointers, &at) : pf_json_pointer(r, fs->text);
		break;
	case HOW_TEMPLATE:
		ok = template_text(r, fs->text, own, &bad);
		if (ok && *own && strlen(*own) > PF_TEXT_MAX_BYTES)
			return rec_error(err, rec, f,
			                 "the template makes a text longer than %d characters, the "
			                 "most a spreadsheet cell holds",
			                 PF_TEXT_MAX);
		break;
	}
	if (pf_json_is_container(v))
		bad = v;
	else if (fs->how != HOW_TEMPLATE)
		ok = pf_json_value_text(v, own);
	if (!ok)
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	if (bad)
		return rec_error(err, rec, f,
		                 "the value at \"%s\" is %s: expected a text, number or "
		                 "boolean (point at a member inside it)",
		                 at, pf_json_type_name(bad));
	return PF_OK;
}

static pf_status mapped_field(struct json_unit *ju, json_t *r, pf_record *rec, int f, pf_error *err)
{
	const struct field_spec *fs = &ju->spec.field[f];
	char *own = NULL, period[PF_PERIOD_BUF];
	const char *view, *slash;
	json_t *to;
	pf_status st = mapped_raw(fs, r, rec, f, &own, err);

	if (st || !own)
		goto out;
	view = pf_trim(own);
	/* A link such as /api/v3/project_statuses/on_track names its target last. */
	if (view && fs->last_segment && (slash = strrchr(view, '/')))
		view = slash[1] ? slash + 1 : NULL;
	if (view && fs->words && (to = word_lookup(fs->words, view)))
		view = json_string_value(to); /* null: no value */
	if (view && fs->date_to_period) {
		if (!pf_date_text_period(view, period)) {
			st = rec_error(err, rec, f,
			               "\"%s\" is not a date (YYYY-MM-DD, or a timestamp "
			               "starting with one) to read as a quarter",
			               view);
			goto out;
		}
		view = period;
	}
	if (view != own && !replace(&own, view))
		st = pf_error_set(err, PF_ENOMEM, "out of memory");
out:
	if (st) {
		free(own);
		return st;
	}
	/* A field the map gives is given, even when its pointer finds nothing. */
	if (ju->spec.field[f].how != HOW_NONE)
		rec->has |= 1u << f;
	store(ju, rec, f, own);
	return PF_OK;
}

/*
 * Maps a record's fields. *skip: a field marked skip_missing has no value, so
 * the record is left out silently (those fields are read first, so that the
 * others' errors are not reported for a record that is left out).
 */
static pf_status mapped_record(struct json_unit *ju, json_t *r, pf_record *rec, bool *skip,
                               pf_error *err)
{
	size_t n;
	pf_status st = PF_OK;

	pf_kind_fields(ju->base.kind, &n);
	*skip = false;
	for (size_t f = 0; f < n && !*skip; f++) {
		if (!ju->spec.field[f].skip_missing)
			continue;
		if ((st = mapped_field(ju, r, rec, (int)f, err)))
			return st;
		*skip = !rec->val[f];
	}
	if (*skip)
		return PF_OK;
	for (size_t f = 0; f < n; f++) {
		if (ju->spec.field[f].skip_missing)
			continue;
		pf_status s = mapped_field(ju, r, rec, (int)f, err);
		if (s && s != PF_EINPUT)
			return s;
		if (s)
			st = s;
	}
	return st;
}

/*
 * At the end of a mapped array: when the map's filters left out every record
 * of a page that had some, the page may be of a shape the map no longer
 * fits (FORMATS.md section 3: nothing is dropped silently).
 */
static pf_status json_end(struct json_unit *ju, pf_error *err)
{
	if (!ju->ended && ju->left_out && !ju->kept)
		pf_warn_pos(err, ju->base.source, pf_json_pointer_pos(ju->spec.records),
		            "the map's filters (where, skip_missing) left out all %zu %s records "
		            "read here: check that the map fits this source",
		            ju->left_out, pf_kind_name(ju->base.kind));
	ju->ended = true;
	clear_texts(ju);
	return PF_END;
}

/*
 * Gives the next record. A record that cannot be read is reported and
 * skipped, so that one import lists every bad record (err then holds an
 * error, which rejects the import).
 */
static pf_status json_next(pf_unit *u, pf_record *rec, pf_error *err)
{
	struct json_unit *ju = (struct json_unit *)u;

	while (ju->index < json_array_size(ju->array)) {
		size_t i = ju->index++;
		json_t *r = json_array_get(ju->array, i);
		pf_status st;

		clear_texts(ju);
		memset(rec, 0, sizeof(*rec));
		rec->kind = u->kind;
		rec->style = PF_LOC_INDEX;
		rec->source = u->source;
		rec->line = (long)i;
		/* A mapped record may be an array ("/0" is its first element). */
		if (!json_is_object(r) && !(ju->mapped && json_is_array(r))) {
			rec_error(err, rec, -1, "a record is an object, not %s",
			          pf_json_type_name(r));
			continue;
		}
		bool skip = false;
		if (ju->mapped && !spec_keeps(&ju->spec, r)) {
			ju->left_out++;
			continue;
		}
		st = ju->mapped ? mapped_record(ju, r, rec, &skip, err)
		                : plain_record(ju, r, rec, err);
		if (st == PF_OK && skip) {
			ju->left_out++;
			continue;
		}
		if (st == PF_OK) {
			ju->kept++;
			return PF_OK;
		}
		if (st != PF_EINPUT)
			return st;
	}
	return json_end(ju, err);
}

static void json_unit_free(pf_unit *u)
{
	struct json_unit *ju = (struct json_unit *)u;

	clear_texts(ju);
	json_decref(ju->doc);
	json_decref(ju->map_root);
	json_decref(ju->warned);
	free(u->source);
	free(ju);
}

struct unit_list {
	pf_unit **v;
	size_t n, cap;
};

static void list_free(struct unit_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		l->v[i]->free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* What every unit of one document shares. */
struct doc_ctx {
	const char *source;
	json_t *doc;
	char checksum[PF_SHA256_HEX];
	struct unit_list units;
	pf_error *err;
};

static pf_status unit_new(struct doc_ctx *d, pf_kind kind, json_t *array, const pf_map *map,
                          const struct rec_spec *spec)
{
	struct json_unit *ju = calloc(1, sizeof(*ju));
	struct unit_list *l = &d->units;

	if (!ju || !(ju->base.source = strdup(d->source)) || !(ju->warned = json_object()))
		goto nomem;
	ju->base.next = json_next;
	ju->base.free = json_unit_free;
	ju->base.kind = kind;
	memcpy(ju->base.checksum, d->checksum, sizeof(ju->base.checksum));
	ju->doc = json_incref(d->doc);
	ju->array = array;
	if (map) {
		ju->mapped = true;
		ju->spec = *spec;
		ju->map_root = json_incref(map->root);
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		pf_unit **v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			goto nomem;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = &ju->base;
	return PF_OK;
nomem:
	if (ju)
		json_unit_free(&ju->base);
	return pf_error_set(d->err, PF_ENOMEM, "out of memory");
}

/* ---- Documents ---- */

/* FORMATS.md section 3: an object of arrays named by kind, and `next`. */
static pf_status plain_units(struct doc_ctx *d)
{
	const char *key;
	json_t *v;
	pf_status st = PF_OK, s;
	bool any = false;

	if (!json_is_object(d->doc))
		return pf_error_pos(
		    d->err, PF_EINPUT, d->source, NULL,
		    "the document is %s: expected an object of arrays (initiatives, "
		    "effects, measurements, ...), or give --map for another shape",
		    pf_json_type_name(d->doc));
	json_object_foreach(d->doc, key, v)
	{
		int k = pf_kind_parse(key);

		if (!strcmp(key, "next")) {
			any = true;
		} else if (k < 0) {
			pf_warn_pos(d->err, d->source, NULL, "unknown member \"%s\" ignored", key);
		} else if (!json_is_array(v)) {
			any = true;
			st = pf_error_pos(d->err, PF_EINPUT, d->source, key,
			                  "\"%s\" is %s: expected an array of records", key,
			                  pf_json_type_name(v));
		} else {
			any = true;
			if ((s = unit_new(d, (pf_kind)k, v, NULL, NULL)))
				return s;
		}
	}
	/* Likely another tool's shape: importing nothing in silence would hide that. */
	if (!any)
		return pf_error_pos(
		    d->err, PF_EINPUT, d->source, NULL,
		    "the document holds none of the arrays initiatives, effects, "
		    "measurements, followups, priorities, roadmaps, decisions: give "
		    "--map for another shape");
	return st;
}

/* A response that says it failed (Stratsys: "Success": false) is the service's error. */
static pf_status check_success(struct doc_ctx *d, const pf_map *map)
{
	json_t *msg;
	char *text = NULL;
	pf_status st;

	if (!map->success || !json_is_false(pf_json_pointer(d->doc, map->success)))
		return PF_OK;
	msg = map->message ? pf_json_pointer(d->doc, map->message) : NULL;
	if (!pf_json_is_container(msg) && !pf_json_value_text(msg, &text))
		return pf_error_set(d->err, PF_ENOMEM, "out of memory");
	st = pf_error_pos(d->err, PF_EENV, d->source, NULL, "the service reports a failure: %s",
	                  text && *text ? text : "(no message)");
	free(text);
	return st;
}

static pf_status mapped_units(struct doc_ctx *d, const pf_map *map)
{
	pf_status st = check_success(d, map), s;

	if (st)
		return st;
	for (size_t i = 0; i < map->nspecs; i++) {
		const struct rec_spec *spec = &map->specs[i];
		json_t *arr = pf_json_pointer(d->doc, spec->records);
		if (!json_is_array(arr)) {
			pf_error_pos(
			    d->err, PF_EINPUT, d->source, pf_json_pointer_pos(spec->records),
			    "found %s where the map expects the array of %s records",
			    arr ? pf_json_type_name(arr) : "nothing", pf_kind_name(spec->kind));
			s = PF_EINPUT;
		} else {
			s = unit_new(d, spec->kind, arr, map, spec);
		}
		if (s == PF_ENOMEM)
			return s;
		if (s)
			st = s;
	}
	return st;
}

/*
 * Where pages commonly name the next one: a `next` member (FORMATS.md,
 * JSON:API's links), Kolada's `next_url` (v3) and `next_page` (v2), HAL's
 * `_links/next` (and `_links/nextByOffset` and the like, found below).
 */
static const char *const next_places[] = {
    "/next",       "/next/href",       "/next_url",         "/next_page", "/nextPage",
    "/links/next", "/links/next/href", "/_links/next/href", NULL};

/* A next link in one of next_places, or a HAL `_links/next...`: the pointer, or NULL. */
static const char *unfollowed_next(json_t *doc, char *buf, size_t n)
{
	json_t *links = json_object_get(doc, "_links"), *v;
	const char *key;

	for (const char *const *p = next_places; *p; p++) {
		v = pf_json_pointer(doc, *p);
		if (json_is_string(v) && !pf_json_absent(v))
			return *p;
	}
	json_object_foreach(links, key, v)
	{
		json_t *href = json_object_get(v, "href");
		if (!strncmp(key, "next", 4) && json_is_string(href) && !pf_json_absent(href)) {
			pf_map_path_join(buf, n, "/_links", key);
			strncat(buf, "/href", n - strlen(buf) - 1);
			return buf;
		}
	}
	return NULL;
}

/* The next page's URL: the `next` member, or what the map's pointer finds. */
static pf_status read_next(struct doc_ctx *d, const pf_map *map, char **next)
{
	const char *where = map ? map->next : "next", *other;
	char buf[256];
	json_t *v = NULL;

	if (map && map->next)
		v = pf_json_pointer(d->doc, map->next);
	else if (!map && json_is_object(d->doc))
		v = json_object_get(d->doc, "next");
	/* A map that finds no next page where the page names one would drop the pages after it. */
	if (map && pf_json_absent(v) && (other = unfollowed_next(d->doc, buf, sizeof(buf))))
		pf_warn_pos(d->err, d->source, NULL,
		            "the page links to a next page at %s, which the map does not follow "
		            "(its \"next\" is %s%s%s): the pages after this one are not read",
		            other, map->next ? "\"" : "not given", map->next ? map->next : "",
		            map->next ? "\"" : "");
	if (pf_json_absent(v))
		return PF_OK;
	if (!json_is_string(v))
		return pf_error_pos(d->err, PF_EINPUT, d->source, pf_json_pointer_pos(where),
		                    "the next page's URL is %s: expected a text or null",
		                    pf_json_type_name(v));
	if (!(*next = strdup(json_string_value(v))))
		return pf_error_set(d->err, PF_ENOMEM, "out of memory");
	return PF_OK;
}

pf_status pf_json_units(const char *source, const char *text, size_t len, const pf_map *map,
                        pf_unit ***units, size_t *n, char **next, pf_error *err)
{
	struct doc_ctx d = {source, NULL, "", {NULL, 0, 0}, err};
	pf_status st;

	*units = NULL;
	*n = 0;
	*next = NULL;
	if (map && !map->nspecs) {
		st = pf_error_pos(err, PF_EUSAGE, source, NULL,
		                  "the map describes sheet headings, not JSON records");
		goto out;
	}
	if ((st = pf_json_parse(source, text, len, PF_JSON_MAX_BYTES, &d.doc, err)))
		goto out;
	pf_sha256_of(text, len, d.checksum);
	st = map ? mapped_units(&d, map) : plain_units(&d);
	if (!st)
		st = read_next(&d, map, next);
out:
	json_decref(d.doc); /* the units hold their own references */
	if (st) {
		list_free(&d.units);
		free(*next);
		*next = NULL;
		return st;
	}
	*units = d.units.v;
	*n = d.units.n;
	return PF_OK;
}
