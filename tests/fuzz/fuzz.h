/*
 * Helpers shared by the libFuzzer targets (tests/fuzz/fuzz_*.c): reading every
 * record of the units a reader gives, and checks of what the readers promise.
 * A broken promise calls abort(), which libFuzzer reports as a crash and saves.
 */
#ifndef PF_TESTS_FUZZ_H
#define PF_TESTS_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "portfolj/error.h"
#include "importers/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message: libFuzzer saves the input that did it. */
static inline void pf_fuzz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz check failed: %s%s%s\n", what, detail ? ": " : "",
	        detail ? detail : "");
	abort();
}

static char pf_fuzz_path[4096];

static inline void pf_fuzz_remove_file(void)
{
	unlink(pf_fuzz_path);
}

/*
 * For readers that take a path: writes the input to a temporary file of this
 * process (made on first use under $TMPDIR or /tmp, named with suffix, removed
 * at exit) and returns its path. Aborts if the file cannot be written.
 */
static inline const char *pf_fuzz_write_file(const char *suffix, const uint8_t *data, size_t size)
{
	static int fd = -1;
	const char *dir = getenv("TMPDIR");
	size_t done = 0;

	if (fd < 0) {
		snprintf(pf_fuzz_path, sizeof(pf_fuzz_path), "%s/pf-fuzz-XXXXXX%s",
		         dir && *dir ? dir : "/tmp", suffix);
		if ((fd = mkstemps(pf_fuzz_path, (int)strlen(suffix))) < 0)
			pf_fuzz_fail("cannot make a temporary file", pf_fuzz_path);
		atexit(pf_fuzz_remove_file);
	}
	if (ftruncate(fd, 0) < 0)
		pf_fuzz_fail("cannot truncate the temporary file", pf_fuzz_path);
	while (done < size) {
		ssize_t w = pwrite(fd, data + done, size - done, (off_t)done);
		if (w <= 0)
			pf_fuzz_fail("cannot write the temporary file", pf_fuzz_path);
		done += (size_t)w;
	}
	return pf_fuzz_path;
}

/* True when s[0..n) is valid UTF-8 (no overlongs, no surrogates, at most U+10FFFF). */
static inline int pf_fuzz_utf8_ok(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned char c = p[i];
		size_t need;
		unsigned char lo = 0x80, hi = 0xBF;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0;
			if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90;
			if (c == 0xF4)
				hi = 0x8F;
		} else
			return 0;
		if (n - i <= need)
			return 0;
		for (size_t k = 1; k <= need; k++) {
			unsigned char d = p[i + k];
			if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xBF))
				return 0;
		}
		i += need + 1;
	}
	return 1;
}

/*
 * Every diagnostic has a message; touching each byte lets ASan see a bad
 * pointer. With PF_FUZZ_VERBOSE set in the environment the diagnostics are
 * printed, to see what a reproduced input does.
 */
static inline void pf_fuzz_check_error(const pf_error *err)
{
	static int verbose = -1;

	if (verbose < 0)
		verbose = getenv("PF_FUZZ_VERBOSE") != NULL;
	if (err->count > err->cap || err->count > err->errors + err->warnings + err->notes)
		pf_fuzz_fail("pf_error counts", NULL);
	for (size_t i = 0; i < err->count; i++) {
		const pf_diag *d = &err->diags[i];
		if (!d->message)
			pf_fuzz_fail("a diagnostic without a message", d->where);
		if (d->where)
			(void)strlen(d->where);
		(void)strlen(d->message);
		if (verbose)
			fprintf(stderr, "%s%s%s: %s\n", d->where ? d->where : "",
			        d->where ? ": " : "",
			        d->severity == PF_SEV_ERROR ? "error" : "warning", d->message);
	}
}

/* A record's texts are NUL-terminated UTF-8, and its positions can be written. */
static inline void pf_fuzz_check_record(const pf_record *rec)
{
	char pos[256];

	if (rec->kind < 0 || rec->kind >= PF_KIND_COUNT)
		pf_fuzz_fail("a record of no kind", NULL);
	pf_record_pos(rec, -1, pos, sizeof(pos));
	for (int f = 0; f < PF_FIELDS_MAX; f++) {
		if (!rec->val[f])
			continue;
		if (!pf_fuzz_utf8_ok(rec->val[f], strlen(rec->val[f])))
			pf_fuzz_fail("a record's text is not UTF-8", rec->val[f]);
		pf_record_pos(rec, f, pos, sizeof(pos));
		if (strlen(pos) >= sizeof(pos))
			pf_fuzz_fail("pf_record_pos overran", NULL);
	}
}

/*
 * Reads every record of every unit until PF_END or an error, then frees the
 * units and the array (as the loader does). A unit that neither ends nor
 * fails is a hang, which libFuzzer's -timeout catches.
 */
static inline void pf_fuzz_drain(pf_unit **units, size_t n, pf_error *err)
{
	for (size_t i = 0; i < n; i++) {
		pf_unit *u = units[i];
		pf_record rec;
		pf_status st;

		if (!u || !u->next || !u->free)
			pf_fuzz_fail("a unit without its functions", NULL);
		if (u->kind < 0 || u->kind >= PF_KIND_COUNT)
			pf_fuzz_fail("a unit of no kind", u->source);
		while ((st = u->next(u, &rec, err)) == PF_OK)
			pf_fuzz_check_record(&rec);
		if (st != PF_END && err->errors == 0)
			pf_fuzz_fail("a unit failed without recording an error", u->source);
	}
	for (size_t i = 0; i < n; i++)
		units[i]->free(units[i]);
	free(units);
}

#endif
