/*
 * Export: every kind read back from the database in field order and a stable
 * row order, written as JSON or CSV (see include/portfolj/export.h).
 */
#include "portfolj/export.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/sqlite/db_internal.h"
#include "export/export_internal.h"
#include "util/outdir.h"
#include "portfolj/kinds.h"
#include "portfolj/value.h"

/* One query per kind: its fields in the order of pf_kind_fields, rows in key order. */
static const char *const kind_sql[PF_KIND_COUNT] = {
    [PF_KIND_INITIATIVES] =
        "SELECT id, title, committee, unit, description, category, status, innovative, "
        "cross_cutting, project_manager, benefit_owner, start, end, budget, it_hours "
        "FROM initiatives ORDER BY id",
    [PF_KIND_EFFECTS] =
        "SELECT i.id, n.id, i.name, i.goal, i.unit, i.direction, i.baseline, i.baseline_date, "
        "i.target, i.target_date, i.method, i.frequency, i.owner, i.weight, i.benefit_type, "
        "i.benefit_sek "
        "FROM indicators i JOIN initiatives n ON n.pk = i.initiative ORDER BY i.id",
    /* An indicator's values are the keys from its pk << 16 on (see src/store/sqlite/schema/001_init.sql). */
    [PF_KIND_MEASUREMENTS] =
        "SELECT i.id, m.period, m.value, m.comment FROM indicators i "
        "JOIN measurements m ON m.key BETWEEN i.pk << 16 AND (i.pk << 16 | 65535) "
        "ORDER BY i.id, m.key",
    [PF_KIND_FOLLOWUPS] =
        "SELECT n.id, f.period, f.assessment, f.status, f.expected_effects, f.comment, "
        "f.reported_by FROM followups f JOIN initiatives n ON n.pk = f.initiative "
        "ORDER BY n.id, f.period",
    [PF_KIND_PRIORITIES] =
        "SELECT p.period, p.rank, n.id, p.decided_by, p.decision_date FROM priorities p "
        "JOIN initiatives n ON n.pk = p.initiative ORDER BY p.period, p.rank",
    [PF_KIND_ROADMAPS] =
        "SELECT v.roadmap, v.version, v.unit, v.committee, v.date, n.id, r.horizon, "
        "v.first_year, v.decided_by, r.comment FROM roadmap_items r "
        "JOIN roadmap_versions v ON v.pk = r.version JOIN initiatives n ON n.pk = r.initiative "
        "ORDER BY v.roadmap, v.date, v.version, n.id",
    [PF_KIND_DECISIONS] =
        "SELECT d.id, d.body, d.date, d.type, d.title, n.id, v.roadmap, v.version, d.protocol, "
        "d.comment FROM decisions d LEFT JOIN initiatives n ON n.pk = d.initiative "
        "LEFT JOIN roadmap_versions v ON v.pk = d.roadmap_version ORDER BY d.id",
};

/* The condition that picks one row out of kind_sql, by the key's texts ?1, ?2, ?3. */
static const char *const key_where[PF_KIND_COUNT] = {
    [PF_KIND_INITIATIVES] = " WHERE id = ?1",
    [PF_KIND_EFFECTS] = " WHERE i.id = ?1",
    [PF_KIND_ROADMAPS] = " WHERE v.roadmap = ?1 AND v.version = ?2 AND n.id = ?3",
    [PF_KIND_DECISIONS] = " WHERE d.id = ?1",
};

/*
 * A number as plain decimal text that reads back to the same text: 15
 * significant digits (every such text survives text -> double -> text), and
 * never an exponent, which the sheet number rule does not accept.
 */
static void number_text(double x, char *buf, size_t n)
{
	snprintf(buf, n, "%.15g", x);
	if (!strchr(buf, 'e'))
		return;
	int decimals = fabs(x) < 1 ? 15 - (int)floor(log10(fabs(x))) : 0;
	snprintf(buf, n, "%.*f", decimals > 40 ? 40 : decimals, x);
	if (strchr(buf, '.')) {
		char *e = buf + strlen(buf) - 1;
		while (*e == '0')
			*e-- = '\0';
		if (*e == '.')
			*e = '\0';
	}
}

/* A cell as text, or NULL when absent; periods and booleans in their sheet form. */
const char *pf_export_cell_text(sqlite3_stmt *st, int c, const pf_field *f, char *buf, size_t n)
{
	int t = sqlite3_column_type(st, c);

	if (t == SQLITE_NULL)
		return NULL;
	switch (f->type) {
	case PF_T_PERIOD:
		pf_period_format(sqlite3_column_int(st, c), buf);
		return buf;
	case PF_T_BOOL:
		return sqlite3_column_int(st, c) ? "true" : "false";
	case PF_T_NUMBER:
		number_text(sqlite3_column_double(st, c), buf, n);
		return buf;
	case PF_T_INTEGER:
	case PF_T_MONEY:
		snprintf(buf, n, "%lld", (long long)sqlite3_column_int64(st, c));
		return buf;
	default:
		return pf_col_text(st, c);
	}
}

static json_t *cell_json(sqlite3_stmt *st, int c, const pf_field *f)
{
	char buf[64];
	const char *s = pf_export_cell_text(st, c, f, buf, sizeof(buf));

	if (!s)
		return json_null();
	switch (f->type) {
	case PF_T_BOOL:
		return json_boolean(sqlite3_column_int(st, c));
	case PF_T_INTEGER:
	case PF_T_MONEY:
		return json_integer(sqlite3_column_int64(st, c));
	case PF_T_NUMBER:
		/* A JSON number written as our plain decimal text: integers stay integers. */
		return strchr(s, '.') ? json_real(strtod(s, NULL))
		                      : json_integer(strtoll(s, NULL, 10));
	default:
		return json_string(s);
	}
}

/* kind_sql[k] without its ORDER BY, with key_where[k]: a malloc'd text. */
static char *row_sql(pf_kind k)
{
	const char *order = strstr(kind_sql[k], " ORDER BY");
	size_t n = (size_t)(order - kind_sql[k]), w = strlen(key_where[k]);
	char *sql = malloc(n + w + 1);

	if (sql) {
		memcpy(sql, kind_sql[k], n);
		memcpy(sql + n, key_where[k], w + 1);
	}
	return sql;
}

static pf_status row_texts(sqlite3_stmt *st, const pf_field *fields, size_t n,
                           char *texts[PF_FIELDS_MAX])
{
	char buf[64];

	for (size_t c = 0; c < n; c++) {
		const char *s = pf_export_cell_text(st, (int)c, &fields[c], buf, sizeof(buf));
		if (s && !(texts[c] = strdup(s)))
			return PF_ENOMEM;
	}
	return PF_OK;
}

pf_status pf_export_row_texts(pf_db *db, pf_kind k, const char *const *key,
                              char *texts[PF_FIELDS_MAX], pf_error *err)
{
	size_t n;
	const pf_field *fields = pf_kind_fields(k, &n);
	sqlite3_stmt *st = NULL;
	char *sql = (unsigned)k < PF_KIND_COUNT && key_where[k] ? row_sql(k) : NULL;
	pf_status s;
	int rc;

	memset(texts, 0, PF_FIELDS_MAX * sizeof(*texts));
	if ((unsigned)k >= PF_KIND_COUNT || !key_where[k])
		return pf_error_set(err, PF_EUSAGE, "rows of %s are not changed one by one",
		                    pf_kind_name(k));
	if (!sql)
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	s = pf_db_prepare(db, &st, sql, err);
	for (int i = 0; !s && i < (k == PF_KIND_ROADMAPS ? 3 : 1); i++)
		pf_bind_text(st, i + 1, key[i]);
	if (!s && (rc = sqlite3_step(st)) == SQLITE_ROW)
		s = row_texts(st, fields, n, texts);
	else if (!s)
		s = rc == SQLITE_DONE ? PF_ENOTFOUND : pf_db_fail(db, rc, err, "reading a row");
	if (s == PF_ENOMEM)
		pf_error_set(err, s, "out of memory");
	sqlite3_finalize(st);
	free(sql);
	return s;
}

pf_status pf_export_rows(pf_db *db, pf_kind k, pf_export_row_fn fn, void *ctx, pf_error *err)
{
	size_t n;
	const pf_field *fields = pf_kind_fields(k, &n);
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, kind_sql[k], err);
	int rc;

	while (!s && (rc = sqlite3_step(st)) == SQLITE_ROW)
		s = fn(ctx, st, fields, n);
	if (!s && rc != SQLITE_DONE)
		s = pf_db_fail(db, rc, err, "exporting");
	sqlite3_finalize(st);
	return s;
}

static pf_status json_row(void *ctx, sqlite3_stmt *st, const pf_field *fields, size_t n)
{
	json_t *o = json_object();

	for (size_t c = 0; c < n; c++)
		json_object_set_new(o, fields[c].en, cell_json(st, (int)c, &fields[c]));
	return json_array_append_new(ctx, o) ? PF_ENOMEM : PF_OK;
}

pf_status pf_export_json(pf_db *db, char **out, size_t *len, pf_error *err)
{
	json_t *doc = json_object();
	pf_status s = pf_db_exec(db, "BEGIN", err);

	for (int k = 0; !s && k < PF_KIND_COUNT; k++) {
		json_t *list = json_array();
		json_object_set_new(doc, pf_kind_name(k), list);
		s = pf_export_rows(db, k, json_row, list, err);
	}
	pf_db_exec(db, "COMMIT", NULL);
	if (!s) {
		char *text = json_dumps(doc, JSON_INDENT(1) | JSON_REAL_PRECISION(15));
		size_t n = text ? strlen(text) : 0;
		char *t = text ? realloc(text, n + 2) : NULL;
		if (!t) {
			free(text);
			s = pf_error_set(err, PF_ENOMEM, "out of memory");
		} else {
			memcpy(t + n, "\n", 2);
			*out = t;
			*len = n + 1;
		}
	}
	json_decref(doc);
	return s;
}

/* A CSV file being written, and how. */
struct csv_out {
	FILE *f;
	pf_csv_flavour flavour;
	char delim;
	const char *eol;
	int write_errno; /* why the first write failed, or 0 */
};

/* Writes s, after the mark of FORMATS.md's "Formulas" rule when mark is set. */
static void csv_field(const struct csv_out *o, const char *s, bool mark)
{
	const char special[] = {o->delim, '"', '\r', '\n', '\0'};

	if (!s)
		return;
	if (!strpbrk(s, special)) {
		fputs(mark ? "'" : "", o->f);
		fputs(s, o->f);
		return;
	}
	fputs(mark ? "\"'" : "\"", o->f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', o->f);
		fputc(*s, o->f);
	}
	fputc('"', o->f);
}

/* A cell in the file's flavour: Swedish Excel reads 12,5 as a number, and ja/nej. */
static const char *csv_cell(const struct csv_out *o, sqlite3_stmt *st, int c, const pf_field *f,
                            char *buf, size_t n)
{
	const char *s = pf_export_cell_text(st, c, f, buf, n);
	char *dot;

	if (!s || o->flavour != PF_CSV_EXCEL)
		return s;
	if (f->type == PF_T_BOOL)
		return sqlite3_column_int(st, c) ? "ja" : "nej";
	if (f->type == PF_T_NUMBER && s == buf && (dot = strchr(buf, '.')))
		*dot = ',';
	return s;
}

static pf_status csv_row(void *ctx, sqlite3_stmt *st, const pf_field *fields, size_t n)
{
	struct csv_out *o = ctx;
	char buf[64];

	for (size_t c = 0; c < n; c++) {
		if (c)
			fputc(o->delim, o->f);
		const char *s = csv_cell(o, st, (int)c, &fields[c], buf, sizeof(buf));
		csv_field(o, s, s && pf_ftype_is_text(fields[c].type) && pf_formula_like(s));
	}
	fputs(o->eol, o->f);
	if (!ferror(o->f))
		return PF_OK;
	if (!o->write_errno)
		o->write_errno = errno ? errno : EIO;
	return PF_EENV;
}

static void csv_header(const struct csv_out *o, const pf_field *fields, size_t n)
{
	bool excel = o->flavour == PF_CSV_EXCEL;

	if (excel)
		fputs("\xEF\xBB\xBF", o->f);
	for (size_t c = 0; c < n; c++) {
		if (c)
			fputc(o->delim, o->f);
		fputs(excel ? fields[c].sv : fields[c].en, o->f);
	}
	fputs(o->eol, o->f);
}

/* Writes one kind's file into the new set. */
static pf_status csv_kind(pf_db *db, pf_outdir *d, pf_csv_flavour flavour, pf_kind k, pf_error *err)
{
	size_t n;
	const pf_field *fields = pf_kind_fields(k, &n);
	struct csv_out o = {NULL, flavour, flavour == PF_CSV_EXCEL ? ';' : ',',
	                    flavour == PF_CSV_EXCEL ? "\r\n" : "\n", 0};
	pf_status s;

	if (!(o.f = pf_outdir_open(d, (size_t)k)))
		return pf_outdir_close(d, (size_t)k, NULL, true, err);
	csv_header(&o, fields, n);
	s = pf_export_rows(db, k, csv_row, &o, err);
	/* A write error (a full disk, a file-size limit) is said naming the file. */
	if (s && !o.write_errno) {
		fclose(o.f);
		return s;
	}
	if (o.write_errno || ferror(o.f))
		errno = o.write_errno ? o.write_errno : EIO;
	return pf_outdir_close(d, (size_t)k, o.f, o.write_errno || ferror(o.f), err);
}

pf_status pf_export_csv(pf_db *db, const char *dir, pf_csv_flavour flavour, pf_error *err)
{
	char names[PF_KIND_COUNT][32];
	const char *list[PF_KIND_COUNT];
	pf_outdir d;
	pf_status s;

	for (int k = 0; k < PF_KIND_COUNT; k++) {
		snprintf(names[k], sizeof(names[k]), "%.24s.csv", pf_kind_name(k));
		list[k] = names[k];
	}
	if ((s = pf_outdir_begin(&d, dir, list, PF_KIND_COUNT, err)))
		return s;
	if ((s = pf_db_exec(db, "BEGIN", err))) {
		pf_outdir_abort(&d);
		return s;
	}
	for (int k = 0; !s && k < PF_KIND_COUNT; k++)
		s = csv_kind(db, &d, flavour, k, err);
	pf_db_exec(db, "COMMIT", NULL);
	if (s) {
		pf_outdir_abort(&d);
		return s;
	}
	return pf_outdir_commit(&d, err);
}
