/* A set of output files replaced whole or not at all: see outdir.h. */
#define _GNU_SOURCE
#include "util/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* PF_EENV for name (a file of the set, or NULL: the directory) with errno's text. */
static pf_status fail(const pf_outdir *d, const char *name, pf_error *err, const char *fmt)
{
	char where[PATH_MAX + 256];
	int e = errno;

	if (name && snprintf(where, sizeof(where), "%s/%s", d->target, name) < (int)sizeof(where))
		return pf_error_pos(err, PF_EENV, where, NULL, fmt, strerror(e));
	return pf_error_pos(err, PF_EENV, d->target, NULL, fmt, strerror(e));
}

/* Copies path without trailing slashes into d->target, following a symbolic link. */
static int set_target(pf_outdir *d, const char *path)
{
	struct stat st;
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	if (n == 0 || n >= sizeof(d->target)) {
		errno = n ? ENAMETOOLONG : ENOENT;
		return -1;
	}
	memcpy(d->target, path, n);
	d->target[n] = '\0';
	if (!lstat(d->target, &st) && S_ISLNK(st.st_mode)) {
		char real[PATH_MAX];
		if (realpath(d->target, real))
			memcpy(d->target, real, strlen(real) + 1);
	}
	return 0;
}

/*
 * The parent directory of d->target into parent, and whether the new set
 * must be written inside the target instead: ".", ".." and "/" cannot be
 * renamed, and a mount point is another file system than its parent.
 */
static int place(const pf_outdir *d, char parent[PATH_MAX], bool *inside)
{
	const char *slash = strrchr(d->target, '/');
	const char *base = slash ? slash + 1 : d->target;
	struct stat t, p;

	if (!slash)
		snprintf(parent, PATH_MAX, ".");
	else
		snprintf(parent, PATH_MAX, "%.*s",
		         slash == d->target ? 1 : (int)(slash - d->target), d->target);
	*inside = !*base || !strcmp(base, ".") || !strcmp(base, "..");
	if (stat(d->target, &t)) {
		if (errno != ENOENT)
			return -1;
		return 0;
	}
	if (!S_ISDIR(t.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	if (stat(parent, &p))
		return -1;
	*inside = *inside || p.st_dev != t.st_dev || p.st_ino == t.st_ino;
	return 0;
}

/* Makes DIR/.NAME.RANDOM (mode 0777 less the umask, like any new directory) into d->tmp. */
static int make_tmp(pf_outdir *d, const char *dir)
{
	const char *slash = strrchr(d->target, '/');
	const char *base = d->inside ? "export" : slash ? slash + 1 : d->target;

	for (int tries = 0; tries < 100; tries++) {
		char name[11];
		if (pf_random_name(name, sizeof(name)))
			return -1;
		if (snprintf(d->tmp, sizeof(d->tmp), "%s/.%s.%s", dir, base, name) >=
		    (int)sizeof(d->tmp)) {
			errno = ENAMETOOLONG;
			return -1;
		}
		if (!mkdir(d->tmp, 0777))
			return 0;
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

pf_status pf_outdir_begin(pf_outdir *d, const char *target, const char *const *names, size_t n,
                          pf_error *err)
{
	char parent[PATH_MAX];
	struct stat st;

	memset(d, 0, sizeof(*d));
	d->fd = -1;
	d->names = names;
	d->n = n;
	if (set_target(d, target) || place(d, parent, &d->inside))
		return pf_error_pos(err, PF_EENV, target, NULL, "cannot create the directory: %s",
		                    strerror(errno));
	if (make_tmp(d, d->inside ? d->target : parent))
		return fail(d, NULL, err, "cannot make a directory for the new files: %s");
	/* The new directory takes the old one's mode and (where permitted) owner. */
	if (!d->inside && !stat(d->target, &st)) {
		if (chown(d->tmp, st.st_uid, st.st_gid) && errno != EPERM)
			goto bad;
		if (chmod(d->tmp, st.st_mode & 07777))
			goto bad;
	}
	if ((d->fd = open(d->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
		return PF_OK;
bad:;
	pf_status s = fail(d, NULL, err, "cannot make a directory for the new files: %s");
	rmdir(d->tmp);
	return s;
}

FILE *pf_outdir_open(pf_outdir *d, size_t i)
{
	int fd =
	    openat(d->fd, d->names[i], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (!f && fd >= 0) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return f;
}

pf_status pf_outdir_close(pf_outdir *d, size_t i, FILE *f, bool failed, pf_error *err)
{
	int e = failed ? errno : 0;

	if (!e && f && (fflush(f) || fsync(fileno(f))))
		e = errno;
	if (f && fclose(f) && !e)
		e = errno;
	if (!e)
		return PF_OK;
	errno = e;
	return fail(d, d->names[i], err, "cannot write: %s");
}

/* Removes the set's files in the directory dirfd and the directory path itself. */
static void remove_set(const pf_outdir *d, int dirfd, const char *path)
{
	for (size_t i = 0; dirfd >= 0 && i < d->n; i++)
		unlinkat(dirfd, d->names[i], 0);
	rmdir(path);
}

void pf_outdir_abort(pf_outdir *d)
{
	if (d->fd < 0)
		return;
	remove_set(d, d->fd, d->tmp);
	close(d->fd);
	d->fd = -1;
}

/* Whether the directory holds nothing but files of the set (so removing it loses nothing). */
static bool only_the_set(const pf_outdir *d)
{
	DIR *dir = opendir(d->target);
	struct dirent *e;
	bool only = dir != NULL;

	while (only && (e = readdir(dir))) {
		bool known = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
		for (size_t i = 0; !known && i < d->n; i++)
			known = !strcmp(e->d_name, d->names[i]);
		only = known;
	}
	if (dir)
		closedir(dir);
	return only;
}

static void sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* The whole directory in the target's place: 0 done, -1 with errno (nothing changed). */
static int swap_in(pf_outdir *d)
{
	struct stat st;

	if (d->inside)
		return errno = EXDEV, -1;
	if (lstat(d->target, &st) && errno == ENOENT)
		return rename(d->tmp, d->target);
	if (!only_the_set(d))
		return errno = ENOTEMPTY, -1;
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, d->tmp, AT_FDCWD, d->target, RENAME_EXCHANGE))
		return -1;
	/* d->tmp now names the old set. */
	int old = open(d->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	remove_set(d, old, d->tmp);
	if (old >= 0)
		close(old);
	return 0;
#else
	return errno = ENOSYS, -1;
#endif
}

/* Each file moved into the target directory on its own, after all were written. */
static pf_status move_each(pf_outdir *d, pf_error *err)
{
	int to = open(d->target, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (to < 0 && errno == ENOENT && !mkdir(d->target, 0777))
		to = open(d->target, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (to < 0)
		return fail(d, NULL, err, "cannot create the directory: %s");
	for (size_t i = 0; i < d->n; i++) {
		if (renameat(d->fd, d->names[i], to, d->names[i])) {
			pf_status s = fail(d, d->names[i], err, "cannot write: %s");
			close(to);
			return s;
		}
	}
	fsync(to);
	close(to);
	return PF_OK;
}

pf_status pf_outdir_commit(pf_outdir *d, pf_error *err)
{
	char parent[PATH_MAX];
	bool inside;
	pf_status s = PF_OK;

	if (fsync(d->fd)) {
		s = fail(d, NULL, err, "cannot write: %s");
		goto out;
	}
	if (!swap_in(d)) {
		if (!place(d, parent, &inside))
			sync_dir(parent);
		close(d->fd);
		d->fd = -1;
		return PF_OK;
	}
	s = move_each(d, err);
out:
	pf_outdir_abort(d);
	return s;
}
