/*
 * The range a measured value is expected in (FORMATS.md section 2): a value
 * of an indicator measured in % outside 0..100, or one beyond the target by
 * more than the whole span from baseline to target, is warned about, never
 * rejected (a fraction typed for a percentage, a misplaced decimal point).
 *
 * Each indicator's range is read once per import, the first time one of its
 * values is met: effects load before measurements, so the stored row is the
 * one this import leaves.
 */
#include "loader.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "portfolj/value.h"

static bool is_percent_unit(const char *unit)
{
	char f[16];

	if (!unit)
		return false;
	pf_fold(unit, f, sizeof(f));
	return !strcmp(f, "%") || !strcmp(f, "procent") || !strcmp(f, "percent");
}

/* Reads indicator id's range from its stored row into *r. */
static pf_status read_range(pf_import *imp, const char *id, pf_range *r)
{
	static const char sql[] =
	    "SELECT unit, baseline, target, direction FROM indicators WHERE id = ?";
	sqlite3_stmt *st = pf_stmt(imp, &imp->ranges.find, sql);
	int rc;

	if (!st)
		return PF_EENV;
	pf_bind_text(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		return pf_db_fail(imp->db, rc, imp->err, "looking up an indicator's range");
	double baseline = sqlite3_column_double(st, 1);
	r->percent = is_percent_unit((const char *)sqlite3_column_text(st, 0));
	r->target = sqlite3_column_double(st, 2);
	r->span = fabs(r->target - baseline);
	r->up = pf_word_parse(PF_WORDS_DIRECTION, pf_col_text(st, 3)) != PF_DIR_DECREASE;
	return PF_OK;
}

/* The range of indicator id into *out, read on first use. */
static pf_status range_of(pf_import *imp, const char *id, const pf_range **out)
{
	pf_ranges *rs = &imp->ranges;
	int64_t i;
	pf_status st;

	if (pf_idmap_get(&rs->ids, id, &i)) {
		*out = &rs->list[i];
		return PF_OK;
	}
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? 2 * rs->cap : 64;
		pf_range *list = realloc(rs->list, cap * sizeof(*list));
		if (!list)
			return pf_error_set(imp->err, PF_ENOMEM, "out of memory");
		rs->list = list;
		rs->cap = cap;
	}
	if ((st = read_range(imp, id, &rs->list[rs->n])))
		return st;
	if (!pf_idmap_put(&rs->ids, id, (int64_t)rs->n))
		return pf_error_set(imp->err, PF_ENOMEM, "out of memory");
	*out = &rs->list[rs->n++];
	return PF_OK;
}

pf_status pf_check_measurement(pf_import *imp, const pf_record *rec, int f, const char *id,
                               double v)
{
	const pf_range *r = NULL;
	pf_status st = range_of(imp, id, &r);

	if (st)
		return st;
	if (r->percent && (v < 0 || v > 100))
		pf_rec_warn(imp, rec, f,
		            "the value %.15g is outside 0-100, though %s is measured in %% (was a "
		            "fraction such as 0,45 meant as 45 %%?)",
		            v, id);
	else if (r->span > 0 && (r->up ? v > r->target + r->span : v < r->target - r->span))
		pf_rec_warn(
		    imp, rec, f,
		    "the value %.15g is beyond the target %.15g of %s by more than the whole "
		    "way from its baseline (check the unit and the decimal point)",
		    v, r->target, id);
	return PF_OK;
}

void pf_ranges_free(pf_ranges *rs)
{
	sqlite3_finalize(rs->find);
	pf_idmap_free(&rs->ids);
	free(rs->list);
	memset(rs, 0, sizeof(*rs));
}
