/* Indicator evaluation at a period: see eval.h. */
#include "report/eval.h"

#include <stdlib.h>
#include <string.h>

void pf_eval_dates(pf_ind_eval *e, double baseline, double target, pf_date d0, pf_date d1,
                   pf_direction dir, pf_period p)
{
	e->expected = pf_expected(d0, d1, pf_period_end(p));
	if (!e->measured) {
		e->light = PF_LIGHT_UNMEASURED;
		return;
	}
	e->progress = pf_progress(baseline, target, e->value, dir);
	e->light = pf_light_for(e->progress, e->expected);
}

void pf_eval_one(pf_ind_eval *e, double baseline, double target, const char *d0, const char *d1,
                 pf_direction dir, pf_period p)
{
	pf_date a = 0, b = 0;

	pf_date_parse(d0, &a);
	pf_date_parse(d1, &b);
	pf_eval_dates(e, baseline, target, a, b, dir, p);
}

static const char eval_sql[] =
    "SELECT i.pk, i.initiative, coalesce(i.weight, 1), i.baseline, i.target, i.baseline_date, "
    "i.target_date, i.direction, m.period, m.value, i.frequency "
    "FROM indicators i LEFT JOIN measurements m ON m.key = ("
    " SELECT key FROM measurements WHERE key BETWEEN i.pk << 16 AND (i.pk << 16 | ?1)"
    " ORDER BY key DESC LIMIT 1) "
    "WHERE ?2 = 0 OR i.initiative = ?2 ORDER BY i.initiative, i.id";

static pf_status grow(pf_eval *out, size_t *cap)
{
	if (out->n < *cap)
		return PF_OK;
	size_t n = *cap ? *cap * 2 : 64;
	pf_ind_eval *v = realloc(out->v, n * sizeof(*v));
	if (!v)
		return PF_ENOMEM;
	out->v = v;
	*cap = n;
	return PF_OK;
}

/*
 * The values each indicator's evaluations at P-3 .. P (?1 .. ?2) can take, in
 * one pass with two seeks per indicator: the rows from its latest at or
 * before P-3 up to P, at most four, in key order. The committee report's
 * quarter matrix would otherwise look up each quarter's latest on its own.
 */
static const char history_sql[] =
    "SELECT i.pk, i.initiative, coalesce(i.weight, 1), i.baseline, i.target, i.baseline_date, "
    "i.target_date, i.direction, m.key & 65535, m.value, i.frequency FROM indicators i "
    "LEFT JOIN measurements m ON m.key BETWEEN coalesce((SELECT key FROM measurements "
    "WHERE key BETWEEN i.pk << 16 AND (i.pk << 16 | ?1) ORDER BY key DESC LIMIT 1), "
    "i.pk << 16 | ?1) AND (i.pk << 16 | ?2) "
    "ORDER BY i.initiative, i.id";

/* One indicator of the history pass: its fields and the values met for it. */
struct history_ind {
	pf_ind_eval e; /* the fields every evaluation shares */
	double baseline, target;
	pf_date d0, d1;
	pf_direction dir;
	int n;
	pf_period at[PF_EVAL_HISTORY];
	double value[PF_EVAL_HISTORY];
};

static void history_start(struct history_ind *h, sqlite3_stmt *st)
{
	int dir = pf_word_parse(PF_WORDS_DIRECTION, pf_col_text(st, 7));
	int freq = pf_word_parse(PF_WORDS_FREQUENCY, pf_col_text(st, 10));

	memset(h, 0, sizeof(*h));
	h->e.pk = sqlite3_column_int64(st, 0);
	h->e.initiative = sqlite3_column_int64(st, 1);
	h->e.weight = sqlite3_column_double(st, 2);
	h->baseline = sqlite3_column_double(st, 3);
	h->target = sqlite3_column_double(st, 4);
	pf_date_parse(pf_col_text(st, 5), &h->d0);
	pf_date_parse(pf_col_text(st, 6), &h->d1);
	h->dir = dir < 0 ? PF_DIR_INCREASE : (pf_direction)dir;
	/* The schema's default: a database without the column's value measures quarterly. */
	h->e.frequency = freq < 0 ? PF_FREQ_QUARTERLY : (pf_frequency)freq;
}

static void history_value(struct history_ind *h, sqlite3_stmt *st)
{
	if (sqlite3_column_type(st, 8) == SQLITE_NULL || h->n == PF_EVAL_HISTORY)
		return;
	h->at[h->n] = sqlite3_column_int(st, 8);
	h->value[h->n++] = sqlite3_column_double(st, 9);
}

/* The evaluation at period q: the latest value met at or before it. */
static void history_eval(const struct history_ind *h, pf_period q, pf_ind_eval *e)
{
	int best = -1;

	*e = h->e;
	for (int k = 0; k < h->n; k++)
		if (h->at[k] <= q && (best < 0 || h->at[k] > h->at[best]))
			best = k;
	if (best >= 0) {
		e->measured = true;
		e->value = h->value[best];
		e->at = h->at[best];
		e->stale = pf_stale(e->frequency, e->at, q);
	}
	pf_eval_dates(e, h->baseline, h->target, h->d0, h->d1, h->dir, q);
}

static pf_status history_emit(const struct history_ind *h, pf_period p,
                              pf_eval out[PF_EVAL_HISTORY], size_t cap[PF_EVAL_HISTORY])
{
	for (int q = 0; q < PF_EVAL_HISTORY; q++) {
		if (grow(&out[q], &cap[q]))
			return PF_ENOMEM;
		history_eval(h, p - PF_EVAL_HISTORY + 1 + q, &out[q].v[out[q].n++]);
	}
	return PF_OK;
}

pf_status pf_eval_load_history(pf_db *db, pf_period p, pf_eval out[PF_EVAL_HISTORY], pf_error *err)
{
	sqlite3_stmt *st;
	size_t cap[PF_EVAL_HISTORY] = {0};
	struct history_ind h;
	bool open = false;
	int rc = SQLITE_DONE;
	pf_status s = pf_db_prepare(db, &st, history_sql, err);

	memset(out, 0, PF_EVAL_HISTORY * sizeof(*out));
	if (s)
		return s;
	sqlite3_bind_int(st, 1, p - PF_EVAL_HISTORY + 1);
	sqlite3_bind_int(st, 2, p);
	while (!s && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!open || sqlite3_column_int64(st, 0) != h.e.pk) {
			if (open && history_emit(&h, p, out, cap))
				s = pf_error_set(err, PF_ENOMEM, "out of memory");
			history_start(&h, st);
			open = true;
		}
		history_value(&h, st);
	}
	if (!s && open && history_emit(&h, p, out, cap))
		s = pf_error_set(err, PF_ENOMEM, "out of memory");
	if (!s && rc != SQLITE_DONE)
		s = pf_db_fail(db, rc, err, "evaluating indicators");
	sqlite3_finalize(st);
	for (int q = 0; s && q < PF_EVAL_HISTORY; q++)
		pf_eval_free(&out[q]);
	return s;
}

/* One evaluation at p from a row of eval_sql: the columns of history_sql, one value. */
static void eval_row(sqlite3_stmt *st, pf_period p, pf_ind_eval *e)
{
	struct history_ind h;

	history_start(&h, st);
	history_value(&h, st);
	history_eval(&h, p, e);
}

pf_status pf_eval_load(pf_db *db, pf_period p, int64_t initiative, pf_eval *out, pf_error *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;
	pf_status s = pf_db_prepare(db, &st, eval_sql, err);

	memset(out, 0, sizeof(*out));
	if (s)
		return s;
	sqlite3_bind_int(st, 1, p);
	sqlite3_bind_int64(st, 2, initiative);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (grow(out, &cap)) {
			s = pf_error_set(err, PF_ENOMEM, "out of memory");
			break;
		}
		eval_row(st, p, &out->v[out->n++]);
	}
	if (!s && rc != SQLITE_DONE)
		s = pf_db_fail(db, rc, err, "evaluating indicators");
	sqlite3_finalize(st);
	if (s)
		pf_eval_free(out);
	return s;
}

void pf_eval_free(pf_eval *e)
{
	free(e->v);
	memset(e, 0, sizeof(*e));
}

void pf_agg_add(pf_agg *a, const pf_ind_eval *e)
{
	a->indicators++;
	if (!e->measured)
		return;
	a->measured++;
	a->on_track += e->light == PF_LIGHT_GREEN;
	a->stale += e->stale;
	a->wsum += e->weight;
	a->progress += e->weight * e->progress;
	a->expected += e->weight * e->expected;
}

size_t pf_eval_first(const pf_eval *e, int64_t initiative)
{
	size_t lo = 0, hi = e->n;

	/* A binary search on the sorted initiative keys. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (e->v[mid].initiative < initiative)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void pf_agg_initiative(pf_agg *a, const pf_eval *e, int64_t initiative)
{
	for (size_t i = pf_eval_first(e, initiative); i < e->n && e->v[i].initiative == initiative;
	     i++)
		pf_agg_add(a, &e->v[i]);
}

bool pf_agg_realisation(const pf_agg *a, double *r)
{
	if (!a->measured || a->wsum <= 0)
		return false;
	*r = a->progress / a->wsum;
	return true;
}

pf_light pf_agg_light(const pf_agg *a)
{
	if (!a->measured || a->wsum <= 0)
		return PF_LIGHT_UNMEASURED;
	return pf_light_for(a->progress / a->wsum, a->expected / a->wsum);
}
