/*
 * Mapping files (--map MAP.json) for sources of another shape: JSON documents
 * whose records are found and read through JSON Pointers (json_units.c), and
 * sheets whose headings differ from ours (sheet.c, and the XLSX reader through
 * pf_map_headings()). The format is described in examples/maps/README.md.
 */
#ifndef PF_IMPORTERS_MAP_MAP_H
#define PF_IMPORTERS_MAP_MAP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "importers/record.h"
#include "portfolj/error.h"
#include "portfolj/kinds.h"

#define PF_MAP_MAX_BYTES ((size_t)1 << 20) /* a mapping file */

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

/* The map's headings as a sheet reader takes them (the map must outlive out). */
void pf_map_headings(const pf_map *m, pf_headings *out);

/* base + "/" + key with key escaped as a JSON Pointer token, into out (n bytes). */
void pf_map_path_join(char *out, size_t n, const char *base, const char *key);

#endif
