/*
 * JSON documents, REST pages and mapping files as record streams: see
 * json_source.h, FORMATS.md section 3 and examples/maps/README.md.
 *
 * The file reads top-down: JSON Pointers, scalar values as text, the
 * mapping file, the record streams (units), then the document.
 */
#include "json_source.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portfolj/kinds.h"
#include "portfolj/value.h"

/* ---- JSON Pointers (RFC 6901) ---- */

/* Syntax only: empty, or starting with '/', and every '~' followed by 0 or 1. */
static bool pointer_valid(const char *p)
{
	if (*p && *p != '/')
		return false;
	for (; *p; p++)
		if (*p == '~' && p[1] != '0' && p[1] != '1')
			return false;
	return true;
}

/* Copies the reference token at *p (up to the next '/' or the end) into tok, unescaped. */
static void next_token(const char **p, char *tok)
{
	const char *s = *p;
	size_t n = 0;

	for (; *s && *s != '/'; s++) {
		if (*s == '~') {
			s++;
			tok[n++] = *s == '1' ? '/' : '~';
		} else {
			tok[n++] = *s;
		}
	}
	tok[n] = '\0';
	*p = s;
}

/* An array index is "0" or digits without a leading zero (RFC 6901 section 4). */
static bool array_index(const char *tok, size_t *out)
{
	size_t i = 0;

	if (!*tok || (tok[0] == '0' && tok[1]))
		return false;
	for (; *tok; tok++) {
		if (*tok < '0' || *tok > '9' || i > (SIZE_MAX - 9) / 10)
			return false;
		i = i * 10 + (size_t)(*tok - '0');
	}
	*out = i;
	return true;
}

json_t *pf_json_pointer(json_t *root, const char *pointer)
{
	char small[256], *tok = small;
	size_t len = strlen(pointer), i;
	json_t *v = root;

	if (!pointer_valid(pointer))
		return NULL;
	if (len >= sizeof(small) && !(tok = malloc(len + 1)))
		return NULL;
	while (v && *pointer) {
		pointer++; /* the '/' before each token */
		next_token(&pointer, tok);
		if (json_is_object(v))
			v = json_object_get(v, tok);
		else if (json_is_array(v) && array_index(tok, &i))
			v = json_array_get(v, i);
		else
			v = NULL;
	}
	if (tok != small)
		free(tok);
	return v;
}

/* Empty pointers ("" is the whole document) are left out of locations. */
static const char *pointer_pos(const char *p)
{
	return p && *p ? p : NULL;
}

/* ---- Scalar values as the text a sheet cell would hold ---- */

static const char *type_name(const json_t *v)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a text";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	case JSON_NULL:
		break;
	}
	return "null";
}

static bool is_container(const json_t *v)
{
	return json_is_object(v) || json_is_array(v);
}

static void put(char *buf, size_t n, size_t *len, char c)
{
	if (*len + 1 < n)
		buf[(*len)++] = c;
}

/*
 * Writes a double as plain decimal text (no exponent, no trailing zeros)
 * with the fewest significant digits that read back as the same double, so
 * that 0.1 stays "0.1" and 1e20 becomes "100000000000000000000": the loader
 * reads numbers as a sheet writes them and rejects exponents.
 */
static void real_text(double d, char *buf, size_t n)
{
	char e[48], digits[24];
	const char *s = e;
	size_t len = 0, nd = 0;
	int prec, exp, point;

	if (d == 0) { /* -0 too: a sheet has no negative zero */
		snprintf(buf, n, "0");
		return;
	}
	/* 17 significant digits always read back the same (IEEE 754 double). */
	for (prec = 0; prec < 16; prec++) {
		snprintf(e, sizeof(e), "%.*e", prec, d);
		if (strtod(e, NULL) == d)
			break;
	}
	snprintf(e, sizeof(e), "%.*e", prec, d);
	if (*s == '-')
		put(buf, n, &len, *s++);
	for (; *s && *s != 'e' && *s != 'E'; s++)
		if (*s >= '0' && *s <= '9' && nd < sizeof(digits))
			digits[nd++] = *s;
	exp = *s ? atoi(s + 1) : 0;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	point = exp + 1; /* digits before the decimal point */
	if (point <= 0) {
		put(buf, n, &len, '0');
		put(buf, n, &len, '.');
		for (int i = 0; i < -point; i++)
			put(buf, n, &len, '0');
		point = 0;
	}
	for (size_t i = 0; i < nd || (int)i < point; i++) {
		if ((int)i == point && i > 0)
			put(buf, n, &len, '.');
		put(buf, n, &len, i < nd ? digits[i] : '0');
	}
	buf[len] = '\0';
}

/*
 * The text of a scalar: strings as they are, numbers as plain decimals,
 * booleans as true/false. *out is malloc'd, or NULL for null or no value.
 * The caller has ruled out objects and arrays. Returns false when out of memory.
 */
static bool value_text(const json_t *v, char **out)
{
	char buf[400]; /* the longest plain double is about 345 characters */

	*out = NULL;
	if (!v)
		return true;
	switch (json_typeof(v)) {
	case JSON_STRING:
		/* Without JSON_ALLOW_NUL the parser rejects NUL inside strings. */
		*out = strndup(json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		*out = strdup(buf);
		break;
	case JSON_REAL:
		real_text(json_real_value(v), buf, sizeof(buf));
		*out = strdup(buf);
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		*out = strdup(json_is_true(v) ? "true" : "false");
		break;
	case JSON_NULL:
	case JSON_OBJECT:
	case JSON_ARRAY:
		return true;
	}
	return *out != NULL;
}

/* Null, no value, or a text of blanks: what a sheet would show as an empty cell. */
static bool is_absent(const json_t *v)
{
	if (!v || json_is_null(v))
		return true;
	if (!json_is_string(v))
		return false;
	const char *s = json_string_value(v);
	return s[strspn(s, " \t\r\n")] == '\0';
}

bool pf_date_text_period(const char *s, char buf[PF_PERIOD_BUF])
{
	char day[11];
	pf_date d;

	if (strnlen(s, 11) < 10 || (s[10] && s[10] != 'T' && s[10] != 't' && s[10] != ' '))
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!pf_date_parse(day, &d))
		return false;
	pf_period_format(pf_period_of_date(d), buf);
	return true;
}

/* ---- Parsing a document (a page or a map) with limits ---- */

/* Bytes of UTF-8 that are surely more than PF_TEXT_MAX characters. */
#define PF_TEXT_MAX_BYTES (4 * PF_TEXT_MAX)

static pf_status syntax_error(const char *source, const json_error_t *je, pf_error *err)
{
	/* jansson gives every syntax error a text; a failed allocation in its tree gives none. */
	if (json_error_code(je) == json_error_out_of_memory || !je->text[0])
		return pf_error_pos(err, PF_ENOMEM, source, NULL,
		                    "out of memory reading the JSON document");
	/* 1e400: jansson reads no number beyond a double's range. */
	if (json_error_code(je) == json_error_numeric_overflow)
		return pf_error_at(err, PF_EINPUT, source, je->line > 0 ? je->line : 0,
		                   je->column > 0 ? je->column : 0,
		                   "a number is too large (%s): a number must be less than 10^15 "
		                   "(1 000 000 000 000 000) in size",
		                   je->text);
	return pf_error_at(err, PF_EINPUT, source, je->line > 0 ? je->line : 0,
	                   je->column > 0 ? je->column : 0, "invalid JSON: %s", je->text);
}

/* True when containers nest deeper than PF_JSON_MAX_DEPTH; the recursion stops there. */
static bool too_deep(json_t *v, int depth)
{
	const char *key;
	json_t *child;
	size_t i;

	if (!is_container(v))
		return false;
	if (depth > PF_JSON_MAX_DEPTH)
		return true;
	if (json_is_array(v)) {
		json_array_foreach(v, i, child)
		{
			if (too_deep(child, depth + 1))
				return true;
		}
	} else {
		json_object_foreach(v, key, child)
		{
			if (too_deep(child, depth + 1))
				return true;
		}
	}
	return false;
}

size_t pf_json_values(const char *text, size_t len, size_t max)
{
	size_t n = 0;
	bool in_token = false;

	for (size_t i = 0; i < len && n <= max; i++) {
		char c = text[i];
		if (c == '"') {
			n++;
			/* skip the string: a backslash escapes the next byte, a quote ends it */
			for (i++; i < len && text[i] != '"'; i++)
				i += text[i] == '\\';
			in_token = false;
		} else if (c == '{' || c == '[') {
			n++;
			in_token = false;
		} else if (strchr("]},: \t\r\n", c) || !c) {
			in_token = false;
		} else if (!in_token) {
			n++; /* a number, true, false or null begins */
			in_token = true;
		}
	}
	return n;
}

static pf_status parse_text(const char *source, const char *text, size_t len, size_t max,
                            json_t **out, pf_error *err)
{
	json_error_t je;
	json_t *doc;

	*out = NULL;
	if (len > max)
		return pf_error_pos(err, PF_EINPUT, source, NULL,
		                    "the document is larger than %zu MiB", max >> 20);
	/* A byte-order mark is not JSON, but Windows tools write one. */
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	if (pf_json_values(text, len, PF_JSON_MAX_VALUES) > PF_JSON_MAX_VALUES)
		return pf_error_pos(err, PF_EINPUT, source, NULL,
		                    "the document holds more than %d JSON values (the limit that "
		                    "keeps an import's memory bounded): split it into smaller "
		                    "documents or pages",
		                    PF_JSON_MAX_VALUES);
	/* Duplicate keys make a record ambiguous; reject rather than keep the last. */
	doc = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
	if (!doc)
		return syntax_error(source, &je, err);
	if (too_deep(doc, 1)) {
		json_decref(doc);
		return pf_error_pos(err, PF_EINPUT, source, NULL,
		                    "the document nests arrays and objects deeper than %d levels",
		                    PF_JSON_MAX_DEPTH);
	}
	*out = doc;
	return PF_OK;
}

/* Reads a whole file of at most max bytes (one more is read to notice a larger file). */
/* ---- Mapping files ---- */

enum field_how { HOW_NONE, HOW_POINTER, HOW_TEMPLATE, HOW_FIXED };

/* How one field of a record is made. Pointers are borrowed from the map's JSON. */
struct field_spec {
	enum field_how how;
	const char *text; /* the JSON Pointer (the first of pointers) or the template */
	json_t *pointers; /* "pointer" as an array: tried in order, the first value found wins */
	json_t *fixed;    /* HOW_FIXED: a string, number or boolean */
	json_t *words;    /* their word -> ours (a string or null), or NULL */
	bool date_to_period, last_segment;
	/* "in": the value is read from the first element of this array that "where" keeps */
	const char *in;
	json_t *in_where;
	bool skip_missing; /* a record without a value here is left out silently */
};

/*
 * Where one kind's records are and how each field is read. Plain data that
 * points into the map's JSON, so that a unit copies it and keeps a reference
 * to that JSON instead of to the map.
 */
struct rec_spec {
	pf_kind kind;
	const char *records;  /* pointer to the array of records */
	json_t *where;        /* pointer -> wanted value (or array of them), or NULL */
	json_t *skip_missing; /* array of pointers, or NULL */
	struct field_spec field[PF_FIELDS_MAX];
};

struct pf_map {
	json_t *root;
	struct rec_spec *specs;
	size_t nspecs;
	const char *next;              /* pointer to the next page's URL, or NULL */
	const char *credit;            /* the source's credit ("Källa: Kolada"), or NULL */
	json_int_t max_ids;            /* most comma-separated ids in one URL path segment, or 0 */
	const char *success, *message; /* pointers; false at success is a failure */
	int sheet_kind;                /* -1 when the map has no headings */
	json_t *headings;              /* heading -> field, or NULL */
};

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
static void path_join(char *out, size_t n, const char *base, const char *key)
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
		path_join(where, sizeof(where), base, key);
		map_error(c, where, "unknown member \"%s\" (see examples/maps/README.md)", key);
	}
}

/* A member that must be a JSON Pointer text; NULL (with an error if required) otherwise. */
static const char *pointer_member(struct mctx *c, json_t *obj, const char *key, const char *base,
                                  bool required)
{
	json_t *v = json_object_get(obj, key);
	char where[256];

	path_join(where, sizeof(where), base, key);
	if (!v) {
		if (required)
			map_error(c, base,
			          "\"%s\" is missing: give a JSON Pointer such as \"/Result\"",
			          key);
		return NULL;
	}
	if (!json_is_string(v) || !pointer_valid(json_string_value(v))) {
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

	path_join(where, sizeof(where), base, "kind");
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
			ok = pointer_valid(ptr) && *ptr;
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
		if (!json_is_string(p) || !pointer_valid(json_string_value(p)))
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
		path_join(at, sizeof(at), where, "where");
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
		path_join(at, sizeof(at), where, "template");
		if (!json_is_string(tpl) || !template_valid(json_string_value(tpl)))
			map_error(c, at,
			          "expected a text with JSON Pointers in braces, such as "
			          "\"{/KpiId}-{/DepartmentId}\" ({{ and }} for braces)");
		fs->how = HOW_TEMPLATE;
		fs->text = json_string_value(tpl);
	} else if (json_is_array(json_object_get(v, "pointer"))) {
		path_join(at, sizeof(at), where, "pointer");
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
		path_join(where, sizeof(where), base, key);
		int f = field_of(c, spec->kind, key, where);
		if (f < 0)
			continue;
		struct field_spec *fs = &spec->field[f];
		if (fs->how != HOW_NONE) {
			map_error(c, where, "the field %s is given twice", key);
		} else if (json_is_string(v)) {
			if (!pointer_valid(json_string_value(v)))
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
		path_join(where, sizeof(where), base, key);
		int f = field_of(c, spec->kind, key, where);
		if (f < 0)
			continue;
		if (spec->field[f].how != HOW_NONE)
			map_error(c, where, "the field %s is also given in \"fields\"", key);
		else if (is_container(v) || json_is_null(v))
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
		path_join(where, sizeof(where), base, key);
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
			path_join(at, sizeof(at), where, word);
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
		path_join(at, sizeof(at), base, ptr);
		if (!pointer_valid(ptr))
			map_error(c, at, "the key is not a JSON Pointer (\"/Name\")");
		bool bad = json_is_object(want) || (json_is_array(want) && !json_array_size(want));
		json_array_foreach(want, i, alt)
		{
			bad = bad || is_container(alt);
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
		if (!json_is_string(p) || !pointer_valid(json_string_value(p)))
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
		path_join(where, sizeof(where), base, parts[i].key);
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
		path_join(where, sizeof(where), "/headings", key);
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

	if (credit && (!json_is_string(credit) || is_absent(credit)))
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
	if ((st = parse_text(path, text, len, PF_MAP_MAX_BYTES, &m->root, err)))
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
		} else if (is_container(v)) {
			seen[f] = key;
			st = rec_error(err, rec, f,
			               "the value is %s: expected a text, number or boolean",
			               type_name(v));
		} else if (!value_text(v, &text)) {
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
		return is_absent(have);
	if (!have || is_container(have) || json_is_null(have))
		return false;
	same = value_text(have, &a) && value_text(want, &b) && a && b && !strcmp(a, b);
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
		if (is_absent(pf_json_pointer(r, json_string_value(p))))
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
	if (is_container(v)) {
		*bad = v;
		return true;
	}
	if (is_absent(v)) {
		*absent = true;
		return true;
	}
	ok = value_text(v, &text) && sb_add(b, text, strlen(text));
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
		if (!is_absent(v)) {
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
		if (is_absent(list))
			return PF_OK;
		if (!json_is_array(list))
			return rec_error(err, rec, f,
			                 "the value at \"%s\" is %s: expected an array", fs->in,
			                 type_name(list));
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
	if (is_container(v))
		bad = v;
	else if (fs->how != HOW_TEMPLATE)
		ok = value_text(v, own);
	if (!ok)
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	if (bad)
		return rec_error(err, rec, f,
		                 "the value at \"%s\" is %s: expected a text, number or "
		                 "boolean (point at a member inside it)",
		                 at, type_name(bad));
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
		pf_warn_pos(err, ju->base.source, pointer_pos(ju->spec.records),
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
			rec_error(err, rec, -1, "a record is an object, not %s", type_name(r));
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
		    type_name(d->doc));
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
			                  type_name(v));
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
	if (!is_container(msg) && !value_text(msg, &text))
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
			pf_error_pos(d->err, PF_EINPUT, d->source, pointer_pos(spec->records),
			             "found %s where the map expects the array of %s records",
			             arr ? type_name(arr) : "nothing", pf_kind_name(spec->kind));
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
		if (json_is_string(v) && !is_absent(v))
			return *p;
	}
	json_object_foreach(links, key, v)
	{
		json_t *href = json_object_get(v, "href");
		if (!strncmp(key, "next", 4) && json_is_string(href) && !is_absent(href)) {
			path_join(buf, n, "/_links", key);
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
	if (map && is_absent(v) && (other = unfollowed_next(d->doc, buf, sizeof(buf))))
		pf_warn_pos(d->err, d->source, NULL,
		            "the page links to a next page at %s, which the map does not follow "
		            "(its \"next\" is %s%s%s): the pages after this one are not read",
		            other, map->next ? "\"" : "not given", map->next ? map->next : "",
		            map->next ? "\"" : "");
	if (is_absent(v))
		return PF_OK;
	if (!json_is_string(v))
		return pf_error_pos(d->err, PF_EINPUT, d->source, pointer_pos(where),
		                    "the next page's URL is %s: expected a text or null",
		                    type_name(v));
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
	if ((st = parse_text(source, text, len, PF_JSON_MAX_BYTES, &d.doc, err)))
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
