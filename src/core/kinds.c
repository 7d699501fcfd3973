/* The sheet kinds of FORMATS.md section 2: see include/portfolj/kinds.h. */
#include "portfolj/kinds.h"

#include <string.h>

#include "portfolj/value.h"

#define REQ true
#define OPT false

static const pf_field initiatives[F_INI_COUNT] = {
    [F_INI_ID] = {"id", "id", PF_T_TEXT, 0, REQ},
    [F_INI_TITLE] = {"titel", "title", PF_T_TEXT, 0, REQ},
    [F_INI_COMMITTEE] = {"namnd", "committee", PF_T_BODY, 0, REQ},
    [F_INI_UNIT] = {"verksamhet", "unit", PF_T_TEXT, 0, OPT},
    [F_INI_DESCRIPTION] = {"beskrivning", "description", PF_T_TEXT, 0, OPT},
    [F_INI_CATEGORY] = {"kategori", "category", PF_T_WORD, PF_WORDS_CATEGORY, OPT},
    [F_INI_STATUS] = {"fas", "status", PF_T_WORD, PF_WORDS_PHASE, OPT},
    [F_INI_INNOVATIVE] = {"innovativ", "innovative", PF_T_BOOL, 0, OPT},
    [F_INI_CROSS] = {"tvarsektoriell", "cross_cutting", PF_T_BOOL, 0, OPT},
    [F_INI_PM] = {"projektledare", "project_manager", PF_T_TEXT, 0, OPT},
    [F_INI_BENEFIT_OWNER] = {"nyttoagare", "benefit_owner", PF_T_TEXT, 0, OPT},
    [F_INI_START] = {"start", "start", PF_T_DATE, 0, OPT},
    [F_INI_END] = {"slut", "end", PF_T_DATE, 0, OPT},
    [F_INI_BUDGET] = {"budget_kr", "budget", PF_T_MONEY, 0, OPT},
    [F_INI_IT_HOURS] = {"it_timmar", "it_hours", PF_T_NUMBER, 0, OPT},
};

static const pf_field effects[F_EFF_COUNT] = {
    [F_EFF_ID] = {"indikator_id", "indicator_id", PF_T_TEXT, 0, REQ},
    [F_EFF_INITIATIVE] = {"initiativ", "initiative", PF_T_TEXT, 0, REQ},
    [F_EFF_NAME] = {"indikator", "indicator", PF_T_TEXT, 0, REQ},
    [F_EFF_GOAL] = {"effektmal", "goal", PF_T_TEXT, 0, OPT},
    [F_EFF_UNIT] = {"enhet", "unit", PF_T_TEXT, 0, OPT},
    [F_EFF_DIRECTION] = {"riktning", "direction", PF_T_WORD, PF_WORDS_DIRECTION, OPT},
    [F_EFF_BASELINE] = {"basvarde", "baseline", PF_T_NUMBER, 0, REQ},
    [F_EFF_BASELINE_DATE] = {"basdatum", "baseline_date", PF_T_DATE, 0, REQ},
    [F_EFF_TARGET] = {"malvarde", "target", PF_T_NUMBER, 0, REQ},
    [F_EFF_TARGET_DATE] = {"maldatum", "target_date", PF_T_DATE, 0, REQ},
    [F_EFF_METHOD] = {"matmetod", "method", PF_T_TEXT, 0, OPT},
    [F_EFF_FREQUENCY] = {"matfrekvens", "frequency", PF_T_WORD, PF_WORDS_FREQUENCY, OPT},
    [F_EFF_OWNER] = {"ansvarig", "owner", PF_T_TEXT, 0, OPT},
    [F_EFF_WEIGHT] = {"vikt", "weight", PF_T_NUMBER, 0, OPT},
    [F_EFF_BENEFIT_TYPE] = {"nyttotyp", "benefit_type", PF_T_WORD, PF_WORDS_BENEFIT, OPT},
    [F_EFF_BENEFIT_SEK] = {"nytta_kr", "benefit_sek", PF_T_MONEY, 0, OPT},
};

static const pf_field measurements[F_MEA_COUNT] = {
    [F_MEA_INDICATOR] = {"indikator_id", "indicator_id", PF_T_TEXT, 0, REQ},
    [F_MEA_PERIOD] = {"period", "period", PF_T_PERIOD, 0, REQ},
    [F_MEA_VALUE] = {"varde", "value", PF_T_NUMBER, 0, REQ},
    [F_MEA_COMMENT] = {"kommentar", "comment", PF_T_TEXT, 0, OPT},
};

static const pf_field followups[F_FUP_COUNT] = {
    [F_FUP_INITIATIVE] = {"initiativ", "initiative", PF_T_TEXT, 0, REQ},
    [F_FUP_PERIOD] = {"period", "period", PF_T_PERIOD, 0, REQ},
    [F_FUP_ASSESSMENT] = {"bedomning", "assessment", PF_T_WORD, PF_WORDS_LIGHT, REQ},
    [F_FUP_STATUS] = {"fas", "status", PF_T_WORD, PF_WORDS_PHASE, OPT},
    [F_FUP_EXPECTED] = {"forvantade_effekter", "expected_effects", PF_T_TEXT, 0, OPT},
    [F_FUP_COMMENT] = {"kommentar", "comment", PF_T_TEXT, 0, OPT},
    [F_FUP_REPORTED_BY] = {"rapporterad_av", "reported_by", PF_T_TEXT, 0, OPT},
};

static const pf_field priorities[F_PRI_COUNT] = {
    [F_PRI_PERIOD] = {"period", "period", PF_T_PERIOD, 0, REQ},
    [F_PRI_RANK] = {"rang", "rank", PF_T_INTEGER, 0, REQ},
    [F_PRI_INITIATIVE] = {"initiativ", "initiative", PF_T_TEXT, 0, REQ},
    [F_PRI_DECIDED_BY] = {"beslutad_av", "decided_by", PF_T_TEXT, 0, OPT},
    [F_PRI_DECISION_DATE] = {"beslutsdatum", "decision_date", PF_T_DATE, 0, OPT},
};

static const pf_field roadmaps[F_RM_COUNT] = {
    [F_RM_ROADMAP] = {"fardplan", "roadmap", PF_T_TEXT, 0, REQ},
    [F_RM_VERSION] = {"version", "version", PF_T_TEXT, 0, REQ},
    [F_RM_UNIT] = {"verksamhet", "unit", PF_T_TEXT, 0, REQ},
    [F_RM_COMMITTEE] = {"namnd", "committee", PF_T_BODY, 0, REQ},
    [F_RM_DATE] = {"datum", "date", PF_T_DATE, 0, REQ},
    [F_RM_INITIATIVE] = {"initiativ", "initiative", PF_T_TEXT, 0, REQ},
    [F_RM_HORIZON] = {"horisont", "horizon", PF_T_WORD, PF_WORDS_HORIZON, REQ},
    [F_RM_FIRST_YEAR] = {"forsta_ar", "first_year", PF_T_INTEGER, 0, OPT},
    [F_RM_DECIDED_BY] = {"beslutad_av", "decided_by", PF_T_TEXT, 0, OPT},
    [F_RM_COMMENT] = {"kommentar", "comment", PF_T_TEXT, 0, OPT},
};

static const pf_field decisions[F_DEC_COUNT] = {
    [F_DEC_ID] = {"beslut_id", "decision_id", PF_T_TEXT, 0, REQ},
    [F_DEC_BODY] = {"organ", "body", PF_T_BODY, 0, REQ},
    [F_DEC_DATE] = {"datum", "date", PF_T_DATE, 0, REQ},
    [F_DEC_TYPE] = {"typ", "type", PF_T_WORD, PF_WORDS_DECISION, REQ},
    [F_DEC_TITLE] = {"rubrik", "title", PF_T_TEXT, 0, OPT},
    [F_DEC_INITIATIVE] = {"initiativ", "initiative", PF_T_TEXT, 0, OPT},
    [F_DEC_ROADMAP] = {"fardplan", "roadmap", PF_T_TEXT, 0, OPT},
    [F_DEC_VERSION] = {"version", "version", PF_T_TEXT, 0, OPT},
    [F_DEC_PROTOCOL] = {"protokoll", "protocol", PF_T_PROTOCOL, 0, OPT},
    [F_DEC_COMMENT] = {"kommentar", "comment", PF_T_TEXT, 0, OPT},
};

static const struct {
	const char *name;
	const char *sv;
	const pf_field *fields;
	size_t n;
} kinds[PF_KIND_COUNT] = {
    {"initiatives", "initiativ", initiatives, F_INI_COUNT},
    {"effects", "effekter", effects, F_EFF_COUNT},
    {"measurements", "matvarden", measurements, F_MEA_COUNT},
    {"followups", "uppfoljning", followups, F_FUP_COUNT},
    {"priorities", "prioritering", priorities, F_PRI_COUNT},
    {"roadmaps", "fardplaner", roadmaps, F_RM_COUNT},
    {"decisions", "beslut", decisions, F_DEC_COUNT},
};

const char *pf_kind_name(pf_kind k)
{
	return (unsigned)k < PF_KIND_COUNT ? kinds[k].name : "?";
}

int pf_kind_parse(const char *s)
{
	char f[64];

	pf_fold(s, f, sizeof(f));
	for (int k = 0; k < PF_KIND_COUNT; k++)
		if (!strcmp(f, kinds[k].name) || !strcmp(f, kinds[k].sv))
			return k;
	return -1;
}

const pf_field *pf_kind_fields(pf_kind k, size_t *n)
{
	*n = kinds[k].n;
	return kinds[k].fields;
}

int pf_kind_field(pf_kind k, const char *heading)
{
	char f[128];

	if (pf_fold(heading, f, sizeof(f)) >= sizeof(f))
		return -1;
	for (size_t i = 0; i < kinds[k].n; i++)
		if (!strcmp(f, kinds[k].fields[i].sv) || !strcmp(f, kinds[k].fields[i].en))
			return (int)i;
	return -1;
}

/* Maps the headings onto kind k; returns how many required fields were found. */
static size_t match_kind(pf_kind k, const char *const *headings, size_t n, int *map,
                         size_t *matched)
{
	bool seen[PF_FIELDS_MAX] = {false};
	size_t required = 0;

	*matched = 0;
	for (size_t c = 0; c < n; c++) {
		int f = pf_kind_field(k, headings[c]);
		if (map)
			map[c] = (f >= 0 && !seen[f]) ? f : -1;
		if (f < 0 || seen[f])
			continue;
		seen[f] = true;
		(*matched)++;
		if (kinds[k].fields[f].required)
			required++;
	}
	return required;
}

static size_t required_count(pf_kind k)
{
	size_t r = 0;

	for (size_t i = 0; i < kinds[k].n; i++)
		r += kinds[k].fields[i].required;
	return r;
}

int pf_kind_detect(const char *const *headings, size_t n, int *map, int *near)
{
	int best = -1, closest = -1;
	size_t best_matched = 0, closest_share = 0;

	for (int k = 0; k < PF_KIND_COUNT; k++) {
		size_t matched, req = match_kind(k, headings, n, NULL, &matched);
		if (req == required_count(k)) {
			if (best < 0 || matched > best_matched) {
				best = k;
				best_matched = matched;
			}
		} else if (req * 100 / required_count(k) > closest_share) {
			closest = k;
			closest_share = req * 100 / required_count(k);
		}
	}
	if (best >= 0 && map) {
		size_t matched;
		match_kind(best, headings, n, map, &matched);
	}
	if (near)
		*near = best >= 0 ? best : closest;
	return best;
}
