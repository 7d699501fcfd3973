/* Shared helpers for the cmocka tests: temporary directories and files. */
#ifndef PF_TESTUTIL_H
#define PF_TESTUTIL_H

#include <stddef.h>

#include "portfolj/error.h"

/* Creates a fresh directory under $TMPDIR (or /tmp); the caller frees the path with
 * pf_test_rmdir(). */
char *pf_test_mkdtemp(void);
/* Removes the directory and everything in it, then frees the path. */
void pf_test_rmdir(char *dir);
/* Writes len bytes to DIR/NAME and returns the malloc'd full path. */
char *pf_test_write(const char *dir, const char *name, const void *data, size_t len);
/* Same for a NUL-terminated string. */
char *pf_test_write_str(const char *dir, const char *name, const char *text);
/* Reads a whole file; the caller frees it. NULL if unreadable. */
char *pf_test_read(const char *path, size_t *len);

struct pf_db;

/* A sheet for pf_test_load: written to DIR/name with the text. */
struct pf_test_sheet {
	const char *name, *text;
};

/*
 * Opens a new database DIR/p.db and imports the sheets into it in one
 * import. Returns NULL (after printing why) if anything fails; the caller
 * closes the database with pf_db_close().
 */
struct pf_db *pf_test_load(const char *dir, const struct pf_test_sheet *sheets, size_t n);

/*
 * pf_error_init() in English: the tests that match messages match the English
 * text (the Swedish has tests of its own, tests/test_messages.c).
 */
void pf_test_error_init(pf_error *e);

/* The conversions of a printf format, in order ("%zu%lld" for "År %zu (%lld)"); "%%" is text. */
void pf_test_conversions(const char *fmt, char *out, size_t n);
/*
 * Reads adjacent C string literals at *p ("a" "b" across lines) into one,
 * escapes read; NULL if there is none. Moves *p past them; the caller frees.
 */
char *pf_test_c_literal(const char **p);

#endif
