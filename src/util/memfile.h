/*
 * A file in memory with a name: libxlsxwriter writes a workbook only to a
 * named file, and a workbook written to a file in /tmp or beside the output
 * could be left behind, seen half-written or raced by another user.
 */
#ifndef PF_MEMFILE_H
#define PF_MEMFILE_H

#include <stddef.h>

#include "portfolj/error.h"

typedef struct pf_memfile {
	int fd;
	char path[40]; /* /proc/self/fd/N: the name to write it by */
} pf_memfile;

/* Makes an empty file in memory (memfd_create). Close it with pf_memfile_close(). */
pf_status pf_memfile_open(pf_memfile *m, pf_error *err);
/*
 * Reads back what was written, which must be a whole zip archive (a
 * workbook): one that is not, because a write failed somewhere on the way,
 * is PF_EENV. The caller frees *out.
 */
pf_status pf_memfile_take_zip(const pf_memfile *m, char **out, size_t *len, pf_error *err);
void pf_memfile_close(pf_memfile *m);

#endif
