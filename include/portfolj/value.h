/*
 * Values of the sheets (FORMATS.md section 2): periods, dates, numbers,
 * booleans, the enumerated words, protocol references, and the folding that
 * makes headings and words match case- and accent-insensitively.
 * All functions are pure: no allocation, no I/O.
 */
#ifndef PORTFOLJ_VALUE_H
#define PORTFOLJ_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "portfolj/api.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A quarter as year*4 + (quarter-1): 2025Q1 is 8100. */
typedef int pf_period;
/* A calendar day as days since 1970-01-01 (proleptic Gregorian). */
typedef int pf_date;

#define PF_PERIOD_BUF 8 /* "2025Q1" + NUL, with room */
#define PF_DATE_BUF 11  /* "2025-01-31" + NUL */

/*
 * Reads `2025Q1`, `2025-Q1`, `2025 Q1`, `Q1 2025`, `Q1-2025`, and the same
 * with `K` or `kv` (any case) for `Q`. Leading and trailing blanks are
 * ignored. Years 1900..9999, quarters 1..4. Returns false on anything else.
 */
PF_API bool pf_period_parse(const char *s, pf_period *out);
/* Writes the canonical `2025Q1`. */
PF_API void pf_period_format(pf_period p, char buf[PF_PERIOD_BUF]);
PF_API int pf_period_year(pf_period p);
PF_API int pf_period_quarter(pf_period p); /* 1..4 */
PF_API pf_period pf_period_make(int year, int quarter);
PF_API pf_date pf_period_start(pf_period p);
PF_API pf_date pf_period_end(pf_period p); /* 2025Q2 -> 2025-06-30 */
PF_API pf_period pf_period_of_date(pf_date d);

/* Strict `YYYY-MM-DD` with a real day (leap years), years 1900..9999. */
PF_API bool pf_date_parse(const char *s, pf_date *out);
PF_API void pf_date_format(pf_date d, char buf[PF_DATE_BUF]);
PF_API pf_date pf_date_from_ymd(int y, int m, int d);
PF_API void pf_date_to_ymd(pf_date date, int *y, int *m, int *d);
/* Excel's serial day number (1900 system, 1 = 1900-01-01, with the 1900-02-29 bug). */
PF_API pf_date pf_date_from_excel(double serial);

/*
 * Reads `12.5`, `12,5`, `-3`, `1 234,5`, `1 234 567.25` (a space or a UTF-8
 * no-break space U+00A0 or narrow no-break space U+202F as thousands
 * separator, only between groups of three digits), an optional trailing `%`
 * (the number is kept as written: `45%` is 45), surrounding blanks ignored.
 * Rejects empty text, `1,2,3`, `12,5.3`, `1e5`, `inf`, `nan`, hex, a lone
 * sign and anything else. Returns false on rejection.
 */
PF_API bool pf_number_parse(const char *s, double *out);
/*
 * The size every number of a sheet or record stays below: 10^15. Beyond it
 * a double holds no whole number exactly, and the export (15 significant
 * digits) would not give the same text back.
 */
#define PF_NUMBER_LIMIT 1e15
/*
 * True for a number of 10^15 or more in size written in the form
 * pf_number_parse reads (whatever its count of digits, which may be more than
 * pf_number_parse takes): the importer says "too large", not "not a number".
 */
bool pf_number_too_large(const char *s);
/*
 * True for a number pf_number_parse reads as a decimal though a thousands
 * separator was likely meant: 1..3 digits (not a lone 0), a point and exactly
 * three digits, as `47.500` or `-1.250 %` (FORMATS.md section 2 warns).
 */
PF_API bool pf_number_point_grouping(const char *s);

/* ja/nej, yes/no, true/false, 1/0, x (true); an empty or blank string is false. */
PF_API bool pf_bool_parse(const char *s, bool *out);

/*
 * Folds a heading or word for matching: Unicode NFC first (so `a` plus a
 * combining ring, as macOS writes it, is `å`), then lower case, the Swedish
 * and common Latin-1 accents removed (å ä à á â -> a, ö ó ò ô -> o, é è ê ë
 * -> e, ü -> u, and upper case forms too), spaces, hyphens and runs of them
 * read as one `_`, leading and trailing blanks dropped. Writes at most n bytes including the
 * NUL, and returns the length the whole result needs (like snprintf).
 */
PF_API size_t pf_fold(const char *s, char *buf, size_t n);

/* The enumerated words of FORMATS.md section 2. */
typedef enum pf_wordset {
	PF_WORDS_PHASE,     /* fas */
	PF_WORDS_LIGHT,     /* bedömning and computed lights */
	PF_WORDS_CATEGORY,  /* kategori */
	PF_WORDS_DIRECTION, /* riktning */
	PF_WORDS_HORIZON,   /* horisont */
	PF_WORDS_DECISION,  /* typ */
	PF_WORDS_BENEFIT,   /* nyttotyp */
	PF_WORDS_FREQUENCY, /* matfrekvens */
	PF_WORDS_COUNT
} pf_wordset;

typedef enum pf_phase {
	PF_PHASE_IDEA,
	PF_PHASE_PRESTUDY,
	PF_PHASE_DECIDED,
	PF_PHASE_ONGOING,
	PF_PHASE_PAUSED,
	PF_PHASE_COMPLETED,
	PF_PHASE_CANCELLED,
	PF_PHASE_COUNT
} pf_phase;
typedef enum pf_light { PF_LIGHT_GREEN, PF_LIGHT_YELLOW, PF_LIGHT_RED, PF_LIGHT_COUNT } pf_light;
typedef enum pf_category {
	PF_CAT_DIGITAL,
	PF_CAT_MAINTENANCE,
	PF_CAT_INFRASTRUCTURE,
	PF_CAT_COUNT
} pf_category;
typedef enum pf_direction { PF_DIR_INCREASE, PF_DIR_DECREASE, PF_DIR_COUNT } pf_direction;
typedef enum pf_horizon {
	PF_HORIZON_YEAR1,
	PF_HORIZON_YEAR2,
	PF_HORIZON_YEAR3,
	PF_HORIZON_LATER,
	PF_HORIZON_COUNT
} pf_horizon;
typedef enum pf_decision_type {
	PF_DEC_START,
	PF_DEC_PRIORITISATION,
	PF_DEC_PAUSE,
	PF_DEC_STOP,
	PF_DEC_COMPLETION,
	PF_DEC_ADOPTION,
	PF_DEC_INFORMATION,
	PF_DEC_COUNT
} pf_decision_type;
typedef enum pf_benefit {
	PF_BENEFIT_FINANCIAL,
	PF_BENEFIT_REDISTRIBUTION,
	PF_BENEFIT_QUALITATIVE,
	PF_BENEFIT_COUNT
} pf_benefit;
/* How often an indicator is measured: its value is current for 2, 3 or 5 quarters. */
typedef enum pf_frequency {
	PF_FREQ_QUARTERLY,
	PF_FREQ_HALF_YEARLY,
	PF_FREQ_YEARLY,
	PF_FREQ_COUNT
} pf_frequency;

/*
 * Reads a word of a set in Swedish or English, matched through pf_fold
 * (so `Pågående`, `pagaende`, `ONGOING` all give PF_PHASE_ONGOING).
 * Horizons also read `ar 1`, `år1`, `1`, `year 1`; lights also `grön`/`gron`,
 * `green`. Returns the enum value, or -1 for an unknown word or empty text.
 */
PF_API int pf_word_parse(pf_wordset set, const char *s);
/* The canonical Swedish word with accents (`pågående`, `år 1`, `fastställande`). */
PF_API const char *pf_word(pf_wordset set, int value);
/* The English alias (`ongoing`, `year1`, `adoption`). */
PF_API const char *pf_word_en(pf_wordset set, int value);
/* How many words the set has (PF_PHASE_COUNT for PF_WORDS_PHASE, ...). */
PF_API int pf_word_count(pf_wordset set);

#define PF_BODY_MANAGEMENT "regionledningen"
#define PF_BODY_COUNCIL "digitaliseringsrådet"
#define PF_BODY_ADMINISTRATION "förvaltningen"
#define PF_BODY_BUF 32

/*
 * Reads a body (organ): `regionledningen`/`management`,
 * `digitaliseringsrådet`/`council`, `förvaltningen`/`administration` (folded
 * match), or a committee code: 2..16 ASCII letters or digits starting with a
 * letter, written upper case in the result (`kbn` -> `KBN`). Writes the
 * canonical form. Returns false for anything else.
 */
PF_API bool pf_body_parse(const char *s, char buf[PF_BODY_BUF]);
/* True when a canonical body is a committee code. */
PF_API bool pf_body_is_committee(const char *body);

/* A protocol reference `KBN 2025-03-04 § 43` or `RS 2024-11-26 §§ 272-305`. */
typedef struct pf_protocol {
	char body[PF_BODY_BUF]; /* canonical, as pf_body_parse gives */
	pf_date date;
	int first, last; /* paragraph numbers, first == last for one */
} pf_protocol;
#define PF_PROTOCOL_BUF 64

/*
 * Reads `BODY YYYY-MM-DD § N`, also `§N`, `§§ N-M` and `§§N-M` (blanks
 * around the pieces are free, `–` is read as `-`), with N >= 1 and M > N.
 * Returns false for anything else.
 */
PF_API bool pf_protocol_parse(const char *s, pf_protocol *out);
/* Writes the canonical `KBN 2025-03-04 § 43` or `RS 2024-11-26 §§ 272-305`. */
PF_API void pf_protocol_format(const pf_protocol *p, char buf[PF_PROTOCOL_BUF]);

/*
 * The longest text a value may hold, in UTF-16 code units as Excel counts
 * them: a cell holds no more, so a longer one is refused at import and every
 * value stored can be exported to a workbook.
 */
#define PF_TEXT_MAX 32767
/* True when s is longer than PF_TEXT_MAX (looks at no more than it needs). */
PF_API bool pf_text_too_long(const char *s);

/*
 * Formulas (FORMATS.md section 2): a CSV that portfolj writes puts a `'`
 * before a text value that a spreadsheet would run as a formula, one that
 * begins with `=`, `+`, `-`, `@`, TAB or CR (OWASP's advice), and the CSV
 * import removes it again. Leading `'`s are looked past, so that a text
 * that itself begins with `'=` gets its own mark and survives the round trip.
 * Numbers are not text and never get the mark.
 */
PF_API bool pf_formula_like(const char *s);
/* s without its one leading `'` when it is the mark pf_formula_like asks for, else s. */
PF_API const char *pf_formula_unmark(const char *s);

#ifdef __cplusplus
}
#endif
#endif
