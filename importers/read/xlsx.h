/*
 * XLSX workbooks as record streams (FORMATS.md section 2): one pf_unit per
 * worksheet of a known kind. Sheets are streamed (a row at a time), and the
 * archive is treated as hostile: size, ratio and entity limits refuse zip and
 * XML bombs with PF_EINPUT.
 */
#ifndef PF_IMPORTERS_XLSX_H
#define PF_IMPORTERS_XLSX_H

#include <stddef.h>

#include "importers/record.h"

/*
 * Opens a workbook and gives one unit per sheet of a known kind (in workbook
 * order); a sheet of no known kind (or an empty or chart sheet) is skipped
 * with a warning naming it, so *n may be 0. *units is malloc'd; the caller
 * frees each unit with u->free(u) and the array with free(). The units share
 * the open archive, which is closed with the last of them.
 *
 * The workbook part is found through _rels/.rels, and entries named with
 * backslashes are read, as Excel does. Records give each field's text as the
 * cell shows it in plain form: dates as YYYY-MM-DD, percentages as the
 * percentage (0.45 shown as 45 % is 45), booleans as true/false, numbers as
 * the shortest decimal that round-trips (never with an exponent); positions
 * are PF_LOC_CELL (`Sheet!G7`). A record's texts are valid until the unit's
 * next call. A bad cell (an error value such as #N/A or a picture in a column
 * that is read, a broken reference) is recorded in err and its row skipped,
 * so that every such cell is listed; error values elsewhere are ignored. A
 * broken archive or XML ends the unit with PF_EINPUT. An unreadable file is
 * PF_EENV.
 */
pf_status pf_xlsx_open(const char *path, pf_unit ***units, size_t *n, pf_error *err);
/* The same, reading each sheet's headings through a --map (the caller keeps it alive). */
pf_status pf_xlsx_open_map(const char *path, const pf_headings *map, pf_unit ***units, size_t *n,
                           pf_error *err);

/* The same over a buffer (for fuzzing), which is copied; name is what errors call it. */
pf_status pf_xlsx_open_buffer(const char *name, const void *data, size_t len, pf_unit ***units,
                              size_t *n, pf_error *err);

#endif
