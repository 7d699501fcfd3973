/* A named file in memory for libxlsxwriter: see memfile.h. */
#define _GNU_SOURCE
#include "util/memfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

pf_status pf_memfile_open(pf_memfile *m, pf_error *err)
{
	m->fd = memfd_create("portfolj-workbook", MFD_CLOEXEC);
	if (m->fd < 0)
		return pf_error_set(err, PF_EENV, "cannot make a file in memory: %s",
		                    strerror(errno));
	snprintf(m->path, sizeof(m->path), "/proc/self/fd/%d", m->fd);
	return PF_OK;
}

/* Whether the bytes are a whole, consistent zip archive. */
static int whole_zip(const char *data, size_t len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;

	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(data, len, 0, &ze))) {
		zip_error_fini(&ze);
		return 0;
	}
	z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (z)
		zip_discard(z);
	else
		zip_source_free(src);
	zip_error_fini(&ze);
	return z != NULL;
}

static pf_status read_all(int fd, char *buf, size_t n, pf_error *err)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = pread(fd, buf + got, n - got, (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return pf_error_set(err, PF_EENV, "cannot read the workbook back: %s",
			                    r ? strerror(errno) : "it is shorter than it said");
		got += (size_t)r;
	}
	return PF_OK;
}

pf_status pf_memfile_take_zip(const pf_memfile *m, char **out, size_t *len, pf_error *err)
{
	struct stat sb;
	char *buf;
	pf_status s;

	*out = NULL;
	*len = 0;
	if (fstat(m->fd, &sb) || sb.st_size <= 0)
		return pf_error_set(err, PF_EENV, "the workbook was not written");
	if (!(buf = malloc((size_t)sb.st_size + 1)))
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	if ((s = read_all(m->fd, buf, (size_t)sb.st_size, err))) {
		free(buf);
		return s;
	}
	if (!whole_zip(buf, (size_t)sb.st_size)) {
		free(buf);
		return pf_error_set(err, PF_EENV,
		                    "the workbook came out incomplete (a write failed)");
	}
	buf[sb.st_size] = '\0';
	*out = buf;
	*len = (size_t)sb.st_size;
	return PF_OK;
}

void pf_memfile_close(pf_memfile *m)
{
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
}
