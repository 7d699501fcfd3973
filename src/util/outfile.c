/* Output files whole or not at all: see include/portfolj/outfile.h. */
#define _GNU_SOURCE
#include "portfolj/outfile.h"

#include "util/outdir.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

static pf_status fail(pf_error *err, const char *path, const char *what)
{
	return pf_error_pos(err, PF_EENV, path, NULL, "%s: %s", what, strerror(errno));
}

/* Writes all of data to fd, through interruptions and short writes. */
static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * The file a path names: a symbolic link's target (resolved whole, or for a
 * dangling link, its target named relative to the link's directory).
 */
static pf_status resolve(const char *path, char out[PATH_MAX], pf_error *err)
{
	struct stat st;
	char link[PATH_MAX];
	ssize_t n;

	if (lstat(path, &st) || !S_ISLNK(st.st_mode)) {
		snprintf(out, PATH_MAX, "%s", path);
		return PF_OK;
	}
	if (realpath(path, out))
		return PF_OK;
	if ((n = readlink(path, link, sizeof(link) - 1)) < 0)
		return fail(err, path, "cannot follow the link");
	link[n] = '\0';
	const char *slash = strrchr(path, '/');
	size_t dir = link[0] == '/' || !slash ? 0 : (size_t)(slash - path) + 1;
	if (dir + (size_t)n >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return fail(err, path, "cannot follow the link");
	}
	memcpy(out, path, dir);
	memcpy(out + dir, link, (size_t)n + 1);
	return PF_OK;
}

int pf_random_name(char *name, size_t len)
{
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char r[64];

	if (len == 0 || len > sizeof(r) || getrandom(r, len - 1, 0) != (ssize_t)(len - 1))
		return -1;
	for (size_t i = 0; i + 1 < len; i++)
		name[i] = digits[r[i] % (sizeof(digits) - 1)];
	name[len - 1] = '\0';
	return 0;
}

/* A new file named DIR/.BASE.XXXXXXXXXX (random), made with O_EXCL; -1 with errno on failure. */
static int make_temp(const char *target, mode_t mode, char tmp[PATH_MAX + 32])
{
	const char *slash = strrchr(target, '/');
	int dir_len = slash ? (int)(slash - target) + 1 : 0;

	for (int tries = 0; tries < 100; tries++) {
		char name[11];
		if (pf_random_name(name, sizeof(name)))
			return -1;
		snprintf(tmp, PATH_MAX + 32, "%.*s.%s.%s", dir_len, target,
		         slash ? slash + 1 : target, name);
		int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

/* Replaces the regular file (or makes the new one) at target through a temporary file. */
static pf_status replace(const char *path, const char *target, const struct stat *old,
                         const void *data, size_t len, pf_error *err)
{
	char tmp[PATH_MAX + 32];
	/* A new file: 0666 less the umask, which open() applies. */
	int fd = make_temp(target, old ? old->st_mode & 07777 : 0666, tmp);

	if (fd < 0)
		return fail(err, path, "cannot create a file beside it");
	if (old) {
		/* The umask narrowed it at open(); the old file's mode and owner are what stay. */
		if (fchown(fd, old->st_uid, old->st_gid) && errno != EPERM)
			goto bad;
		if (fchmod(fd, old->st_mode & 07777))
			goto bad;
	}
	if (write_all(fd, data, len) || fsync(fd))
		goto bad;
	if (close(fd)) {
		fd = -1;
		goto bad;
	}
	if (rename(tmp, target)) {
		fd = -1;
		goto bad;
	}
	return PF_OK;
bad:;
	int e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = e;
	return fail(err, path, "cannot write");
}

/* A device, FIFO or socket: written into as it is, never replaced. */
static pf_status write_into(const char *path, const char *target, const void *data, size_t len,
                            pf_error *err)
{
	int fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return fail(err, path, "cannot write");
	if (write_all(fd, data, len)) {
		int e = errno;
		close(fd);
		errno = e;
		return fail(err, path, "cannot write");
	}
	return close(fd) ? fail(err, path, "cannot write") : PF_OK;
}

pf_status pf_write_file(const char *path, const void *data, size_t len, pf_error *err)
{
	char target[PATH_MAX];
	struct stat st;
	size_t n = strlen(path);
	pf_status s;

	if (n == 0 || path[n - 1] == '/')
		return pf_error_pos(err, PF_EUSAGE, path, NULL,
		                    "names a directory: give a file's name");
	if ((s = resolve(path, target, err)))
		return s;
	if (stat(target, &st)) {
		if (errno != ENOENT)
			return fail(err, path, "cannot write");
		return replace(path, target, NULL, data, len, err);
	}
	if (S_ISDIR(st.st_mode))
		return pf_error_pos(err, PF_EUSAGE, path, NULL,
		                    "is a directory: give a file's name");
	if (!S_ISREG(st.st_mode))
		return write_into(path, target, data, len, err);
	return replace(path, target, &st, data, len, err);
}
