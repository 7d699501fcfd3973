/*
 * What every reader shares about records (see record.h): trimming, the
 * position of a field in its source, the headings of a kind, dates read as
 * their quarter, and the records of a command line.
 */
#include "importers/record.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portfolj/value.h"
#include "util/suggest.h"

char *pf_trim(char *s)
{
	char *e;

	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
			s += 2;
		else
			break;
	}
	e = s + strlen(s);
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
			e--;
		else if (e - s >= 2 && (unsigned char)e[-2] == 0xC2 && (unsigned char)e[-1] == 0xA0)
			e -= 2;
		else
			break;
	}
	*e = '\0';
	return *s ? s : NULL;
}

static void column_letters(int col, char *buf, size_t n)
{
	char tmp[8];
	int i = 0;

	for (; col > 0 && i < 7; col = (col - 1) / 26)
		tmp[i++] = (char)('A' + (col - 1) % 26);
	size_t j = 0;
	while (i > 0 && j + 1 < n)
		buf[j++] = tmp[--i];
	buf[j] = '\0';
}

void pf_record_pos(const pf_record *r, int f, char *buf, size_t n)
{
	int col = f >= 0 ? r->col[f] : 0;
	char letters[8];
	size_t nf;
	const pf_field *fields = pf_kind_fields(r->kind, &nf);

	switch (r->style) {
	case PF_LOC_LINECOL:
		/* FORMATS.md always gives a column: a record-level error points at the first. */
		snprintf(buf, n, "%ld:%d", r->line, col > 0 ? col : 1);
		break;
	case PF_LOC_CELL:
		column_letters(col > 0 ? col : 1, letters, sizeof(letters));
		snprintf(buf, n, "%s!%s%ld", r->sheet ? r->sheet : "", letters, r->line);
		break;
	case PF_LOC_INDEX:
		if (f >= 0)
			snprintf(buf, n, "%s[%ld].%s", pf_kind_name(r->kind), r->line,
			         fields[f].en);
		else
			snprintf(buf, n, "%s[%ld]", pf_kind_name(r->kind), r->line);
		break;
	case PF_LOC_OPTION:
		snprintf(buf, n, "%s", f >= 0 && r->opt && r->opt[f] ? r->opt[f] : "");
		break;
	}
}

bool pf_near_heading(pf_kind kind, const char *heading, const int *map, size_t ncols, char *out,
                     size_t n)
{
	size_t nf;
	const pf_field *fields = pf_kind_fields(kind, &nf);
	const char *best;
	bool found = false;
	pf_suggest s;

	pf_suggest_init(&s, heading);
	for (size_t f = 0; f < nf; f++) {
		bool taken = false;
		for (size_t c = 0; c < ncols && !taken; c++)
			taken = map[c] == (int)f;
		if (!taken) {
			pf_suggest_add(&s, fields[f].sv);
			pf_suggest_add(&s, fields[f].en);
		}
	}
	if ((best = pf_suggest_best(&s)) && strlen(best) < n) {
		memcpy(out, best, strlen(best) + 1);
		found = true;
	}
	pf_suggest_free(&s);
	return found;
}

bool pf_date_text_period(const char *s, char buf[PF_PERIOD_BUF])
{
	char day[11];
	pf_date d;

	if (strnlen(s, 11) < 10 || (s[10] && s[10] != 'T' && s[10] != 't' && s[10] != ' '))
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!pf_date_parse(day, &d))
		return false;
	pf_period_format(pf_period_of_date(d), buf);
	return true;
}

struct fields_unit {
	pf_unit base;
	bool done;
	unsigned has; /* the fields named: see pf_record.has */
	char *val[PF_FIELDS_MAX];
	char *opt[PF_FIELDS_MAX];
};

static pf_status fields_next(pf_unit *u, pf_record *rec, pf_error *err)
{
	struct fields_unit *fu = (struct fields_unit *)u;

	(void)err;
	if (fu->done)
		return PF_END;
	fu->done = true;
	memset(rec, 0, sizeof(*rec));
	rec->kind = u->kind;
	rec->style = PF_LOC_OPTION;
	rec->source = u->source;
	rec->opt = (const char *const *)fu->opt;
	rec->head = rec->opt; /* the position names the option already: no prefix */
	rec->has = fu->has;
	for (int f = 0; f < PF_FIELDS_MAX; f++)
		rec->val[f] = fu->val[f] ? pf_trim(fu->val[f]) : NULL;
	return PF_OK;
}

static void fields_free(pf_unit *u)
{
	struct fields_unit *fu = (struct fields_unit *)u;

	for (int f = 0; f < PF_FIELDS_MAX; f++) {
		free(fu->val[f]);
		free(fu->opt[f]);
	}
	free(u->source);
	free(fu);
}

void pf_unit_fields_give(pf_unit *u, unsigned has)
{
	((struct fields_unit *)u)->has &= has;
}

pf_status pf_unit_fields_new(pf_unit **out, pf_kind kind, const char *source,
                             const char *const *names, const char *const *values,
                             const char *const *options, size_t n, pf_error *err)
{
	struct fields_unit *fu = calloc(1, sizeof(*fu));

	*out = NULL;
	if (!fu || !(fu->base.source = strdup(source)))
		goto nomem;
	fu->base.kind = kind;
	fu->base.next = fields_next;
	fu->base.free = fields_free;
	for (size_t i = 0; i < n; i++) {
		int f = pf_kind_field(kind, names[i]);
		if (f < 0) {
			fields_free(&fu->base);
			return pf_error_set(err, PF_EUSAGE, "no field \"%s\" in %s", names[i],
			                    pf_kind_name(kind));
		}
		fu->has |= 1u << f;
		if (values[i] && !(fu->val[f] = strdup(values[i])))
			goto nomem;
		if (options && options[i] && !(fu->opt[f] = strdup(options[i])))
			goto nomem;
	}
	*out = &fu->base;
	return PF_OK;
nomem:
	if (fu)
		fields_free(&fu->base);
	return pf_error_set(err, PF_ENOMEM, "out of memory");
}
