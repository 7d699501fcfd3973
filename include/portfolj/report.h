/*
 * Reports of FORMATS.md section 5: built from the database into a document
 * whose shape is the contract's JSON, then rendered in a format.
 */
#ifndef PORTFOLJ_REPORT_H
#define PORTFOLJ_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "portfolj/db.h"
#include "portfolj/error.h"
#include "portfolj/value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pf_report_kind {
	PF_REPORT_QUARTER,
	PF_REPORT_COMMITTEE,
	PF_REPORT_INITIATIVE,
	PF_REPORT_PRIORITY,
	PF_REPORT_ROADMAP,
	PF_REPORT_TRACEABILITY,
	PF_REPORT_BENEFITS, /* benefit realisation (effekthemtagning) */
	PF_REPORT_COUNT
} pf_report_kind;

typedef enum pf_format {
	PF_FORMAT_TABLE,
	PF_FORMAT_JSON,
	PF_FORMAT_CSV,
	PF_FORMAT_MD,
	PF_FORMAT_HTML,
	PF_FORMAT_XLSX, /* a workbook: quarter and committee only */
	PF_FORMAT_COUNT
} pf_format;

/* The parts of the priority report's score. */
#define PF_SCORE_PARTS 5

typedef struct pf_report_opts {
	pf_period period;       /* the reporting period */
	bool all;               /* quarter: every initiative, not only the priority list */
	const char *committee;  /* committee, traceability, benefits: only this committee code */
	const char *initiative; /* initiative: its id */
	const char *roadmap;    /* roadmap: its name */
	const char *version;    /* roadmap: the version to show (NULL: the latest by date) */
	const char *compare;    /* roadmap: the version to compare with (NULL: the one before) */
	int year;               /* traceability: the year (0: the period's year) */
	double capacity;        /* priority: Region IT hours per quarter (0: not set) */
	/*
	 * priority: the weights of the score's parts, benefit, it_load,
	 * readiness, innovative, measurable; all 0 gives 30, 25, 20, 15, 10.
	 */
	double weights[PF_SCORE_PARTS];
	/*
	 * As of a moment (FORMATS.md section 4): the report is built from the
	 * database as it stood then, and its JSON gets "as_of". as_of is the
	 * moment in local time, `YYYY-MM-DDTHH:MM:SS`, as the report shows it;
	 * as_of_utc the same moment in UTC, `YYYY-MM-DDTHH:MM:SSZ`, the form the
	 * runs are stamped with (the caller converts: the library reads no
	 * time zone). Both NULL: the database as it is.
	 */
	const char *as_of;
	const char *as_of_utc;
} pf_report_opts;

/*
 * Reads a moment as --as-of takes it: `2025-10-15` (the end of that day),
 * `2025-10-15T14:30` (the end of that minute) or `2025-10-15T14:30:05`; a
 * space may stand for the T. Writes `YYYY-MM-DDTHH:MM:SS` to out; false for
 * anything else.
 */
PF_API bool pf_moment_parse(const char *s, char out[20]);

/*
 * Reads --weights "benefit=40,it_load=20": comma-separated NAME=WEIGHT, the
 * names in English (benefit, it_load, readiness, innovative, measurable) or
 * Swedish (nytta, it_last, mognad, innovativ, matbar), a weight a number of
 * 0 or more with a decimal point; a part not named keeps its default. False,
 * with why (n bytes), when the text is not such a list or all weights are 0.
 */
PF_API bool pf_score_weights_parse(const char *spec, double weights[PF_SCORE_PARTS], char *why,
                                   size_t n);

typedef struct pf_report pf_report;

/* Reads "quarter", "committee", ... ; -1 when unknown. */
PF_API int pf_report_kind_parse(const char *s);
PF_API const char *pf_report_kind_name(pf_report_kind k);
/* Reads "table", "json", "csv", "md", "html", "xlsx"; -1 when unknown. */
PF_API int pf_format_parse(const char *s);

/*
 * Builds a report. PF_ENOTFOUND when the initiative or roadmap asked for does
 * not exist. The caller frees the report with pf_report_free().
 */
PF_API pf_status pf_report_build(pf_report **out, pf_db *db, pf_report_kind kind,
                                 const pf_report_opts *opts, pf_error *err);

/* pf_lang (portfolj/error.h) is also the language of a rendered report's words; json and csv
 * are the same in every language. */

/* Reads "sv" or "en"; -1 for anything else (NULL too). */
PF_API int pf_lang_parse(const char *s);

typedef struct pf_render_opts {
	bool color;   /* table: ANSI colours for the lights (the caller decides: a terminal, no
	                 NO_COLOR) */
	pf_lang lang; /* table, md, html: the language of labels, words and numbers. csv
	                 keeps the JSON keys and canonical values in every language. */
} pf_render_opts;

/*
 * Renders a report into a new NUL-terminated buffer. opts may be NULL: no
 * colour, Swedish. The caller frees *out with free(). PF_FORMAT_XLSX is binary
 * (a zip: use *len, not strlen) and only for PF_REPORT_QUARTER and
 * PF_REPORT_COMMITTEE (PF_EUSAGE for the others); it goes through a temporary
 * file under P_tmpdir (PF_EENV when that cannot be written).
 */
PF_API pf_status pf_report_render(const pf_report *r, pf_format fmt, const pf_render_opts *opts,
                                  char **out, size_t *len, pf_error *err);

PF_API void pf_report_free(pf_report *r);

#ifdef __cplusplus
}
#endif
#endif
