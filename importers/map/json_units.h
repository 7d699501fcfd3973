/* JSON documents and REST pages as record streams, plainly or through a mapping file. */
#ifndef PF_IMPORTERS_MAP_JSON_UNITS_H
#define PF_IMPORTERS_MAP_JSON_UNITS_H

#include <stddef.h>

#include "importers/map/map.h"
#include "importers/record.h"
#include "portfolj/error.h"

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

#endif
