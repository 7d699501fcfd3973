/*
 * Validating and writing one record of each kind: the value rules and the
 * cross-field rules of FORMATS.md section 2, then pf_upsert().
 */
#include "importers/load/loader.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "portfolj/model.h"
#include "core/messages.h"
#include "portfolj/value.h"

/* A word not of its set, by set: whole formats, as each language words them its own way. */
static const char *const not_word[PF_WORDS_COUNT] = {
    PF_MSG_("\"%s\" is not a status (use %s)"),
    PF_MSG_("\"%s\" is not an assessment (use %s)"),
    PF_MSG_("\"%s\" is not a category (use %s)"),
    PF_MSG_("\"%s\" is not a direction (use %s)"),
    PF_MSG_("\"%s\" is not a horizon (use %s)"),
    PF_MSG_("\"%s\" is not a decision type (use %s)"),
    PF_MSG_("\"%s\" is not a benefit type (use %s)"),
    PF_MSG_("\"%s\" is not a measuring frequency (use %s)"),
};

static void word_list(pf_wordset set, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < pf_word_count(set) && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ", " : "", pf_word(set, i));
}

/*
 * Clears a value but not its text buffer (values are cleared for every field
 * of every row) nor whether the record gives it: a default keeps that.
 */
static void val_clear(pf_val *v)
{
	v->t = PF_V_NULL;
	v->i = 0;
	v->d = 0;
	v->s = NULL;
}

static bool parse_whole(const char *s, bool round_it, int64_t *out)
{
	double d;

	if (!pf_number_parse(s, &d) || !(fabs(d) < PF_NUMBER_LIMIT))
		return false;
	if (round_it)
		d = round(d);
	if (d != floor(d))
		return false;
	*out = (int64_t)d;
	return true;
}

/*
 * FORMATS.md section 2: `47.500` is read as 47.5, but a thousands separator
 * was likely meant: warned about, with both readings spelled out. Only for
 * text a person typed (a CSV cell, an option): XLSX and JSON numbers are exact.
 */
static void warn_point_grouping(pf_import *imp, const pf_record *rec, int f, const char *s)
{
	char whole[128], decimal[128];
	const char *dot;
	int keep = 3;

	if ((rec->style != PF_LOC_LINECOL && rec->style != PF_LOC_OPTION) ||
	    !pf_number_point_grouping(s) || !(dot = strchr(s, '.')))
		return;
	while (keep > 0 && dot[keep] == '0')
		keep--;
	snprintf(whole, sizeof(whole), "%.*s%s", (int)(dot - s), s, dot + 1);
	snprintf(decimal, sizeof(decimal), "%.*s%s%.*s%s", (int)(dot - s), s, keep ? "," : "", keep,
	         dot + 1, dot + 4);
	pf_rec_warn(imp, rec, f,
	            "\"%s\" is read as a decimal number, but a thousands separator was likely "
	            "meant; write %s or %s",
	            s, whole, decimal);
}

/* A number of 10^15 or more: said with its first digits (it may have hundreds). */
static void too_large(pf_import *imp, const pf_record *rec, int f, const char *s)
{
	pf_rec_error(imp, rec, f,
	             "\"%.24s%s\" is too large: a number must be less than 10^15 "
	             "(1 000 000 000 000 000) in size",
	             s, strlen(s) > 24 ? "..." : "");
}

/* Converts field f of rec to a typed value; false (with an error recorded) on bad input. */
static bool convert(pf_import *imp, const pf_record *rec, const pf_field *fd, int f, pf_val *v)
{
	const char *s = rec->val[f];
	char list[160];
	pf_date d;
	pf_protocol p;
	bool b;
	int w;

	val_clear(v);
	v->keep = !pf_record_has(rec, f);
	if (!s) {
		if (fd->required)
			pf_rec_error(imp, rec, f, "missing required value %s (%s)", fd->sv, fd->en);
		return !fd->required;
	}
	switch (fd->type) {
	case PF_T_TEXT:
		v->t = PF_V_TEXT;
		v->s = s;
		if (!pf_text_too_long(s))
			return true;
		pf_rec_error(imp, rec, f,
		             "the text is longer than %d characters, the most a spreadsheet cell "
		             "holds: shorten it",
		             PF_TEXT_MAX);
		return false;
	case PF_T_NUMBER:
		v->t = PF_V_REAL;
		if (pf_number_too_large(s)) {
			too_large(imp, rec, f, s);
			return false;
		}
		if (pf_number_parse(s, &v->d)) {
			warn_point_grouping(imp, rec, f, s);
			return true;
		}
		pf_rec_error(imp, rec, f, "\"%s\" is not a number (use 12,5 or 12.5)", s);
		return false;
	case PF_T_INTEGER:
	case PF_T_MONEY:
		v->t = PF_V_INT;
		if (pf_number_too_large(s)) {
			too_large(imp, rec, f, s);
			return false;
		}
		if (parse_whole(s, fd->type == PF_T_MONEY, &v->i)) {
			warn_point_grouping(imp, rec, f, s);
			return true;
		}
		pf_rec_error(imp, rec, f, "\"%s\" is not a whole number", s);
		return false;
	case PF_T_DATE:
		v->t = PF_V_TEXT;
		v->s = v->buf;
		if (pf_date_parse(s, &d)) {
			pf_date_format(d, v->buf);
			return true;
		}
		pf_rec_error(imp, rec, f, "\"%s\" is not a date (use YYYY-MM-DD)", s);
		return false;
	case PF_T_PERIOD:
		v->t = PF_V_INT;
		if (pf_period_parse(s, &w)) {
			v->i = w;
			return true;
		}
		pf_rec_error(imp, rec, f, "\"%s\" is not a period (use 2025Q1, 2025-Q1 or Q1 2025)",
		             s);
		return false;
	case PF_T_BOOL:
		v->t = PF_V_INT;
		if (pf_bool_parse(s, &b)) {
			v->i = b;
			return true;
		}
		pf_rec_error(imp, rec, f,
		             "\"%s\" is not yes or no (use ja, nej, yes, no, 1, 0 or x)", s);
		return false;
	case PF_T_WORD:
		v->t = PF_V_TEXT;
		if ((w = pf_word_parse(fd->words, s)) >= 0) {
			v->s = pf_word(fd->words, w);
			return true;
		}
		word_list(fd->words, list, sizeof(list));
		pf_rec_error(imp, rec, f, not_word[fd->words], s, list);
		return false;
	case PF_T_BODY:
		v->t = PF_V_TEXT;
		v->s = v->buf;
		if (pf_body_parse(s, v->buf))
			return true;
		pf_rec_error(imp, rec, f,
		             "\"%s\" is not a body (use a committee code such as KBN, "
		             "regionledningen, digitaliseringsrådet or förvaltningen)",
		             s);
		return false;
	case PF_T_PROTOCOL:
		v->t = PF_V_TEXT;
		v->s = v->buf;
		if (pf_protocol_parse(s, &p)) {
			pf_protocol_format(&p, v->buf);
			return true;
		}
		pf_rec_error(imp, rec, f,
		             "\"%s\" is not a protocol reference (use BODY YYYY-MM-DD § N, "
		             "e.g. KBN 2025-03-04 § 43)",
		             s);
		return false;
	}
	return false;
}

/* Converts every field of the record; false if any was bad (all are reported). */
static bool convert_all(pf_import *imp, const pf_record *rec, pf_val *fv)
{
	size_t n;
	const pf_field *fields = pf_kind_fields(rec->kind, &n);
	bool ok = true;

	for (size_t f = 0; f < n; f++)
		ok &= convert(imp, rec, &fields[f], (int)f, &fv[f]);
	return ok;
}

static void set_int(pf_val *v, int64_t i)
{
	val_clear(v);
	v->t = PF_V_INT;
	v->i = i;
}

static void set_text(pf_val *v, const char *s)
{
	val_clear(v);
	v->t = s ? PF_V_TEXT : PF_V_NULL;
	v->s = s;
}

/* Resolves an initiative reference at field f; false (error recorded) when unknown. */
static bool resolve_initiative(pf_import *imp, const pf_record *rec, int f, int64_t *pk,
                               pf_status *st)
{
	*st = pf_find_initiative(imp, rec->val[f], pk);
	if (*st == PF_ENOTFOUND) {
		pf_unknown_initiative(imp, rec, f, rec->val[f]);
		*st = PF_EINPUT;
	}
	return *st == PF_OK;
}

static const char *const ini_cols[] = {
    "title",  "committee",  "unit",          "description",     "category",
    "status", "innovative", "cross_cutting", "project_manager", "benefit_owner",
    "start",  "end",        "budget",        "it_hours",
};
static const pf_table ini_table = {
    "initiatives",
    "INSERT INTO initiatives (id, title, committee, unit, description, category, status, "
    "innovative, cross_cutting, project_manager, benefit_owner, start, end, budget, it_hours, run) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
    "ON CONFLICT DO NOTHING",
    "SELECT pk, title, committee, unit, description, category, status, innovative, "
    "cross_cutting, project_manager, benefit_owner, start, end, budget, it_hours "
    "FROM initiatives WHERE id = ?1",
    "UPDATE initiatives SET title = ?1, committee = ?2, unit = ?3, description = ?4, "
    "category = ?5, status = ?6, innovative = ?7, cross_cutting = ?8, project_manager = ?9, "
    "benefit_owner = ?10, start = ?11, end = ?12, budget = ?13, it_hours = ?14, run = ?16 "
    "WHERE pk = ?15",
    1,
    14,
    ini_cols,
    PF_KIND_INITIATIVES,
};

static pf_status load_initiative(pf_import *imp, const pf_record *rec, pf_val *fv,
                                 pf_upsert_result *res)
{
	pf_status st;
	int64_t pk;

	if (!pf_body_is_committee(fv[F_INI_COMMITTEE].s)) {
		pf_rec_error(imp, rec, F_INI_COMMITTEE, "\"%s\" is not a committee code (e.g. KBN)",
		             rec->val[F_INI_COMMITTEE]);
		return PF_EINPUT;
	}
	if (fv[F_INI_START].t && fv[F_INI_END].t &&
	    strcmp(fv[F_INI_END].s, fv[F_INI_START].s) < 0) {
		pf_rec_error(imp, rec, F_INI_END, "the end %s is before the start %s",
		             fv[F_INI_END].s, fv[F_INI_START].s);
		return PF_EINPUT;
	}
	if (!fv[F_INI_CATEGORY].t)
		set_text(&fv[F_INI_CATEGORY], pf_word(PF_WORDS_CATEGORY, PF_CAT_DIGITAL));
	if (!fv[F_INI_STATUS].t)
		set_text(&fv[F_INI_STATUS], pf_word(PF_WORDS_PHASE, PF_PHASE_IDEA));
	if (!fv[F_INI_INNOVATIVE].t)
		set_int(&fv[F_INI_INNOVATIVE], 0);
	if (!fv[F_INI_CROSS].t)
		set_int(&fv[F_INI_CROSS], 0);
	if ((st = pf_ensure_committee(imp, fv[F_INI_COMMITTEE].s)) ||
	    (st = pf_ensure_unit(imp, fv[F_INI_UNIT].s)))
		return st;
	return pf_upsert(imp, &ini_table, fv, fv[F_INI_ID].s, fv[F_INI_ID].s, rec, &pk, res);
}

/* For tables whose first column is an initiative's key: the history shows its id. */
const char *const pf_refs_initiative_first[] = {"SELECT id FROM initiatives WHERE pk = ?1",
                                                NULL,
                                                NULL,
                                                NULL,
                                                NULL,
                                                NULL,
                                                NULL,
                                                NULL,
                                                NULL,
                                                NULL,
                                                NULL,
                                                NULL,
                                                NULL,
                                                NULL,
                                                NULL,
                                                NULL};

static const char *const eff_cols[] = {
    "initiative", "indicator",     "goal",   "unit",         "direction",
    "baseline",   "baseline_date", "target", "target_date",  "method",
    "frequency",  "owner",         "weight", "benefit_type", "benefit_sek",
};
static const pf_table eff_table = {
    "effects",
    "INSERT INTO indicators (id, initiative, name, goal, unit, direction, baseline, "
    "baseline_date, target, target_date, method, frequency, owner, weight, benefit_type, "
    "benefit_sek, run) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
    "ON CONFLICT DO NOTHING",
    "SELECT pk, initiative, name, goal, unit, direction, baseline, baseline_date, target, "
    "target_date, method, frequency, owner, weight, benefit_type, benefit_sek FROM indicators "
    "WHERE id = ?1",
    "UPDATE indicators SET initiative = ?1, name = ?2, goal = ?3, unit = ?4, direction = ?5, "
    "baseline = ?6, baseline_date = ?7, target = ?8, target_date = ?9, method = ?10, "
    "frequency = ?11, owner = ?12, weight = ?13, benefit_type = ?14, benefit_sek = ?15, "
    "run = ?17 WHERE pk = ?16",
    1,
    15,
    eff_cols,
    PF_KIND_EFFECTS,
    pf_refs_initiative_first,
};

/* The direction of FORMATS.md: given, or from the sign of target - baseline. */
static bool effect_direction(pf_import *imp, const pf_record *rec, pf_val *fv)
{
	double b = fv[F_EFF_BASELINE].d, t = fv[F_EFF_TARGET].d;

	if (fv[F_EFF_DIRECTION].t) {
		bool up =
		    !strcmp(fv[F_EFF_DIRECTION].s, pf_word(PF_WORDS_DIRECTION, PF_DIR_INCREASE));
		if ((up && t < b) || (!up && t > b))
			pf_rec_warn(imp, rec, F_EFF_DIRECTION,
			            up ? "direction %s but the target %g is below the baseline %g"
			               : "direction %s but the target %g is above the baseline %g",
			            fv[F_EFF_DIRECTION].s, t, b);
		return true;
	}
	if (t == b) {
		pf_rec_error(imp, rec, F_EFF_DIRECTION,
		             "a direction (öka or minska) is required when the target equals the "
		             "baseline");
		return false;
	}
	set_text(&fv[F_EFF_DIRECTION],
	         pf_word(PF_WORDS_DIRECTION, t > b ? PF_DIR_INCREASE : PF_DIR_DECREASE));
	return true;
}

static pf_status load_effect(pf_import *imp, const pf_record *rec, pf_val *fv,
                             pf_upsert_result *res)
{
	pf_status st;
	int64_t ini, pk;
	bool ok = effect_direction(imp, rec, fv);

	if (strcmp(fv[F_EFF_TARGET_DATE].s, fv[F_EFF_BASELINE_DATE].s) <= 0) {
		pf_rec_error(imp, rec, F_EFF_TARGET_DATE,
		             "the target date %s is not after the baseline date %s",
		             fv[F_EFF_TARGET_DATE].s, fv[F_EFF_BASELINE_DATE].s);
		ok = false;
	}
	if (!fv[F_EFF_FREQUENCY].t)
		set_text(&fv[F_EFF_FREQUENCY], pf_word(PF_WORDS_FREQUENCY, PF_FREQ_QUARTERLY));
	if (fv[F_EFF_WEIGHT].t && !(fv[F_EFF_WEIGHT].d > 0)) {
		pf_rec_error(imp, rec, F_EFF_WEIGHT, "the weight must be a positive number");
		ok = false;
	}
	if (!resolve_initiative(imp, rec, F_EFF_INITIATIVE, &ini, &st) || !ok)
		return st ? st : PF_EINPUT;
	/* The table's columns start with the initiative's key in place of its id. */
	const char *initiative = fv[F_EFF_INITIATIVE].s;
	set_int(&fv[F_EFF_INITIATIVE], ini);
	return pf_upsert(imp, &eff_table, fv, fv[F_EFF_ID].s, initiative, rec, &pk, res);
}

/* "A B" into buf, truncated: every measurement builds its key, so no printf here. */
static void join_key(char *buf, size_t n, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la + lb + 2 > n) {
		snprintf(buf, n, "%s %s", a, b);
		return;
	}
	memcpy(buf, a, la);
	buf[la] = ' ';
	memcpy(buf + la + 1, b, lb + 1);
}

static const char *const mea_cols[] = {"value", "comment"};
static const pf_table mea_table = {
    "measurements",
    "INSERT INTO measurements (key, value, comment, run) "
    "VALUES (?1 << 16 | ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
    "SELECT run, value, comment FROM measurements WHERE key = (?1 << 16 | ?2)",
    "UPDATE measurements SET value = ?1, comment = ?2, run = ?5 WHERE key = (?3 << 16 | ?4)",
    2,
    2,
    mea_cols,
    PF_KIND_MEASUREMENTS,
    NULL,
    true,
};

static pf_status load_measurement(pf_import *imp, const pf_record *rec, pf_val *fv,
                                  pf_upsert_result *res)
{
	const char *initiative;
	char key[160], period[PF_PERIOD_BUF];
	int64_t ind, pk;
	bool fresh;
	const pf_range *range;
	pf_status st = pf_indicator_pk(imp, fv[F_MEA_INDICATOR].s, &ind, &fresh, &range);

	if (st == PF_ENOTFOUND) {
		pf_unknown_indicator(imp, rec, F_MEA_INDICATOR, fv[F_MEA_INDICATOR].s);
		return PF_EINPUT;
	}
	if (st)
		return st;
	pf_check_measurement(imp, rec, F_MEA_VALUE, fv[F_MEA_INDICATOR].s, range,
	                     fv[F_MEA_VALUE].d);
	/* The table's key: periods are below 2^16. */
	int64_t k = ind << 16 | fv[F_MEA_PERIOD].i;
	if (pf_batch_takes(imp, fresh, k)) {
		*res = PF_UPSERT_INSERTED;
		return pf_batch_add(imp, rec, k, fv[F_MEA_VALUE].d, fv[F_MEA_COMMENT].s);
	}
	if ((st = pf_batch_flush(imp)) || (st = pf_indicator_initiative(imp, ind, &initiative)))
		return st;
	pf_period_format((pf_period)fv[F_MEA_PERIOD].i, period);
	join_key(key, sizeof(key), fv[F_MEA_INDICATOR].s, period);
	set_int(&fv[F_MEA_INDICATOR], ind);
	return pf_upsert(imp, &mea_table, fv, key, initiative, rec, &pk, res);
}

static const char *const fup_cols[] = {"assessment", "status", "expected_effects", "comment",
                                       "reported_by"};
static const pf_table fup_table = {
    "followups",
    "INSERT INTO followups (initiative, period, assessment, status, expected_effects, comment, "
    "reported_by, run) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
    "SELECT pk, assessment, status, expected_effects, comment, reported_by FROM followups "
    "WHERE initiative = ?1 AND period = ?2",
    "UPDATE followups SET assessment = ?1, status = ?2, expected_effects = ?3, comment = ?4, "
    "reported_by = ?5, run = ?7 WHERE pk = ?6",
    2,
    5,
    fup_cols,
    PF_KIND_FOLLOWUPS,
};

static pf_status load_followup(pf_import *imp, const pf_record *rec, pf_val *fv,
                               pf_upsert_result *res)
{
	char key[160], period[PF_PERIOD_BUF];
	int64_t ini, pk;
	pf_status st;

	if (!resolve_initiative(imp, rec, F_FUP_INITIATIVE, &ini, &st))
		return st;
	pf_period_format((pf_period)fv[F_FUP_PERIOD].i, period);
	join_key(key, sizeof(key), fv[F_FUP_INITIATIVE].s, period);
	const char *initiative = fv[F_FUP_INITIATIVE].s;
	set_int(&fv[F_FUP_INITIATIVE], ini);
	return pf_upsert(imp, &fup_table, fv, key, initiative, rec, &pk, res);
}

static const char *const pri_cols[] = {"initiative", "decided_by", "decision_date"};
static const pf_table pri_table = {
    "priorities",
    "INSERT INTO priorities (period, rank, initiative, decided_by, decision_date, run) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
    "SELECT pk, initiative, decided_by, decision_date FROM priorities "
    "WHERE period = ?1 AND rank = ?2",
    "UPDATE priorities SET initiative = ?1, decided_by = ?2, decision_date = ?3, run = ?5 "
    "WHERE pk = ?4",
    2,
    3,
    pri_cols,
    PF_KIND_PRIORITIES,
    pf_refs_initiative_first,
};

static pf_status load_priority(pf_import *imp, const pf_record *rec, pf_val *fv,
                               pf_upsert_result *res)
{
	char key[64], period[PF_PERIOD_BUF];
	int64_t ini, pk;
	pf_status st;

	if (fv[F_PRI_RANK].i < 1) {
		pf_rec_error(imp, rec, F_PRI_RANK, "the rank must be 1 or more");
		return PF_EINPUT;
	}
	if (!resolve_initiative(imp, rec, F_PRI_INITIATIVE, &ini, &st))
		return st;
	pf_period_format((pf_period)fv[F_PRI_PERIOD].i, period);
	snprintf(key, sizeof(key), "%s %lld", period, (long long)fv[F_PRI_RANK].i);
	const char *initiative = fv[F_PRI_INITIATIVE].s;
	set_int(&fv[F_PRI_INITIATIVE], ini);
	return pf_upsert(imp, &pri_table, fv, key, initiative, rec, &pk, res);
}

/*
 * A decision given by a command without --id gets BODY-DATE-N, the next free
 * N, here inside the import's write transaction: found in a connection of
 * its own, two decisions at once got the same id and one overwrote the other.
 */
static pf_status give_decision_id(pf_import *imp, const pf_record *rec, pf_record *with)
{
	char body[PF_BODY_BUF], date[PF_DATE_BUF];
	const char *b = rec->val[F_DEC_BODY], *d = rec->val[F_DEC_DATE];
	pf_date dd;
	pf_status st;

	*with = *rec;
	if (!b || !d)
		return PF_OK; /* reported as missing by the conversion */
	if (pf_date_parse(d, &dd)) {
		pf_date_format(dd, date);
		d = date;
	}
	if ((st = pf_decision_next_id(imp->db, pf_body_parse(b, body) ? body : b, d,
	                              imp->decision_id, sizeof(imp->decision_id), imp->err)))
		return st;
	with->val[F_DEC_ID] = imp->decision_id;
	with->has |= 1u << F_DEC_ID;
	return PF_OK;
}

pf_status pf_load_record(pf_import *imp, const pf_record *rec, pf_upsert_result *res)
{
	pf_val fv[PF_FIELDS_MAX];
	pf_record with;
	pf_status st;

	if (rec->kind == PF_KIND_DECISIONS && rec->style == PF_LOC_OPTION &&
	    !pf_record_has(rec, F_DEC_ID)) {
		if ((st = give_decision_id(imp, rec, &with)))
			return st;
		rec = &with;
	}
	if (!convert_all(imp, rec, fv))
		return PF_EINPUT;
	switch (rec->kind) {
	case PF_KIND_INITIATIVES:
		return load_initiative(imp, rec, fv, res);
	case PF_KIND_EFFECTS:
		return load_effect(imp, rec, fv, res);
	case PF_KIND_MEASUREMENTS:
		return load_measurement(imp, rec, fv, res);
	case PF_KIND_FOLLOWUPS:
		return load_followup(imp, rec, fv, res);
	case PF_KIND_PRIORITIES:
		return load_priority(imp, rec, fv, res);
	case PF_KIND_ROADMAPS:
		return pf_load_roadmap(imp, rec, fv, res);
	case PF_KIND_DECISIONS:
		return pf_load_decision(imp, rec, fv, res);
	case PF_KIND_COUNT:
		break;
	}
	return PF_EUSAGE;
}
