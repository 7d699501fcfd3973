/* Reading a whole document into memory, with a size limit (see record.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importers/record.h"

/* Reads into a buffer that grows as needed, one byte past the limit to notice a larger file. */
static pf_status slurp(FILE *f, const char *path, size_t limit, char **buf, size_t *n,
                       pf_error *err)
{
	size_t cap = 0, got = 1;

	*n = 0;
	while (got > 0 && *n <= limit) {
		if (*n + 1 >= cap) {
			char *b = realloc(*buf, cap = cap ? cap * 2 : 65536);
			if (!b)
				return pf_error_set(err, PF_ENOMEM, "out of memory");
			*buf = b;
		}
		*n += got = fread(*buf + *n, 1, cap - 1 - *n, f);
	}
	(*buf)[*n] = '\0'; /* for readers that want a string */
	if (ferror(f))
		return pf_error_pos(err, PF_EENV, path, NULL, "cannot read: %s", strerror(errno));
	if (*n > limit)
		return pf_error_pos(err, PF_EINPUT, path, NULL,
		                    "the document is larger than %zu MiB", limit >> 20);
	return PF_OK;
}

pf_status pf_read_file(const char *path, size_t limit, char **out, size_t *len, pf_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	pf_status st;

	*out = NULL;
	if (!f)
		return pf_error_pos(err, PF_EENV, path, NULL, "cannot read: %s", strerror(errno));
	st = slurp(f, path, limit, &buf, len, err);
	fclose(f);
	if (st) {
		free(buf);
		return st;
	}
	*out = buf;
	return PF_OK;
}
