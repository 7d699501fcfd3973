/*
 * The range a measured value is expected in (FORMATS.md section 2): a value
 * of an indicator measured in % outside 0..100, or one beyond the target by
 * more than the whole span from baseline to target, is warned about, never
 * rejected (a fraction typed for a percentage, a misplaced decimal point).
 * pf_indicator_pk() reads each indicator's range once per import.
 */
#include "importers/load/loader.h"

#include <math.h>
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

void pf_range_read(pf_range *r, sqlite3_stmt *row, int col)
{
	double baseline = sqlite3_column_double(row, col + 1);

	r->percent = is_percent_unit((const char *)sqlite3_column_text(row, col));
	r->target = sqlite3_column_double(row, col + 2);
	r->span = fabs(r->target - baseline);
	r->up = pf_word_parse(PF_WORDS_DIRECTION,
	                      (const char *)sqlite3_column_text(row, col + 3)) != PF_DIR_DECREASE;
}

void pf_check_measurement(pf_import *imp, const pf_record *rec, int f, const char *id,
                          const pf_range *r, double v)
{
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
}
