/*
 * Record streams for the loader: CSV/TSV sheets (header row -> kind and
 * column map) and single records from a command line.
 */
#include "importers/record.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importers/read/csvsheet.h"
#include "importers/map/map.h"
#include "portfolj/value.h"
#include "util/suggest.h"

struct csv_unit {
	pf_unit base;
	pf_csv *csv;
	const pf_map *m; /* the --map, or NULL */
	size_t ncols;
	int *map;    /* column -> field index, -1 for an ignored column */
	bool *dates; /* column -> holds dates to read as their quarter (a map says so) */
	char (*periods)[PF_PERIOD_BUF];
	char *head[PF_FIELDS_MAX]; /* field -> its heading in the header row */
};

static pf_status csv_next(pf_unit *u, pf_record *rec, pf_error *err)
{
	struct csv_unit *cu = (struct csv_unit *)u;
	pf_csv_row row;
	size_t nf;
	const pf_field *fields = pf_kind_fields(u->kind, &nf);
	pf_status st = pf_csv_next(cu->csv, &row, err);

	if (st == PF_END)
		pf_csv_checksum(cu->csv, u->checksum);
	if (st)
		return st;
	memset(rec, 0, sizeof(*rec));
	rec->kind = u->kind;
	rec->style = PF_LOC_LINECOL;
	rec->source = u->source;
	rec->head = (const char *const *)cu->head;
	rec->line = row.line;
	/* Cells past the header are data the sheet cannot name: an unquoted delimiter, often. */
	for (size_t c = cu->ncols; c < row.nfields; c++) {
		if (pf_trim(row.fields[c])) {
			pf_error_at(err, PF_EINPUT, u->source, row.line, (long)c + 1,
			            "the row has %zu fields but the header only %zu (an unquoted "
			            "delimiter inside a value?)",
			            row.nfields, cu->ncols);
			break;
		}
	}
	for (size_t c = 0; c < row.nfields && c < cu->ncols; c++) {
		int f = cu->map[c];
		if (f < 0)
			continue;
		rec->val[f] = pf_trim(row.fields[c]);
		/* The mark our own CSV puts before a formula-like text (FORMATS.md, "Formulas"). */
		if (pf_ftype_is_text(fields[f].type))
			rec->val[f] = pf_formula_unmark(rec->val[f]);
		rec->col[f] = (int)c + 1;
		/* A date that does not parse is left as it is, for the period rule to reject. */
		if (cu->dates[c] && rec->val[f] && pf_date_text_period(rec->val[f], cu->periods[c]))
			rec->val[f] = cu->periods[c];
	}
	/* Absent trailing cells still point at their column for messages. */
	for (size_t c = row.nfields; c < cu->ncols; c++)
		if (cu->map[c] >= 0)
			rec->col[cu->map[c]] = (int)c + 1;
	return PF_OK;
}

static void csv_free(pf_unit *u)
{
	struct csv_unit *cu = (struct csv_unit *)u;

	pf_csv_close(cu->csv);
	free(cu->map);
	free(cu->dates);
	free(cu->periods);
	for (int f = 0; f < PF_FIELDS_MAX; f++)
		free(cu->head[f]);
	free(u->source);
	free(cu);
}

static void no_kind_error(const char *path, const pf_csv_row *row, int near, pf_error *err)
{
	size_t n;
	const pf_field *fields;
	char missing[256] = "";

	if (near < 0) {
		pf_error_at(err, PF_EINPUT, path, row->line, 1,
		            "the header row names no known sheet kind (initiatives, effects, "
		            "measurements, followups, priorities, roadmaps, decisions)");
		return;
	}
	fields = pf_kind_fields(near, &n);
	for (size_t i = 0; i < n; i++) {
		if (!fields[i].required || pf_kind_field(near, fields[i].sv) < 0)
			continue;
		bool found = false;
		for (size_t c = 0; c < row->nfields && !found; c++)
			found = pf_kind_field(near, row->fields[c]) == (int)i;
		if (!found) {
			size_t len = strlen(missing);
			snprintf(missing + len, sizeof(missing) - len, "%s%s/%s", len ? ", " : "",
			         fields[i].sv, fields[i].en);
		}
	}
	pf_error_at(err, PF_EINPUT, path, row->line, 1,
	            "the header row is not of a known sheet kind: the %s sheet also needs %s",
	            pf_kind_name(near), missing);
}

/*
 * The headings as the map reads them: a heading the map names becomes its
 * field name, an ignored one becomes empty, the rest stay as they are.
 */
static void map_headings(struct csv_unit *cu, const pf_csv_row *row, const char **names)
{
	for (size_t c = 0; c < row->nfields; c++) {
		bool dates = false;
		const char *f = pf_map_heading(cu->m, row->fields[c], &dates);
		cu->dates[c] = f && dates;
		names[c] = pf_map_ignores(cu->m, row->fields[c]) ? "" : f ? f : row->fields[c];
	}
}

static void warn_unknown_column(const struct csv_unit *cu, const pf_csv_row *row, size_t c,
                                pf_error *err)
{
	char near[64];

	if (pf_near_heading(cu->base.kind, row->fields[c], cu->map, row->nfields, near,
	                    sizeof(near)))
		pf_warn_at(err, cu->base.source, row->line, (long)c + 1,
		           "unknown column \"%s\" ignored: did you mean %s?", row->fields[c], near);
	else
		pf_warn_at(err, cu->base.source, row->line, (long)c + 1,
		           "unknown column \"%s\" ignored", row->fields[c]);
}

/* Reads the header row: the kind, the column map, a warning per unknown column. */
static pf_status read_header(struct csv_unit *cu, pf_error *err)
{
	pf_csv_row row;
	int near;
	pf_status st = pf_csv_next(cu->csv, &row, err);

	if (st == PF_END)
		return pf_error_at(err, PF_EINPUT, cu->base.source, 1, 1,
		                   "the file is empty: expected a header row");
	if (st)
		return st;
	/* Trim each heading in place so that the column map and warnings see clean text. */
	for (size_t c = 0; c < row.nfields; c++) {
		char *t = pf_trim(row.fields[c]);
		if (!t)
			row.fields[c][0] = '\0';
		else if (t != row.fields[c])
			memmove(row.fields[c], t, strlen(t) + 1);
	}
	cu->ncols = row.nfields;
	size_t n = row.nfields ? row.nfields : 1;
	if (!(cu->map = calloc(n, sizeof(int))) || !(cu->dates = calloc(n, sizeof(bool))) ||
	    !(cu->periods = calloc(n, sizeof(*cu->periods))))
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	const char **names = calloc(n, sizeof(*names));
	if (!names)
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	if (cu->m)
		map_headings(cu, &row, names);
	else
		memcpy(names, row.fields, row.nfields * sizeof(*names));
	int kind = pf_kind_detect(names, row.nfields, cu->map, &near);
	free(names);
	if (cu->m && pf_map_sheet_kind(cu->m) >= 0 && kind != pf_map_sheet_kind(cu->m))
		kind = -1, near = pf_map_sheet_kind(cu->m);
	if (kind < 0) {
		no_kind_error(cu->base.source, &row, near, err);
		return PF_EINPUT;
	}
	cu->base.kind = kind;
	/* the last column of a field gives its value (csv_next), so its heading is the one named */
	for (size_t c = 0; c < row.nfields; c++) {
		int f = cu->map[c];
		if (f >= 0 && row.fields[c][0]) {
			free(cu->head[f]);
			if (!(cu->head[f] = strdup(row.fields[c])))
				return pf_error_set(err, PF_ENOMEM, "out of memory");
		}
	}
	for (size_t c = 0; c < row.nfields; c++)
		if (cu->map[c] < 0 && row.fields[c][0] &&
		    !(cu->m && pf_map_ignores(cu->m, row.fields[c])))
			warn_unknown_column(cu, &row, c, err);
	return PF_OK;
}

pf_status pf_unit_csv_open(pf_unit **out, const char *path, const pf_map *map, pf_error *err)
{
	struct csv_unit *cu = calloc(1, sizeof(*cu));
	pf_status st;

	*out = NULL;
	if (!cu || !(cu->base.source = strdup(path))) {
		free(cu);
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	}
	cu->base.next = csv_next;
	cu->base.free = csv_free;
	cu->m = map;
	if ((st = pf_csv_open(&cu->csv, path, err)) || (st = read_header(cu, err))) {
		csv_free(&cu->base);
		return st;
	}
	*out = &cu->base;
	return PF_OK;
}
