/*
 * Roadmap (färdplan) rows and decisions: the version's own fields agree on
 * all its rows, protocol references match their row (FORMATS.md section 2).
 */
#include "importers/load/loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "portfolj/value.h"

static void val_copy(pf_val *to, const pf_val *from)
{
	*to = *from;
	if (from->s == from->buf)
		to->s = to->buf;
}

static void val_int(pf_val *v, int64_t i)
{
	memset(v, 0, sizeof(*v));
	v->t = PF_V_INT;
	v->i = i;
}

static const char *const version_cols[] = {"unit", "committee", "date", "first_year", "decided_by"};
static const pf_table version_table = {
    "roadmaps",
    "INSERT INTO roadmap_versions (roadmap, version, unit, committee, date, first_year, "
    "decided_by, run) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
    "SELECT pk, unit, committee, date, first_year, decided_by FROM roadmap_versions "
    "WHERE roadmap = ?1 AND version = ?2",
    "UPDATE roadmap_versions SET unit = ?1, committee = ?2, date = ?3, first_year = ?4, "
    "decided_by = ?5, run = ?7 WHERE pk = ?6",
    2,
    5,
    version_cols,
    7,
};

static const char *const item_cols[] = {"horizon", "comment"};
static const pf_table item_table = {
    "roadmaps",
    "INSERT INTO roadmap_items (version, initiative, horizon, comment, run) "
    "VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT DO NOTHING",
    "SELECT pk, horizon, comment FROM roadmap_items WHERE version = ?1 AND initiative = ?2",
    "UPDATE roadmap_items SET horizon = ?1, comment = ?2, run = ?4 WHERE pk = ?3",
    2,
    2,
    item_cols,
    PF_KIND_ROADMAPS,
};

/* The version's own fields as NUL-separated text, to compare rows. */
static size_t version_signature(const pf_val *fv, char *buf, size_t n)
{
	static const int f[] = {F_RM_UNIT, F_RM_COMMITTEE, F_RM_DATE, F_RM_FIRST_YEAR,
	                        F_RM_DECIDED_BY};
	size_t len = 0;

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]) && len < n; i++) {
		const pf_val *v = &fv[f[i]];
		int w = v->t == PF_V_INT    ? snprintf(buf + len, n - len, "%lld", (long long)v->i)
		        : v->t == PF_V_TEXT ? snprintf(buf + len, n - len, "%s", v->s)
		                            : snprintf(buf + len, n - len, "%s", "");
		len += (size_t)w + 1;
	}
	return len < n ? len : n;
}

static pf_version_seen *seen_version(pf_import *imp, int64_t pk)
{
	for (size_t i = 0; i < imp->nversions; i++)
		if (imp->versions[i].pk == pk)
			return &imp->versions[i];
	return NULL;
}

/* Checks a later row of a version against its first row in this import. */
static bool same_version(pf_import *imp, const pf_record *rec, const pf_version_seen *v,
                         const char *sig, size_t len)
{
	static const char *const names[] = {"verksamhet/unit", "namnd/committee", "datum/date",
	                                    "forsta_ar/first_year", "beslutad_av/decided_by"};
	static const int fields[] = {F_RM_UNIT, F_RM_COMMITTEE, F_RM_DATE, F_RM_FIRST_YEAR,
	                             F_RM_DECIDED_BY};
	const char *a = v->fields, *b = sig;

	if (len == v->len && !memcmp(sig, v->fields, len))
		return true;
	for (int i = 0; i < 5; i++, a += strlen(a) + 1, b += strlen(b) + 1) {
		if (strcmp(a, b)) {
			pf_rec_error(
			    imp, rec, fields[i],
			    "%s \"%s\" differs from \"%s\" on this version's first row (%s): "
			    "a version's own fields must be the same on all its rows",
			    names[i], b, a, v->where);
			return false;
		}
	}
	return true;
}

static pf_status remember_version(pf_import *imp, const pf_record *rec, int64_t pk, const char *sig,
                                  size_t len)
{
	pf_version_seen *vs = realloc(imp->versions, (imp->nversions + 1) * sizeof(*vs));
	char where[200];

	if (!vs)
		return PF_ENOMEM;
	imp->versions = vs;
	vs = &imp->versions[imp->nversions];
	snprintf(where, sizeof(where), "%s:%ld", rec->source, rec->line);
	vs->pk = pk;
	vs->len = len;
	vs->fields = malloc(len);
	vs->where = strdup(where);
	if (!vs->fields || !vs->where) {
		free(vs->fields);
		free(vs->where);
		return PF_ENOMEM;
	}
	memcpy(vs->fields, sig, len);
	imp->nversions++;
	return PF_OK;
}

/* Writes the version on its first row in this import; checks it on the others. */
static pf_status upsert_version(pf_import *imp, const pf_record *rec, const pf_val *fv, int64_t *pk,
                                bool *changed)
{
	char sig[1024], key[300];
	size_t len = version_signature(fv, sig, sizeof(sig));
	pf_val vals[7];
	pf_upsert_result r;
	pf_status st = pf_find_version(imp, fv[F_RM_ROADMAP].s, fv[F_RM_VERSION].s, pk);
	const pf_version_seen *seen;

	*changed = false;
	if (st && st != PF_ENOTFOUND)
		return st;
	if (!st && (seen = seen_version(imp, *pk)))
		return same_version(imp, rec, seen, sig, len) ? PF_OK : PF_EINPUT;
	val_copy(&vals[0], &fv[F_RM_ROADMAP]);
	val_copy(&vals[1], &fv[F_RM_VERSION]);
	val_copy(&vals[2], &fv[F_RM_UNIT]);
	val_copy(&vals[3], &fv[F_RM_COMMITTEE]);
	val_copy(&vals[4], &fv[F_RM_DATE]);
	val_copy(&vals[5], &fv[F_RM_FIRST_YEAR]);
	val_copy(&vals[6], &fv[F_RM_DECIDED_BY]);
	snprintf(key, sizeof(key), "%s %s", fv[F_RM_ROADMAP].s, fv[F_RM_VERSION].s);
	if ((st = pf_ensure_committee(imp, fv[F_RM_COMMITTEE].s)) ||
	    (st = pf_ensure_unit(imp, fv[F_RM_UNIT].s)) ||
	    (st = pf_upsert(imp, &version_table, vals, key, NULL, rec, pk, &r)))
		return st;
	*changed = r != PF_UPSERT_UNCHANGED;
	return remember_version(imp, rec, *pk, sig, len) ? PF_ENOMEM : PF_OK;
}

pf_status pf_load_roadmap(pf_import *imp, const pf_record *rec, pf_val *fv, pf_upsert_result *res)
{
	char key[400];
	int64_t version, ini, pk;
	bool changed;
	pf_val vals[4];
	pf_status st;

	if (!pf_body_is_committee(fv[F_RM_COMMITTEE].s)) {
		pf_rec_error(imp, rec, F_RM_COMMITTEE, "\"%s\" is not a committee code (e.g. KBN)",
		             rec->val[F_RM_COMMITTEE]);
		return PF_EINPUT;
	}
	if (fv[F_RM_FIRST_YEAR].t &&
	    (fv[F_RM_FIRST_YEAR].i < 1900 || fv[F_RM_FIRST_YEAR].i > 9999)) {
		pf_rec_error(imp, rec, F_RM_FIRST_YEAR, "%lld is not a year",
		             (long long)fv[F_RM_FIRST_YEAR].i);
		return PF_EINPUT;
	}
	st = pf_find_initiative(imp, fv[F_RM_INITIATIVE].s, &ini);
	if (st == PF_ENOTFOUND)
		pf_unknown_initiative(imp, rec, F_RM_INITIATIVE, fv[F_RM_INITIATIVE].s);
	if (st == PF_ENOTFOUND || (st = upsert_version(imp, rec, fv, &version, &changed)))
		return st == PF_ENOTFOUND ? PF_EINPUT : st;
	val_int(&vals[0], version);
	val_int(&vals[1], ini);
	val_copy(&vals[2], &fv[F_RM_HORIZON]);
	val_copy(&vals[3], &fv[F_RM_COMMENT]);
	snprintf(key, sizeof(key), "%s %s %s", fv[F_RM_ROADMAP].s, fv[F_RM_VERSION].s,
	         fv[F_RM_INITIATIVE].s);
	st = pf_upsert(imp, &item_table, vals, key, fv[F_RM_INITIATIVE].s, rec, &pk, res);
	/* A changed version counts as a change of the row that carried it. */
	if (!st && changed && *res == PF_UPSERT_UNCHANGED)
		*res = PF_UPSERT_UPDATED;
	return st;
}

/* The history shows the initiative's id and the roadmap version's names, not keys. */
static const char *const decision_refs_sql[] = {
    NULL,
    NULL,
    NULL,
    NULL,
    "SELECT id FROM initiatives WHERE pk = ?1",
    "SELECT roadmap || ' ' || version FROM roadmap_versions WHERE pk = ?1",
    NULL,
    NULL,
    NULL,
    NULL,
};

static const char *const decision_cols[] = {
    "body",     "date",           "type",          "title",  "initiative", "roadmap_version",
    "protocol", "protocol_first", "protocol_last", "comment"};
static const pf_table decision_table = {
    "decisions",
    "INSERT INTO decisions (id, body, date, type, title, initiative, roadmap_version, protocol, "
    "protocol_first, protocol_last, comment, run) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT DO NOTHING",
    "SELECT pk, body, date, type, title, initiative, roadmap_version, protocol, protocol_first, "
    "protocol_last, comment FROM decisions WHERE id = ?1",
    "UPDATE decisions SET body = ?1, date = ?2, type = ?3, title = ?4, initiative = ?5, "
    "roadmap_version = ?6, protocol = ?7, protocol_first = ?8, protocol_last = ?9, "
    "comment = ?10, run = ?12 WHERE pk = ?11",
    1,
    10,
    decision_cols,
    PF_KIND_DECISIONS,
    decision_refs_sql,
};

/* The protocol reference must be the row's own body and date. */
static bool protocol_matches(pf_import *imp, const pf_record *rec, const pf_val *fv, pf_protocol *p)
{
	char date[PF_DATE_BUF];

	pf_protocol_parse(fv[F_DEC_PROTOCOL].s, p);
	if (strcasecmp(p->body, fv[F_DEC_BODY].s)) {
		pf_rec_error(imp, rec, F_DEC_PROTOCOL,
		             "the protocol reference \"%s\" is of %s, not of the row's body %s",
		             rec->val[F_DEC_PROTOCOL], p->body, fv[F_DEC_BODY].s);
		return false;
	}
	pf_date_format(p->date, date);
	if (strcmp(date, fv[F_DEC_DATE].s)) {
		pf_rec_error(imp, rec, F_DEC_PROTOCOL,
		             "the protocol reference \"%s\" is dated %s, not the row's date %s",
		             rec->val[F_DEC_PROTOCOL], date, fv[F_DEC_DATE].s);
		return false;
	}
	return true;
}

/* Resolves the optional initiative and roadmap version a decision concerns. */
static bool decision_refs(pf_import *imp, const pf_record *rec, const pf_val *fv, pf_val *ini,
                          pf_val *version, pf_status *st)
{
	int64_t pk;

	memset(ini, 0, sizeof(*ini));
	memset(version, 0, sizeof(*version));
	*st = PF_OK;
	if (fv[F_DEC_INITIATIVE].t) {
		if ((*st = pf_find_initiative(imp, fv[F_DEC_INITIATIVE].s, &pk)) == PF_ENOTFOUND)
			pf_unknown_initiative(imp, rec, F_DEC_INITIATIVE, fv[F_DEC_INITIATIVE].s);
		else if (!*st)
			val_int(ini, pk);
	}
	if (*st == PF_OK && !fv[F_DEC_ROADMAP].t != !fv[F_DEC_VERSION].t) {
		int f = fv[F_DEC_ROADMAP].t ? F_DEC_VERSION : F_DEC_ROADMAP;
		pf_rec_error(imp, rec, f,
		             "a decision on a roadmap names both fardplan/roadmap and "
		             "version");
		*st = PF_ENOTFOUND;
	} else if (*st == PF_OK && fv[F_DEC_ROADMAP].t) {
		*st = pf_find_version(imp, fv[F_DEC_ROADMAP].s, fv[F_DEC_VERSION].s, &pk);
		if (*st == PF_ENOTFOUND)
			pf_unknown_version(imp, rec, F_DEC_VERSION, fv[F_DEC_ROADMAP].s,
			                   fv[F_DEC_VERSION].s);
		else if (!*st)
			val_int(version, pk);
	}
	if (*st == PF_ENOTFOUND)
		*st = PF_EINPUT;
	return *st == PF_OK;
}

pf_status pf_load_decision(pf_import *imp, const pf_record *rec, pf_val *fv, pf_upsert_result *res)
{
	pf_val vals[11];
	pf_protocol p;
	pf_status st;
	int64_t pk;
	bool ok = true;

	memset(vals, 0, sizeof(vals));
	if (fv[F_DEC_PROTOCOL].t) {
		ok = protocol_matches(imp, rec, fv, &p);
		val_int(&vals[8], p.first);
		val_int(&vals[9], p.last);
	}
	if (!decision_refs(imp, rec, fv, &vals[5], &vals[6], &st) || !ok)
		return st ? st : PF_EINPUT;
	val_copy(&vals[0], &fv[F_DEC_ID]);
	val_copy(&vals[1], &fv[F_DEC_BODY]);
	val_copy(&vals[2], &fv[F_DEC_DATE]);
	val_copy(&vals[3], &fv[F_DEC_TYPE]);
	val_copy(&vals[4], &fv[F_DEC_TITLE]);
	val_copy(&vals[7], &fv[F_DEC_PROTOCOL]);
	val_copy(&vals[10], &fv[F_DEC_COMMENT]);
	/* What the row's absent columns would have given is kept as stored. */
	vals[5].keep = fv[F_DEC_INITIATIVE].keep;
	vals[6].keep = fv[F_DEC_ROADMAP].keep && fv[F_DEC_VERSION].keep;
	vals[8].keep = vals[9].keep = fv[F_DEC_PROTOCOL].keep;
	/* A committee no initiative or roadmap names is a typo, which no report would show. */
	if (pf_body_is_committee(fv[F_DEC_BODY].s)) {
		bool known;
		if ((st = pf_committee_known(imp, fv[F_DEC_BODY].s, &known)))
			return st;
		if (!known) {
			pf_rec_error(
			    imp, rec, F_DEC_BODY,
			    "\"%s\" is no body of this portfolio: give one of its committees' "
			    "codes (those of its initiatives), regionledningen, "
			    "digitaliseringsrådet or förvaltningen",
			    rec->val[F_DEC_BODY]);
			return PF_EINPUT;
		}
	}
	return pf_upsert(imp, &decision_table, vals, fv[F_DEC_ID].s, fv[F_DEC_INITIATIVE].s, rec,
	                 &pk, res);
}
