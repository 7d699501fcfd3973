/* Status codes and diagnostics: errors are values returned up the stack. */
#ifndef PORTFOLJ_ERROR_H
#define PORTFOLJ_ERROR_H

#include <stddef.h>

#include "portfolj/api.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pf_status {
	PF_OK = 0,
	PF_END,       /* not an error: a reader has no more rows */
	PF_EUSAGE,    /* the caller asked for something meaningless (exit 1) */
	PF_EINPUT,    /* input rejected, nothing written (exit 2) */
	PF_ENOTFOUND, /* a named object does not exist (exit 2) */
	PF_EENV,      /* file, network or database trouble (exit 3) */
	PF_EBUSY,     /* the database is locked by another writer (exit 3) */
	PF_ENOMEM     /* out of memory (exit 3) */
} pf_status;

/*
 * A language of the messages and of the rendered reports: Swedish, the
 * default, or English. (pf_lang_parse() in portfolj/report.h reads one.)
 */
typedef enum pf_lang {
	PF_LANG_SV, /* Swedish, the default: decimal comma, "9 800 000" */
	PF_LANG_EN, /* English: decimal point, "9,800,000" */
	PF_LANG_COUNT
} pf_lang;

/* A note is neither wrong nor suspect: something the user is asked to know (a source's credit). */
typedef enum pf_severity { PF_SEV_ERROR, PF_SEV_WARNING, PF_SEV_NOTE } pf_severity;

typedef struct pf_diag {
	pf_severity severity;
	char *where;   /* "FILE:LINE:COL", "FILE:Sheet!G7", "FILE" or NULL */
	char *message; /* without the "error: " prefix */
} pf_diag;

/*
 * A list of diagnostics owned by the caller. Keeps the first `limit` of them
 * (PF_ERROR_KEEP unless set) and counts all. Messages are written in `lang`
 * (Swedish unless the caller sets it): every format given to the functions
 * below is looked up in the message catalogue (pf_msg) before it is
 * formatted; a location is never translated.
 */
typedef struct pf_error {
	pf_diag *diags;
	size_t count, cap;
	size_t errors, warnings, notes; /* totals, including those not kept */
	size_t limit;
	pf_lang lang;
	/* Texts no diagnostic may show (a bearer token, a URL's password): see pf_error_secret().
	 */
	char **secrets;
	size_t nsecrets;
} pf_error;

#define PF_ERROR_KEEP 1000

/* An empty list, in Swedish. */
PF_API void pf_error_init(pf_error *e);
/* Frees every diagnostic and secret; the pf_error can be used again (its limit and language
 * kept). */
PF_API void pf_error_clear(pf_error *e);

/*
 * From now on every diagnostic recorded in e (its message and its location)
 * shows each occurrence of secret as "***". An import registers its bearer
 * token and a URL's password here, so that no message built from what a
 * server sent back can show them. NULL or "" is no secret. Returns
 * PF_ENOMEM (recorded) when the copy cannot be made.
 */
PF_API pf_status pf_error_secret(pf_error *e, const char *secret);

/*
 * A copy of s with every secret of e replaced by "***" (a copy of s when e
 * is NULL). The caller frees it; NULL when out of memory.
 */
PF_API char *pf_error_masked(const pf_error *e, const char *s);

/*
 * Records an error (or a warning with pf_warn_*) and returns st, so that
 * `return pf_error_at(err, PF_EINPUT, ...)` reads naturally. `line` and `col`
 * count from 1; 0 leaves them out of the location. `source` may be NULL.
 */
PF_API pf_status pf_error_at(pf_error *e, pf_status st, const char *source, long line, long col,
                             const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The location is SOURCE:POS where POS is a preformatted place (a cell `Sheet!G7`, a record). */
PF_API pf_status pf_error_pos(pf_error *e, pf_status st, const char *source, const char *pos,
                              const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* An error without a location. */
PF_API pf_status pf_error_set(pf_error *e, pf_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
PF_API void pf_warn_at(pf_error *e, const char *source, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
PF_API void pf_warn_pos(pf_error *e, const char *source, const char *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
PF_API void pf_note_pos(pf_error *e, const char *source, const char *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * The message catalogue: the format msgid (the English text, as the code
 * writes it) in lang. English is msgid itself; Swedish is its catalogue
 * entry, with the same printf conversions in the same order, or msgid when
 * there is none. The result is a static string or msgid itself.
 */
PF_API const char *pf_msg(pf_lang lang, const char *msgid) __attribute__((format_arg(2)));
/* pf_msg in e's language (Swedish for NULL): for a helper that formats a message itself. */
PF_API const char *pf_error_msg(const pf_error *e, const char *msgid)
    __attribute__((format_arg(2)));

#ifdef __cplusplus
}
#endif
#endif
