/* Report dispatch, shared JSON helpers and rendering: see include/portfolj/report.h. */
#include "report/report_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portfolj/effect.h"

static const char *const kind_names[PF_REPORT_COUNT] = {
    "quarter", "committee", "initiative", "priority", "roadmap", "traceability", "benefits",
};
static const char *const format_names[PF_FORMAT_COUNT] = {"table", "json", "csv",
                                                          "md",    "html", "xlsx"};

int pf_report_kind_parse(const char *s)
{
	for (int i = 0; i < PF_REPORT_COUNT; i++)
		if (!strcmp(s, kind_names[i]))
			return i;
	return -1;
}

const char *pf_report_kind_name(pf_report_kind k)
{
	return (unsigned)k < PF_REPORT_COUNT ? kind_names[k] : "?";
}

int pf_format_parse(const char *s)
{
	for (int i = 0; i < PF_FORMAT_COUNT; i++)
		if (!strcmp(s, format_names[i]))
			return i;
	return -1;
}

json_t *pf_json_text(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;

	return j ? j : json_null();
}

json_t *pf_json_light(pf_light l)
{
	return l < PF_LIGHT_COUNT ? json_string(pf_word(PF_WORDS_LIGHT, l)) : json_null();
}

json_t *pf_json_fraction(bool has, double v)
{
	return has ? json_real(pf_round4(v)) : json_null();
}

json_t *pf_json_period(pf_period p)
{
	char buf[PF_PERIOD_BUF];

	pf_period_format(p, buf);
	return json_string(buf);
}

void pf_json_staleness(json_t *o, const pf_ind_eval *e)
{
	json_object_set_new(o, "last_measured", e->measured ? pf_json_period(e->at) : json_null());
	json_object_set_new(o, "stale", json_boolean(e->measured && e->stale));
}

json_t *pf_json_column(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(st, i));
	case SQLITE_FLOAT:
		return json_real(sqlite3_column_double(st, i));
	case SQLITE_TEXT:
		return pf_json_text(pf_col_text(st, i));
	default:
		return json_null();
	}
}

json_t *pf_json_realisation(const pf_agg *a)
{
	double r = 0;
	bool has = pf_agg_realisation(a, &r);

	return pf_json_fraction(has, r);
}

pf_status pf_query_rows_reset(pf_db *db, sqlite3_stmt *st, pf_error *err,
                              pf_status (*row)(sqlite3_stmt *st, void *ctx), void *ctx)
{
	pf_status s = PF_OK;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((s = row(st, ctx)))
			break;
	if (!s && rc != SQLITE_DONE)
		s = pf_db_fail(db, rc, err, "reading a report");
	sqlite3_reset(st);
	return s;
}

pf_status pf_query_rows(pf_db *db, sqlite3_stmt *st, pf_error *err,
                        pf_status (*row)(sqlite3_stmt *st, void *ctx), void *ctx)
{
	pf_status s = pf_query_rows_reset(db, st, err, row, ctx);

	sqlite3_finalize(st);
	return s;
}

static const pf_report_builder builders[PF_REPORT_COUNT] = {
    pf_build_quarter, pf_build_committee,    pf_build_initiative, pf_build_priority,
    pf_build_roadmap, pf_build_traceability, pf_build_benefits,
};

/* Every figure of one report comes from one snapshot of the database. */
static pf_status build(pf_db *db, pf_report_kind kind, const pf_report_opts *opts, json_t **doc,
                       pf_error *err)
{
	pf_status st = pf_db_exec(db, "BEGIN", err);

	if (st)
		return st;
	st = builders[kind](db, opts, doc, err);
	pf_db_exec(db, "COMMIT", NULL);
	return st;
}

/* The same report from the database as it stood at the moment, which the JSON then names. */
static pf_status build_as_of(pf_db *db, pf_report_kind kind, const pf_report_opts *opts,
                             json_t **doc, pf_error *err)
{
	pf_db *past = NULL;
	pf_status st = pf_db_snapshot(db, opts->as_of_utc, &past, err);

	if (st)
		return st;
	st = build(past, kind, opts, doc, err);
	pf_db_close(past);
	if (st)
		return st;
	/*
	 * "as_of" comes first: without its line the text is, byte for byte, the
	 * report printed at that moment.
	 */
	json_t *with = json_pack("{s:s}", "as_of", opts->as_of);
	if (!with || json_object_update(with, *doc)) {
		json_decref(with);
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	}
	json_decref(*doc);
	*doc = with;
	return PF_OK;
}

/* Reads the digits of a field of exactly n digits at s into *v; false otherwise. */
static bool digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

bool pf_moment_parse(const char *s, char out[20])
{
	int h = 23, m = 59, sec = 59;
	size_t n = s ? strlen(s) : 0;
	pf_date d;
	char date[11];

	if (n < 10)
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!pf_date_parse(date, &d) || (n > 10 && s[10] != 'T' && s[10] != ' '))
		return false;
	if (n > 10 && (n != 16 && n != 19))
		return false;
	if (n >= 16 && (!digits(s + 11, 2, &h) || s[13] != ':' || !digits(s + 14, 2, &m)))
		return false;
	if (n == 19 && (s[16] != ':' || !digits(s + 17, 2, &sec)))
		return false;
	if (h > 23 || m > 59 || sec > 59)
		return false;
	pf_date_format(d, date);
	snprintf(out, 20, "%sT%02d:%02d:%02d", date, h, m, sec);
	return true;
}

pf_status pf_report_build(pf_report **out, pf_db *db, pf_report_kind kind,
                          const pf_report_opts *opts, pf_error *err)
{
	pf_report *r;
	pf_status st;

	*out = NULL;
	if ((unsigned)kind >= PF_REPORT_COUNT)
		return pf_error_set(err, PF_EUSAGE, "no such report");
	if (!(r = calloc(1, sizeof(*r))))
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	r->kind = kind;
	r->opts = *opts;
	st = opts->as_of_utc ? build_as_of(db, kind, opts, &r->doc, err)
	                     : build(db, kind, opts, &r->doc, err);
	if (st) {
		pf_report_free(r);
		return st;
	}
	*out = r;
	return PF_OK;
}

static pf_status render_json(const pf_report *r, char **out, size_t *len, pf_error *err)
{
	char *s = json_dumps(r->doc, JSON_INDENT(1) | JSON_REAL_PRECISION(10));

	if (!s)
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	size_t n = strlen(s);
	char *t = realloc(s, n + 2);
	if (!t) {
		free(s);
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	}
	t[n] = '\n';
	t[n + 1] = '\0';
	*out = t;
	*len = n + 1;
	return PF_OK;
}

pf_status pf_report_render(const pf_report *r, pf_format fmt, const pf_render_opts *opts,
                           char **out, size_t *len, pf_error *err)
{
	pf_render_opts none = {false, PF_LANG_SV};

	*out = NULL;
	*len = 0;
	if (!opts)
		opts = &none;
	switch (fmt) {
	case PF_FORMAT_JSON:
		return render_json(r, out, len, err);
	case PF_FORMAT_TABLE:
		return pf_render_table(r, opts, out, len, err);
	case PF_FORMAT_CSV:
		return pf_render_csv(r, opts, out, len, err);
	case PF_FORMAT_MD:
		return pf_render_md(r, opts, out, len, err);
	case PF_FORMAT_HTML:
		return pf_render_html(r, opts, out, len, err);
	case PF_FORMAT_XLSX:
		return pf_render_xlsx(r, opts, out, len, err);
	default:
		return pf_error_set(err, PF_EUSAGE, "unknown format");
	}
}

void pf_report_free(pf_report *r)
{
	if (!r)
		return;
	json_decref(r->doc);
	free(r);
}
