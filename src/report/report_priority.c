/*
 * report priority, for Digitaliseringsrådet: initiatives waiting for a
 * decision (cross-cutting first), the Region IT hours they ask for per
 * quarter against the hours committed to ongoing initiatives, and the
 * current priority list.
 *
 * Hours (FORMATS.md section 5): `committed` are the it_hours of decided and
 * ongoing initiatives (beslutad, pågående), `asked` those of initiatives
 * waiting for a decision (idé, förstudie); paused, completed and cancelled
 * ones take none. An initiative's hours are spread evenly over the quarters
 * of its span, start..end (no start: from P; no end: four quarters), and a
 * report shows the quarters from P on. Moving P never makes hours vanish:
 * - committed hours stay in the quarters of their span, so a quarter shows
 *   the same hours whichever P it is seen from; those of quarters before P
 *   are past, not carried forward (portfolj records no hours spent, and
 *   piling a running initiative's past quarters onto the next would show
 *   thousands of hours no one plans to give);
 * - an initiative waiting for a decision has not started, so a span that
 *   begins before P is moved to begin at P, keeping its length: all its
 *   hours are ahead at every P;
 * - a decided or ongoing initiative still open after its end is late: it
 *   keeps taking its quarterly share, in P's quarter.
 *
 * Score (0..100) of a waiting initiative, shown with its parts so the council
 * can argue with it; each part is 0..1, and the score is their weighted mean
 * times 100. The default weights (a council may give others: --weights):
 *   benefit     30  yearly benefit promised by its effect goals (nytta_kr)
 *                   per krona of budget, a ratio of 2 or more counting fully
 *   it_load     25  1 - Region IT hours asked / 2000 (fewer hours first)
 *   readiness   20  idé 0.2, förstudie 0.6, beslutad 1
 *   innovative  15  1 when classed as innovative
 *   measurable  10  1 when it has effect goals with indicators
 * Cross-cutting initiatives come first (they go to the council), then by
 * score, then by id.
 */
#include "report/report_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HORIZON_QUARTERS 8 /* the quarters shown, from P on */

struct hours {
	double asked[HORIZON_QUARTERS], committed[HORIZON_QUARTERS];
};

/*
 * The quarters an initiative's hours are spread over and the first one they
 * are counted in, as the comment at the top of this file says; committed
 * tells a decided or ongoing initiative from one waiting for a decision.
 */
static void hour_span(sqlite3_stmt *st, int c_start, int c_end, pf_period p, bool committed,
                      pf_period *from, pf_period *to)
{
	pf_date d;

	*from = p;
	if (sqlite3_column_type(st, c_start) == SQLITE_TEXT &&
	    pf_date_parse(pf_col_text(st, c_start), &d))
		*from = pf_period_of_date(d);
	*to = *from + 3;
	if (sqlite3_column_type(st, c_end) == SQLITE_TEXT &&
	    pf_date_parse(pf_col_text(st, c_end), &d))
		*to = pf_period_of_date(d);
	if (*to < *from)
		*to = *from;
	if (!committed && *from < p) {
		*to += p - *from;
		*from = p;
	}
}

static void spread(double *bins, double hours, pf_period from, pf_period to, pf_period p)
{
	double per = hours / (double)(to - from + 1);

	for (pf_period q = from; q <= to; q++)
		if (q >= p && q < p + HORIZON_QUARTERS)
			bins[q - p] += per;
	/* late: its quarterly share goes on in P */
	if (to < p)
		bins[0] += per;
}

/* The parts in their order in pf_report_opts.weights, in English and Swedish (folded). */
static const struct {
	const char *en, *sv;
	double weight;
} parts_[PF_SCORE_PARTS] = {
    {"benefit", "nytta", 30},        {"it_load", "it_last", 25},   {"readiness", "mognad", 20},
    {"innovative", "innovativ", 15}, {"measurable", "matbar", 10},
};

static int part_index(const char *name)
{
	char f[32];

	if (pf_fold(name, f, sizeof(f)) >= sizeof(f))
		return -1;
	for (int i = 0; i < PF_SCORE_PARTS; i++)
		if (!strcmp(f, parts_[i].en) || !strcmp(f, parts_[i].sv))
			return i;
	return -1;
}

/* One NAME=WEIGHT of a --weights list, len bytes at item. */
static bool weight_item(const char *item, size_t len, double w[PF_SCORE_PARTS], char *why, size_t n)
{
	char buf[64], *eq, *end;
	int k;

	if (len >= sizeof(buf) ||
	    !(memcpy(buf, item, len), buf[len] = '\0', eq = strchr(buf, '='))) {
		snprintf(why, n, "\"%.*s\" is not NAME=WEIGHT", (int)(len > 40 ? 40 : len), item);
		return false;
	}
	*eq = '\0';
	if ((k = part_index(buf)) < 0) {
		snprintf(why, n,
		         "unknown part \"%s\" (use benefit, it_load, readiness, innovative, "
		         "measurable, or nytta, it_last, mognad, innovativ, matbar)",
		         buf);
		return false;
	}
	/* Digits with at most one decimal point: no sign, exponent, hex, nan or blanks. */
	const char *v = eq + 1;
	bool plain = v[strspn(v, "0123456789.")] == '\0' && strchr(v, '.') == strrchr(v, '.') &&
	             strpbrk(v, "0123456789");
	double d = plain ? strtod(v, &end) : -1;
	if (!plain || *end || !(d >= 0) || d > 1e6) {
		snprintf(why, n, "\"%s\" is not a weight for %s (a number of 0 or more, e.g. 12.5)",
		         eq + 1, parts_[k].en);
		return false;
	}
	w[k] = d;
	return true;
}

bool pf_score_weights_parse(const char *spec, double w[PF_SCORE_PARTS], char *why, size_t n)
{
	double sum = 0;

	for (int i = 0; i < PF_SCORE_PARTS; i++)
		w[i] = parts_[i].weight;
	for (const char *p = spec;; p++) {
		size_t len = strcspn(p, ",");
		if (!weight_item(p, len, w, why, n))
			return false;
		p += len;
		if (!*p)
			break;
	}
	for (int i = 0; i < PF_SCORE_PARTS; i++)
		sum += w[i];
	if (sum <= 0) {
		snprintf(why, n, "the weights add up to 0: give at least one above 0");
		return false;
	}
	return true;
}

struct prio_ctx {
	pf_period period;
	struct hours h;
	json_t *waiting;
	const double *weights; /* PF_SCORE_PARTS, their sum above 0 */
};

/*
 * id, title, committee, status, cross_cutting, innovative, it_hours, budget,
 * start, end, the benefit its indicators promise, its number of indicators.
 */
static const char waiting_sql[] =
    "SELECT id, title, committee, status, cross_cutting, innovative, it_hours, budget, start, "
    "end, (SELECT sum(benefit_sek) FROM indicators WHERE initiative = n.pk), "
    "(SELECT count(*) FROM indicators WHERE initiative = n.pk) FROM initiatives n "
    "WHERE status = 'idé' OR status = 'förstudie' OR (status = 'beslutad' AND "
    "(start IS NULL OR start > ?1))";

static double clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* The score's parts and their weighted mean, as the comment at the top of this file defines them.
 */
static json_t *score_json(sqlite3_stmt *st, const double weight[PF_SCORE_PARTS], double *score)
{
	double budget = sqlite3_column_double(st, 7), benefit = sqlite3_column_double(st, 10);
	int status = pf_word_parse(PF_WORDS_PHASE, pf_col_text(st, 3));
	double parts[5] = {
	    budget > 0    ? clamp01(benefit / budget / 2)
	    : benefit > 0 ? 1
	                  : 0,
	    1 - clamp01(sqlite3_column_double(st, 6) / 2000),
	    status == PF_PHASE_DECIDED    ? 1
	    : status == PF_PHASE_PRESTUDY ? 0.6
	                                  : 0.2,
	    sqlite3_column_int(st, 5) ? 1 : 0,
	    sqlite3_column_int(st, 11) > 0 ? 1 : 0,
	};
	json_t *j = json_object();
	double sum = 0;

	*score = 0;
	for (int i = 0; i < PF_SCORE_PARTS; i++) {
		*score += weight[i] * parts[i];
		sum += weight[i];
		json_object_set_new(j, parts_[i].en, json_real(pf_round4(parts[i])));
	}
	/* 100 / sum is exactly 1 for the default weights: the same scores as always. */
	*score = round(*score * (100 / sum) * 10) / 10;
	return j;
}

static pf_status waiting_row(sqlite3_stmt *st, void *ctx)
{
	static const char *const keys[] = {
	    "id",         "title",    "committee", "status", "cross_cutting",
	    "innovative", "it_hours", "budget",    "start",  "end"};
	struct prio_ctx *c = ctx;
	json_t *o = json_object();
	double score;
	json_t *parts = score_json(st, c->weights, &score);

	for (int i = 0; i < 10; i++)
		json_object_set_new(o, keys[i], pf_json_column(st, i));
	json_object_set_new(o, "cross_cutting", json_boolean(sqlite3_column_int(st, 4)));
	json_object_set_new(o, "innovative", json_boolean(sqlite3_column_int(st, 5)));
	json_object_set_new(o, "score", json_real(score));
	json_object_set_new(o, "score_parts", parts);
	json_array_append_new(c->waiting, o);
	return PF_OK;
}

/* Cross-cutting first, then by score (higher first), then by id. */
static int waiting_order(const void *a, const void *b)
{
	const json_t *x = *(const json_t *const *)a, *y = *(const json_t *const *)b;
	int cx = json_is_true(json_object_get(x, "cross_cutting")),
	    cy = json_is_true(json_object_get(y, "cross_cutting"));
	double sx = json_real_value(json_object_get(x, "score")),
	       sy = json_real_value(json_object_get(y, "score"));

	if (cx != cy)
		return cy - cx;
	if (sx != sy)
		return sx < sy ? 1 : -1;
	return strcmp(json_string_value(json_object_get(x, "id")),
	              json_string_value(json_object_get(y, "id")));
}

static pf_status sort_waiting(json_t *list)
{
	size_t n = json_array_size(list);
	json_t **v = malloc((n ? n : 1) * sizeof(*v));

	if (!v)
		return PF_ENOMEM;
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(list, i));
	qsort(v, n, sizeof(*v), waiting_order);
	json_array_clear(list);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, v[i]);
	free(v);
	return PF_OK;
}

/* How the list of P changed from the one before it: entered, left, moved up or down. */
static const char changes_sql[] =
    "WITH cur(p) AS (SELECT max(period) FROM priorities WHERE period <= ?1),"
    " prev(p) AS (SELECT max(period) FROM priorities, cur WHERE period < cur.p)"
    " SELECT n.id, a.rank, b.rank, (SELECT p FROM prev) FROM initiatives n"
    " LEFT JOIN priorities a ON a.initiative = n.pk AND a.period = (SELECT p FROM cur)"
    " LEFT JOIN priorities b ON b.initiative = n.pk AND b.period = (SELECT p FROM prev)"
    " WHERE a.pk IS NOT NULL OR b.pk IS NOT NULL ORDER BY coalesce(a.rank, b.rank + 1000000), n.id";

static pf_status change_row(sqlite3_stmt *st, void *ctx)
{
	json_t *ch = ctx;
	json_t *id = pf_json_column(st, 0);
	bool now = sqlite3_column_type(st, 1) != SQLITE_NULL,
	     before = sqlite3_column_type(st, 2) != SQLITE_NULL;

	if (sqlite3_column_type(st, 3) != SQLITE_NULL)
		json_object_set_new(ch, "previous_period",
		                    pf_json_period(sqlite3_column_int(st, 3)));
	if (now && !before)
		json_array_append(json_object_get(ch, "entered"), id);
	else if (!now && before)
		json_array_append(json_object_get(ch, "left"), id);
	else if (sqlite3_column_int(st, 1) != sqlite3_column_int(st, 2))
		json_array_append_new(json_object_get(ch, "moved"),
		                      json_pack("{s:O, s:i, s:i}", "id", id, "from",
		                                sqlite3_column_int(st, 2), "to",
		                                sqlite3_column_int(st, 1)));
	json_decref(id);
	return PF_OK;
}

/* it_hours, start, end, and whether the hours are committed (else asked). */
static const char hours_sql[] =
    "SELECT it_hours, start, end, status IN ('beslutad', 'pågående') FROM initiatives "
    "WHERE status IN ('idé', 'förstudie', 'beslutad', 'pågående') AND it_hours > 0 "
    "AND ?1 IS NOT NULL";

static pf_status hours_row(sqlite3_stmt *st, void *ctx)
{
	struct prio_ctx *c = ctx;
	pf_period from, to;

	bool committed = sqlite3_column_int(st, 3);

	hour_span(st, 1, 2, c->period, committed, &from, &to);
	spread(committed ? c->h.committed : c->h.asked, sqlite3_column_double(st, 0), from, to,
	       c->period);
	return PF_OK;
}

static json_t *hours_json(const struct prio_ctx *c, double capacity)
{
	json_t *list = json_array();

	for (int i = 0; i < HORIZON_QUARTERS; i++) {
		double total = round(c->h.asked[i]) + round(c->h.committed[i]);
		json_array_append_new(
		    list,
		    json_pack("{s:o, s:f, s:f, s:o, s:b}", "period", pf_json_period(c->period + i),
		              "asked", round(c->h.asked[i]), "committed", round(c->h.committed[i]),
		              "capacity", capacity > 0 ? json_real(capacity) : json_null(), "over",
		              capacity > 0 && total > capacity));
	}
	return list;
}

static const char list_sql[] =
    "SELECT p.rank, n.id, n.title, n.committee, coalesce(f.status, n.status), f.assessment "
    "FROM priorities p JOIN initiatives n ON n.pk = p.initiative "
    "LEFT JOIN followups f ON f.initiative = n.pk AND f.period = ?1 "
    "WHERE p.period = (SELECT max(period) FROM priorities WHERE period <= ?1) ORDER BY p.rank";

static pf_status list_row(sqlite3_stmt *st, void *ctx)
{
	static const char *const keys[] = {"rank",      "id",     "title",
	                                   "committee", "status", "assessment"};
	json_t *o = json_object();

	for (int i = 0; i < 6; i++)
		json_object_set_new(o, keys[i], pf_json_column(st, i));
	json_array_append_new(ctx, o);
	return PF_OK;
}

static pf_status run(pf_db *db, const char *sql, pf_period p, bool as_date, pf_error *err,
                     pf_status (*row)(sqlite3_stmt *, void *), void *ctx)
{
	sqlite3_stmt *st;
	char date[PF_DATE_BUF];
	pf_status s = pf_db_prepare(db, &st, sql, err);

	if (s)
		return s;
	pf_date_format(pf_period_end(p), date);
	if (as_date)
		pf_bind_text(st, 1, date);
	else
		sqlite3_bind_int(st, 1, p);
	return pf_query_rows(db, st, err, row, ctx);
}

/* The period of the latest priority list at or before p, or null. */
static json_t *list_period(pf_db *db, pf_period p)
{
	sqlite3_stmt *st;
	json_t *j = json_null();

	if (pf_db_prepare(db, &st, "SELECT max(period) FROM priorities WHERE period <= ?1", NULL))
		return j;
	sqlite3_bind_int(st, 1, p);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		json_decref(j);
		j = pf_json_period(sqlite3_column_int(st, 0));
	}
	sqlite3_finalize(st);
	return j;
}

pf_status pf_build_priority(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err)
{
	double weights[PF_SCORE_PARTS], sum = 0;
	struct prio_ctx c = {o->period, {{0}, {0}}, json_array(), weights};
	json_t *list = json_array(), *wj = json_object();
	json_t *changes =
	    json_pack("{s:n, s:[], s:[], s:[]}", "previous_period", "entered", "left", "moved");
	pf_status s;

	/* The weights given, or (none given, or all 0) the defaults. */
	for (int i = 0; i < PF_SCORE_PARTS; i++)
		sum += o->weights[i] >= 0 ? o->weights[i] : 0;
	for (int i = 0; i < PF_SCORE_PARTS; i++) {
		weights[i] = sum > 0 ? (o->weights[i] >= 0 ? o->weights[i] : 0) : parts_[i].weight;
		json_object_set_new(wj, parts_[i].en, json_real(weights[i]));
	}
	if ((s = run(db, waiting_sql, o->period, true, err, waiting_row, &c)) ||
	    (s = run(db, hours_sql, o->period, false, err, hours_row, &c)) ||
	    (s = run(db, list_sql, o->period, false, err, list_row, list)) ||
	    (s = run(db, changes_sql, o->period, false, err, change_row, changes)))
		goto out;
	if (sort_waiting(c.waiting)) {
		s = pf_error_set(err, PF_ENOMEM, "out of memory");
		goto out;
	}
	*doc = json_object();
	json_object_set_new(*doc, "period", pf_json_period(o->period));
	json_object_set_new(*doc, "capacity",
	                    o->capacity > 0 ? json_real(o->capacity) : json_null());
	json_object_set(*doc, "score_weights", wj);
	json_object_set(*doc, "waiting", c.waiting);
	json_object_set_new(*doc, "hours", hours_json(&c, o->capacity));
	json_object_set_new(*doc, "list_period", list_period(db, o->period));
	json_object_set(*doc, "priority_list", list);
	json_object_set(*doc, "list_changes", changes);
out:
	json_decref(c.waiting);
	json_decref(wj);
	json_decref(list);
	json_decref(changes);
	return s;
}
