/* Every indicator evaluated at one period: the inputs of the reports' realisation figures. */
#ifndef PF_EVAL_H
#define PF_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "store/sqlite/db_internal.h"
#include "portfolj/effect.h"

typedef struct pf_ind_eval {
	int64_t pk, initiative; /* keys */
	double weight;
	bool measured;
	double value; /* the latest value in a period ending by end(P) */
	pf_period at; /* its period */
	pf_frequency frequency;
	bool stale; /* measured, and at lies the frequency or more before P (section 4) */
	double progress, expected;
	pf_light light; /* PF_LIGHT_UNMEASURED when not measured; a stale value still has one */
} pf_ind_eval;

/* Indicators sorted by initiative key, then indicator id. */
typedef struct pf_eval {
	pf_ind_eval *v;
	size_t n;
} pf_eval;

/* Weighted sums over a set of indicators (FORMATS.md section 4). */
typedef struct pf_agg {
	size_t indicators, measured, on_track, stale;
	double wsum, progress, expected; /* weight sum and weighted sums over measured ones */
} pf_agg;

/* Evaluates every indicator (or those of one initiative, initiative > 0) at period p. */
pf_status pf_eval_load(pf_db *db, pf_period p, int64_t initiative, pf_eval *out, pf_error *err);
void pf_eval_free(pf_eval *e);

/* How many quarters pf_eval_load_history() evaluates: P and the three before it. */
#define PF_EVAL_HISTORY 4
/* Evaluates every indicator at P-3 .. P (out[3] is P) in one pass. */
pf_status pf_eval_load_history(pf_db *db, pf_period p, pf_eval out[PF_EVAL_HISTORY], pf_error *err);

/* Evaluates one indicator from its stored fields. */
void pf_eval_one(pf_ind_eval *e, double baseline, double target, const char *d0, const char *d1,
                 pf_direction dir, pf_period p);

/* The same with the dates parsed. */
void pf_eval_dates(pf_ind_eval *e, double baseline, double target, pf_date d0, pf_date d1,
                   pf_direction dir, pf_period p);

/*
 * The index of the initiative's first indicator in e (its indicators follow
 * it), or where it would be: e->n or an indicator of another initiative.
 */
size_t pf_eval_first(const pf_eval *e, int64_t initiative);

void pf_agg_add(pf_agg *a, const pf_ind_eval *e);
/* Adds the indicators of one initiative. */
void pf_agg_initiative(pf_agg *a, const pf_eval *e, int64_t initiative);
/* Weighted mean progress; false when nothing is measured. */
bool pf_agg_realisation(const pf_agg *a, double *r);
/* The light of the realisation against the weighted mean expected; unmeasured if none. */
pf_light pf_agg_light(const pf_agg *a);

#endif
