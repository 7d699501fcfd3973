/*
 * Mapping files (--map MAP.json): see map.h and examples/maps/README.md.
 */
#include "importers/map/map.h"

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

/* A map being read: errors are listed at MAP.json:/POINTER and reading goes on. */
struct mctx {
	const char *path;
	pf_error *err;
	bool bad, nomem;
};

static void map_error(struct mctx *c, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void map_error(struct mctx *c, const char *where, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), pf_error_msg(c->err, fmt), ap);
	va_end(ap);
	pf_error_pos(c->err, PF_EINPUT, c->path, where && *where ? where : NULL, "%s", msg);
	c->bad = true;
}

/* base + "/" + key with key escaped as a JSON Pointer token. */
void pf_map_path_join(char *out, size_t n, const char *base, const char *key)
{
	size_t len = strlen(base);

	snprintf(out, n, "%s/", base);
	for (len++; *key && len + 3 < n; key++) {
		if (*key == '~' || *key == '/') {
			out[len++] = '~';
			out[len++] = *key == '~' ? '0' : '1';
		} else {
			out[len++] = *key;
		}
	}
	out[len < n ? len : n - 1] = '\0';
}

static bool key_in(const char *key, const char *const *list)
{
	for (; list && *list; list++)
		if (!strcmp(key, *list))
			return true;
	return false;
}

static void check_keys(struct mctx *c, json_t *obj, const char *base, const char *const *allowed,
                       const char *const *more)
{
	const char *key;
	json_t *v;
	char where[256];

	json_object_foreach(obj, key, v)
	{
		if (key_in(key, allowed) || key_in(key, more))
			continue;
		pf_map_path_join(where, sizeof(where), base, key);
		map_error(c, where, "unknown member \"%s\" (see examples/maps/README.md)", key);
	}
}

/* A member that must be a JSON Pointer text; NULL (with an error if required) otherwise. */
static const char *pointer_member(struct mctx *c, json_t *obj, const char *key, const char *base,
                                  bool required)
{
	json_t *v = json_object_get(obj, key);
	char where[256];

	pf_map_path_join(where, sizeof(where), base, key);
	if (!v) {
		if (required)
			map_error(c, base,
			          "\"%s\" is missing: give a JSON Pointer such as \"/Result\"",
			          key);
		return NULL;
	}
	if (!json_is_string(v) || !pf_json_pointer_valid(json_string_value(v))) {
		map_error(
		    c, where,
		    "expected a JSON Pointer text (\"\" or starting with \"/\", with ~0 for ~ "
		    "and ~1 for /)");
		return NULL;
	}
	return json_string_value(v);
}

static int kind_member(struct mctx *c, json_t *obj, const char *base)
{
	json_t *v = json_object_get(obj, "kind");
	char where[256];
	int k;

	pf_map_path_join(where, sizeof(where), base, "kind");
	if (!v) {
		map_error(c, base,
		          "\"kind\" is missing: give initiatives, effects, measurements, "
		          "followups, priorities, roadmaps or decisions");
		return -1;
	}
	if (!json_is_string(v) || (k = pf_kind_parse(json_string_value(v))) < 0) {
		map_error(c, where,
		          "not a kind: give initiatives, effects, measurements, followups, "
		          "priorities, roadmaps or decisions");
		return -1;
	}
	return k;
}

/* The field index of a key of "fields", "fixed" or "words"; -1 with an error if unknown. */
static int field_of(struct mctx *c, pf_kind kind, const char *key, const char *where)
{
	int f = pf_kind_field(kind, key);

	if (f < 0)
		map_error(c, where, "%s have no field \"%s\"", pf_kind_name(kind), key);
	return f;
}

/* `{/pointer}` placeholders with `{{` and `}}` for literal braces. */
static bool template_valid(const char *t)
{
	char *ptr;
	bool ok = true;

	for (; *t && ok; t++) {
		if ((t[0] == '{' && t[1] == '{') || (t[0] == '}' && t[1] == '}')) {
			t++;
		} else if (*t == '}') {
			ok = false;
		} else if (*t == '{') {
			const char *end = strchr(t, '}');
			if (!end || !(ptr = strndup(t + 1, (size_t)(end - t - 1))))
				return false;
			ok = pf_json_pointer_valid(ptr) && *ptr;
			free(ptr);
			t = end;
		}
	}
	return ok;
}

static void check_where(struct mctx *c, json_t *where, const char *base);

/* A list of JSON Pointers tried in order (a field an older version kept elsewhere). */
static void pointer_list(struct mctx *c, struct field_spec *fs, json_t *list, const char *where)
{
	json_t *p;
	size_t i;

	fs->how = HOW_POINTER;
	if (!json_array_size(list))
		map_error(c, where,
		          "expected a JSON Pointer text, or an array of them to try in order");
	json_array_foreach(list, i, p)
	{
		if (!json_is_string(p) || !pf_json_pointer_valid(json_string_value(p)))
			map_error(c, where, "element %zu is not a JSON Pointer text", i);
	}
	fs->pointers = list;
	fs->text = json_string_value(json_array_get(list, 0));
}

static void field_object(struct mctx *c, struct field_spec *fs, json_t *v, const char *where)
{
	static const char *const keys[] = {"pointer", "template", "date_to_period", "last_segment",
	                                   "in",      "where",    "skip_missing",   NULL};
	json_t *tpl = json_object_get(v, "template");
	json_t *dtp = json_object_get(v, "date_to_period");
	json_t *last = json_object_get(v, "last_segment");
	json_t *in_where = json_object_get(v, "where"), *skip = json_object_get(v, "skip_missing");
	char at[256];

	check_keys(c, v, where, keys, NULL);
	fs->in = pointer_member(c, v, "in", where, false);
	if (in_where) {
		pf_map_path_join(at, sizeof(at), where, "where");
		if (!json_object_get(v, "in"))
			map_error(
			    c, at,
			    "\"where\" picks an element of the array \"in\" names: give \"in\"");
		check_where(c, in_where, at);
		fs->in_where = in_where;
	}
	if (skip && !json_is_boolean(skip))
		map_error(c, where, "\"skip_missing\" is true or false");
	fs->skip_missing = json_is_true(skip);
	/* Given even when wrong: check_required need not say so again. */
	fs->how = HOW_POINTER;
	if (json_object_get(v, "pointer") && tpl) {
		map_error(c, where, "give \"pointer\" or \"template\", not both");
	} else if (tpl) {
		pf_map_path_join(at, sizeof(at), where, "template");
		if (!json_is_string(tpl) || !template_valid(json_string_value(tpl)))
			map_error(c, at,
			          "expected a text with JSON Pointers in braces, such as "
			          "\"{/KpiId}-{/DepartmentId}\" ({{ and }} for braces)");
		fs->how = HOW_TEMPLATE;
		fs->text = json_string_value(tpl);
	} else if (json_is_array(json_object_get(v, "pointer"))) {
		pf_map_path_join(at, sizeof(at), where, "pointer");
		pointer_list(c, fs, json_object_get(v, "pointer"), at);
	} else {
		fs->text = pointer_member(c, v, "pointer", where, true);
	}
	if ((dtp && !json_is_boolean(dtp)) || (last && !json_is_boolean(last)))
		map_error(c, where, "\"date_to_period\" and \"last_segment\" are true or false");
	fs->date_to_period = json_is_true(dtp);
	fs->last_segment = json_is_true(last);
}

static void parse_fields(struct mctx *c, struct rec_spec *spec, json_t *fields, const char *base)
{
	const char *key;
	json_t *v;
	char where[256];

	json_object_foreach(fields, key, v)
	{
		pf_map_path_join(where, sizeof(where), base, key);
		int f = field_of(c, spec->kind, key, where);
		if (f < 0)
			continue;
		struct field_spec *fs = &spec->field[f];
		if (fs->how != HOW_NONE) {
			map_error(c, where, "the field %s is given twice", key);
		} else if (json_is_string(v)) {
			if (!pf_json_pointer_valid(json_string_value(v)))
				map_error(c, where,
				          "expected a JSON Pointer text (\"\" or starting "
				          "with \"/\", with ~0 for ~ and ~1 for /)");
			fs->how = HOW_POINTER;
			fs->text = json_string_value(v);
		} else if (json_is_array(v)) {
			pointer_list(c, fs, v, where);
		} else if (json_is_object(v)) {
			field_object(c, fs, v, where);
		} else {
			map_error(
			    c, where,
			    "expected a JSON Pointer text, an array of them to try in order, or "
			    "an object with \"pointer\" or \"template\"");
		}
	}
}

static void parse_fixed(struct mctx *c, struct rec_spec *spec, json_t *fixed, const char *base)
{
	const char *key;
	json_t *v;
	char where[256];

	json_object_foreach(fixed, key, v)
	{
		pf_map_path_join(where, sizeof(where), base, key);
		int f = field_of(c, spec->kind, key, where);
		if (f < 0)
			continue;
		if (spec->field[f].how != HOW_NONE)
			map_error(c, where, "the field %s is also given in \"fields\"", key);
		else if (pf_json_is_container(v) || json_is_null(v))
			map_error(c, where, "a fixed value is a text, number or boolean");
		spec->field[f].how = HOW_FIXED;
		spec->field[f].fixed = v;
	}
}

static void parse_words(struct mctx *c, struct rec_spec *spec, json_t *words, const char *base)
{
	const char *key, *word;
	json_t *v, *to;
	char where[256], at[256];

	json_object_foreach(words, key, v)
	{
		pf_map_path_join(where, sizeof(where), base, key);
		int f = field_of(c, spec->kind, key, where);
		if (f < 0)
			continue;
		enum field_how how = spec->field[f].how;
		if (how != HOW_POINTER && how != HOW_TEMPLATE) {
			map_error(c, where,
			          "words apply to a field read from the records: map %s in "
			          "\"fields\"",
			          key);
			continue;
		}
		if (!json_is_object(v)) {
			map_error(c, where, "expected an object of their word -> our word");
			continue;
		}
		json_object_foreach(v, word, to)
		{
			pf_map_path_join(at, sizeof(at), where, word);
			if (!json_is_string(to) && !json_is_null(to))
				map_error(c, at,
				          "expected our word as a text, or null for no value");
		}
		spec->field[f].words = v;
	}
}

/* Checks a "where" object: JSON Pointer -> a wanted value, or an array of them. */
static void check_where(struct mctx *c, json_t *where, const char *base)
{
	const char *ptr;
	json_t *want, *alt;
	char at[256];
	size_t i;

	if (!json_is_object(where)) {
		map_error(c, base, "expected an object of JSON Pointer -> wanted value");
		return;
	}
	json_object_foreach(where, ptr, want)
	{
		pf_map_path_join(at, sizeof(at), base, ptr);
		if (!pf_json_pointer_valid(ptr))
			map_error(c, at, "the key is not a JSON Pointer (\"/Name\")");
		bool bad = json_is_object(want) || (json_is_array(want) && !json_array_size(want));
		json_array_foreach(want, i, alt)
		{
			bad = bad || pf_json_is_container(alt);
		}
		if (bad)
			map_error(c, at,
			          "expected a value, or an array of values any of which will do");
	}
}

static void parse_where(struct mctx *c, struct rec_spec *spec, json_t *where, const char *base)
{
	check_where(c, where, base);
	spec->where = where;
}

static void parse_skip(struct mctx *c, struct rec_spec *spec, json_t *skip, const char *base)
{
	json_t *p;
	size_t i;

	if (!json_is_array(skip)) {
		map_error(c, base, "expected an array of JSON Pointers");
		return;
	}
	json_array_foreach(skip, i, p)
	{
		if (!json_is_string(p) || !pf_json_pointer_valid(json_string_value(p)))
			map_error(c, base, "element %zu is not a JSON Pointer text", i);
	}
	spec->skip_missing = skip;
}

/* A map that never gives a required field would reject every record: say so once, here. */
static void check_required(struct mctx *c, const struct rec_spec *spec, const char *base)
{
	size_t n;
	const pf_field *fields = pf_kind_fields(spec->kind, &n);

	for (size_t f = 0; f < n; f++)
		if (fields[f].required && spec->field[f].how == HOW_NONE)
			map_error(
			    c, base,
			    "nothing gives the required field %s (%s) of %s: map it in \"fields\" "
			    "or give it in \"fixed\"",
			    fields[f].en, fields[f].sv, pf_kind_name(spec->kind));
}

static const char *const spec_keys[] = {"kind",  "records", "where",       "skip_missing", "fields",
                                        "fixed", "words",   "description", "$comment",     NULL};

static void parse_spec(struct mctx *c, struct rec_spec *spec, json_t *obj, const char *base)
{
	static const struct {
		const char *key;
		void (*parse)(struct mctx *, struct rec_spec *, json_t *, const char *);
		bool object;
	} parts[] = {
	    /* In this order: fixed checks fields, words check both. */
	    {"fields", parse_fields, true},      {"fixed", parse_fixed, true},
	    {"words", parse_words, true},        {"where", parse_where, false},
	    {"skip_missing", parse_skip, false},
	};
	char where[256];
	int k = kind_member(c, obj, base);

	spec->records = pointer_member(c, obj, "records", base, true);
	if (k < 0)
		return;
	spec->kind = (pf_kind)k;
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		json_t *v = json_object_get(obj, parts[i].key);
		pf_map_path_join(where, sizeof(where), base, parts[i].key);
		if (!v)
			continue;
		if (parts[i].object && !json_is_object(v))
			map_error(c, where, "expected an object keyed by field name");
		else
			parts[i].parse(c, spec, v, where);
	}
	check_required(c, spec, base);
}

static void parse_success(struct mctx *c, pf_map *m, json_t *v)
{
	static const char *const keys[] = {"pointer", "message", NULL};

	if (!json_is_object(v)) {
		map_error(c, "/success",
		          "expected {\"pointer\": \"/Success\", \"message\": \"/Message\"}");
		return;
	}
	check_keys(c, v, "/success", keys, NULL);
	m->success = pointer_member(c, v, "pointer", "/success", true);
	m->message = pointer_member(c, v, "message", "/success", false);
}

static void parse_headings(struct mctx *c, pf_map *m, json_t *headings)
{
	static const char *const keys[] = {"field", "date_to_period", NULL};
	const char *key;
	json_t *v, *name, *dtp;
	char where[256];

	if (!json_is_object(headings)) {
		map_error(c, "/headings", "expected an object of heading -> field");
		return;
	}
	json_object_foreach(headings, key, v)
	{
		pf_map_path_join(where, sizeof(where), "/headings", key);
		name = json_is_object(v) ? json_object_get(v, "field") : v;
		dtp = json_is_object(v) ? json_object_get(v, "date_to_period") : NULL;
		if (json_is_object(v))
			check_keys(c, v, where, keys, NULL);
		if (json_is_null(v))
			continue; /* an ignored column */
		if (!json_is_string(name) || (dtp && !json_is_boolean(dtp)))
			map_error(c, where,
			          "expected a field name, null (ignore the column), or "
			          "{\"field\": NAME, \"date_to_period\": true}");
		else
			field_of(c, m->sheet_kind, json_string_value(name), where);
	}
	m->headings = headings;
}

/* Members about the source rather than its records: its credit, its URLs' limits. */
static void parse_source_options(struct mctx *c, pf_map *m)
{
	json_t *credit = json_object_get(m->root, "credit");
	json_t *max = json_object_get(m->root, "max_ids_per_segment");

	if (credit && (!json_is_string(credit) || pf_json_absent(credit)))
		map_error(c, "/credit",
		          "expected the text that credits the source, such as \"Källa: Kolada\"");
	else if (credit)
		m->credit = json_string_value(credit);
	if (max && (!json_is_integer(max) || json_integer_value(max) < 1))
		map_error(c, "/max_ids_per_segment", "expected a whole number of at least 1");
	else if (max)
		m->max_ids = json_integer_value(max);
}

static void parse_record_specs(struct mctx *c, pf_map *m, json_t *recs)
{
	size_t n = json_is_array(recs) ? json_array_size(recs) : 1;
	char where[64];

	if (!(m->specs = calloc(n, sizeof(*m->specs)))) {
		c->bad = c->nomem = true;
		pf_error_set(c->err, PF_ENOMEM, "out of memory");
		return;
	}
	m->nspecs = n;
	if (!json_is_array(recs)) {
		parse_spec(c, &m->specs[0], m->root, "");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *obj = json_array_get(recs, i);
		snprintf(where, sizeof(where), "/records/%zu", i);
		if (!json_is_object(obj)) {
			map_error(c, where,
			          "expected a record spec object with kind, records, fields");
			continue;
		}
		check_keys(c, obj, where, spec_keys, NULL);
		parse_spec(c, &m->specs[i], obj, where);
	}
}

/*
 * The top level is one record spec (when "records" is a pointer), or holds
 * an array of them in "records"; "next", "success" and "headings" belong to
 * the top level in both forms, and "kind" there is the sheets' kind.
 */
static void parse_map(struct mctx *c, pf_map *m)
{
	static const char *const top[] = {
	    "next",        "success",  "headings", "credit", "max_ids_per_segment",
	    "description", "$comment", NULL};
	static const char *const several[] = {"records", "kind", NULL};
	json_t *recs = json_object_get(m->root, "records");
	json_t *headings = json_object_get(m->root, "headings");
	json_t *kind = json_object_get(m->root, "kind");

	if (!json_is_object(m->root)) {
		map_error(c, NULL, "a map is a JSON object (see examples/maps/README.md)");
		return;
	}
	if (recs && !json_is_string(recs) && !json_is_array(recs)) {
		map_error(c, "/records",
		          "expected a JSON Pointer to the records, or an array of "
		          "record specs");
		return;
	}
	if (!recs && !headings) {
		map_error(c, NULL,
		          "the map describes neither JSON records (\"records\") nor sheet "
		          "headings (\"headings\")");
		return;
	}
	check_keys(c, m->root, "", top, json_is_string(recs) ? spec_keys : several);
	if (json_is_array(recs) && kind && !headings)
		map_error(c, "/kind",
		          "\"kind\" here is the kind of sheets (with \"headings\"): "
		          "give each record spec its own");
	if (recs)
		parse_record_specs(c, m, recs);
	if (headings && json_is_string(recs))
		m->sheet_kind = json_is_string(kind) ? pf_kind_parse(json_string_value(kind)) : -1;
	else if (headings)
		m->sheet_kind = kind_member(c, m->root, "");
	if (headings && m->sheet_kind >= 0)
		parse_headings(c, m, headings);
	if (json_object_get(m->root, "success"))
		parse_success(c, m, json_object_get(m->root, "success"));
	parse_source_options(c, m);
	if (recs)
		m->next = pointer_member(c, m->root, "next", "", false);
}

pf_status pf_map_load(const char *path, pf_map **out, pf_error *err)
{
	struct mctx c = {path, err, false, false};
	pf_map *m = NULL;
	char *text = NULL;
	size_t len = 0;
	pf_status st;

	*out = NULL;
	if ((st = pf_read_file(path, PF_MAP_MAX_BYTES, &text, &len, err)))
		goto out;
	if (!(m = calloc(1, sizeof(*m)))) {
		st = pf_error_set(err, PF_ENOMEM, "out of memory");
		goto out;
	}
	m->sheet_kind = -1;
	if ((st = pf_json_parse(path, text, len, PF_MAP_MAX_BYTES, &m->root, err)))
		goto out;
	parse_map(&c, m);
	if (c.bad) {
		st = c.nomem ? PF_ENOMEM : PF_EINPUT;
		goto out;
	}
	*out = m;
	m = NULL;
out:
	pf_map_free(m);
	free(text);
	return st;
}

void pf_map_free(pf_map *m)
{
	if (!m)
		return;
	json_decref(m->root);
	free(m->specs);
	free(m);
}

/* The map's entry for a heading, matched as sheet headings match (pf_fold). */
static json_t *heading_entry(const pf_map *m, const char *heading)
{
	char want[128], have[128];
	const char *key;
	json_t *v;

	if (!m || !m->headings || !heading || pf_fold(heading, want, sizeof(want)) >= sizeof(want))
		return NULL;
	json_object_foreach(m->headings, key, v)
	{
		if (pf_fold(key, have, sizeof(have)) < sizeof(have) && !strcmp(want, have))
			return v;
	}
	return NULL;
}

const char *pf_map_heading(const pf_map *m, const char *heading, bool *date_to_period)
{
	json_t *v = heading_entry(m, heading);
	json_t *name = json_is_object(v) ? json_object_get(v, "field") : v;
	size_t n;
	int f;

	if (date_to_period)
		*date_to_period =
		    json_is_object(v) && json_is_true(json_object_get(v, "date_to_period"));
	if (!json_is_string(name) ||
	    (f = pf_kind_field(m->sheet_kind, json_string_value(name))) < 0)
		return NULL;
	return pf_kind_fields(m->sheet_kind, &n)[f].en;
}

bool pf_map_ignores(const pf_map *m, const char *heading)
{
	return json_is_null(heading_entry(m, heading));
}

int pf_map_sheet_kind(const pf_map *m)
{
	return m ? m->sheet_kind : -1;
}

const char *pf_map_credit(const pf_map *m)
{
	return m ? m->credit : NULL;
}

void pf_map_check_url(const pf_map *m, const char *url, pf_error *err)
{
	const char *p = strstr(url, "://");

	if (!m || !m->max_ids || !p)
		return;
	/* The path starts at the first '/' after the authority and ends at '?' or '#'. */
	for (p = strchr(p + 3, '/'); p && *p == '/';) {
		const char *seg = ++p;
		size_t ids = 1, len = strcspn(seg, "/?#");
		for (p = seg; p < seg + len; p++)
			ids += *p == ',';
		/* The segment is named by its first id, not the URL, which may hold a password. */
		if (ids > (size_t)m->max_ids)
			pf_warn_pos(
			    err, NULL, NULL,
			    "the URL's path segment \"%.*s,...\" names %zu comma-separated ids, "
			    "more than the %lld the map allows in one (max_ids_per_segment): "
			    "split them over several URLs",
			    (int)strcspn(seg, ","), seg, ids, (long long)m->max_ids);
	}
}

static const char *headings_field(const void *ctx, const char *heading, bool *dates)
{
	return pf_map_heading(ctx, heading, dates);
}

static bool headings_ignores(const void *ctx, const char *heading)
{
	return pf_map_ignores(ctx, heading);
}

void pf_map_headings(const pf_map *m, pf_headings *out)
{
	out->ctx = m;
	out->field = headings_field;
	out->ignores = headings_ignores;
	out->kind = pf_map_sheet_kind(m);
}
