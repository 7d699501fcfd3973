/*
 * References to nothing, and the nearest stored id (FORMATS.md section 1: an
 * unknown reference suggests the nearest existing id when one is close).
 * Only on the error path: a valid import never comes here.
 */
#include "importers/load/loader.h"

#include "core/messages.h"
#include "util/suggest.h"

/* The stored id nearest to id by sql (?1 bound to bind), if the budget allows a look. */
static bool near_id(pf_import *imp, const char *sql, const char *bind, const char *id, char *out,
                    size_t n)
{
	if (imp->suggestions >= PF_UNKNOWN_SUGGEST)
		return false;
	imp->suggestions++;
	return pf_suggest_query(imp->db->h, sql, bind, id, out, n);
}

/* The error of an unknown id: fmt, or near_fmt with the stored id nearest by sql. */
static void unknown_id(pf_import *imp, const pf_record *rec, int f, const char *sql, const char *id,
                       const char *fmt, const char *near_fmt)
{
	char near[PF_SUGGEST_LEN + 1];

	if (near_id(imp, sql, NULL, id, near, sizeof(near)))
		pf_rec_error(imp, rec, f, near_fmt, id, near);
	else
		pf_rec_error(imp, rec, f, fmt, id);
}

void pf_unknown_initiative(pf_import *imp, const pf_record *rec, int f, const char *id)
{
	unknown_id(imp, rec, f, "SELECT id FROM initiatives", id,
	           PF_MSG_("unknown initiative \"%s\""),
	           PF_MSG_("unknown initiative \"%s\": did you mean \"%s\"?"));
}

void pf_unknown_indicator(pf_import *imp, const pf_record *rec, int f, const char *id)
{
	unknown_id(imp, rec, f, "SELECT id FROM indicators", id,
	           PF_MSG_("unknown indicator \"%s\""),
	           PF_MSG_("unknown indicator \"%s\": did you mean \"%s\"?"));
}

/* A version of a stored roadmap is suggested among its versions, else the nearest roadmap. */
void pf_unknown_version(pf_import *imp, const pf_record *rec, int f, const char *roadmap,
                        const char *version)
{
	static const char versions[] = "SELECT version FROM roadmap_versions WHERE roadmap = ?1";
	static const char roadmaps[] = "SELECT DISTINCT roadmap FROM roadmap_versions";
	char near[PF_SUGGEST_LEN + 1];

	if (near_id(imp, versions, roadmap, version, near, sizeof(near)))
		pf_rec_error(imp, rec, f,
		             "unknown roadmap version \"%s\" \"%s\": did you mean \"%s\" \"%s\"?",
		             roadmap, version, roadmap, near);
	else if (near_id(imp, roadmaps, NULL, roadmap, near, sizeof(near)))
		pf_rec_error(imp, rec, f,
		             "unknown roadmap version \"%s\" \"%s\": did you mean the roadmap "
		             "\"%s\"?",
		             roadmap, version, near);
	else
		pf_rec_error(imp, rec, f, "unknown roadmap version \"%s\" \"%s\"", roadmap,
		             version);
}
