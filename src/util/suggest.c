/* "Did you mean": see suggest.h. */
#include "util/suggest.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "portfolj/value.h"

static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;

	return m < c ? m : c;
}

int pf_edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	/* three rows of the table: two back (for a swap), one back, this one */
	int rows[3][PF_SUGGEST_LEN + 1], *pp = rows[0], *p = rows[1], *c = rows[2];

	if (n > PF_SUGGEST_LEN || m > PF_SUGGEST_LEN)
		return INT_MAX;
	for (size_t j = 0; j <= m; j++)
		p[j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		c[0] = (int)i;
		for (size_t j = 1; j <= m; j++) {
			int cost = a[i - 1] != b[j - 1];

			c[j] = min3(p[j] + 1, c[j - 1] + 1, p[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < c[j])
				c[j] = pp[j - 2] + 1;
		}
		int *t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[m];
}

void pf_suggest_init(pf_suggest *s, const char *word)
{
	memset(s, 0, sizeof(*s));
	s->best_d = INT_MAX;
	if (pf_fold(word ? word : "", s->word, sizeof(s->word)) >= sizeof(s->word))
		s->word[0] = '\0'; /* too long to be a slip of the keyboard */
	s->wlen = strlen(s->word);
}

/* The edits allowed for a word of len characters. */
static int allowed(size_t len)
{
	return len <= 3 ? 1 : len <= 7 ? 2 : 3;
}

void pf_suggest_add(pf_suggest *s, const char *candidate)
{
	char f[PF_SUGGEST_LEN + 1];
	size_t len;
	int d;

	if (!candidate || !s->wlen || ++s->seen > PF_SUGGEST_MAX)
		return;
	if (pf_fold(candidate, f, sizeof(f)) >= sizeof(f) || !(len = strlen(f)))
		return;
	/* no need to compare what is already too different in length */
	if ((len > s->wlen ? len - s->wlen : s->wlen - len) > (size_t)allowed(s->wlen))
		return;
	d = pf_edit_distance(s->word, f);
	if (d > allowed(s->wlen) || (size_t)d >= s->wlen || (size_t)d >= len)
		return;
	if (d == s->best_d && strcmp(candidate, s->best))
		s->tie = true;
	if (d >= s->best_d)
		return;
	char *copy = strdup(candidate);
	if (!copy) {
		s->nomem = true;
		return;
	}
	free(s->best);
	s->best = copy;
	s->best_d = d;
	s->tie = false;
}

const char *pf_suggest_best(const pf_suggest *s)
{
	if (s->seen > PF_SUGGEST_MAX || s->nomem || (s->tie && s->best_d > 1))
		return NULL;
	return s->best;
}

void pf_suggest_free(pf_suggest *s)
{
	free(s->best);
	s->best = NULL;
}
