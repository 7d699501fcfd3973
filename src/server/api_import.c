/*
 * POST /api/v1/import (FORMATS.md section 6): a body of section 3 JSON, a
 * CSV or TSV sheet, or an XLSX workbook, as one all-or-nothing import by an
 * admin. The body goes to a temporary file named for its type, which the
 * importer reads as it reads the command line's sources; the diagnostics
 * name it `import.csv` (or .tsv, .json, .xlsx), never the temporary folder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

static const struct {
	const char *type, *name;
} types[] = {
    {"application/json", "import.json"},
    {"text/csv", "import.csv"},
    {"text/tab-separated-values", "import.tsv"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "import.xlsx"},
};

/* Removes every occurrence of prefix from s, in place. */
static void strip(char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	char *p;

	while (s && n && (p = strstr(s, prefix)))
		memmove(p, p + n, strlen(p + n) + 1);
}

static json_t *summary_json(const pf_import_summary *sum, bool dry_run)
{
	json_t *doc = json_pack("{sbsb}", "written", sum->written, "dry_run", dry_run);

	for (int k = 0; doc && k < PF_KIND_COUNT; k++) {
		const pf_kind_counts *n = &sum->kind[k];
		if (n->rows)
			json_object_set_new(doc, pf_kind_name(k),
			                    json_pack("{sIsIsIsI}", "rows", (json_int_t)n->rows,
			                              "inserted", (json_int_t)n->inserted,
			                              "updated", (json_int_t)n->updated,
			                              "unchanged", (json_int_t)n->unchanged));
	}
	return doc;
}

static bool write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(data, 1, len, f) == len;

	return (f && fclose(f) == 0) && ok;
}

static pf_status run_import(pf_call *c, const char *path, bool dry_run, pf_import_summary *sum)
{
	pf_import_opts o = {dry_run, "import"};
	pf_import *imp = NULL;
	pf_status st;

	pthread_mutex_lock(&c->srv->write_lock);
	if (!(st = pf_db_set_actor(c->db, c->user->name, &c->err)) &&
	    !(st = pf_import_new(&imp, c->db, &o, &c->err))) {
		st = pf_import_add(imp, path, &c->err);
		/* A sheet that was read is still checked, so that every error is listed. */
		if (!st || st == PF_EINPUT) {
			pf_status run = pf_import_run(imp, sum, &c->err);
			st = st ? st : run;
		}
	}
	pf_import_free(imp);
	pf_db_set_actor(c->db, NULL, NULL);
	pthread_mutex_unlock(&c->srv->write_lock);
	return st;
}

void pf_api_import(pf_call *c)
{
	char type[128], dir[256], path[300], prefix[260];
	const char *name = NULL, *dry = pf_req_query(c->req, "dry_run");
	bool dry_run = dry && strcmp(dry, "0") && strcmp(dry, "false");
	pf_import_summary sum;
	pf_status st;

	if (!pf_auth_write_ok(c))
		return;
	if (c->user->role != PF_ROLE_ADMIN)
		return pf_resp_error(c, 403, "only an admin imports");
	pf_req_content_type(c->req, type, sizeof(type));
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(type, types[i].type))
			name = types[i].name;
	if (!name)
		return pf_resp_error(c, 415,
		                     "an import is application/json, text/csv, "
		                     "text/tab-separated-values or an xlsx workbook, not \"%s\"",
		                     type);
	if (!pf_api_tempdir(dir))
		return pf_resp_error(c, 500, "cannot make a temporary folder");
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	if (!write_file(path, c->req->body ? c->req->body : "", c->req->body_len)) {
		pf_api_tempdir_remove(dir);
		return pf_resp_error(c, 500, "cannot write a temporary file");
	}
	st = run_import(c, path, dry_run, &sum);
	pf_api_tempdir_remove(dir);
	for (size_t i = 0; i < c->err.count; i++) {
		strip(c->err.diags[i].where, prefix);
		strip(c->err.diags[i].message, prefix);
	}
	if (st)
		return pf_resp_status(c, st);
	pf_resp_json(c, 200, summary_json(&sum, dry_run));
}
