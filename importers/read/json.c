/*
 * JSON documents read with limits, and their scalar values as the text a
 * sheet cell would hold: see json.h and FORMATS.md section 3.
 */
#include "importers/read/json.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portfolj/value.h"

/* ---- Scalar values as the text a sheet cell would hold ---- */

const char *pf_json_type_name(const json_t *v)
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

bool pf_json_is_container(const json_t *v)
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
bool pf_json_value_text(const json_t *v, char **out)
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
bool pf_json_absent(const json_t *v)
{
	if (!v || json_is_null(v))
		return true;
	if (!json_is_string(v))
		return false;
	const char *s = json_string_value(v);
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* ---- Parsing a document (a page or a map) with limits ---- */

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

	if (!pf_json_is_container(v))
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

pf_status pf_json_parse(const char *source, const char *text, size_t len, size_t max, json_t **out,
                        pf_error *err)
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
