/* Diagnostics list: see include/portfolj/error.h. */
#include "portfolj/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pf_error_init(pf_error *e)
{
	memset(e, 0, sizeof(*e));
	e->limit = PF_ERROR_KEEP;
}

void pf_error_clear(pf_error *e)
{
	size_t limit = e->limit;
	pf_lang lang = e->lang;

	for (size_t i = 0; i < e->count; i++) {
		free(e->diags[i].where);
		free(e->diags[i].message);
	}
	free(e->diags);
	for (size_t i = 0; i < e->nsecrets; i++)
		free(e->secrets[i]);
	free(e->secrets);
	pf_error_init(e);
	e->limit = limit;
	e->lang = lang;
}

static char *vformat(const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

#define MASK "***"

pf_status pf_error_secret(pf_error *e, const char *secret)
{
	if (!e || !secret || !*secret)
		return PF_OK;
	for (size_t i = 0; i < e->nsecrets; i++)
		if (!strcmp(e->secrets[i], secret))
			return PF_OK;
	char **grown = realloc(e->secrets, (e->nsecrets + 1) * sizeof(*grown));
	if (grown)
		e->secrets = grown;
	if (!grown || !(e->secrets[e->nsecrets] = strdup(secret)))
		return pf_error_set(e, PF_ENOMEM, "out of memory");
	e->nsecrets++;
	return PF_OK;
}

/* A copy of s with every occurrence of secret replaced by MASK. */
static char *mask_one(const char *s, const char *secret)
{
	size_t slen = strlen(secret), n = 0;

	for (const char *p = s; (p = strstr(p, secret)); p += slen)
		n++;
	char *out = malloc(strlen(s) - n * slen + n * strlen(MASK) + 1), *w = out;
	const char *p = s, *hit;

	if (!out)
		return NULL;
	while ((hit = strstr(p, secret))) {
		memcpy(w, p, (size_t)(hit - p));
		w += hit - p;
		memcpy(w, MASK, strlen(MASK));
		w += strlen(MASK);
		p = hit + slen;
	}
	strcpy(w, p);
	return out;
}

char *pf_error_masked(const pf_error *e, const char *s)
{
	char *out = strdup(s);

	for (size_t i = 0; out && e && i < e->nsecrets; i++) {
		char *next = mask_one(out, e->secrets[i]);
		free(out);
		out = next;
	}
	return out;
}

/* Replaces *s by its masked copy; frees it and leaves NULL when out of memory. */
static void mask_in_place(const pf_error *e, char **s)
{
	char *m;

	if (!*s || !e->nsecrets)
		return;
	m = pf_error_masked(e, *s);
	free(*s);
	*s = m;
}

static char *format_where(const char *source, const char *pos)
{
	if (!source && !pos)
		return NULL;
	size_t n = (source ? strlen(source) : 0) + (pos ? strlen(pos) : 0) + 2;
	char *s = malloc(n);
	if (!s)
		return NULL;
	if (source && pos)
		snprintf(s, n, "%s:%s", source, pos);
	else
		snprintf(s, n, "%s", source ? source : pos);
	return s;
}

/* Keeps the diagnostic if there is room; the totals always count it. */
static void add(pf_error *e, pf_severity sev, const char *source, const char *pos, const char *fmt,
                va_list ap)
{
	if (!e)
		return;
	if (sev == PF_SEV_ERROR)
		e->errors++;
	else if (sev == PF_SEV_WARNING)
		e->warnings++;
	else
		e->notes++;
	if (e->count >= (e->limit ? e->limit : PF_ERROR_KEEP))
		return;
	if (e->count == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 16;
		pf_diag *d = realloc(e->diags, cap * sizeof(*d));
		if (!d)
			return;
		e->diags = d;
		e->cap = cap;
	}
	pf_diag *d = &e->diags[e->count];
	d->severity = sev;
	d->where = format_where(source, pos);
	/* the catalogue keeps the conversions of fmt (tests/test_messages.c checks it) */
	d->message = vformat(pf_error_msg(e, fmt), ap);
	mask_in_place(e, &d->where);
	mask_in_place(e, &d->message);
	if (!d->message) {
		free(d->where);
		return;
	}
	e->count++;
}

static void line_col(char *buf, size_t n, long line, long col)
{
	if (line > 0 && col > 0)
		snprintf(buf, n, "%ld:%ld", line, col);
	else if (line > 0)
		snprintf(buf, n, "%ld", line);
	else
		buf[0] = '\0';
}

pf_status pf_error_at(pf_error *e, pf_status st, const char *source, long line, long col,
                      const char *fmt, ...)
{
	char pos[48];
	va_list ap;

	line_col(pos, sizeof(pos), line, col);
	va_start(ap, fmt);
	add(e, PF_SEV_ERROR, source, pos[0] ? pos : NULL, fmt, ap);
	va_end(ap);
	return st;
}

pf_status pf_error_pos(pf_error *e, pf_status st, const char *source, const char *pos,
                       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(e, PF_SEV_ERROR, source, pos, fmt, ap);
	va_end(ap);
	return st;
}

pf_status pf_error_set(pf_error *e, pf_status st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(e, PF_SEV_ERROR, NULL, NULL, fmt, ap);
	va_end(ap);
	return st;
}

void pf_warn_at(pf_error *e, const char *source, long line, long col, const char *fmt, ...)
{
	char pos[48];
	va_list ap;

	line_col(pos, sizeof(pos), line, col);
	va_start(ap, fmt);
	add(e, PF_SEV_WARNING, source, pos[0] ? pos : NULL, fmt, ap);
	va_end(ap);
}

void pf_warn_pos(pf_error *e, const char *source, const char *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(e, PF_SEV_WARNING, source, pos, fmt, ap);
	va_end(ap);
}

void pf_note_pos(pf_error *e, const char *source, const char *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(e, PF_SEV_NOTE, source, pos, fmt, ap);
	va_end(ap);
}

const char *pf_error_msg(const pf_error *e, const char *msgid)
{
	return pf_msg(e ? e->lang : PF_LANG_SV, msgid);
}
