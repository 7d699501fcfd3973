/*
 * References to nothing, and the nearest stored id (FORMATS.md section 1: an
 * unknown reference suggests the nearest existing id when one is close).
 * Only on the error path: a valid import never comes here.
 */
#include "importers/load/loader.h"

#include <string.h>

#include "core/messages.h"
#include "store/store.h"
#include "util/suggest.h"

static bool offer(void *ctx, const char *id)
{
	pf_suggest *s = ctx;

	pf_suggest_add(s, id);
	return s->seen <= PF_SUGGEST_MAX;
}

bool pf_near_stored(pf_db *db, pf_store_ids which, const char *of, const char *word, char *out,
                    size_t n)
{
	pf_suggest s;
	const char *best;
	bool found = false;

	pf_suggest_init(&s, word);
	/* A failure of the database only means no suggestion: the error is the unknown id. */
	if (s.wlen && !pf_store_ids_each(db, which, of, offer, &s, NULL) &&
	    (best = pf_suggest_best(&s)) && strlen(best) < n) {
		memcpy(out, best, strlen(best) + 1);
		found = true;
	}
	pf_suggest_free(&s);
	return found;
}

/* The stored id nearest to id in a list, if the budget allows a look. */
static bool near_id(pf_import *imp, pf_store_ids which, const char *of, const char *id, char *out,
                    size_t n)
{
	if (imp->suggestions >= PF_UNKNOWN_SUGGEST)
		return false;
	imp->suggestions++;
	return pf_near_stored(imp->db, which, of, id, out, n);
}

/* The error of an unknown id: fmt, or near_fmt with the nearest stored id of the list. */
static void unknown_id(pf_import *imp, const pf_record *rec, int f, pf_store_ids which,
                       const char *id, const char *fmt, const char *near_fmt)
{
	char near[PF_SUGGEST_LEN + 1];

	if (near_id(imp, which, NULL, id, near, sizeof(near)))
		pf_rec_error(imp, rec, f, near_fmt, id, near);
	else
		pf_rec_error(imp, rec, f, fmt, id);
}

void pf_unknown_initiative(pf_import *imp, const pf_record *rec, int f, const char *id)
{
	unknown_id(imp, rec, f, PF_IDS_INITIATIVES, id, PF_MSG_("unknown initiative \"%s\""),
	           PF_MSG_("unknown initiative \"%s\": did you mean \"%s\"?"));
}

void pf_unknown_indicator(pf_import *imp, const pf_record *rec, int f, const char *id)
{
	unknown_id(imp, rec, f, PF_IDS_INDICATORS, id, PF_MSG_("unknown indicator \"%s\""),
	           PF_MSG_("unknown indicator \"%s\": did you mean \"%s\"?"));
}

/* A version of a stored roadmap is suggested among its versions, else the nearest roadmap. */
void pf_unknown_version(pf_import *imp, const pf_record *rec, int f, const char *roadmap,
                        const char *version)
{
	char near[PF_SUGGEST_LEN + 1];

	if (near_id(imp, PF_IDS_ROADMAP_VERSIONS, roadmap, version, near, sizeof(near)))
		pf_rec_error(imp, rec, f,
		             "unknown roadmap version \"%s\" \"%s\": did you mean \"%s\" \"%s\"?",
		             roadmap, version, roadmap, near);
	else if (near_id(imp, PF_IDS_ROADMAPS, NULL, roadmap, near, sizeof(near)))
		pf_rec_error(imp, rec, f,
		             "unknown roadmap version \"%s\" \"%s\": did you mean the roadmap "
		             "\"%s\"?",
		             roadmap, version, near);
	else
		pf_rec_error(imp, rec, f, "unknown roadmap version \"%s\" \"%s\"", roadmap,
		             version);
}
