/*
 * What the renderers share: an output buffer, defensive JSON getters, number
 * formatting, the lights, statuses and horizons of FORMATS.md, and neutral
 * tables (plain-text cells) that the md, html and terminal table renderers
 * build from a report's document and then write in their own syntax, so all
 * show the same content.
 *
 * Everything shown takes the report's language (pf_lang): labels through the
 * catalogue of i18n.h, canonical words through their English aliases,
 * numbers Swedish ("1 234,5", "62,5 %") or English ("1,234.5", "62.5 %").
 *
 * Every getter accepts NULL, null and values of the wrong type: a document is
 * never trusted.
 */
#ifndef PF_RENDER_UTIL_H
#define PF_RENDER_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "render/i18n.h"
#include "portfolj/value.h"
#include "report/report_internal.h"

#define PF_NONE "–" /* what a display format shows for null */

/* ---- output ---- */

/* A growable text buffer; any failed write sets oom, checked once by pf_rbuf_finish(). */
typedef struct pf_rbuf {
	FILE *f;
	char *data;
	size_t len;
	bool oom;
} pf_rbuf;

bool pf_rbuf_open(pf_rbuf *b);
void pf_rbuf_puts(pf_rbuf *b, const char *s);
void pf_rbuf_putn(pf_rbuf *b, const char *s, size_t n);
void pf_rbuf_printf(pf_rbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes s and frees it; NULL (a failed allocation) marks the buffer out of memory. */
void pf_rbuf_take(pf_rbuf *b, char *s);
/* Closes the buffer and hands its text to *out (the caller frees), or fails with PF_ENOMEM. */
pf_status pf_rbuf_finish(pf_rbuf *b, char **out, size_t *len, pf_error *err);

/* ---- JSON ---- */

/* obj[key], or NULL when obj is not an object or has no such key. */
const json_t *pf_rget(const json_t *obj, const char *key);
/* obj[key] as a string, or NULL. */
const char *pf_rget_str(const json_t *obj, const char *key);
/* A finite JSON number into *out; false for anything else. */
bool pf_rnum(const json_t *v, double *out);

/* ---- text ---- */

char *pf_rfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Joins a and b with sep, freeing both; NULL if either is. */
char *pf_rjoin(char *a, const char *sep, char *b);
/* Display columns of s: one per code point. */
size_t pf_rwidth(const char *s);
/* A copy of s cut to at most max code points, the last one "…"; NULL when out of memory. */
char *pf_rtruncate(const char *s, size_t max);

/* The language of the options; NULL or anything unknown is Swedish. */
pf_lang pf_rlang(const pf_render_opts *o);

/*
 * An integer: Swedish "9 800 000", grouped by spaces from 10 000 on (four
 * digits stay together); English "9,800,000", grouped by commas from 1,000 on.
 */
char *pf_rfmt_int(pf_lang lang, long long v);
/*
 * A real with at most two decimals, whole numbers as integers: Swedish with a
 * decimal comma and the integer part ungrouped ("1450,5"); English with a
 * decimal point and the integer part grouped as integers are ("1,450.5").
 */
char *pf_rfmt_real(pf_lang lang, double v);
/*
 * Any value for display: strings as they are, numbers as above, ja/nej
 * (yes/no), arrays joined by ", ".
 */
char *pf_rfmt_value(pf_lang lang, const json_t *v);
/* A calendar year (year, first_year): "2025", not "2,025"; else as pf_rfmt_value(). */
char *pf_rfmt_year(pf_lang lang, const json_t *v);
/* Like pf_rfmt_value(), with `none` in place of null and missing. */
char *pf_rfmt_or(pf_lang lang, const json_t *v, const char *none);
/* item() of each element of the array a, joined by sep; `empty` when there are none. */
char *pf_rfmt_list(pf_lang lang, const json_t *a, const char *sep,
                   char *(*item)(pf_lang lang, const json_t *), const char *empty);
/* A number with its unit ("90 %", "5 st"), else the value alone. */
char *pf_rfmt_unit(pf_lang lang, const json_t *v, const json_t *unit);
/*
 * A fraction as a percentage with one decimal, never grouped: 0.625 ->
 * "62,5 %" or "62.5 %"; PF_NONE for null.
 */
char *pf_rfmt_pct(pf_lang lang, const json_t *v);
/* A fraction written as "62,5 %", for values already known to be numbers. */
char *pf_rfmt_pct_of(pf_lang lang, double fraction);

/* ---- words ---- */

enum { PF_RLIGHTS = 3, PF_RSTATUSES = 7, PF_RHORIZONS = 4 };

/* The light's index (0 grön, 1 gul, 2 röd) or -1 for null and anything else. */
int pf_rlight(const json_t *v);
const char *pf_rlight_word(pf_lang lang, int light); /* "grön", "green" */
const char *pf_rlight_symbol(int light);             /* full, half, empty circle: yes, partly, no */
const char *pf_rlight_class(int light);              /* "green", "yellow", "red"; "none" for -1 */
/* "● grön", or `none` (a message id, or PF_NONE) when v is no light. */
char *pf_rlight_text(pf_lang lang, const json_t *v, const char *none);

/*
 * A canonical word of a set as shown: itself in Swedish, in English its alias
 * (pf_word_en: "ongoing", "adoption") or, for horizons, the catalogue's
 * "year 1" (the alias "year1" is made for importing, not reading). The three
 * bodies of FORMATS.md (regionledningen, ...) are words of the catalogue.
 * Text that is no canonical word of the set is data and shown as it is.
 */
const char *pf_rword(pf_lang lang, pf_wordset set, const char *word);
const char *pf_rbody(pf_lang lang, const char *body);
/* A value as shown: a string through pf_rword(), anything else as pf_rfmt_value(). */
char *pf_rfmt_word(pf_lang lang, pf_wordset set, const json_t *v);

/* The seven statuses (fas) in their canonical order: the keys of by_status. */
extern const char *const pf_rstatus[PF_RSTATUSES];
/* år 1, år 2, år 3, senare. */
extern const char *const pf_rhorizon[PF_RHORIZONS];
/* The horizon's index, PF_RHORIZONS when it is none of them. */
size_t pf_rhorizon_index(const json_t *v);
/* "År 1 (2025)", "Senare", "Övriga" (h == PF_RHORIZONS) for a roadmap document. */
char *pf_rhorizon_heading(pf_lang lang, const json_t *doc, size_t h);

/*
 * The initiative's own facts, Id to Slut, in the order every format shows
 * them: label is a message id, set the word set of a canonical value (-1: data).
 */
typedef struct pf_rfield {
	const char *label, *key;
	int set;
} pf_rfield;
enum { PF_RINITIATIVE_FIELDS = 13 };
extern const pf_rfield pf_rinitiative_fields[PF_RINITIATIVE_FIELDS];

/* The report's heading: "Kvartalsrapport 2025Q3", "Initiativ P-01: Digital kallelse", ... */
char *pf_rtitle(pf_lang lang, const pf_report *r);

/* ---- neutral tables ---- */

/* One cell: plain unescaped UTF-8 (it may hold newlines) and its light, if it shows one. */
typedef struct pf_rcell {
	char *text;
	int light; /* pf_rlight() index, -1 when the cell is no light */
} pf_rcell;

/*
 * Rows of cells, the headings first. spec holds one letter per column: l
 * text, r number (right-aligned), w long text (may wrap), n text kept on one
 * line (dates, times, ids). The terminal format sets its own (see render_table.c).
 */
typedef struct pf_rtable {
	const char *spec;
	pf_lang lang; /* of the headings and of every value added */
	size_t ncols;
	pf_rcell *cells;
	size_t n, cap;
	bool oom;
} pf_rtable;

/*
 * Starts a table in lang with one heading per letter of spec. Headings are
 * message ids (PF_N_), translated here.
 */
void pf_rtable_init(pf_rtable *t, pf_lang lang, const char *spec, ...);
/* Starts a table with the headings (message ids) in an array. */
void pf_rtable_init_v(pf_rtable *t, pf_lang lang, const char *spec, const char *const *heads);
/* Adds the next cell, taking text (NULL marks the table out of memory). */
void pf_rtable_add(pf_rtable *t, char *text, int light);
void pf_rtable_value(pf_rtable *t, const json_t *v);
void pf_rtable_word(pf_rtable *t, pf_wordset set, const json_t *v);
void pf_rtable_pct(pf_rtable *t, const json_t *v);
/* A light; `none` (a message id) in place of null. */
void pf_rtable_light(pf_rtable *t, const json_t *v, const char *none);
/* Data rows, not counting the headings. */
size_t pf_rtable_rows(const pf_rtable *t);
const pf_rcell *pf_rtable_at(const pf_rtable *t, size_t row, size_t col); /* row 0: headings */
void pf_rtable_free(pf_rtable *t);

/*
 * The tables of each report in lang, the same as the terminal format shows;
 * each starts t (the caller frees it with pf_rtable_free()). Facts are two
 * columns, label and value.
 */
void pf_rtab_quarter(pf_rtable *t, pf_lang lang, const json_t *doc);
void pf_rtab_committee(pf_rtable *t, pf_lang lang, const json_t *doc);
void pf_rtab_by_status(pf_rtable *t, pf_lang lang, const json_t *doc);
void pf_rtab_roadmap_facts(pf_rtable *t, pf_lang lang, const json_t *doc);
void pf_rtab_roadmap_horizon(pf_rtable *t, pf_lang lang, const json_t *doc, size_t h);
void pf_rtab_decisions(pf_rtable *t, pf_lang lang, const json_t *list, bool titles);
void pf_rtab_traceability(pf_rtable *t, pf_lang lang, const json_t *doc);
void pf_rtab_trace_roadmaps(pf_rtable *t, pf_lang lang, const json_t *doc);
void pf_rtab_initiative_facts(pf_rtable *t, pf_lang lang, const json_t *doc);
/*
 * An indicator's light as pf_rlight_text() shows it, marked when the value is
 * stale so a reader tells missing data from a worsening one (FORMATS.md
 * section 4): "◐ gul (inaktuell, 2025Q1)", "◐ yellow (stale, 2025Q1)".
 */
char *pf_rind_light_text(pf_lang lang, const json_t *ind, const char *none);
/* Id, Indikator, Bas → mål, Senaste värde, Progress, Förväntat, Ljus (pf_rind_light_text()). */
void pf_rtab_indicators(pf_rtable *t, pf_lang lang, const json_t *list);
void pf_rtab_indicator_details(pf_rtable *t, pf_lang lang, const json_t *list);
void pf_rtab_series(pf_rtable *t, pf_lang lang, const json_t *list);
void pf_rtab_followups(pf_rtable *t, pf_lang lang, const json_t *list);
void pf_rtab_priorities(pf_rtable *t, pf_lang lang, const json_t *list);
void pf_rtab_initiative_roadmaps(pf_rtable *t, pf_lang lang, const json_t *list);
void pf_rtab_changes(pf_rtable *t, pf_lang lang, const json_t *list);
void pf_rtab_priority_facts(pf_rtable *t, pf_lang lang, const json_t *doc);
/*
 * The waiting initiatives; when they have scores, a Poäng column and, when
 * parts, the score's parts in one column (pf_rfmt_score_parts()) last.
 */
void pf_rtab_waiting(pf_rtable *t, pf_lang lang, const json_t *list, bool parts);
void pf_rtab_hours(pf_rtable *t, pf_lang lang, const json_t *list);
void pf_rtab_priority_list(pf_rtable *t, pf_lang lang, const json_t *list);

/* "P-05 senare → år 2" for one entry of a roadmap's changes.moved. */
char *pf_rmoved_text(pf_lang lang, const json_t *m);

/* ---- keys the builders added later ---- */

/*
 * Whether an element of the array list (or, list an object, list itself) has
 * key with a value other than null. The sections of keys added after a report
 * kind was first made (benefit realisation, scores, list changes) are shown
 * only when this holds, so an older document renders exactly as before.
 */
bool pf_rany(const json_t *list, const char *key);

/* The ids of an array joined by ", ", "inga" when it is empty, PF_NONE when it is no array. */
char *pf_rfmt_ids(pf_lang lang, const json_t *ids);
/* realised / promised as a percentage ("70,0 %"); PF_NONE unless both are numbers, promised > 0. */
char *pf_rfmt_share(pf_lang lang, const json_t *realised, const json_t *promised);

/*
 * The committee report's benefit realisation (src/report/benefits.c), one row per
 * committee (and year, or benefit type):
 * after_completion: Nämnd, Avslutade, Mäts fortfarande, Mätningen upphört
 *   (the last two the initiatives named; a committee that has some whose
 *   measuring stopped shows them red, the audit's finding);
 * kpis_by_year: Nämnd, År, Slutförda, Andel innovativa;
 * benefits: Nämnd, Nyttotyp, Utlovat, Realiserat (kr/år), Andel realiserad;
 * unmeasured: Nämnd, Ej mätta indikatorer (named).
 */
void pf_rtab_after_completion(pf_rtable *t, pf_lang lang, const json_t *doc);
void pf_rtab_kpis_by_year(pf_rtable *t, pf_lang lang, const json_t *doc);
void pf_rtab_benefits(pf_rtable *t, pf_lang lang, const json_t *doc);
void pf_rtab_unmeasured(pf_rtable *t, pf_lang lang, const json_t *doc);
/*
 * The committee report's measuring at P: Nämnd, Inaktuella (stale: measured
 * indicators whose value is stale), Indikatorer (not_measured_this_period,
 * the indicators with no value for P itself, named).
 */
void pf_rtab_not_measured(pf_rtable *t, pf_lang lang, const json_t *doc);
/*
 * lights_by_quarter as a matrix: Nämnd, then one column per quarter (the
 * periods of all committees, oldest first, at most PF_RQUARTERS_MAX, the
 * latest); each cell the light ("● grön", "– ej mätt" for null) and, on a
 * second line, the realisation ("62,5 %"). A committee without entries has no
 * row; a quarter a committee lacks shows PF_NONE.
 */
enum { PF_RQUARTERS_MAX = 8 };
/* Whether a committee of doc has a lights_by_quarter with an entry: the section is shown then. */
bool pf_rhas_lights_by_quarter(const json_t *doc);
void pf_rtab_lights_by_quarter(pf_rtable *t, pf_lang lang, const json_t *doc);
/*
 * The benefits report's initiatives: Id, Titel, Nämnd, Fas, Realisering,
 * Utlovat and Realiserat (kr/år, the sums over the benefit types), Andel
 * realiserad. pf_rbenefit_total() is such a sum of key ("promised",
 * "realised") over a benefits object: a new integer, or null when no type has
 * the key as a number.
 */
json_t *pf_rbenefit_total(const json_t *benefits, const char *key);
void pf_rtab_benefit_initiatives(pf_rtable *t, pf_lang lang, const json_t *doc);
/* An initiative's benefits object: Nyttotyp, Utlovat, Realiserat, Andel realiserad. */
void pf_rtab_initiative_benefits(pf_rtable *t, pf_lang lang, const json_t *benefits);

/*
 * The parts of a waiting initiative's score (report_priority.c), each 0..1,
 * in the order of its documentation: the key, a short label for one line
 * and a heading for a column (message ids).
 */
typedef struct pf_rscore_part {
	const char *key, *label, *heading;
} pf_rscore_part;
enum { PF_RSCORE_PARTS = 5 };
extern const pf_rscore_part pf_rscore_parts[PF_RSCORE_PARTS];
/* "nytta 0,8 · IT 0,5 · mognad 0,6 · innov 1 · mätbar 1"; PF_NONE when parts is no object. */
char *pf_rfmt_score_parts(pf_lang lang, const json_t *parts);

/*
 * A priority list's list_changes: the heading "Förändring mot föregående
 * lista (2025Q1)" (without the period when there is none), whether an entry
 * of moved went up the list (to a smaller rank), and "RS-01 3 → 2".
 */
char *pf_rlist_changes_heading(pf_lang lang, const json_t *changes);
bool pf_rmoved_up(const json_t *m);
char *pf_rrank_moved_text(pf_lang lang, const json_t *m);
/* The entries of moved that went up (up) or down, as pf_rrank_moved_text() joined by ", ". */
char *pf_rfmt_rank_moves(pf_lang lang, const json_t *moved, bool up);

#endif
