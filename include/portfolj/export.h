/*
 * Writing the whole portfolio out in the sheet kinds of FORMATS.md, so that
 * export, import into an empty database and export again give the same bytes.
 */
#ifndef PORTFOLJ_EXPORT_H
#define PORTFOLJ_EXPORT_H

#include <stddef.h>

#include "portfolj/db.h"
#include "portfolj/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * One JSON document with an array per kind (English field names). The caller
 * frees *out with free().
 */
PF_API pf_status pf_export_json(pf_db *db, char **out, size_t *len, pf_error *err);

/* How the CSV files are written. */
typedef enum pf_csv_flavour {
	/* English headings, comma-separated, UTF-8 without BOM, LF, 12.5, true/false */
	PF_CSV_PLAIN,
	/*
	 * What Excel with Swedish settings opens as columns and numbers: Swedish
	 * headings, ';'-separated, UTF-8 with BOM, CRLF, 12,5, ja/nej.
	 */
	PF_CSV_EXCEL,
} pf_csv_flavour;

/*
 * One CSV file per kind in dir (created if missing): initiatives.csv,
 * effects.csv, ... with RFC 4180 quoting, in the flavour asked for. Either
 * flavour imports back to the same portfolio. The set is replaced whole: it
 * is written and synced in a new directory beside dir and swapped in for the
 * old one (renameat2 RENAME_EXCHANGE), so a kill or a write error (PF_EENV,
 * naming the file) leaves the old set as it was and, but for a kill, nothing
 * else. A dir that is a mount point or `.`, or that holds other files, is
 * kept: the sheets are moved into it one by one once all are written.
 */
PF_API pf_status pf_export_csv(pf_db *db, const char *dir, pf_csv_flavour flavour, pf_error *err);

/*
 * One XLSX workbook at path with a sheet per kind: typed cells, date cells,
 * a frozen header row with filters. Written to a temporary name and renamed.
 */
PF_API pf_status pf_export_xlsx(pf_db *db, const char *path, pf_error *err);

#ifdef __cplusplus
}
#endif
#endif
