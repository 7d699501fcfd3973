/* The sheet kinds of FORMATS.md section 2 and their fields, in one table. */
#ifndef PORTFOLJ_KINDS_H
#define PORTFOLJ_KINDS_H

#include <stdbool.h>
#include <stddef.h>

#include "portfolj/api.h"

#ifdef __cplusplus
extern "C" {
#endif

/* In load order: a kind only refers to kinds before it. */
typedef enum pf_kind {
	PF_KIND_INITIATIVES,
	PF_KIND_EFFECTS,
	PF_KIND_MEASUREMENTS,
	PF_KIND_FOLLOWUPS,
	PF_KIND_PRIORITIES,
	PF_KIND_ROADMAPS,
	PF_KIND_DECISIONS,
	PF_KIND_COUNT
} pf_kind;

typedef enum pf_ftype {
	PF_T_TEXT,
	PF_T_NUMBER,  /* a double */
	PF_T_INTEGER, /* a whole number (rank, year) */
	PF_T_MONEY,   /* kronor, rounded to whole */
	PF_T_DATE,
	PF_T_PERIOD,
	PF_T_BOOL,
	PF_T_WORD, /* one of a pf_wordset */
	PF_T_BODY,
	PF_T_PROTOCOL
} pf_ftype;

/* Whether a field holds text (FORMATS.md section 2's formula mark applies), not a number or date.
 */
static inline bool pf_ftype_is_text(pf_ftype t)
{
	return t == PF_T_TEXT || t == PF_T_WORD || t == PF_T_BODY || t == PF_T_PROTOCOL;
}

typedef struct pf_field {
	const char *sv; /* the Swedish heading, folded (`namnd`) */
	const char *en; /* the English alias (`committee`): JSON key and export heading */
	pf_ftype type;
	int words; /* the pf_wordset of a PF_T_WORD field */
	bool required;
} pf_field;

/* Field indexes of each kind, in the column order of FORMATS.md. */
enum {
	F_INI_ID,
	F_INI_TITLE,
	F_INI_COMMITTEE,
	F_INI_UNIT,
	F_INI_DESCRIPTION,
	F_INI_CATEGORY,
	F_INI_STATUS,
	F_INI_INNOVATIVE,
	F_INI_CROSS,
	F_INI_PM,
	F_INI_BENEFIT_OWNER,
	F_INI_START,
	F_INI_END,
	F_INI_BUDGET,
	F_INI_IT_HOURS,
	F_INI_COUNT
};
enum {
	F_EFF_ID,
	F_EFF_INITIATIVE,
	F_EFF_NAME,
	F_EFF_GOAL,
	F_EFF_UNIT,
	F_EFF_DIRECTION,
	F_EFF_BASELINE,
	F_EFF_BASELINE_DATE,
	F_EFF_TARGET,
	F_EFF_TARGET_DATE,
	F_EFF_METHOD,
	F_EFF_FREQUENCY,
	F_EFF_OWNER,
	F_EFF_WEIGHT,
	F_EFF_BENEFIT_TYPE,
	F_EFF_BENEFIT_SEK,
	F_EFF_COUNT
};
enum { F_MEA_INDICATOR, F_MEA_PERIOD, F_MEA_VALUE, F_MEA_COMMENT, F_MEA_COUNT };
enum {
	F_FUP_INITIATIVE,
	F_FUP_PERIOD,
	F_FUP_ASSESSMENT,
	F_FUP_STATUS,
	F_FUP_EXPECTED,
	F_FUP_COMMENT,
	F_FUP_REPORTED_BY,
	F_FUP_COUNT
};
enum {
	F_PRI_PERIOD,
	F_PRI_RANK,
	F_PRI_INITIATIVE,
	F_PRI_DECIDED_BY,
	F_PRI_DECISION_DATE,
	F_PRI_COUNT
};
enum {
	F_RM_ROADMAP,
	F_RM_VERSION,
	F_RM_UNIT,
	F_RM_COMMITTEE,
	F_RM_DATE,
	F_RM_INITIATIVE,
	F_RM_HORIZON,
	F_RM_FIRST_YEAR,
	F_RM_DECIDED_BY,
	F_RM_COMMENT,
	F_RM_COUNT
};
enum {
	F_DEC_ID,
	F_DEC_BODY,
	F_DEC_DATE,
	F_DEC_TYPE,
	F_DEC_TITLE,
	F_DEC_INITIATIVE,
	F_DEC_ROADMAP,
	F_DEC_VERSION,
	F_DEC_PROTOCOL,
	F_DEC_COMMENT,
	F_DEC_COUNT
};

#define PF_FIELDS_MAX 16

/* The kind's name as in FORMATS.md and the JSON arrays: "initiatives", ... */
PF_API const char *pf_kind_name(pf_kind k);
/* Reads a kind name (English, or Swedish: initiativ, effekter, matvarden, ...); -1 if unknown. */
PF_API int pf_kind_parse(const char *s);
/* The kind's fields; *n receives their number. */
PF_API const pf_field *pf_kind_fields(pf_kind k, size_t *n);
/* The field index of a heading (folded or not, Swedish or English) in kind k, or -1. */
PF_API int pf_kind_field(pf_kind k, const char *heading);

/*
 * Recognises a sheet's kind from its header row: the kind all of whose
 * required headings are present, preferring the one that matches the most
 * headings. `map` (n entries) receives each column's field index or -1.
 * Returns -1 when no kind fits; `near` then gets the closest kind (or -1).
 */
PF_API int pf_kind_detect(const char *const *headings, size_t n, int *map, int *near);

#ifdef __cplusplus
}
#endif
#endif
