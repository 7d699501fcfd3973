/*
 * portfolj set: fields of one stored row changed through the loader, with
 * the same validation and history as an import (FORMATS.md section 1). The
 * record carries the stored row's other fields too, so that every rule that
 * looks at several fields sees the whole row, but gives only the key and the
 * fields named: the others are kept as stored, whatever they are when the
 * import writes.
 */
#include "importers/load/loader.h"

#include <stdlib.h>
#include <string.h>

#include "export/export_internal.h"
#include "core/messages.h"
#include "util/suggest.h"

/* The key fields of a kind, in the order pf_export_row_texts takes them. */
static size_t key_fields(pf_kind k, const int **out)
{
	static const int roadmap[] = {F_RM_ROADMAP, F_RM_VERSION, F_RM_INITIATIVE};
	static const int id[] = {0};

	*out = k == PF_KIND_ROADMAPS ? roadmap : id;
	return k == PF_KIND_ROADMAPS ? 3 : 1;
}

/*
 * The error of a row that is not stored, with the nearest stored id when one
 * is close (a roadmap row's key is three texts: none is suggested).
 */
static pf_status unknown_row(pf_import *imp, pf_kind k, const char *const *key, pf_error *err)
{
	static const struct {
		pf_kind kind;
		const char *fmt, *near_fmt;
		pf_store_ids ids;
	} rows[] = {
	    {PF_KIND_INITIATIVES, PF_MSG_("unknown initiative \"%s\""),
	     PF_MSG_("unknown initiative \"%s\": did you mean \"%s\"?"), PF_IDS_INITIATIVES},
	    {PF_KIND_EFFECTS, PF_MSG_("unknown indicator \"%s\""),
	     PF_MSG_("unknown indicator \"%s\": did you mean \"%s\"?"), PF_IDS_INDICATORS},
	    {PF_KIND_DECISIONS, PF_MSG_("unknown decision \"%s\""),
	     PF_MSG_("unknown decision \"%s\": did you mean \"%s\"?"), PF_IDS_DECISIONS},
	};
	char near[PF_SUGGEST_LEN + 1];

	if (k == PF_KIND_ROADMAPS)
		return pf_error_pos(err, PF_EINPUT, "set", NULL,
		                    "unknown initiative \"%s\" on roadmap \"%s\" version \"%s\"",
		                    key[2], key[0], key[1]);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (rows[i].kind != k)
			continue;
		if (pf_near_stored(imp->db, rows[i].ids, NULL, key[0], near, sizeof(near)))
			return pf_error_pos(err, PF_EINPUT, "set", NULL, rows[i].near_fmt, key[0],
			                    near);
		return pf_error_pos(err, PF_EINPUT, "set", NULL, rows[i].fmt, key[0]);
	}
	return pf_error_pos(err, PF_EINPUT, "set", NULL, "unknown row \"%s\"", key[0]);
}

static void free_texts(char *texts[PF_FIELDS_MAX])
{
	for (int f = 0; f < PF_FIELDS_MAX; f++)
		free(texts[f]);
}

/* Puts value in field f's text ("" clears); false when out of memory. */
static bool put_text(char *texts[PF_FIELDS_MAX], int f, const char *value)
{
	char *c = value ? strdup(value) : NULL;

	if (value && !c)
		return false;
	free(texts[f]);
	texts[f] = c;
	return true;
}

/* Applies the named fields over the stored ones; *given gets their bits. */
static pf_status apply(pf_kind k, const char *const *names, const char *const *values, size_t n,
                       char *texts[PF_FIELDS_MAX], const char *labels[PF_FIELDS_MAX],
                       unsigned *given, pf_error *err)
{
	const int *keys;
	size_t nkeys = key_fields(k, &keys);

	for (size_t i = 0; i < n; i++) {
		int f = pf_kind_field(k, names[i]);
		if (f < 0)
			return pf_error_pos(err, PF_EUSAGE, "set", names[i],
			                    "no field \"%s\" in %s", names[i], pf_kind_name(k));
		for (size_t j = 0; j < nkeys; j++)
			if (keys[j] == f)
				return pf_error_pos(err, PF_EUSAGE, "set", names[i],
				                    "%s is the row's key: it cannot be changed",
				                    names[i]);
		if (*given & 1u << f)
			return pf_error_pos(err, PF_EUSAGE, "set", names[i], "%s is given twice",
			                    names[i]);
		if (!put_text(texts, f, values[i]))
			return pf_error_set(err, PF_ENOMEM, "out of memory");
		*given |= 1u << f;
		labels[f] = names[i];
	}
	for (size_t j = 0; j < nkeys; j++)
		*given |= 1u << keys[j];
	return PF_OK;
}

pf_status pf_import_add_set(pf_import *imp, pf_kind kind, const char *const *key,
                            const char *const *names, const char *const *values, size_t n,
                            pf_error *err)
{
	char *texts[PF_FIELDS_MAX];
	const char *labels[PF_FIELDS_MAX], *all[PF_FIELDS_MAX];
	size_t nf;
	const pf_field *fields = pf_kind_fields(kind, &nf);
	unsigned given = 0;
	pf_unit *u = NULL;
	pf_status st = pf_export_row_texts(imp->db, kind, key, texts, err);

	if (st == PF_ENOTFOUND)
		st = unknown_row(imp, kind, key, err);
	if (st)
		goto out;
	for (size_t f = 0; f < nf; f++) {
		all[f] = fields[f].en;
		labels[f] = fields[f].sv;
	}
	if ((st = apply(kind, names, values, n, texts, labels, &given, err)) ||
	    (st = pf_unit_fields_new(&u, kind, "set", all, (const char *const *)texts, labels, nf,
	                             err)))
		goto out;
	pf_unit_fields_give(u, given);
	st = pf_import_add_unit(imp, u, err);
out:
	free_texts(texts);
	return st;
}
