/*
 * A directory of output files replaced whole or not at all (FORMATS.md
 * section 1: files written with -o; the CSV export's set of sheets). Private
 * to the library.
 */
#ifndef PF_OUTDIR_H
#define PF_OUTDIR_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "portfolj/error.h"

/* Fills name with len - 1 random letters and digits and a '\0'; -1 with errno on failure. */
int pf_random_name(char *name, size_t len);

/*
 * A set of files being written. The new set is written into a directory
 * made under an unpredictable name beside the target (in the same parent,
 * so on the same file system), synced, and swapped in whole: a kill or a
 * full disk leaves the complete old set or the complete new one. A target
 * that is a mount point, `.` or `..`, or that holds files other than the
 * set's, keeps its directory: the finished files are then renamed into it
 * one by one (each whole, after every one of them was written).
 */
typedef struct pf_outdir {
	char target[PATH_MAX];    /* the directory, as given (a link resolved) */
	char tmp[PATH_MAX];       /* where the new set is written */
	const char *const *names; /* the set's file names */
	size_t n;
	int fd;      /* tmp's descriptor */
	bool inside; /* tmp is inside target (a mount point, "." or "..") */
} pf_outdir;

/* Makes the temporary directory for the set of n names. On failure nothing is left. */
pf_status pf_outdir_begin(pf_outdir *d, const char *target, const char *const *names, size_t n,
                          pf_error *err);
/* Opens the set's file name i in the temporary directory for writing; NULL with errno. */
FILE *pf_outdir_open(pf_outdir *d, size_t i);
/*
 * Flushes, syncs and closes f (NULL: it could not be opened), the file of name i; failed says that
 * writing it already failed (errno set). A failure is PF_EENV naming the target's file.
 */
pf_status pf_outdir_close(pf_outdir *d, size_t i, FILE *f, bool failed, pf_error *err);
/*
 * Puts the new set in place of the old one and removes the old. On failure
 * the old set is as it was and the temporary directory is gone.
 */
pf_status pf_outdir_commit(pf_outdir *d, pf_error *err);
/* Removes the temporary directory and what was written into it. */
void pf_outdir_abort(pf_outdir *d);

#endif
