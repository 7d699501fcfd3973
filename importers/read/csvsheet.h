/*
 * A streaming reader of CSV and TSV sheets (FORMATS.md section 2) over
 * libcsv: RFC 4180 quoting (a quote inside a field that does not begin with
 * one is an ordinary character, as in Excel), the delimiter (`;`, `,` or TAB)
 * taken from the header row, LF, CRLF or CR line ends, a UTF-8 byte-order
 * mark skipped, UTF-16 with a byte-order mark converted, a UTF-8 file's few
 * invalid bytes each read as Windows-1252 with a warning, and a file with no
 * valid multibyte UTF-8 at all read as Windows-1252. Text is given as UTF-8.
 * Memory does not grow with the number of rows.
 */
#ifndef PF_IMPORTERS_CSVSHEET_H
#define PF_IMPORTERS_CSVSHEET_H

#include <stddef.h>

#include "portfolj/error.h"
#include "util/sha256.h"

typedef struct pf_csv pf_csv;

typedef struct pf_csv_row {
	size_t nfields;
	char **fields; /* NUL-terminated UTF-8; owned by the reader, valid until the next call */
	size_t *lens;  /* byte length of each field */
	long line;     /* physical line where the row starts, counting from 1 */
} pf_csv_row;

/* Limits that make hostile files fail with a clear error instead of eating memory. */
#define PF_CSV_MAX_FIELD (1u << 20) /* bytes in one field */
#define PF_CSV_MAX_FIELDS 4096      /* fields in one row */

/*
 * Opens a sheet from a file. `name` is what errors call it (usually the
 * path). Reads the file once to decide its encoding (constant memory), then
 * streams it. The caller closes the reader with pf_csv_close().
 */
pf_status pf_csv_open(pf_csv **out, const char *path, pf_error *err);
/* The same over a buffer the caller keeps alive until pf_csv_close(); used by fuzzing and tests. */
pf_status pf_csv_open_buffer(pf_csv **out, const char *name, const void *data, size_t len,
                             pf_error *err);

/*
 * Gives the next row that has at least one non-empty field (rows of only
 * empty fields are skipped, so the first row given is the header row).
 * Returns PF_OK with a row, PF_END after the last one, or an error recorded
 * in err as `NAME:LINE:COL: ...` (a quoted field never closed is reported at
 * the line of its opening quote; a NUL byte, an over-long field or row, or
 * text after a closing quote are errors). Warnings (an invalid UTF-8 byte)
 * go to err too. After an error the reader is finished.
 */
pf_status pf_csv_next(pf_csv *r, pf_csv_row *row, pf_error *err);

/* The delimiter in use (`;`, `,` or `\t`); known after the first row. */
char pf_csv_delimiter(const pf_csv *r);
/* True when the whole file was read as Windows-1252. */
int pf_csv_is_cp1252(const pf_csv *r);
const char *pf_csv_name(const pf_csv *r);

/*
 * The SHA-256 of the file's bytes in hex, as sha256sum prints it; "" for a
 * buffer. Complete once PF_END was returned.
 */
void pf_csv_checksum(pf_csv *r, char out[PF_SHA256_HEX]);

void pf_csv_close(pf_csv *r);

#endif
