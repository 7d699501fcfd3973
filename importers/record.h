/*
 * What source readers give the loader: records of one sheet kind with their
 * fields as text, and where each came from for error messages.
 */
#ifndef PF_IMPORTERS_RECORD_H
#define PF_IMPORTERS_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "portfolj/error.h"
#include "portfolj/kinds.h"
#include "portfolj/value.h"
#include "util/sha256.h"

typedef enum pf_loc_style {
	PF_LOC_LINECOL, /* SOURCE:LINE:COL (CSV, TSV) */
	PF_LOC_CELL,    /* SOURCE:Sheet!G7 (XLSX) */
	PF_LOC_INDEX,   /* SOURCE:KIND[INDEX].FIELD (JSON) */
	PF_LOC_OPTION   /* SOURCE:--option (a command line) */
} pf_loc_style;

typedef struct pf_record {
	pf_kind kind;
	const char *val[PF_FIELDS_MAX]; /* trimmed text; NULL when absent or empty */
	int col[PF_FIELDS_MAX];         /* 1-based column of each field, 0 if none */
	const char *const *opt;         /* PF_LOC_OPTION: each field's option name */
	/*
	 * Each field's heading as the source names it (a sheet's column
	 * heading, a JSON member, an option), for messages about a cell
	 * (FORMATS.md section 1); NULL, or a NULL entry, when it has none.
	 */
	const char *const *head;
	pf_loc_style style;
	const char *source;
	const char *sheet; /* PF_LOC_CELL */
	long line;         /* physical line, sheet row, or record index */
	/*
	 * PF_LOC_INDEX and PF_LOC_OPTION: bit f set when the record gives field f
	 * (a JSON member, even null; an option, even empty). Sheets say it by
	 * col[f]: a column the sheet has. A field not given keeps its stored
	 * value when the row updates one (FORMATS.md section 2).
	 */
	unsigned has;
} pf_record;

_Static_assert(PF_FIELDS_MAX <= 32, "pf_record.has holds a bit per field");

/* Whether the record gives field f at all (an empty value clears; an absent one keeps). */
static inline int pf_record_has(const pf_record *r, int f)
{
	if (r->style == PF_LOC_LINECOL || r->style == PF_LOC_CELL)
		return r->col[f] != 0;
	return (r->has >> f) & 1u;
}

/* Writes the position of field f (or of the record for f < 0) without the source. */
void pf_record_pos(const pf_record *r, int f, char *buf, size_t n);

/* A stream of records of one kind. */
typedef struct pf_unit pf_unit;
struct pf_unit {
	pf_status (*next)(pf_unit *u, pf_record *rec, pf_error *err); /* PF_END when done */
	void (*free)(pf_unit *u);
	pf_kind kind;
	char *source;
	char checksum[PF_SHA256_HEX]; /* SHA-256 of the source's bytes in hex, or "" */
};

struct pf_map;

/*
 * Opens a CSV/TSV sheet and reads its header row to learn its kind; with a
 * map (NULL for none), its headings are read through the map first.
 */
pf_status pf_unit_csv_open(pf_unit **out, const char *path, const struct pf_map *map,
                           pf_error *err);
/* One record from names and values (a command line). Copies everything. */
pf_status pf_unit_fields_new(pf_unit **out, pf_kind kind, const char *source,
                             const char *const *names, const char *const *values,
                             const char *const *options, size_t n, pf_error *err);

/* Narrows the fields a unit made by pf_unit_fields_new gives to the bits of has. */
void pf_unit_fields_give(pf_unit *u, unsigned has);

/*
 * Reads a whole file of at most limit bytes (a larger one is PF_EINPUT, an
 * unreadable one PF_EENV). The caller frees *out.
 */
pf_status pf_read_file(const char *path, size_t limit, char **out, size_t *len, pf_error *err);

/*
 * The heading of kind nearest to an unknown one (Swedish or English, one the
 * sheet's map, ncols columns, does not already have) into out: for "did you
 * mean"; false when none is close.
 */
bool pf_near_heading(pf_kind kind, const char *heading, const int *map, size_t ncols, char *out,
                     size_t n);

/* Trims blanks (ASCII and no-break spaces) in place; returns NULL for an empty result. */
char *pf_trim(char *s);

/*
 * Reads `YYYY-MM-DD`, or a timestamp that starts with one followed by `T` or
 * a space (`2025-05-15T10:30:00Z`), and writes its quarter (`2025Q2`).
 * Returns false for anything else.
 */
bool pf_date_text_period(const char *s, char buf[PF_PERIOD_BUF]);

/*
 * How a sheet reader reads its header row through a --map without knowing
 * mapping files: the mapper (importers/map/, pf_map_headings()) fills one in.
 */
typedef struct pf_headings {
	const void *ctx;
	/*
	 * The field name the map gives a heading, or NULL; *dates (may be NULL)
	 * tells whether the column holds dates to be read as their quarter.
	 */
	const char *(*field)(const void *ctx, const char *heading, bool *dates);
	/* True when the map names the heading with null: an ignored column. */
	bool (*ignores)(const void *ctx, const char *heading);
	int kind; /* the kind the map declares for sheets, or -1 */
} pf_headings;

#endif
