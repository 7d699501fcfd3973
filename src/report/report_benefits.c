/*
 * report benefits: benefit realisation (effekthemtagning) on its own. The
 * committees' benefit keys are the committee report's, copied from it; the
 * initiatives with at least one indicator follow, each with its realisation
 * and its promised and realised value (src/report/benefits.c).
 */
#include "report/report_internal.h"

#include "report/benefits.h"

/* The committee report's keys this report shows, in this order. */
static const char *const committee_keys[] = {
    "code",         "realisation", "lights_by_quarter",     "after_completion",
    "kpis_by_year", "benefits",    "unmeasured_indicators",
};

static json_t *committees_of(const json_t *committee_doc)
{
	json_t *list = json_array(), *c;
	size_t i;

	json_array_foreach(json_object_get(committee_doc, "committees"), i, c)
	{
		json_t *j = json_object();

		for (size_t k = 0; k < sizeof(committee_keys) / sizeof(committee_keys[0]); k++) {
			json_t *v = json_object_get(c, committee_keys[k]);

			if (v)
				json_object_set(j, committee_keys[k], v);
		}
		json_array_append_new(list, j);
	}
	return list;
}

/* Initiatives with at least one indicator, by id; ?1 the committee code or null. */
static const char initiatives_sql[] =
    "SELECT n.pk, n.id, n.title, n.committee, n.status FROM initiatives n "
    "WHERE EXISTS (SELECT 1 FROM indicators i WHERE i.initiative = n.pk) "
    "AND (?1 IS NULL OR n.committee = upper(?1)) ORDER BY n.id";

struct initiatives_ctx {
	pf_db *db;
	const pf_eval *eval;
	json_t *list;
	sqlite3_stmt *benefits; /* the benefit query, kept for every initiative */
	pf_error *err;
};

static pf_status initiative_row(sqlite3_stmt *st, void *ctx)
{
	struct initiatives_ctx *c = ctx;
	int64_t pk = sqlite3_column_int64(st, 0);
	pf_agg agg = {0};
	json_t *j = json_object();

	pf_agg_initiative(&agg, c->eval, pk);
	json_object_set_new(j, "id", pf_json_column(st, 1));
	json_object_set_new(j, "title", pf_json_column(st, 2));
	json_object_set_new(j, "committee", pf_json_column(st, 3));
	json_object_set_new(j, "status", pf_json_column(st, 4));
	json_object_set_new(j, "realisation", pf_json_realisation(&agg));
	json_array_append_new(c->list, j);
	return pf_benefits_initiative(c->db, pk, c->eval, j, &c->benefits, c->err);
}

pf_status pf_build_benefits(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err)
{
	json_t *committee = NULL, *initiatives = json_array();
	pf_eval eval = {0};
	struct initiatives_ctx c = {db, &eval, initiatives, NULL, err};
	sqlite3_stmt *st;
	pf_status s;

	if ((s = pf_build_committee_eval(db, o, &committee, &eval, err)))
		goto out;
	if ((s = pf_db_prepare(db, &st, initiatives_sql, err)))
		goto out;
	pf_bind_text(st, 1, o->committee);
	if ((s = pf_query_rows(db, st, err, initiative_row, &c)))
		goto out;
	*doc = json_object();
	json_object_set_new(*doc, "period", pf_json_period(o->period));
	json_object_set_new(*doc, "committees", committees_of(committee));
	json_object_set(*doc, "initiatives", initiatives);
out:
	sqlite3_finalize(c.benefits);
	pf_eval_free(&eval);
	json_decref(committee);
	json_decref(initiatives);
	return s;
}
