/*
 * Stored rows as JSON, one at a time (include/portfolj/rows.h), the data
 * version and the actor of the writes. The rows of most kinds are read as
 * the export reads them (src/export.c); follow-ups and measurements, whose
 * keys hold a period, by the two queries here.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite/db_internal.h"
#include "export/export_internal.h"
#include "portfolj/rows.h"
#include "portfolj/value.h"

/* One follow-up or measurement by its key (?1 the id, ?2 the period), fields in kind order. */
static const char followup_sql[] =
    "SELECT n.id, f.period, f.assessment, f.status, f.expected_effects, f.comment, "
    "f.reported_by FROM followups f JOIN initiatives n ON n.pk = f.initiative "
    "WHERE n.id = ?1 AND f.period = ?2";
static const char measurement_sql[] =
    "SELECT i.id, m.period, m.value, m.comment FROM indicators i "
    "JOIN measurements m ON m.key BETWEEN i.pk << 16 AND (i.pk << 16 | 65535) "
    "WHERE i.id = ?1 AND m.period = ?2";

/* A value as the export's JSON gives it, from the text the sheets would hold. */
static json_t *text_json(const char *s, const pf_field *f)
{
	if (!s)
		return json_null();
	switch (f->type) {
	case PF_T_BOOL:
		return json_boolean(!strcmp(s, "true"));
	case PF_T_INTEGER:
	case PF_T_MONEY:
		return json_integer(strtoll(s, NULL, 10));
	case PF_T_NUMBER:
		return strchr(s, '.') ? json_real(strtod(s, NULL))
		                      : json_integer(strtoll(s, NULL, 10));
	default:
		return json_string(s);
	}
}

static json_t *texts_object(char *const *texts, const pf_field *fields, size_t n)
{
	json_t *o = json_object();

	for (size_t c = 0; o && c < n; c++)
		json_object_set_new(o, fields[c].en, text_json(texts[c], &fields[c]));
	return o;
}

static pf_status dump(json_t *v, char **out, size_t *len, pf_error *err)
{
	char *text = v ? json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;

	json_decref(v);
	if (!text)
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	*out = text;
	*len = strlen(text);
	return PF_OK;
}

/* A follow-up's or measurement's texts, by the id and period of key. */
static pf_status period_row_texts(pf_db *db, pf_kind k, const char *const *key,
                                  char *texts[PF_FIELDS_MAX], pf_error *err)
{
	size_t n;
	const pf_field *fields = pf_kind_fields(k, &n);
	sqlite3_stmt *st = NULL;
	pf_period p;
	char buf[64];
	pf_status s;
	int rc;

	memset(texts, 0, PF_FIELDS_MAX * sizeof(*texts));
	if (!pf_period_parse(key[1], &p))
		return PF_ENOTFOUND;
	if ((s = pf_db_prepare(db, &st, k == PF_KIND_FOLLOWUPS ? followup_sql : measurement_sql,
	                       err)))
		return s;
	pf_bind_text(st, 1, key[0]);
	sqlite3_bind_int(st, 2, p);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (size_t c = 0; !s && c < n; c++) {
			const char *t =
			    pf_export_cell_text(st, (int)c, &fields[c], buf, sizeof(buf));
			if (t && !(texts[c] = strdup(t)))
				s = pf_error_set(err, PF_ENOMEM, "out of memory");
		}
	} else {
		s = rc == SQLITE_DONE ? PF_ENOTFOUND : pf_db_fail(db, rc, err, "reading a row");
	}
	sqlite3_finalize(st);
	return s;
}

pf_status pf_row_json(pf_db *db, pf_kind k, const char *const *key, char **out, size_t *len,
                      pf_error *err)
{
	char *texts[PF_FIELDS_MAX] = {NULL};
	size_t n;
	const pf_field *fields = pf_kind_fields(k, &n);
	pf_status s;

	*out = NULL;
	if (k == PF_KIND_FOLLOWUPS || k == PF_KIND_MEASUREMENTS) {
		s = period_row_texts(db, k, key, texts, err);
	} else if (k == PF_KIND_PRIORITIES || (unsigned)k >= PF_KIND_COUNT) {
		return pf_error_set(err, PF_EUSAGE, "rows of %s are not read one by one",
		                    pf_kind_name(k));
	} else {
		/* Its PF_ENOTFOUND records nothing, as here. */
		s = pf_export_row_texts(db, k, key, texts, err);
	}
	if (!s)
		s = dump(texts_object(texts, fields, n), out, len, err);
	for (size_t c = 0; c < PF_FIELDS_MAX; c++)
		free(texts[c]);
	return s;
}

static pf_status list_row(void *ctx, sqlite3_stmt *st, const pf_field *fields, size_t n)
{
	char *texts[PF_FIELDS_MAX] = {NULL}, buf[64];
	pf_status s = PF_OK;

	for (size_t c = 0; !s && c < n; c++) {
		const char *t = pf_export_cell_text(st, (int)c, &fields[c], buf, sizeof(buf));
		if (t && !(texts[c] = strdup(t)))
			s = PF_ENOMEM;
	}
	if (!s && json_array_append_new(ctx, texts_object(texts, fields, n)))
		s = PF_ENOMEM;
	for (size_t c = 0; c < n; c++)
		free(texts[c]);
	return s;
}

pf_status pf_rows_json(pf_db *db, pf_kind k, char **out, size_t *len, pf_error *err)
{
	json_t *doc = json_object(), *list = json_array();
	pf_status s;

	*out = NULL;
	if (!doc || !list || json_object_set_new(doc, pf_kind_name(k), list)) {
		json_decref(doc);
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	}
	if ((s = pf_db_exec(db, "BEGIN", err)) == PF_OK) {
		s = pf_export_rows(db, k, list_row, list, err);
		pf_db_exec(db, "COMMIT", NULL);
	}
	if (s == PF_ENOMEM && err->errors == 0)
		pf_error_set(err, s, "out of memory");
	if (s) {
		json_decref(doc);
		return s;
	}
	return dump(doc, out, len, err);
}

pf_status pf_db_data_version(pf_db *db, int64_t *out, pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s = pf_db_prepare(db, &st, "SELECT coalesce(max(pk), 0) FROM runs", err);
	int rc;

	if (s)
		return s;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? PF_OK : pf_db_fail(db, rc, err, "reading the runs");
}

pf_status pf_db_set_actor(pf_db *db, const char *actor, pf_error *err)
{
	char *a = actor ? strdup(actor) : NULL;

	if (actor && !a)
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	free(db->actor);
	db->actor = a;
	return PF_OK;
}
