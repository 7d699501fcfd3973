/*
 * Importing a portfolio: every source of one import is validated and written
 * in one transaction, all or nothing (FORMATS.md section 2, import rules).
 */
#ifndef PORTFOLJ_IMPORT_H
#define PORTFOLJ_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "portfolj/db.h"
#include "portfolj/error.h"
#include "portfolj/kinds.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pf_import pf_import;

typedef struct pf_import_opts {
	bool dry_run;         /* validate everything, write nothing */
	const char *command;  /* what the history calls this run: "import", "followup", ... */
	const char *map_path; /* a mapping file (--map) for sources of another shape, or NULL */
	/* For http:// and https:// sources. */
	const char *token;  /* sent as a bearer token, never shown; NULL for none */
	const char *cacert; /* a CA bundle for private CAs, or NULL */
	/*
	 * The whole import's time limit for URL sources: every page of every one
	 * is read within it, from pf_import_new() on; 0: none. Each request is
	 * limited by page_timeout_ms when set, else by what is left of
	 * timeout_ms, else (neither set) by 60 s.
	 */
	long timeout_ms;
	/* Called before each page is fetched (a progress line); may be NULL. */
	void (*progress)(void *ctx, size_t page, const char *url);
	void *progress_ctx;
	/*
	 * New measurements held to be written in key order (0: 262,144, 8 MiB).
	 * Tests make it small to reach every path with small sheets.
	 */
	size_t batch_rows;
	long page_timeout_ms; /* each request of a URL source; 0: see timeout_ms */
} pf_import_opts;

typedef struct pf_kind_counts {
	size_t rows, inserted, updated, unchanged;
} pf_kind_counts;

typedef struct pf_import_summary {
	pf_kind_counts kind[PF_KIND_COUNT];
	bool written; /* false after a dry run, a rejection, or when nothing changed */
	/*
	 * The id the import gave a decision that came without one (a command's
	 * record): BODY-DATE-N, the next free N, found inside the import's
	 * transaction so that two at once never get the same. "" otherwise.
	 */
	char decision_id[160];
} pf_import_summary;

/* opts may be NULL. The caller frees the import with pf_import_free(). */
PF_API pf_status pf_import_new(pf_import **out, pf_db *db, const pf_import_opts *opts,
                               pf_error *err);

/*
 * Adds a source: a .csv, .tsv or .txt sheet, an .xlsx workbook, a .json
 * document (by its extension), or an http:// or https:// URL whose pages
 * are fetched now, following `next` members and Link headers. Reads a sheet's header (a document
 * whole) now, so a source of no known kind fails here; records are read by pf_import_run(). Errors
 * are recorded in err; adding may go on so that every source's errors are listed.
 */
PF_API pf_status pf_import_add(pf_import *imp, const char *source, pf_error *err);

/*
 * Adds one record given as field names (Swedish or English headings) and
 * texts, as a command line gives it. Errors name `source` and, in the
 * position, the option a field came from (`options[i]`, e.g. "--period").
 */
PF_API pf_status pf_import_add_fields(pf_import *imp, pf_kind kind, const char *source,
                                      const char *const *names, const char *const *values,
                                      const char *const *options, size_t n, pf_error *err);

/*
 * Reads, validates and writes every source, in the order of the kinds so
 * that references resolve whatever the order of sources and rows. Commits
 * only when there was no error at all and not a dry run; otherwise the
 * database is left as it was.
 */
/*
 * Adds the change of one stored row of kind (initiatives, effects, roadmaps,
 * decisions): key gives its key (the id; for a roadmap row its roadmap,
 * version and initiative), names and values the fields to change (headings
 * or English aliases; an empty value clears). The other fields are kept as
 * they are stored; the row goes through the same validation and history as
 * an import. An unknown row is PF_EINPUT; an unknown field, or the key's,
 * PF_EUSAGE. Reads the stored row now.
 */
PF_API pf_status pf_import_add_set(pf_import *imp, pf_kind kind, const char *const *key,
                                   const char *const *names, const char *const *values, size_t n,
                                   pf_error *err);

PF_API pf_status pf_import_run(pf_import *imp, pf_import_summary *sum, pf_error *err);

PF_API void pf_import_free(pf_import *imp);

#ifdef __cplusplus
}
#endif
#endif
