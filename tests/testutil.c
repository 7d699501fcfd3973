#include "testutil.h"

#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "portfolj/db.h"
#include "portfolj/import.h"

char *pf_test_mkdtemp(void)
{
	const char *tmp = getenv("TMPDIR");
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s/pftest.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(buf))
		return NULL;
	return strdup(buf);
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void pf_test_rmdir(char *dir)
{
	if (dir)
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

char *pf_test_write(const char *dir, const char *name, const void *data, size_t len)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	snprintf(path, n, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f) {
		free(path);
		return NULL;
	}
	fwrite(data, 1, len, f);
	fclose(f);
	return path;
}

char *pf_test_write_str(const char *dir, const char *name, const char *text)
{
	return pf_test_write(dir, name, text, strlen(text));
}

char *pf_test_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
		}
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

struct pf_db *pf_test_load(const char *dir, const struct pf_test_sheet *sheets, size_t n)
{
	char *path = pf_test_write_str(dir, "p.db", "");
	pf_db *db = NULL;
	pf_import *imp = NULL;
	pf_import_summary sum;
	pf_error err;
	pf_status st;

	pf_error_init(&err);
	st = path ? pf_db_open(&db, path, NULL, &err) : PF_EENV;
	free(path);
	if (!st)
		st = pf_import_new(&imp, db, NULL, &err);
	for (size_t i = 0; !st && i < n; i++) {
		path = pf_test_write_str(dir, sheets[i].name, sheets[i].text);
		st = path ? pf_import_add(imp, path, &err) : PF_EENV;
		free(path);
	}
	if (!st)
		st = pf_import_run(imp, &sum, &err);
	pf_import_free(imp);
	for (size_t i = 0; i < err.count; i++)
		fprintf(stderr, "%s: %s\n", err.diags[i].where ? err.diags[i].where : "",
		        err.diags[i].message);
	pf_error_clear(&err);
	if (st) {
		pf_db_close(db);
		return NULL;
	}
	return db;
}

void pf_test_error_init(pf_error *e)
{
	pf_error_init(e);
	e->lang = PF_LANG_EN;
}

/* The conversions of a printf format, in order ("%zu%lld" for "År %zu (%lld)"); "%%" is text. */
void pf_test_conversions(const char *fmt, char *out, size_t n)
{
	size_t j = 0;

	for (const char *p = fmt; *p && j + 1 < n; p++) {
		if (*p != '%')
			continue;
		if (p[1] == '%') {
			p++;
			continue;
		}
		out[j++] = *p++;
		while (*p && j + 1 < n && !strchr("diouxXeEfFgGaAcspn", *p))
			out[j++] = *p++;
		if (*p && j + 1 < n)
			out[j++] = *p;
		if (!*p)
			break;
	}
	out[j] = '\0';
}

/* Reads adjacent C string literals at *p ("a" "b" across lines) into one; NULL if none. */
char *pf_test_c_literal(const char **p)
{
	const char *s = *p;
	char *out = malloc(strlen(s) + 1), *d = out;
	bool found = false;

	if (!out)
		abort();
	for (;;) {
		s += strspn(s, " \t\n");
		if (*s != '"')
			break;
		found = true;
		for (s++; *s && *s != '"'; s++) {
			if (*s == '\\' && s[1]) {
				s++;
				*d++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
			} else {
				*d++ = *s;
			}
		}
		if (*s != '"')
			abort(); /* a literal never closed: the scanner read something else */
		s++;
	}
	*d = '\0';
	*p = s;
	if (!found) {
		free(out);
		return NULL;
	}
	return out;
}
