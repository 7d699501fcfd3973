/*
 * Tests for the messages' language (src/core/messages.c, src/util/suggest.c):
 *
 * - the catalogue is sorted and unique (bsearch needs it), and each Swedish
 *   format has exactly the conversions of its English one in the same order
 *   (a mismatch would make printf read its arguments wrongly);
 * - every format given to pf_error_*, pf_warn_*, pf_note_*, pf_rec_*, the
 *   readers' helpers and the CLI's (found by reading src/, src/cli/ and
 *   importers/) has a Swedish entry, and no entry is unused;
 * - pf_error formats in its language; did-you-mean (table-driven).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/messages.h"
#include "util/suggest.h"
#include "testutil.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the catalogue ---- */

static size_t catalogue_size(void)
{
	const char *en, *sv;
	size_t n = 0;

	while (pf_msg_entry(n, &en, &sv))
		n++;
	return n;
}

static void test_sorted(void **state)
{
	const char *en, *sv, *prev = NULL;

	(void)state;
	assert_true(catalogue_size() > 200);
	for (size_t i = 0; pf_msg_entry(i, &en, &sv); i++) {
		if (prev && strcmp(prev, en) >= 0) {
			print_error("not sorted or not unique: \"%s\" before \"%s\"\n", prev, en);
			fail();
		}
		assert_true(*en && *sv);
		/* each entry is found through the lookup, not only by walking the table */
		assert_ptr_equal(pf_msg(PF_LANG_SV, en), sv);
		assert_ptr_equal(pf_msg(PF_LANG_EN, en), en);
		prev = en;
	}
}

static void test_formats(void **state)
{
	char a[64], b[64];
	const char *en, *sv;

	(void)state;
	pf_test_conversions("%.*s är %zu %% av %-10s %lld", a, sizeof(a));
	assert_string_equal(a, "%.*s%zu%-10s%lld");
	for (size_t i = 0; pf_msg_entry(i, &en, &sv); i++) {
		pf_test_conversions(en, a, sizeof(a));
		pf_test_conversions(sv, b, sizeof(b));
		if (strcmp(a, b)) {
			print_error("\"%s\": conversions %s, Swedish has %s\n", en, a, b);
			fail();
		}
	}
}

static void test_lookup(void **state)
{
	static const char fmt[] = "unknown initiative \"%s\"";

	(void)state;
	assert_ptr_equal(pf_msg(PF_LANG_EN, fmt), fmt);
	assert_string_equal(pf_msg(PF_LANG_SV, fmt), "okänt initiativ \"%s\"");
	/* a format without an entry is shown as it is */
	assert_string_equal(pf_msg(PF_LANG_SV, "no such message %s"), "no such message %s");
	assert_string_equal(pf_msg(PF_LANG_SV, "%s"), "%s");
	assert_null(pf_msg(PF_LANG_SV, NULL));
	assert_string_equal(pf_error_msg(NULL, fmt), "okänt initiativ \"%s\"");
}

/* pf_error formats in its language, Swedish unless told; the location stays. */
static void test_error_lang(void **state)
{
	pf_error e;

	(void)state;
	pf_error_init(&e);
	assert_int_equal(e.lang, PF_LANG_SV);
	pf_error_at(&e, PF_EINPUT, "q4.csv", 4, 3, "unknown initiative \"%s\"", "KBN-99");
	e.lang = PF_LANG_EN;
	pf_error_pos(&e, PF_EINPUT, "q4.csv", "Blad1!C4", "unknown initiative \"%s\"", "KBN-99");
	pf_warn_at(&e, NULL, 0, 0, "the database is busy (another portfolj is writing); try again");
	assert_int_equal(e.count, 3);
	assert_string_equal(e.diags[0].where, "q4.csv:4:3");
	assert_string_equal(e.diags[0].message, "okänt initiativ \"KBN-99\"");
	assert_string_equal(e.diags[1].where, "q4.csv:Blad1!C4");
	assert_string_equal(e.diags[1].message, "unknown initiative \"KBN-99\"");
	/* clearing keeps the language */
	pf_error_clear(&e);
	assert_int_equal(e.lang, PF_LANG_EN);
	e.lang = PF_LANG_SV;
	pf_error_set(&e, PF_EBUSY, "the database is busy (another portfolj is writing); try again");
	assert_string_equal(e.diags[0].message,
	                    "databasen är upptagen (en annan portfolj skriver); försök igen");
	pf_error_clear(&e);
}

/* ---- every format the code gives has an entry ---- */

struct ids {
	char *id[2048];
	size_t n;
};

/* The functions whose argument (counted from 0) is a message format or id. */
static const struct {
	const char *name;
	int arg;
} takers[] = {
    {"pf_error_at", 5}, {"pf_error_pos", 4},  {"pf_error_set", 2}, {"pf_warn_at", 4},
    {"pf_warn_pos", 3}, {"pf_note_pos", 3},   {"pf_rec_error", 3}, {"pf_rec_warn", 3},
    {"xml_fail", 3},    {"cell_error_at", 2}, {"cell_error", 1},   {"sheet_fail", 2},
    {"fail", 3},        {"map_error", 2},     {"rec_error", 3},    {"cli_usage_error", 1},
    {"cli_diag", 2},    {"pf_msg", 1},        {"pf_error_msg", 1}, {"pf_db_fail", 3},
    {"pf_resp_error", 2}, {"PF_MSG_", 0},
};

/* Skips a string or character literal at p; returns the character after it. */
static const char *skip_literal(const char *p)
{
	char q = *p++;

	while (*p && *p != q)
		p += *p == '\\' && p[1] ? 2 : 1;
	return *p ? p + 1 : p;
}

/* Adds every run of adjacent literals in [p, end): `c ? "a" : "b"` gives both. */
static void literals(const char *p, const char *end, struct ids *ids)
{
	while (p < end) {
		if (*p == '\'') {
			p = skip_literal(p);
		} else if (*p == '"') {
			const char *q = p;
			char *s = pf_test_c_literal(&q);
			if (s) {
				assert_true(ids->n < COUNT_OF(ids->id));
				ids->id[ids->n++] = s;
			}
			p = q;
		} else {
			p++;
		}
	}
}

/* The argument arg of the call whose "(" is at p: its start and end, or false. */
static bool argument(const char *p, int arg, const char **start, const char **end)
{
	int depth = 0, n = 0;

	*start = ++p;
	for (; *p; p++) {
		if (*p == '"' || *p == '\'') {
			p = skip_literal(p) - 1;
		} else if (*p == '(' || *p == '[' || *p == '{') {
			depth++;
		} else if ((*p == ')' || *p == ']' || *p == '}') && depth-- == 0) {
			break;
		} else if (*p == ',' && depth == 0) {
			if (n++ == arg) {
				*end = p;
				return true;
			}
			*start = p + 1;
		}
	}
	*end = p;
	return n == arg && *p == ')';
}

static bool ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static void scan_ids(const char *text, struct ids *ids)
{
	for (size_t t = 0; t < COUNT_OF(takers); t++) {
		size_t len = strlen(takers[t].name);
		for (const char *p = strstr(text, takers[t].name); p;
		     p = strstr(p + len, takers[t].name)) {
			const char *start, *end;
			if ((p > text && ident_char(p[-1])) || p[len] != '(')
				continue;
			if (argument(p + len, takers[t].arg, &start, &end))
				literals(start, end, ids);
		}
	}
}

/* Scans every .c file below dir, its subfolders too. */
static void scan_dir(const char *dir, struct ids *ids)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		char path[4096], *text;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_type == DT_DIR) {
			scan_dir(path, ids);
			continue;
		}
		if (n < 3 || strcmp(e->d_name + n - 2, ".c"))
			continue;
		text = pf_test_read(path, NULL);
		assert_non_null(text);
		scan_ids(text, ids);
		free(text);
	}
	closedir(d);
}

/* A format of conversions and punctuation only ("%s: %s") says nothing to translate. */
static bool has_words(const char *fmt)
{
	for (const char *p = fmt; *p; p++) {
		if (*p == '%') {
			p += strcspn(p + 1, "diouxXeEfFgGaAcspn%") + 1;
			if (!*p)
				break;
		} else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
			return true;
		}
	}
	return false;
}

static void test_scanner(void **state)
{
	struct ids ids = {{NULL}, 0};

	(void)state;
	scan_ids("pf_error_at(e, PF_EINPUT, \"src\", 1, 2, \"a %s\" \n \"b\", x);"
	         "my_pf_error_at(e, 1, 2, 3, 4, \"no\");"
	         "pf_rec_warn(imp, rec, f(a, \"(\"), up ? \"c\" : \"d\", 1);"
	         "cli_diag(\"portfolj\", NULL, \"e\");"
	         "x = PF_MSG_(\"f\"); pf_error_set(e, st, fmt);",
	         &ids);
	assert_int_equal(ids.n, 5);
	/* the takers are walked in their order: pf_error_at, pf_rec_warn, cli_diag, PF_MSG_ */
	assert_string_equal(ids.id[0], "a %sb");
	assert_string_equal(ids.id[1], "c");
	assert_string_equal(ids.id[2], "d");
	assert_string_equal(ids.id[3], "e");
	assert_string_equal(ids.id[4], "f");
	for (size_t i = 0; i < ids.n; i++)
		free(ids.id[i]);
	assert_false(has_words("%s: %s"));
	assert_false(has_words("%s%s%s"));
	assert_true(has_words("HTTP %ld%s"));
}

static void test_every_format_translated(void **state)
{
	struct ids ids = {{NULL}, 0};
	const char *en, *sv;
	size_t missing = 0;

	(void)state;
	scan_dir(PF_SOURCE_DIR "/src", &ids);
	scan_dir(PF_SOURCE_DIR "/importers", &ids);
	assert_true(ids.n > 250);
	for (size_t i = 0; i < ids.n; i++) {
		if (has_words(ids.id[i]) && pf_msg(PF_LANG_SV, ids.id[i]) == ids.id[i]) {
			print_error("no Swedish for \"%s\" (add it to src/core/messages.c)\n",
			            ids.id[i]);
			missing++;
		}
	}
	for (size_t c = 0; pf_msg_entry(c, &en, &sv); c++) {
		bool used = false;
		for (size_t i = 0; i < ids.n && !used; i++)
			used = !strcmp(ids.id[i], en);
		if (!used) {
			print_error("\"%s\" is in the catalogue but nothing uses it\n", en);
			missing++;
		}
	}
	for (size_t i = 0; i < ids.n; i++)
		free(ids.id[i]);
	assert_int_equal(missing, 0);
}

/* ---- did you mean ---- */

static void test_edit_distance(void **state)
{
	static const struct {
		const char *a, *b;
		int d;
	} rows[] = {
	    {"", "", 0},
	    {"abc", "abc", 0},
	    {"kbn_2", "kbn_02", 1},
	    {"abc", "acb", 1},
	    {"abcd", "badc", 2},
	    {"kitten", "sitting", 3},
	    {"ca", "abc", 3},
	    {"", "abc", 3},
	    {"kommentarer", "kommentar", 2},
	    {"bedomning", "bedmoning", 1},
	};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		int d = pf_edit_distance(rows[i].a, rows[i].b);
		if (d != rows[i].d || pf_edit_distance(rows[i].b, rows[i].a) != d) {
			print_error("\"%s\" ~ \"%s\": %d, expected %d\n", rows[i].a, rows[i].b, d,
			            rows[i].d);
			fail();
		}
	}
}

static void test_suggest(void **state)
{
	static const char *const ids[] = {"KBN-01",    "KBN-02",    "KBN-12", "HSN-01", "KBN-01-M1",
	                                  "KBN-01-M2", "Kommentar", "Ärende", NULL};
	static const struct {
		const char *word, *want; /* NULL: no suggestion */
	} rows[] = {
	    {"KBN-2", "KBN-02"},  /* one edit: the first of the nearest */
	    {"kbn-02", "KBN-02"}, /* case does not count */
	    {"KBN 01", "KBN-01"}, /* nor a space for a hyphen */
	    {"KBN-01-M", "KBN-01-M1"},    {"KBN-01-I9", NULL},  /* two edits, and a tie */
	    {"Kommentarer", "Kommentar"}, {"arende", "Ärende"}, /* accents do not count */
	    {"HSN-1", "HSN-01"},          {"XYZ-99", NULL},     {"K", NULL}, {"", NULL},
	    {"XXXXXXXXXXXXXXX", NULL},
	};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		pf_suggest s;
		const char *got;

		pf_suggest_init(&s, rows[i].word);
		for (size_t k = 0; ids[k]; k++)
			pf_suggest_add(&s, ids[k]);
		got = pf_suggest_best(&s);
		if (rows[i].want ? !got || strcmp(got, rows[i].want) : got != NULL) {
			print_error("\"%s\": got %s, expected %s\n", rows[i].word,
			            got ? got : "none", rows[i].want ? rows[i].want : "none");
			fail();
		}
		pf_suggest_free(&s);
	}
}

/* More candidates than PF_SUGGEST_MAX: no suggestion, and no more work than the cap. */
static void test_suggest_cap(void **state)
{
	pf_suggest s;
	char id[32];

	(void)state;
	pf_suggest_init(&s, "ID-5");
	for (long i = 0; i <= PF_SUGGEST_MAX; i++) {
		snprintf(id, sizeof(id), "ID-%ld", i);
		pf_suggest_add(&s, id);
	}
	assert_null(pf_suggest_best(&s));
	pf_suggest_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sorted),        cmocka_unit_test(test_formats),
	    cmocka_unit_test(test_lookup),        cmocka_unit_test(test_error_lang),
	    cmocka_unit_test(test_scanner),       cmocka_unit_test(test_every_format_translated),
	    cmocka_unit_test(test_edit_distance), cmocka_unit_test(test_suggest),
	    cmocka_unit_test(test_suggest_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
