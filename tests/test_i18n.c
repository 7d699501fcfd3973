/*
 * Tests for src/render/i18n.c, the catalogue of the rendered reports' words, and for
 * its use by the renderers and the program:
 *
 * - the catalogue is sorted and unique (bsearch needs it), every English text
 *   is there and has the same printf conversions as its message id;
 * - every message id the renderers mark (PF_N_("...") or pf_tr(lang, "..."),
 *   found by reading src/render_*.c) has an English entry, and every entry is
 *   used by a renderer;
 * - every report kind in every format, rendered in English from the documents
 *   under tests/data/golden/ and tests/data/render/, shows no Swedish label:
 *   the documents' own text is replaced by "X" first (their canonical words
 *   kept, as they must be translated), so neither a label of the catalogue nor
 *   a Swedish letter (å ä ö é) may remain; csv is the same in both languages;
 * - `portfolj report --lang` and $PORTFOLJ_LANG.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "render/i18n.h"
#include "render/render_util.h"
#include "testutil.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the catalogue ---- */

static void test_sorted(void **state)
{
	(void)state;
	assert_true(pf_i18n_count() > 100);
	assert_null(pf_i18n_msgid(pf_i18n_count()));
	assert_null(pf_i18n_msgstr(pf_i18n_count()));
	for (size_t i = 0; i < pf_i18n_count(); i++) {
		const char *id = pf_i18n_msgid(i), *str = pf_i18n_msgstr(i);

		if (i > 0 && strcmp(pf_i18n_msgid(i - 1), id) >= 0) {
			print_error("not sorted or not unique: \"%s\" before \"%s\"\n",
			            pf_i18n_msgid(i - 1), id);
			fail();
		}
		assert_true(*id && *str);
		/* no stray blanks: a label is padded by the code that shows it */
		assert_true(id[0] != ' ' && id[strlen(id) - 1] != ' ');
		assert_true(str[0] != ' ' && str[strlen(str) - 1] != ' ');
		/* a context is never the whole message id */
		assert_true(!strchr(id, '|') || strchr(id, '|')[1]);
		assert_null(strchr(str, '|'));
		/* each entry is found through the lookup, not only by walking the table */
		assert_ptr_equal(pf_tr(PF_LANG_EN, id), str);
	}
}

static void test_formats(void **state)
{
	char a[64], b[64];

	(void)state;
	pf_test_conversions("År %zu (%lld) 100 %%", a, sizeof(a));
	assert_string_equal(a, "%zu%lld");
	for (size_t i = 0; i < pf_i18n_count(); i++) {
		pf_test_conversions(pf_i18n_msgid(i), a, sizeof(a));
		pf_test_conversions(pf_i18n_msgstr(i), b, sizeof(b));
		if (strcmp(a, b)) {
			print_error("\"%s\": conversions %s, English has %s\n", pf_i18n_msgid(i), a,
			            b);
			fail();
		}
	}
}

/* Where a Swedish letter (å ä ö é) is in s, or NULL: a translation left in Swedish shows one. */
static const char *swedish_letter(const char *s)
{
	static const char *const letters[] = {"å", "ä", "ö", "Å", "Ä", "Ö", "é"};
	const char *first = NULL;

	for (size_t i = 0; i < COUNT_OF(letters); i++) {
		const char *at = strstr(s, letters[i]);

		if (at && (!first || at < first))
			first = at;
	}
	return first;
}

static bool has_swedish_letter(const char *s)
{
	return swedish_letter(s) != NULL;
}

/* Prints the line of text that holds at: where a check failed, and what it found. */
static void print_line(const char *name, const char *what, const char *text, const char *at)
{
	const char *start = at, *end = strchr(at, '\n');

	while (start > text && start[-1] != '\n')
		start--;
	print_error("%s: %s in English, in the line:\n%.*s\n", name, what,
	            (int)((end ? end : at + strlen(at)) - start), start);
}

static void test_english_is_english(void **state)
{
	(void)state;
	for (size_t i = 0; i < pf_i18n_count(); i++)
		if (has_swedish_letter(pf_i18n_msgstr(i))) {
			print_error("\"%s\" -> \"%s\"\n", pf_i18n_msgid(i), pf_i18n_msgstr(i));
			fail();
		}
}

static void test_lookup(void **state)
{
	static const char committee[] = "Nämnd";

	(void)state;
	/* Swedish is the message id itself, without a lookup */
	assert_ptr_equal(pf_tr(PF_LANG_SV, committee), committee);
	assert_string_equal(pf_tr(PF_LANG_EN, committee), "Committee");
	/* a context tells homonyms apart and is never shown */
	assert_string_equal(pf_tr(PF_LANG_SV, "plural|Initiativ"), "Initiativ");
	assert_string_equal(pf_tr(PF_LANG_EN, "plural|Initiativ"), "Initiatives");
	assert_string_equal(pf_tr(PF_LANG_EN, "Initiativ"), "Initiative");
	/* a missing entry falls back to the message id, its context dropped */
	assert_string_equal(pf_tr(PF_LANG_EN, "Finns inte"), "Finns inte");
	assert_string_equal(pf_tr(PF_LANG_EN, "ctx|Finns inte"), "Finns inte");
	assert_string_equal(pf_tr(PF_LANG_EN, ""), "");
	/* an unknown language is Swedish */
	assert_string_equal(pf_tr(PF_LANG_COUNT, committee), committee);
	assert_string_equal(pf_tr((pf_lang)-1, committee), committee);
	assert_null(pf_tr(PF_LANG_EN, NULL));
}

static void test_lang_parse(void **state)
{
	static const struct {
		const char *in;
		int want;
	} rows[] = {
	    {"sv", PF_LANG_SV}, {"en", PF_LANG_EN}, {"EN", -1},  {"sv_SE", -1}, {"en_GB", -1},
	    {"de", -1},         {"", -1},           {" en", -1}, {NULL, -1},
	};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(rows); i++)
		assert_int_equal(pf_lang_parse(rows[i].in), rows[i].want);
}

/* Canonical words: English aliases of value.h, horizons and bodies from the catalogue. */
static void test_words(void **state)
{
	static const char *const bodies[] = {PF_BODY_MANAGEMENT, PF_BODY_COUNCIL,
	                                     PF_BODY_ADMINISTRATION};

	(void)state;
	for (int set = 0; set < PF_WORDS_COUNT; set++) {
		for (int i = 0; i < pf_word_count((pf_wordset)set); i++) {
			const char *sv = pf_word((pf_wordset)set, i);
			const char *en = pf_rword(PF_LANG_EN, (pf_wordset)set, sv);

			assert_ptr_equal(pf_rword(PF_LANG_SV, (pf_wordset)set, sv), sv);
			assert_false(has_swedish_letter(en));
			if (set != PF_WORDS_HORIZON)
				assert_string_equal(en, pf_word_en((pf_wordset)set, i));
		}
	}
	assert_string_equal(pf_rword(PF_LANG_EN, PF_WORDS_HORIZON, "år 2"), "year 2");
	assert_string_equal(pf_rword(PF_LANG_EN, PF_WORDS_HORIZON, "senare"), "later");
	assert_string_equal(pf_rword(PF_LANG_EN, PF_WORDS_PHASE, "pågående"), "ongoing");
	assert_string_equal(pf_rword(PF_LANG_EN, PF_WORDS_DECISION, "fastställande"), "adoption");
	/* data that is no canonical word is shown as it is, folded spellings too */
	assert_string_equal(pf_rword(PF_LANG_EN, PF_WORDS_PHASE, "Pågående"), "Pågående");
	assert_string_equal(pf_rword(PF_LANG_EN, PF_WORDS_PHASE, "blå"), "blå");
	assert_null(pf_rword(PF_LANG_EN, PF_WORDS_PHASE, NULL));
	for (size_t i = 0; i < COUNT_OF(bodies); i++) {
		assert_string_equal(pf_rbody(PF_LANG_SV, bodies[i]), bodies[i]);
		assert_false(has_swedish_letter(pf_rbody(PF_LANG_EN, bodies[i])));
		assert_string_not_equal(pf_rbody(PF_LANG_EN, bodies[i]), bodies[i]);
	}
	assert_string_equal(pf_rbody(PF_LANG_EN, "KBN"), "KBN");
	assert_string_equal(pf_rlight_word(PF_LANG_EN, 1), "yellow");
	assert_string_equal(pf_rlight_word(PF_LANG_SV, 1), "gul");
}

/* ---- the renderers' message ids ---- */

/* The message ids found in one source file. */
struct ids {
	char *id[1024];
	size_t n;
};

static void ids_add(struct ids *ids, char *id)
{
	if (!id)
		return;
	assert_true(ids->n < COUNT_OF(ids->id));
	ids->id[ids->n++] = id;
}

/*
 * Every literal in PF_N_("...") and every literal second argument of
 * pf_tr(lang, "...") in text: what the renderers look up.
 */
static void scan_ids(const char *text, struct ids *ids)
{
	for (const char *p = strstr(text, "PF_N_("); p; p = strstr(p, "PF_N_(")) {
		p += strlen("PF_N_(");
		ids_add(ids, pf_test_c_literal(&p));
	}
	for (const char *p = strstr(text, "pf_tr("); p; p = strstr(p, "pf_tr(")) {
		int depth = 0;

		p += strlen("pf_tr(");
		/* the first argument, up to the comma outside any parentheses */
		for (; *p && !(depth == 0 && (*p == ',' || *p == ')')); p++)
			depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
		if (*p != ',')
			continue;
		p++;
		ids_add(ids, pf_test_c_literal(&p));
	}
}

static bool in_catalogue(const char *id)
{
	for (size_t i = 0; i < pf_i18n_count(); i++)
		if (!strcmp(pf_i18n_msgid(i), id))
			return true;
	return false;
}

/* The message ids of every src/render/render_*.c. */
static void renderer_ids(struct ids *ids)
{
	DIR *dir = opendir(PF_SOURCE_DIR "/src/render");
	struct dirent *e;
	size_t files = 0;

	assert_non_null(dir);
	ids->n = 0;
	while ((e = readdir(dir))) {
		size_t n = strlen(e->d_name);
		char path[4096], *text;

		if (strncmp(e->d_name, "render_", 7) || n < 3 || strcmp(e->d_name + n - 2, ".c"))
			continue;
		snprintf(path, sizeof(path), PF_SOURCE_DIR "/src/render/%s", e->d_name);
		text = pf_test_read(path, NULL);
		assert_non_null(text);
		scan_ids(text, ids);
		free(text);
		files++;
	}
	closedir(dir);
	assert_true(files >= 5); /* util, table, csv, md, html */
}

static void test_scanner(void **state)
{
	struct ids ids = {{NULL}, 0};

	(void)state;
	scan_ids("f(PF_N_(\"a\"), pf_tr(o->lang, \"b\\\"c\"), pf_tr(f(x, y), \"d\" \n\t \"e\"),"
	         " pf_tr(lang, msgid), PF_N_(X), pf_tr(lang)",
	         &ids);
	assert_int_equal(ids.n, 3);
	assert_string_equal(ids.id[0], "a");
	assert_string_equal(ids.id[1], "b\"c");
	assert_string_equal(ids.id[2], "de");
	for (size_t i = 0; i < ids.n; i++)
		free(ids.id[i]);
}

static void test_every_id_translated(void **state)
{
	struct ids ids = {{NULL}, 0};
	size_t missing = 0;

	(void)state;
	renderer_ids(&ids);
	assert_true(ids.n > 100);
	for (size_t i = 0; i < ids.n; i++) {
		if (!in_catalogue(ids.id[i])) {
			print_error("no English for \"%s\" (add it to src/render/i18n.c)\n", ids.id[i]);
			missing++;
		}
	}
	/* and no entry the renderers no longer use */
	for (size_t c = 0; c < pf_i18n_count(); c++) {
		bool used = false;

		for (size_t i = 0; i < ids.n && !used; i++)
			used = !strcmp(ids.id[i], pf_i18n_msgid(c));
		if (!used) {
			print_error("\"%s\" is in the catalogue but no renderer uses it\n",
			            pf_i18n_msgid(c));
			missing++;
		}
	}
	for (size_t i = 0; i < ids.n; i++)
		free(ids.id[i]);
	assert_int_equal(missing, 0);
}

/* ---- no Swedish left in English reports ---- */

/* Whether the string is a canonical word of FORMATS.md: one the renderers translate. */
static bool canonical(const char *s)
{
	static const char *const bodies[] = {PF_BODY_MANAGEMENT, PF_BODY_COUNCIL,
	                                     PF_BODY_ADMINISTRATION};

	for (int set = 0; set < PF_WORDS_COUNT; set++)
		for (int i = 0; i < pf_word_count((pf_wordset)set); i++)
			if (!strcmp(s, pf_word((pf_wordset)set, i)))
				return true;
	for (size_t i = 0; i < COUNT_OF(bodies); i++)
		if (!strcmp(s, bodies[i]))
			return true;
	return false;
}

/*
 * A copy of v with every string "X" but the canonical words and the change
 * history's field names (columns of schema/, which say how to read old and
 * new); keys and numbers kept.
 */
static json_t *scrub(const json_t *v, const char *key)
{
	const char *k;
	json_t *out, *item;
	size_t i;

	if (json_is_string(v))
		return json_string(canonical(json_string_value(v)) || (key && !strcmp(key, "field"))
		                       ? json_string_value(v)
		                       : "X");
	if (json_is_array(v)) {
		out = json_array();
		json_array_foreach(v, i, item) json_array_append_new(out, scrub(item, NULL));
		return out;
	}
	if (json_is_object(v)) {
		out = json_object();
		json_object_foreach((json_t *)v, k, item)
		    json_object_set_new(out, k, scrub(item, k));
		return out;
	}
	return json_deep_copy(v);
}

/* A letter next to a match makes it part of a longer word: ASCII or Latin-1 (C3 xx) letters. */
static bool letter_before(const char *text, const char *at)
{
	unsigned char c = at > text ? (unsigned char)at[-1] : ' ';

	if (c >= 0x80 && c < 0xc0 && at - 1 > text)
		return (unsigned char)at[-2] == 0xc3;
	return (c < 0x80 &&
	        (c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')));
}

static bool letter_at(const char *at)
{
	unsigned char c = (unsigned char)*at;

	return c == 0xc3 || c == '_' || (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Whether word occurs in text as a whole word. */
static bool has_word(const char *text, const char *word)
{
	for (const char *p = text; (p = strstr(p, word)); p++)
		if (!letter_before(text, p) && !letter_at(p + strlen(word)))
			return true;
	return false;
}

/*
 * The Swedish words of a message id that must not show in English: its text
 * (after a context) cut at printf conversions, each piece trimmed of blanks
 * and punctuation. Checks each piece of two letters or more against text.
 */
static const char *swedish_left(const char *text, const char *msgid)
{
	static char piece[256];
	const char *s = strchr(msgid, '|') ? strchr(msgid, '|') + 1 : msgid;

	while (*s) {
		size_t n = strcspn(s, "%");
		const char *a = s, *b = s + n;

		while (a < b && strchr(" ():.,–-", *a))
			a++;
		while (b > a && strchr(" ():.,–-", b[-1]))
			b--;
		if (b - a >= 2 && (size_t)(b - a) < sizeof(piece)) {
			memcpy(piece, a, (size_t)(b - a));
			piece[b - a] = '\0';
			if (has_word(text, piece))
				return piece;
		}
		s += n;
		if (*s == '%') /* skip the conversion */
			s += 1 + strcspn(s + 1, "diouxXeEfFgGaAcspn%") + (s[1] ? 1 : 0);
	}
	return NULL;
}

static char *render(pf_report_kind kind, json_t *doc, pf_format fmt, pf_lang lang)
{
	pf_report r = {kind, {0}, doc};
	pf_render_opts o = {false, lang};
	pf_error err;
	char *out = NULL;
	size_t len = 0;
	pf_status st;

	pf_error_init(&err);
	st = pf_report_render(&r, fmt, &o, &out, &len, &err);
	pf_error_clear(&err);
	assert_int_equal(st, PF_OK);
	assert_non_null(out);
	return out;
}

/* Checks an English rendering of a scrubbed document; name says which, for the message. */
static void assert_english(const char *text, const char *name)
{
	for (size_t i = 0; i < pf_i18n_count(); i++) {
		const char *id = pf_i18n_msgid(i);
		const char *shown = strchr(id, '|') ? strchr(id, '|') + 1 : id;
		const char *left;
		char what[512];

		if (!strcmp(shown, pf_i18n_msgstr(i)))
			continue; /* "Id", "Version": the same in both */
		if ((left = swedish_left(text, id))) {
			snprintf(what, sizeof(what), "\"%s\" (of \"%s\")", left, id);
			print_line(name, what, text, strstr(text, left));
			fail();
		}
	}
	if (has_swedish_letter(text)) {
		print_line(name, "a Swedish letter", text, swedish_letter(text));
		fail();
	}
}

/* The report kind of a test document: quarter-2025Q3.json, null-roadmap.json, ... */
static int kind_of(const char *file)
{
	char name[64];
	const char *s = strncmp(file, "null-", 5) ? file : file + 5;
	size_t n = strcspn(s, "-.");

	if (n >= sizeof(name))
		return -1;
	memcpy(name, s, n);
	name[n] = '\0';
	return pf_report_kind_parse(name);
}

static size_t check_dir(const char *dir)
{
	static const pf_format shown[] = {PF_FORMAT_TABLE, PF_FORMAT_MD, PF_FORMAT_HTML};
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t docs = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[4096], name[4200];
		size_t n = strlen(e->d_name);
		json_error_t jerr;
		json_t *doc, *clean;
		int kind;

		if (n < 6 || strcmp(e->d_name + n - 5, ".json") || (kind = kind_of(e->d_name)) < 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		doc = json_load_file(path, 0, &jerr);
		assert_non_null(doc);
		clean = scrub(doc, NULL);
		for (size_t f = 0; f < COUNT_OF(shown); f++) {
			char *text = render((pf_report_kind)kind, clean, shown[f], PF_LANG_EN);

			snprintf(name, sizeof(name), "%s (%s)", path,
			         f == 0   ? "table"
			         : f == 1 ? "md"
			                  : "html");
			assert_english(text, name);
			if (shown[f] == PF_FORMAT_HTML)
				assert_true(
				    !strncmp(text, "<!DOCTYPE html>\n<html lang=\"en\">", 32));
			free(text);
		}
		/* csv is data: the same in both languages, the document's text and all */
		{
			char *sv = render((pf_report_kind)kind, doc, PF_FORMAT_CSV, PF_LANG_SV);
			char *en = render((pf_report_kind)kind, doc, PF_FORMAT_CSV, PF_LANG_EN);

			assert_string_equal(sv, en);
			free(sv);
			free(en);
		}
		json_decref(clean);
		json_decref(doc);
		docs++;
	}
	closedir(d);
	return docs;
}

static void test_no_swedish_left(void **state)
{
	(void)state;
	/* the check itself finds what it must */
	assert_non_null(swedish_left("Rank  Nämnd  Fas", "Nämnd"));
	assert_non_null(swedish_left("Year 1 (2025)\nÅr 2 (2026)", "År %zu (%lld)"));
	assert_non_null(swedish_left("(a) ej mätt", "– ej mätt"));
	assert_non_null(swedish_left("Initiativ", "plural|Initiativ"));
	assert_null(swedish_left("Initiative", "Initiativ"));
	assert_null(swedish_left("Typed", "Typ"));
	assert_null(swedish_left("any", "ny"));
	assert_true(check_dir(PF_TEST_DATA "/golden") >= 6);
	assert_true(check_dir(PF_TEST_DATA "/render") >= 14);
}

/* ---- the program ---- */

/*
 * Runs `portfolj --db DIR/t.db report ARGS` with $PORTFOLJ_LANG set to env
 * (NULL: unset); returns its exit status and its output (the caller frees).
 */
static int run_report(const char *dir, const char *env, const char *args, char **out)
{
	char cmd[8192], path[4096];
	int status;

	snprintf(path, sizeof(path), "%s/out", dir);
	snprintf(cmd, sizeof(cmd),
	         "env -u PORTFOLJ_LANG -u NO_COLOR %s%s%s '%s' --db '%s/t.db' report %s >'%s' "
	         "2>/dev/null",
	         env ? "PORTFOLJ_LANG='" : "", env ? env : "", env ? "'" : "", PF_BINARY, dir, args,
	         path);
	status = system(cmd);
	*out = pf_test_read(path, NULL);
	assert_non_null(*out);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_cli(void **state)
{
	static const struct {
		const char *env, *args;
		int code;
		const char *starts;
	} rows[] = {
	    {NULL, "quarter --period 2025Q3", 0, "Kvartalsrapport 2025Q3"},
	    {NULL, "quarter --period 2025Q3 --lang en", 0, "Quarterly report 2025Q3"},
	    {NULL, "--lang=en committee --period 2025Q3", 0, "Committee report 2025Q3"},
	    {NULL, "quarter --period 2025Q3 --lang sv", 0, "Kvartalsrapport 2025Q3"},
	    {"en", "quarter --period 2025Q3", 0, "Quarterly report 2025Q3"},
	    {"sv", "quarter --period 2025Q3", 0, "Kvartalsrapport 2025Q3"},
	    {"", "quarter --period 2025Q3", 0, "Kvartalsrapport 2025Q3"},
	    /* the option wins over the environment, even over a bad one */
	    {"en", "quarter --period 2025Q3 --lang sv", 0, "Kvartalsrapport 2025Q3"},
	    {"de", "quarter --period 2025Q3 --lang en", 0, "Quarterly report 2025Q3"},
	    {NULL, "quarter --period 2025Q3 --lang en --format md", 0, "# Quarterly report 2025Q3"},
	    {NULL, "quarter --period 2025Q3 --lang en --format html", 0,
	     "<!DOCTYPE html>\n<html lang=\"en\">"},
	    {NULL, "quarter --period 2025Q3 --format html", 0,
	     "<!DOCTYPE html>\n<html lang=\"sv\">"},
	    {NULL, "quarter --period 2025Q3 --lang de", 1, ""},
	    {NULL, "quarter --period 2025Q3 --lang", 1, ""},
	    {"de", "quarter --period 2025Q3", 1, ""},
	    {NULL, "--help", 0, "usage: portfolj report"},
	};
	char *dir = pf_test_mkdtemp(), *out, *sv, *en;

	(void)state;
	assert_non_null(dir);
	/* Reports only read: the database must exist. */
	char init[8192];
	snprintf(init, sizeof(init), "'%s' --db '%s/t.db' init >/dev/null 2>&1", PF_BINARY, dir);
	assert_int_equal(system(init), 0);
	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		int code = run_report(dir, rows[i].env, rows[i].args, &out);

		if (code != rows[i].code || strncmp(out, rows[i].starts, strlen(rows[i].starts))) {
			print_error("PORTFOLJ_LANG=%s report %s: exit %d\n%s\n",
			            rows[i].env ? rows[i].env : "(unset)", rows[i].args, code, out);
			fail();
		}
		if (!strcmp(rows[i].args, "--help"))
			assert_non_null(strstr(out, "--lang L"));
		free(out);
	}
	/* json is the contract: the same in both languages */
	assert_int_equal(run_report(dir, NULL, "committee --period 2025Q3 --format json", &sv), 0);
	assert_int_equal(run_report(dir, "en", "committee --period 2025Q3 --format json", &en), 0);
	assert_string_equal(sv, en);
	free(sv);
	free(en);
	pf_test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sorted),
	    cmocka_unit_test(test_formats),
	    cmocka_unit_test(test_english_is_english),
	    cmocka_unit_test(test_lookup),
	    cmocka_unit_test(test_lang_parse),
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_scanner),
	    cmocka_unit_test(test_every_id_translated),
	    cmocka_unit_test(test_no_swedish_left),
	    cmocka_unit_test(test_cli),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
