/*
 * JSON documents and REST responses as record streams (FORMATS.md section 3),
 * and mapping files (--map MAP.json) for sources of another shape: JSON
 * documents whose records are found and read through JSON Pointers, and
 * sheets whose headings differ from ours. The mapping file format is
 * described in examples/maps/README.md.
 */
#ifndef PF_IMPORTERS_JSON_SOURCE_H
#define PF_IMPORTERS_JSON_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "portfolj/error.h"
#include "portfolj/value.h"
#include "importers/record.h"

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
#define PF_MAP_MAX_BYTES ((size_t)1 << 20) /* a mapping file */

/*
 * The JSON values in text (see PF_JSON_MAX_VALUES), counted without building
 * anything, up to max + 1. Invalid JSON is counted somehow: jansson rejects it.
 */
size_t pf_json_values(const char *text, size_t len, size_t max);

typedef struct pf_map pf_map;

/*
 * Loads a mapping file. A file that cannot be read is PF_EENV; a file that
 * is not a valid map is PF_EINPUT with errors at `MAP.json:LINE:COL` (JSON
 * syntax) or `MAP.json:/POINTER` (the member of the map that is wrong). The
 * caller frees the map with pf_map_free(); units made with it may outlive it.
 */
pf_status pf_map_load(const char *path, pf_map **out, pf_error *err);
void pf_map_free(pf_map *m);

/*
 * Turns one JSON document (text, len bytes, not necessarily NUL-terminated)
 * into units. Without a map: one unit per known array (initiatives, effects,
 * measurements, followups, priorities, roadmaps, decisions, or their Swedish
 * names) of the top-level object, whose records use the English field
 * aliases or the Swedish headings as keys. With a map: the units the map
 * describes. `source` names the document in messages (a path or URL).
 *
 * *next receives the next page's URL as written in the document (the `next`
 * member, or what the map's `next` pointer finds), or NULL; it is malloc'd
 * and the caller frees it, and resolves it against the page's URL.
 * With a map, a page that links to a next page where the map finds none
 * (Kolada's `next_url`, HAL's `_links/next...`, a `next` member) is warned
 * about here, and a unit whose records the map's filters (where,
 * skip_missing) all leave out warns when it reaches its end: nothing is
 * dropped silently (FORMATS.md section 3).
 *
 * The units own a reference to the parsed document (and to the map's), so
 * `text` and the map may be freed before the units are read. A record that
 * cannot be read (not an object, a value that is an object or array, a bad
 * date) is reported in err and skipped, so that every bad record is listed;
 * the caller rejects the import because err holds errors. *units is malloc'd;
 * the caller frees each unit with u->free(u) and the array with free().
 * On failure *units is NULL and *n is 0.
 */
pf_status pf_json_units(const char *source, const char *text, size_t len, const pf_map *map,
                        pf_unit ***units, size_t *n, char **next, pf_error *err);

/*
 * For sheets: the field name (the English alias) of the kind of
 * pf_map_sheet_kind() that the map gives a heading, or NULL when the map
 * says nothing of it or maps it to null (see pf_map_ignores()). Headings
 * match as in FORMATS.md section 2 (case- and accent-insensitively).
 * *date_to_period (may be NULL) tells whether the column holds dates to be
 * read as their quarter (pf_date_text_period()). The result belongs to the
 * library (static).
 */
const char *pf_map_heading(const pf_map *m, const char *heading, bool *date_to_period);
/* True when the map names the heading with null: an ignored column, not worth a warning. */
bool pf_map_ignores(const pf_map *m, const char *heading);
/* For sheets with a map: the kind the map declares for sheets, or -1. */
int pf_map_sheet_kind(const pf_map *m);

/*
 * The map's "credit": the text its source asks users to show with its data
 * ("Källa: Kolada"), or NULL. The importer passes it on as a note. The
 * result belongs to the map.
 */
const char *pf_map_credit(const pf_map *m);

/*
 * Warns in err when a path segment of url holds more comma-separated ids
 * than the map's "max_ids_per_segment" allows (Kolada takes 25); nothing
 * without that member or without a map.
 */
void pf_map_check_url(const pf_map *m, const char *url, pf_error *err);

/*
 * Reads `YYYY-MM-DD`, or a timestamp that starts with one followed by `T` or
 * a space (`2025-05-15T10:30:00Z`), and writes its quarter (`2025Q2`).
 * Returns false for anything else.
 */
bool pf_date_text_period(const char *s, char buf[PF_PERIOD_BUF]);

/*
 * Resolves an RFC 6901 JSON Pointer (`""` is the whole value, `/a~1b/0`
 * is member "a/b", then element 0) in a jansson value. Returns the value
 * (borrowed from root), or NULL when the pointer is malformed or finds
 * nothing.
 */
struct json_t;
struct json_t *pf_json_pointer(struct json_t *root, const char *pointer);

#endif
