/*
 * The JSON reader: a document (a file or a REST page) parsed with limits, and
 * its scalar values as the text a sheet cell would hold (FORMATS.md section 3).
 */
#ifndef PF_IMPORTERS_READ_JSON_H
#define PF_IMPORTERS_READ_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "portfolj/error.h"
#include "portfolj/value.h"

/* Limits that make hostile documents fail with a clear error instead of eating memory or stack. */
#define PF_JSON_MAX_BYTES ((size_t)256 << 20) /* a document (a file or one REST page) */
#define PF_JSON_MAX_DEPTH 64                  /* nested arrays and objects */
/*
 * Values in a document (every object, array, string, member name, number and
 * literal), counted before jansson builds its tree: jansson spends up to 232
 * bytes on an empty object (measured with jansson 2.14), so 4 million values
 * keep the tree under 1 GiB whatever the document holds.
 */
#define PF_JSON_MAX_VALUES 4000000
/* Bytes of UTF-8 that are surely more than PF_TEXT_MAX characters. */
#define PF_TEXT_MAX_BYTES (4 * PF_TEXT_MAX)

/*
 * The JSON values in text (see PF_JSON_MAX_VALUES), counted without building
 * anything, up to max + 1. Invalid JSON is counted somehow: jansson rejects it.
 */
size_t pf_json_values(const char *text, size_t len, size_t max);

/*
 * Parses text (len bytes, a byte-order mark allowed) of at most max bytes into
 * *out, which the caller releases with json_decref(): PF_EINPUT at `source`
 * for a larger or deeper document, too many values or invalid JSON (duplicate
 * keys too), PF_ENOMEM when jansson runs out of memory.
 */
pf_status pf_json_parse(const char *source, const char *text, size_t len, size_t max, json_t **out,
                        pf_error *err);

/* The JSON type of v in words, for messages ("an object", "a number"). */
const char *pf_json_type_name(const json_t *v);
/* Whether v is an object or an array. */
bool pf_json_is_container(const json_t *v);
/* Null, no value, or a text of blanks: what a sheet would show as an empty cell. */
bool pf_json_absent(const json_t *v);
/*
 * The text of a scalar: strings as they are, numbers as plain decimals,
 * booleans as true/false. *out is malloc'd, or NULL for null or no value.
 * The caller has ruled out objects and arrays. Returns false when out of memory.
 */
bool pf_json_value_text(const json_t *v, char **out);

#endif
