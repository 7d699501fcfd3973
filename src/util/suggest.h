/*
 * "Did you mean": the nearest of some candidates to a word that names
 * nothing (an unknown initiative, heading, report kind). Only ever on an
 * error path, so the work is allowed to be a scan; it is capped all the same.
 */
#ifndef PF_SUGGEST_H
#define PF_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

/* Candidates looked at, at most: with more, no suggestion is made. */
#define PF_SUGGEST_MAX 100000

/* Folded text longer than this is never compared (bytes). */
#define PF_SUGGEST_LEN 128

typedef struct pf_suggest {
	char word[PF_SUGGEST_LEN + 1]; /* folded (pf_fold) */
	size_t wlen;
	int best_d;  /* the distance of best, INT_MAX while none */
	bool tie;    /* another candidate is as near as best */
	char *best;  /* the candidate as given; NULL while none */
	size_t seen; /* candidates offered */
	bool nomem;
} pf_suggest;

/*
 * The distance of two texts: the Damerau-Levenshtein distance (optimal
 * string alignment: insert, delete, replace, swap two neighbours) of their
 * bytes, or INT_MAX when either is longer than PF_SUGGEST_LEN.
 */
int pf_edit_distance(const char *a, const char *b);

/* Starts looking for the nearest to word; case and accents do not count (pf_fold). */
void pf_suggest_init(pf_suggest *s, const char *word);
/* Offers one candidate (NULL is ignored); the first of the nearest is kept. */
void pf_suggest_add(pf_suggest *s, const char *candidate);
/*
 * The nearest candidate when it is close: at most 1 edit for words of up to
 * 3 characters, 2 up to 7, 3 beyond, and fewer edits than either has
 * characters; NULL when none is, or more than PF_SUGGEST_MAX were offered.
 * One edit away is offered even when others are as near (the first of them);
 * two or three only when no other candidate is as near, as a guess among
 * several ("KBN-01-I9": "KBN-01-M1" or "KBN-02-I1"?) helps no one.
 * The result belongs to s.
 */
const char *pf_suggest_best(const pf_suggest *s);
void pf_suggest_free(pf_suggest *s);

#endif
