/*
 * The import: sources in, one transaction, all or nothing. See
 * include/portfolj/import.h; the kinds' own rules are in load.c.
 */
#include "importers/load/loader.h"

#include <errno.h>

#include "importers/map/json_units.h"
#include "importers/read/json.h"
#include "importers/read/rest.h"
#include "importers/read/xlsx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

sqlite3_stmt *pf_stmt(pf_import *imp, sqlite3_stmt **slot, const char *sql)
{
	if (*slot) {
		sqlite3_reset(*slot);
		sqlite3_clear_bindings(*slot);
		return *slot;
	}
	if (pf_db_prepare(imp->db, slot, sql, imp->err))
		return NULL;
	return *slot;
}

char *pf_values_sql(const char *head, int rows, int cols)
{
	size_t len = strlen(head), row = 2 * (size_t)cols + 2;
	char *sql = malloc(len + (size_t)rows * row + 1), *p;

	if (!sql)
		return NULL;
	memcpy(sql, head, len);
	p = sql + len;
	for (int r = 0; r < rows; r++) {
		*p++ = r ? ',' : ' ';
		*p++ = '(';
		for (int c = 0; c < cols; c++) {
			*p++ = c ? ',' : '?';
			if (c)
				*p++ = '?';
		}
		*p++ = ')';
	}
	*p = '\0';
	return sql;
}

/*
 * The heading of field f to put before a message about it (FORMATS.md
 * section 1: `Bedömning: "lila" är ingen bedömning`), or NULL: none known,
 * or the position names it already (an option, a JSON member).
 */
static const char *heading_of(const pf_record *rec, int f, const char *pos)
{
	const char *h = f >= 0 && rec->head ? rec->head[f] : NULL;
	size_t n = h ? strlen(h) : 0, len = strlen(pos);

	if (!n || (len >= n && !strcmp(pos + len - n, h) &&
	           (len == n || pos[len - n - 1] == '.' || pos[len - n - 1] == ':')))
		return NULL;
	return h;
}

static void rec_diag(pf_import *imp, pf_severity sev, const pf_record *rec, int f, const char *fmt,
                     va_list ap)
{
	char pos[160], msg[1024];
	const char *head;
	size_t len = 0;

	pf_record_pos(rec, f, pos, sizeof(pos));
	if ((head = heading_of(rec, f, pos)))
		len = (size_t)snprintf(msg, sizeof(msg), "%s: ", head);
	if (len < sizeof(msg))
		vsnprintf(msg + len, sizeof(msg) - len, pf_error_msg(imp->err, fmt), ap);
	if (sev == PF_SEV_ERROR)
		pf_error_pos(imp->err, PF_EINPUT, rec->source, pos[0] ? pos : NULL, "%s", msg);
	else
		pf_warn_pos(imp->err, rec->source, pos[0] ? pos : NULL, "%s", msg);
}

void pf_rec_error(pf_import *imp, const pf_record *rec, int f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rec_diag(imp, PF_SEV_ERROR, rec, f, fmt, ap);
	va_end(ap);
}

void pf_rec_warn(pf_import *imp, const pf_record *rec, int f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rec_diag(imp, PF_SEV_WARNING, rec, f, fmt, ap);
	va_end(ap);
}

static int bind_val(sqlite3_stmt *st, int i, const pf_val *v)
{
	switch (v->t) {
	case PF_V_INT:
		return sqlite3_bind_int64(st, i, v->i);
	case PF_V_REAL:
		return sqlite3_bind_double(st, i, v->d);
	case PF_V_TEXT:
		return sqlite3_bind_text(st, i, v->s, -1, SQLITE_TRANSIENT);
	default:
		return sqlite3_bind_null(st, i);
	}
}

static bool same_val(sqlite3_stmt *st, int c, const pf_val *v)
{
	int t = sqlite3_column_type(st, c);

	switch (v->t) {
	case PF_V_NULL:
		return t == SQLITE_NULL;
	case PF_V_INT:
		return t == SQLITE_INTEGER && sqlite3_column_int64(st, c) == v->i;
	case PF_V_REAL:
		return (t == SQLITE_FLOAT || t == SQLITE_INTEGER) &&
		       sqlite3_column_double(st, c) == v->d;
	case PF_V_TEXT:
		return t == SQLITE_TEXT && !strcmp(pf_col_text(st, c), v->s);
	}
	return false;
}

static void val_text(const pf_val *v, char *buf, size_t n, const char **out)
{
	switch (v->t) {
	case PF_V_NULL:
		*out = NULL;
		return;
	case PF_V_INT:
		snprintf(buf, n, "%lld", (long long)v->i);
		break;
	case PF_V_REAL:
		snprintf(buf, n, "%.15g", v->d);
		break;
	case PF_V_TEXT:
		*out = v->s;
		return;
	}
	*out = buf;
}

/*
 * Binds, for the history, the id of the row a key column refers to (found
 * with sql from the key), or the key itself should there be none. Changes
 * are rare, so this lookup costs nothing on an import's hot path.
 */
static void bind_ref(pf_import *imp, sqlite3_stmt *change, int i, const char *sql, bool has,
                     int64_t key)
{
	sqlite3_stmt *st = NULL;

	if (!has) {
		sqlite3_bind_null(change, i);
		return;
	}
	if (sqlite3_prepare_v2(imp->db->h, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, key);
		if (sqlite3_step(st) == SQLITE_ROW)
			sqlite3_bind_value(change, i, sqlite3_column_value(st, 0));
		else
			sqlite3_bind_int64(change, i, key);
	}
	sqlite3_finalize(st);
}

static pf_status write_change(pf_import *imp, const pf_table *t, const char *key,
                              const char *initiative, int c, sqlite3_stmt *old, const pf_val *v)
{
	static const char sql[] =
	    "INSERT INTO changes (run, kind, key, initiative, field, old, new) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)";
	char buf[64];
	const char *now;
	sqlite3_stmt *st = pf_stmt(imp, &imp->change, sql);
	const char *ref = t->refs ? t->refs[c] : NULL;

	if (!st)
		return PF_EENV;
	val_text(v, buf, sizeof(buf), &now);
	sqlite3_bind_int64(st, 1, imp->run);
	pf_bind_text(st, 2, t->name);
	pf_bind_text(st, 3, key);
	pf_bind_text(st, 4, initiative);
	pf_bind_text(st, 5, t->cols[c]);
	sqlite3_bind_value(st, 6, sqlite3_column_value(old, c + 1));
	pf_bind_text(st, 7, now);
	if (ref) {
		bind_ref(imp, st, 6, ref, sqlite3_column_type(old, c + 1) != SQLITE_NULL,
		         sqlite3_column_int64(old, c + 1));
		bind_ref(imp, st, 7, ref, v->t == PF_V_INT, v->i);
	}
	int rc = sqlite3_step(st);
	return rc == SQLITE_DONE ? PF_OK : pf_db_fail(imp->db, rc, imp->err, "writing the history");
}

/*
 * True when the row was already written by this import: a duplicate key. A
 * row inserted or updated by this import is known by its key (rowid tables:
 * larger than any before) or its run (keyed tables); one left unchanged is
 * known because touched.c noted it.
 */
static pf_status seen_before(pf_import *imp, const pf_table *t, const pf_val *vals, int64_t pk,
                             bool *dup)
{
	if (t->keyed ? pk == imp->run : pk > imp->base_pk[t->slot]) {
		*dup = true;
		return PF_OK;
	}
	/* A keyed table's (key, period) as one number: periods are below 2^16. */
	if (t->keyed)
		pk = vals[0].i << 16 | vals[1].i;
	return pf_touched_note(imp, t->slot, pk, dup);
}

static pf_status update_row(pf_import *imp, const pf_table *t, const pf_val *vals, const char *key,
                            const char *initiative, sqlite3_stmt *sel, int64_t pk,
                            pf_upsert_result *res)
{
	sqlite3_stmt *upd;
	pf_status st;
	int rc;

	*res = PF_UPSERT_UNCHANGED;
	for (int c = 0; c < t->ncols; c++) {
		const pf_val *v = &vals[t->nkeys + c];
		if (v->keep || same_val(sel, c + 1, v))
			continue;
		*res = PF_UPSERT_UPDATED;
		if ((st = write_change(imp, t, key, initiative, c, sel, &vals[t->nkeys + c])))
			return st;
	}
	if (*res == PF_UPSERT_UNCHANGED)
		return PF_OK;
	if (!(upd = pf_stmt(imp, &imp->upd[t->slot], t->update_sql)))
		return PF_EENV;
	for (int c = 0; c < t->ncols; c++)
		if (vals[t->nkeys + c].keep)
			sqlite3_bind_value(upd, c + 1, sqlite3_column_value(sel, c + 1));
		else
			bind_val(upd, c + 1, &vals[t->nkeys + c]);
	if (t->keyed) {
		for (int k = 0; k < t->nkeys; k++)
			bind_val(upd, t->ncols + 1 + k, &vals[k]);
		sqlite3_bind_int64(upd, t->ncols + t->nkeys + 1, imp->run);
	} else {
		sqlite3_bind_int64(upd, t->ncols + 1, pk);
		sqlite3_bind_int64(upd, t->ncols + 2, imp->run);
	}
	rc = sqlite3_step(upd);
	return rc == SQLITE_DONE ? PF_OK : pf_db_fail(imp->db, rc, imp->err, "updating a row");
}

/* Inserts the row unless its key is stored: *inserted says which. */
static pf_status insert_row(pf_import *imp, const pf_table *t, const pf_val *vals, bool *inserted,
                            int64_t *pk)
{
	sqlite3_stmt *ins = imp->ins[t->slot];
	int rc;

	/* The hot path: every parameter is bound below, so a reset is all it needs. */
	if (ins)
		sqlite3_reset(ins);
	else if (!(ins = pf_stmt(imp, &imp->ins[t->slot], t->insert_sql)))
		return PF_EENV;
	for (int i = 0; i < t->nkeys + t->ncols; i++)
		bind_val(ins, i + 1, &vals[i]);
	/* Every table records the run that wrote the row (src/store/sqlite/schema/002_history.sql).
	 */
	sqlite3_bind_int64(ins, t->nkeys + t->ncols + 1, imp->run);
	if ((rc = sqlite3_step(ins)) != SQLITE_DONE)
		return pf_db_fail(imp->db, rc, imp->err, "inserting a row");
	*inserted = sqlite3_changes(imp->db->h) == 1;
	if (*inserted)
		*pk = sqlite3_last_insert_rowid(imp->db->h);
	return PF_OK;
}

/* Looks the row up by its key: SQLITE_ROW (with *sel on it) when it is stored. */
static int select_row(pf_import *imp, const pf_table *t, const pf_val *vals, sqlite3_stmt **sel)
{
	if (!(*sel = pf_stmt(imp, &imp->sel[t->slot], t->select_sql)))
		return SQLITE_ERROR;
	for (int i = 0; i < t->nkeys; i++)
		bind_val(*sel, i + 1, &vals[i]);
	return sqlite3_step(*sel);
}

/* A stored row, sel on it: a duplicate within this import, or compared and updated. */
static pf_status stored_row(pf_import *imp, const pf_table *t, const pf_val *vals, const char *key,
                            const char *initiative, const pf_record *rec, sqlite3_stmt *sel,
                            int64_t *pk, pf_upsert_result *res)
{
	bool dup = false;
	pf_status st;

	*pk = sqlite3_column_int64(sel, 0);
	if ((st = seen_before(imp, t, vals, *pk, &dup)))
		return st;
	if (dup) {
		/* Every kind's first field is (the start of) its key. */
		pf_rec_error(imp, rec, 0, "duplicate %s %s: this import gives it twice", t->name,
		             key);
		return PF_EINPUT;
	}
	st = update_row(imp, t, vals, key, initiative, sel, *pk, res);
	sqlite3_reset(sel);
	return st;
}

/*
 * Insert first, or look first: a re-import meets stored rows one after the
 * other, and looking first saves it the insert that would fail; new rows
 * come in runs too. The last row of the table decides which goes first.
 */
pf_status pf_upsert(pf_import *imp, const pf_table *t, const pf_val *vals, const char *key,
                    const char *initiative, const pf_record *rec, int64_t *pk,
                    pf_upsert_result *res)
{
	bool look_first = imp->stored_last[t->slot], inserted;
	sqlite3_stmt *sel = NULL;
	pf_status st;
	int rc;

	if (look_first) {
		if ((rc = select_row(imp, t, vals, &sel)) == SQLITE_ROW)
			return stored_row(imp, t, vals, key, initiative, rec, sel, pk, res);
		if (rc != SQLITE_DONE)
			return pf_db_fail(imp->db, rc, imp->err, "reading a row");
		sqlite3_reset(sel);
	}
	if ((st = insert_row(imp, t, vals, &inserted, pk)))
		return st;
	imp->stored_last[t->slot] = !inserted;
	if (inserted) {
		*res = PF_UPSERT_INSERTED;
		return PF_OK;
	}
	if ((rc = select_row(imp, t, vals, &sel)) != SQLITE_ROW)
		return pf_db_fail(imp->db, rc, imp->err, "reading a row");
	return stored_row(imp, t, vals, key, initiative, rec, sel, pk, res);
}

static pf_status find_one(pf_import *imp, sqlite3_stmt **slot, const char *sql, const char *a,
                          const char *b, sqlite3_stmt **row)
{
	sqlite3_stmt *st = pf_stmt(imp, slot, sql);
	int rc;

	if (!st)
		return PF_EENV;
	pf_bind_text(st, 1, a);
	if (b)
		pf_bind_text(st, 2, b);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return PF_ENOTFOUND;
	if (rc != SQLITE_ROW)
		return pf_db_fail(imp->db, rc, imp->err, "looking up a reference");
	*row = st;
	return PF_OK;
}

static pf_status remember(char **slot, const char *s)
{
	char *c = strdup(s);

	if (!c)
		return PF_ENOMEM;
	free(*slot);
	*slot = c;
	return PF_OK;
}

pf_status pf_find_initiative(pf_import *imp, const char *id, int64_t *pk)
{
	sqlite3_stmt *row = NULL;
	pf_status st;

	if (imp->last_initiative && !strcmp(imp->last_initiative, id)) {
		*pk = imp->last_initiative_pk;
		return PF_OK;
	}
	st = find_one(imp, &imp->find_initiative, "SELECT pk FROM initiatives WHERE id = ?", id,
	              NULL, &row);
	if (st)
		return st;
	*pk = sqlite3_column_int64(row, 0);
	imp->last_initiative_pk = *pk;
	return remember(&imp->last_initiative, id);
}

pf_status pf_indicator_initiative(pf_import *imp, int64_t indicator, const char **initiative)
{
	static const char sql[] = "SELECT n.id FROM indicators i "
	                          "JOIN initiatives n ON n.pk = i.initiative WHERE i.pk = ?";
	sqlite3_stmt *st;
	int rc;

	if (!imp->last_indicator_initiative || imp->last_indicator_pk != indicator) {
		if (!(st = pf_stmt(imp, &imp->find_indicator, sql)))
			return PF_EENV;
		sqlite3_bind_int64(st, 1, indicator);
		if ((rc = sqlite3_step(st)) != SQLITE_ROW)
			return pf_db_fail(imp->db, rc, imp->err, "looking up a reference");
		if (remember(&imp->last_indicator_initiative, pf_col_text(st, 0)))
			return PF_ENOMEM;
		imp->last_indicator_pk = indicator;
	}
	*initiative = imp->last_indicator_initiative;
	return PF_OK;
}

/*
 * Whether the indicator had no measurements when the import began is asked
 * the first time this import meets it: no row of this import for it can have
 * been written before that. Its range comes in the same query: effects load
 * before measurements, so it is the one this import leaves. The map keeps
 * the index of its entry in imp->seen.
 */
pf_status pf_indicator_pk(pf_import *imp, const char *id, int64_t *pk, bool *fresh,
                          const pf_range **range)
{
	static const char sql[] =
	    "SELECT pk, NOT EXISTS (SELECT 1 FROM measurements WHERE key BETWEEN pk << 16 AND "
	    "(pk << 16 | 65535)), unit, baseline, target, direction FROM indicators WHERE id = ?";
	sqlite3_stmt *row = NULL;
	int64_t v;
	pf_status st;

	if (!pf_idmap_get(&imp->indicators, id, &v)) {
		if ((st = find_one(imp, &imp->indicator_pk, sql, id, NULL, &row)))
			return st;
		if (imp->nseen == imp->capseen) {
			size_t cap = 2 * imp->capseen + 64;
			void *p = realloc(imp->seen, cap * sizeof(*imp->seen));
			if (!p)
				return pf_error_set(imp->err, PF_ENOMEM, "out of memory");
			imp->seen = p;
			imp->capseen = cap;
		}
		pf_indicator_seen *s = &imp->seen[imp->nseen];
		s->pk = sqlite3_column_int64(row, 0);
		s->fresh = sqlite3_column_int(row, 1) != 0;
		pf_range_read(&s->range, row, 2);
		v = (int64_t)imp->nseen++;
		if (!pf_idmap_put(&imp->indicators, id, v))
			return pf_error_set(imp->err, PF_ENOMEM, "out of memory");
	}
	*pk = imp->seen[v].pk;
	*fresh = imp->seen[v].fresh;
	*range = &imp->seen[v].range;
	return PF_OK;
}

pf_status pf_find_version(pf_import *imp, const char *roadmap, const char *version, int64_t *pk)
{
	static const char sql[] =
	    "SELECT pk FROM roadmap_versions WHERE roadmap = ? AND version = ?";
	sqlite3_stmt *row = NULL;
	pf_status st = find_one(imp, &imp->find_version, sql, roadmap, version, &row);

	if (!st)
		*pk = sqlite3_column_int64(row, 0);
	return st;
}

static pf_status ensure(pf_import *imp, sqlite3_stmt **slot, const char *sql, const char *v)
{
	sqlite3_stmt *st = pf_stmt(imp, slot, sql);
	int rc;

	if (!st)
		return PF_EENV;
	pf_bind_text(st, 1, v);
	rc = sqlite3_step(st);
	return rc == SQLITE_DONE ? PF_OK : pf_db_fail(imp->db, rc, imp->err, "adding a name");
}

pf_status pf_ensure_committee(pf_import *imp, const char *code)
{
	return ensure(imp, &imp->add_committee,
	              "INSERT INTO committees (code) VALUES (?) ON CONFLICT DO NOTHING", code);
}

pf_status pf_committee_known(pf_import *imp, const char *code, bool *known)
{
	sqlite3_stmt *row = NULL;
	pf_status st = find_one(imp, &imp->find_committee,
	                        "SELECT 1 FROM committees WHERE code = ?", code, NULL, &row);

	*known = st == PF_OK;
	return st == PF_ENOTFOUND ? PF_OK : st;
}

pf_status pf_ensure_unit(pf_import *imp, const char *name)
{
	return name ? ensure(imp, &imp->add_unit,
	                     "INSERT INTO units (name) VALUES (?) ON CONFLICT DO NOTHING", name)
	            : PF_OK;
}

/* Masks to's messages with from's secrets too. */
static pf_status share_secrets(pf_error *to, const pf_error *from)
{
	pf_status st = PF_OK;

	for (size_t i = 0; st == PF_OK && i < from->nsecrets; i++)
		st = pf_error_secret(to, from->secrets[i]);
	return st;
}

pf_status pf_import_new(pf_import **out, pf_db *db, const pf_import_opts *opts, pf_error *err)
{
	pf_import *imp = calloc(1, sizeof(*imp));

	*out = NULL;
	if (!imp || !(imp->command = strdup(opts && opts->command ? opts->command : "import"))) {
		free(imp);
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	}
	imp->db = db;
	imp->dry_run = opts && opts->dry_run;
	pf_error_init(&imp->secrets);
	if (opts)
		imp->opts = *opts;
	if (imp->opts.timeout_ms > 0)
		imp->deadline_ms = pf_rest_now_ms() + imp->opts.timeout_ms;
	pf_status st = pf_error_secret(&imp->secrets, imp->opts.token);
	if (!st)
		st = share_secrets(err, &imp->secrets);
	if (!st && opts && opts->map_path)
		st = pf_map_load(opts->map_path, &imp->map, err);
	if (st) {
		pf_import_free(imp);
		return st;
	}
	*out = imp;
	return PF_OK;
}

pf_status pf_import_add_unit(pf_import *imp, pf_unit *u, pf_error *err)
{
	pf_unit **units = realloc(imp->units, (imp->nunits + 1) * sizeof(*units));

	if (!units) {
		u->free(u);
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	}
	imp->units = units;
	imp->units[imp->nunits++] = u;
	return PF_OK;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

/* Adds every unit of an array made by a reader; frees the array. */
static pf_status add_units(pf_import *imp, pf_unit **units, size_t n, pf_error *err)
{
	pf_status st = PF_OK;

	for (size_t i = 0; i < n; i++)
		if (st)
			units[i]->free(units[i]);
		else
			st = pf_import_add_unit(imp, units[i], err);
	free(units);
	return st;
}

/*
 * Counts a document's values against PF_JSON_MAX_VALUES for the whole import:
 * every document's tree is kept until pf_import_run(), so many pages (or
 * files) each under the limit must not add up past it. A document over the
 * limit on its own is left to pf_json_units(), which says so.
 */
static pf_status json_budget(pf_import *imp, const char *source, const char *text, size_t len,
                             pf_error *err)
{
	size_t n = pf_json_values(text, len, PF_JSON_MAX_VALUES);

	if (n > PF_JSON_MAX_VALUES)
		return PF_OK;
	imp->json_values += n;
	if (imp->json_values <= PF_JSON_MAX_VALUES)
		return PF_OK;
	return pf_error_pos(err, PF_EINPUT, source, NULL,
	                    "the JSON documents of this import hold more than %d values together "
	                    "(the limit that keeps an import's memory bounded): import them in "
	                    "several runs",
	                    PF_JSON_MAX_VALUES);
}

static pf_status add_json_file(pf_import *imp, const char *path, pf_error *err)
{
	char *text = NULL, *next = NULL;
	pf_unit **units = NULL;
	size_t len = 0, n = 0;
	pf_status st = pf_read_file(path, PF_JSON_MAX_BYTES, &text, &len, err);

	if (st == PF_OK)
		st = json_budget(imp, path, text, len, err);
	if (st) {
		free(text);
		return st;
	}
	st = pf_json_units(path, text, len, imp->map, &units, &n, &next, err);
	free(text);
	if (next)
		pf_warn_pos(err, path, NULL, "a file has no next page: \"next\" ignored");
	free(next);
	return st ? st : add_units(imp, units, n, err);
}

/* One page of a REST source: its records join the import, its next page is returned. */
static pf_status add_page(void *ctx, const char *url, const char *body, size_t len, char **next,
                          pf_error *err)
{
	pf_import *imp = ctx;
	pf_unit **units = NULL;
	size_t n = 0;
	pf_status st = json_budget(imp, url, body, len, err);

	if (st == PF_OK)
		st = pf_json_units(url, body, len, imp->map, &units, &n, next, err);
	return st ? st : add_units(imp, units, n, err);
}

static pf_status add_url(pf_import *imp, const char *url, pf_error *err)
{
	pf_rest_opts o = {
	    .token = imp->opts.token,
	    .cacert = imp->opts.cacert,
	    /* A page may take all that is left of the whole (rest.c cuts it there). */
	    .timeout_ms =
	        imp->opts.page_timeout_ms ? imp->opts.page_timeout_ms : imp->opts.timeout_ms,
	    .deadline_ms = imp->deadline_ms,
	    .total_ms = imp->opts.timeout_ms,
	    .progress = imp->opts.progress,
	    .progress_ctx = imp->opts.progress_ctx,
	};

	pf_map_check_url(imp->map, url, err);
	return pf_rest_fetch(url, &o, add_page, imp, err);
}

/* The map's credit, once an import has read a source through it (its terms ask for it). */
static pf_status credited(pf_import *imp, pf_status st, pf_error *err)
{
	const char *credit = pf_map_credit(imp->map);

	if (st == PF_OK && credit && !imp->credited) {
		pf_note_pos(err, imp->opts.map_path, NULL, "%s", credit);
		imp->credited = true;
	}
	return st;
}

static pf_status add_source(pf_import *imp, const char *source, pf_error *err)
{
	pf_unit *u;
	pf_status st;

	if (!strncasecmp(source, "http://", 7) || !strncasecmp(source, "https://", 8))
		return add_url(imp, source, err);
	if (has_suffix(source, ".json"))
		return add_json_file(imp, source, err);
	if (has_suffix(source, ".xlsx")) {
		pf_unit **units = NULL;
		size_t n = 0;
		pf_headings headings;
		if (imp->map)
			pf_map_headings(imp->map, &headings);
		st = pf_xlsx_open_map(source, imp->map ? &headings : NULL, &units, &n, err);
		return st ? st : add_units(imp, units, n, err);
	}
	if (!has_suffix(source, ".csv") && !has_suffix(source, ".tsv") &&
	    !has_suffix(source, ".txt"))
		return pf_error_pos(
		    err, PF_EUSAGE, source, NULL,
		    "unsupported source: give a .csv, .tsv, .txt, .xlsx or .json file");
	if ((st = pf_unit_csv_open(&u, source, imp->map, err)))
		return st;
	return pf_import_add_unit(imp, u, err);
}

pf_status pf_import_add(pf_import *imp, const char *source, pf_error *err)
{
	pf_status st = share_secrets(err, &imp->secrets);

	if (st == PF_OK)
		st = credited(imp, add_source(imp, source, err), err);
	/* A URL's password joins the secrets, for the errors pf_import_run() finds in its pages. */
	pf_status kept = share_secrets(&imp->secrets, err);
	return st ? st : kept;
}

pf_status pf_import_add_fields(pf_import *imp, pf_kind kind, const char *source,
                               const char *const *names, const char *const *values,
                               const char *const *options, size_t n, pf_error *err)
{
	pf_unit *u;
	pf_status st = pf_unit_fields_new(&u, kind, source, names, values, options, n, err);

	return st ? st : pf_import_add_unit(imp, u, err);
}

static pf_status read_base(pf_import *imp)
{
	static const char *const sql[PF_SLOTS] = {
	    "SELECT coalesce(max(pk), 0) FROM initiatives",
	    "SELECT coalesce(max(pk), 0) FROM indicators",
	    /* measurements: keyed, see seen_before(); the largest key, for the batch */
	    "SELECT coalesce(max(key), 0) FROM measurements",
	    "SELECT coalesce(max(pk), 0) FROM followups",
	    "SELECT coalesce(max(pk), 0) FROM priorities",
	    "SELECT coalesce(max(pk), 0) FROM roadmap_items",
	    "SELECT coalesce(max(pk), 0) FROM decisions",
	    "SELECT coalesce(max(pk), 0) FROM roadmap_versions",
	};

	for (int i = 0; i < PF_SLOTS; i++) {
		sqlite3_stmt *st;
		pf_status s = pf_db_prepare(imp->db, &st, sql[i], imp->err);
		if (s)
			return s;
		int rc = sqlite3_step(st);
		imp->base_pk[i] = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW)
			return pf_db_fail(imp->db, rc, imp->err, "reading the database");
	}
	imp->batch.max_key = imp->base_pk[PF_KIND_MEASUREMENTS];
	return PF_OK;
}

static pf_status load_unit(pf_import *imp, size_t i)
{
	pf_unit *u = imp->units[i];
	pf_kind_counts *c = &imp->unit_counts[i];
	pf_record rec;
	pf_status st;

	imp->cur_counts = c;
	while ((st = u->next(u, &rec, imp->err)) == PF_OK) {
		pf_upsert_result res;
		c->rows++;
		st = pf_load_record(imp, &rec, &res);
		if (st == PF_EINPUT)
			continue; /* recorded; go on to list every error */
		if (st)
			return st;
		if (res == PF_UPSERT_INSERTED)
			c->inserted++;
		else if (res == PF_UPSERT_UPDATED)
			c->updated++;
		else
			c->unchanged++;
	}
	/* What waits is written even after an error, so that later sources see it. */
	pf_status fl = pf_batch_flush(imp);
	return st == PF_END ? fl : st;
}

static pf_status record_sources(pf_import *imp)
{
	static const char sql[] = "INSERT INTO run_sources (run, source, checksum, kind, rows, "
	                          "inserted, updated, unchanged) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(imp->db, &st, sql, imp->err);

	for (size_t i = 0; !s && i < imp->nunits; i++) {
		const pf_unit *u = imp->units[i];
		const pf_kind_counts *c = &imp->unit_counts[i];
		sqlite3_bind_int64(st, 1, imp->run);
		pf_bind_text(st, 2, u->source);
		pf_bind_text(st, 3, u->checksum[0] ? u->checksum : NULL);
		pf_bind_text(st, 4, pf_kind_name(u->kind));
		sqlite3_bind_int64(st, 5, (sqlite3_int64)c->rows);
		sqlite3_bind_int64(st, 6, (sqlite3_int64)c->inserted);
		sqlite3_bind_int64(st, 7, (sqlite3_int64)c->updated);
		sqlite3_bind_int64(st, 8, (sqlite3_int64)c->unchanged);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			s = pf_db_fail(imp->db, rc, imp->err, "recording the sources");
	}
	sqlite3_finalize(st);
	return s;
}

/* Loads every unit, kind by kind, so that parents are written before children. */
static pf_status load_all(pf_import *imp)
{
	pf_status st;

	for (int k = 0; k < PF_KIND_COUNT; k++)
		for (size_t i = 0; i < imp->nunits; i++)
			/* A source that cannot be read further is reported; the others go on. */
			if (imp->units[i]->kind == (pf_kind)k && (st = load_unit(imp, i)) &&
			    st != PF_EINPUT)
				return st;
	return PF_OK;
}

static void summarise(pf_import *imp, pf_import_summary *sum)
{
	memset(sum, 0, sizeof(*sum));
	for (size_t i = 0; i < imp->nunits; i++) {
		pf_kind_counts *to = &sum->kind[imp->units[i]->kind];
		const pf_kind_counts *from = &imp->unit_counts[i];
		to->rows += from->rows;
		to->inserted += from->inserted;
		to->updated += from->updated;
		to->unchanged += from->unchanged;
	}
}

static bool changed_anything(const pf_import_summary *sum)
{
	for (int k = 0; k < PF_KIND_COUNT; k++)
		if (sum->kind[k].inserted || sum->kind[k].updated)
			return true;
	return false;
}

/*
 * Starts the import's transaction. References are checked by the loader
 * itself, with locations for the messages, so SQLite's own foreign-key
 * lookups would only repeat that work on every row; they are off for the
 * import. A page cache of 24 MiB (SQLite's default is 2) holds the pages a
 * big import keeps coming back to: measurements given by period rather than
 * by indicator land all over the table. It is small enough to be full at a
 * million measurements, so the import's memory (about 40 MiB) stays flat
 * from there on, whatever the size of the sheets.
 */
static pf_status begin(pf_import *imp)
{
	pf_status st;

	if ((st = pf_db_exec(imp->db, "PRAGMA synchronous = FULL", imp->err)) ||
	    (st = pf_db_exec(imp->db, "PRAGMA foreign_keys = OFF", imp->err)) ||
	    (st = pf_db_exec(imp->db, "PRAGMA cache_size = -24576", imp->err)) ||
	    (st = pf_db_exec(imp->db,
	                     "CREATE TEMP TABLE IF NOT EXISTS touched (k INTEGER PRIMARY KEY)",
	                     imp->err)) ||
	    (st = pf_db_exec(imp->db, "BEGIN IMMEDIATE", imp->err)))
		return st;
	if ((st = pf_db_exec(imp->db, "DELETE FROM temp.touched", imp->err)) ||
	    (st = read_base(imp)) ||
	    (st = pf_db_run_begin(imp->db, imp->command, &imp->run, imp->err)))
		return st;
	return PF_OK;
}

pf_status pf_import_run(pf_import *imp, pf_import_summary *sum, pf_error *err)
{
	pf_status st;
	bool open = false;

	memset(sum, 0, sizeof(*sum));
	imp->err = err;
	if ((st = share_secrets(err, &imp->secrets)))
		return st;
	if (!(imp->unit_counts = calloc(imp->nunits + 1, sizeof(*imp->unit_counts))))
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	if ((st = begin(imp)))
		goto out;
	open = true;
	if ((st = load_all(imp)))
		goto out;
	summarise(imp, sum);
	/* Errors recorded before the run (a source that could not be read) reject it too. */
	if (err->errors > 0) {
		st = PF_EINPUT;
		goto out;
	}
	if (imp->dry_run || !changed_anything(sum))
		goto out;
	if ((st = record_sources(imp)) || (st = pf_db_exec(imp->db, "COMMIT", err)))
		goto out;
	open = false;
	sum->written = true;
	memcpy(sum->decision_id, imp->decision_id, sizeof(sum->decision_id));
out:
	if (open)
		sqlite3_exec(imp->db->h, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_exec(imp->db->h, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	sqlite3_exec(imp->db->h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return st;
}

static void finalize_all(sqlite3_stmt **s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sqlite3_finalize(s[i]);
}

void pf_import_free(pf_import *imp)
{
	if (!imp)
		return;
	for (size_t i = 0; i < imp->nunits; i++)
		imp->units[i]->free(imp->units[i]);
	free(imp->units);
	finalize_all(imp->ins, PF_SLOTS);
	finalize_all(imp->sel, PF_SLOTS);
	finalize_all(imp->upd, PF_SLOTS);
	sqlite3_finalize(imp->find_committee);
	sqlite3_stmt *misc[] = {imp->change,       imp->find_initiative, imp->find_indicator,
	                        imp->find_version, imp->add_committee,   imp->add_unit,
	                        imp->indicator_pk};
	finalize_all(misc, sizeof(misc) / sizeof(misc[0]));
	for (size_t i = 0; i < imp->nversions; i++) {
		free(imp->versions[i].fields);
		free(imp->versions[i].where);
	}
	free(imp->versions);
	free(imp->unit_counts);
	free(imp->last_initiative);
	free(imp->last_indicator_initiative);
	pf_batch_free(&imp->batch);
	pf_touched_free(&imp->touched);
	pf_idmap_free(&imp->indicators);
	free(imp->seen);
	free(imp->command);
	pf_map_free(imp->map);
	pf_error_clear(&imp->secrets);
	free(imp);
}
