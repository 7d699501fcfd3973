/* Tests of JSON documents, REST pages and mapping files (importers/read/json_source.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importers/read/csvsheet.h"
#include "importers/map/json_units.h"
#include "importers/read/json.h"
#include "importers/read/json_pointer.h"
#include "testutil.h"

#define MAPS PF_SOURCE_DIR "/examples/maps/"
#define DATA PF_TEST_DATA "/json/"

/* ---- helpers ---- */

struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap, copy;

	va_start(ap, fmt);
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	assert_true(n >= 0);
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = 2 * (b->len + (size_t)n + 1);
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	va_end(ap);
}

/* "E WHERE: MESSAGE" per diagnostic, with `strip` (a temporary directory) left out of WHERE. */
static void dump_diags(struct sbuf *b, const pf_error *err, const char *strip)
{
	size_t n = strip ? strlen(strip) : 0;

	for (size_t i = 0; i < err->count; i++) {
		const pf_diag *d = &err->diags[i];
		const char *where = d->where ? d->where : "-";
		if (n && !strncmp(where, strip, n) && where[n] == '/')
			where += n + 1;
		sb_printf(b, "%s %s: %s\n", d->severity == PF_SEV_ERROR ? "E" : "W", where,
		          d->message);
	}
}

/* "KIND[INDEX] field=value ..." with the present fields in the kind's order. */
static void dump_record(struct sbuf *b, const pf_record *r)
{
	size_t n;
	const pf_field *f = pf_kind_fields(r->kind, &n);

	assert_int_equal(r->style, PF_LOC_INDEX);
	sb_printf(b, "%s[%ld]", pf_kind_name(r->kind), r->line);
	for (size_t i = 0; i < n; i++)
		if (r->val[i])
			sb_printf(b, " %s=%s", f[i].en, r->val[i]);
	sb_printf(b, "\n");
}

/* Reads every record of every unit, then frees them. */
static void drain_units(struct sbuf *b, pf_unit **units, size_t n, pf_error *err)
{
	for (size_t i = 0; i < n; i++) {
		pf_record rec;
		pf_status s;
		while ((s = units[i]->next(units[i], &rec, err)) == PF_OK)
			if (b)
				dump_record(b, &rec);
		assert_int_equal(s, PF_END);
		units[i]->free(units[i]);
	}
	free(units);
}

/* A document through pf_json_units as text: its records, then diagnostics, then the next URL. */
static char *read_doc(const char *text, size_t len, const pf_map *map, pf_status *st)
{
	struct sbuf b = {NULL, 0, 0};
	pf_error err;
	pf_unit **units;
	size_t n;
	char *next;

	pf_test_error_init(&err);
	sb_printf(&b, "%s", "");
	*st = pf_json_units("doc.json", text, len, map, &units, &n, &next, &err);
	if (*st) {
		assert_null(units);
		assert_int_equal(n, 0);
		assert_null(next);
	}
	drain_units(&b, units, n, &err);
	dump_diags(&b, &err, NULL);
	if (next)
		sb_printf(&b, "next=%s\n", next);
	free(next);
	pf_error_clear(&err);
	return b.s;
}

static char *read_doc_str(const char *text, const pf_map *map, pf_status *st)
{
	return read_doc(text, strlen(text), map, st);
}

static pf_map *load_map(const char *path)
{
	pf_error err;
	pf_map *m;

	pf_test_error_init(&err);
	pf_status st = pf_map_load(path, &m, &err);
	if (st && err.count)
		fprintf(stderr, "%s: %s\n", err.diags[0].where, err.diags[0].message);
	assert_int_equal(st, PF_OK);
	assert_int_equal(err.count, 0);
	pf_error_clear(&err);
	return m;
}

/* Loads a map written out from text into a fresh temporary directory. */
static pf_map *load_map_text(const char *text)
{
	char *dir = pf_test_mkdtemp();
	char *path = pf_test_write_str(dir, "map.json", text);
	pf_map *m = load_map(path);

	free(path);
	pf_test_rmdir(dir);
	return m;
}

struct doc_case {
	const char *name;
	const char *doc;
	pf_status st;
	const char *want;
};

static void run_doc_cases(const struct doc_case *cases, size_t n, const pf_map *map)
{
	for (size_t i = 0; i < n; i++) {
		pf_status st;
		char *got = read_doc_str(cases[i].doc, map, &st);
		if (st != cases[i].st || strcmp(got, cases[i].want))
			fprintf(stderr, "case \"%s\":\n%s", cases[i].name, got);
		assert_int_equal(st, cases[i].st);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

/* ---- plain documents (FORMATS.md section 3) ---- */

#define NONE_OF                                                                                    \
	"the document holds none of the arrays initiatives, effects, measurements, followups, "    \
	"priorities, roadmaps, decisions: give --map for another shape"
#define NOT_SCALAR "expected a text, number or boolean"

static const struct doc_case plain_cases[] = {
    {"types of one initiative",
     "{\"initiatives\": [{\"id\": \"KBN-1\", \"title\": \" Nytt bidragssystem \", \"committee\": "
     "\"KBN\", \"innovative\": true, \"cross_cutting\": false, \"budget\": 1500000, "
     "\"it_hours\": 420.5, \"description\": null, \"unit\": \"\"}]}",
     PF_OK,
     "initiatives[0] id=KBN-1 title=Nytt bidragssystem committee=KBN innovative=true "
     "cross_cutting=false budget=1500000 it_hours=420.5\n"},
    {"numbers as plain decimals",
     "{\"measurements\": [{\"value\": 1e3}, {\"value\": 0.1}, {\"value\": 1.5e-7}, "
     "{\"value\": -0.0}, {\"value\": 0.30000000000000004}, {\"value\": 1e21}, "
     "{\"value\": -12.25}, {\"value\": 123456789012345678}, {\"value\": \"12,5\"}, "
     "{\"value\": 2.5E+2}, {\"value\": 123.456e-2}, {\"value\": 100.0}, {\"value\": -7}]}",
     PF_OK,
     "measurements[0] value=1000\n"
     "measurements[1] value=0.1\n"
     "measurements[2] value=0.00000015\n"
     "measurements[3] value=0\n"
     "measurements[4] value=0.30000000000000004\n"
     "measurements[5] value=1000000000000000000000\n"
     "measurements[6] value=-12.25\n"
     "measurements[7] value=123456789012345678\n"
     "measurements[8] value=12,5\n"
     "measurements[9] value=250\n"
     "measurements[10] value=1.23456\n"
     "measurements[11] value=100\n"
     "measurements[12] value=-7\n"},
    {"null, empty and blank are absent",
     "{\"followups\": [{\"initiative\": \"X\", \"period\": null, \"assessment\": \"\", "
     "\"comment\": \"  \\t \", \"status\": \"pågående \"}]}",
     PF_OK, "followups[0] initiative=X status=pågående\n"},
    {"Swedish keys and array names",
     "{\"matvarden\": [{\"Indikator_ID\": \"A\", \"Värde\": 3, \"Kommentar\": \"ok\", "
     "\"Period\": \"2025 Q1\"}], \"initiativ\": [{\"ID\": \"B\", \"Titel\": \"T\", "
     "\"Nämnd\": \"KBN\", \"Tvärsektoriell\": \"ja\"}]}",
     PF_OK,
     "measurements[0] indicator_id=A period=2025 Q1 value=3 comment=ok\n"
     "initiatives[0] id=B title=T committee=KBN cross_cutting=ja\n"},
    {"unknown fields warned once per array",
     "{\"measurements\": [{\"indicator_id\": \"A\", \"x\": 1}, {\"indicator_id\": \"B\", "
     "\"x\": 2, \"y\": 3}], \"followups\": [{\"initiative\": \"C\", \"x\": 1}]}",
     PF_OK,
     "measurements[0] indicator_id=A\n"
     "measurements[1] indicator_id=B\n"
     "followups[0] initiative=C\n"
     "W doc.json:measurements[0]: unknown field \"x\" ignored\n"
     "W doc.json:measurements[1]: unknown field \"y\" ignored\n"
     "W doc.json:followups[0]: unknown field \"x\" ignored\n"},
    {"a field given twice",
     "{\"initiatives\": [{\"id\": \"A\", \"title\": \"x\", \"titel\": \"y\"}, {\"id\": \"B\"}]}",
     PF_OK,
     "initiatives[1] id=B\n"
     "E doc.json:initiatives[0].title: \"title\" and \"titel\" both give title\n"},
    {"records that are not objects",
     "{\"measurements\": [1, {\"indicator_id\": \"A\"}, null, [], \"x\"]}", PF_OK,
     "measurements[1] indicator_id=A\n"
     "E doc.json:measurements[0]: a record is an object, not a number\n"
     "E doc.json:measurements[2]: a record is an object, not null\n"
     "E doc.json:measurements[3]: a record is an object, not an array\n"
     "E doc.json:measurements[4]: a record is an object, not a text\n"},
    {"values that are objects or arrays",
     "{\"initiatives\": [{\"id\": \"A\", \"title\": {\"sv\": \"x\"}}, {\"id\": \"B\", "
     "\"title\": [\"x\"], \"budget\": [1]}, {\"id\": \"C\"}]}",
     PF_OK,
     "initiatives[2] id=C\n"
     "E doc.json:initiatives[0].title: the value is an object: " NOT_SCALAR "\n"
     "E doc.json:initiatives[1].title: the value is an array: " NOT_SCALAR "\n"
     "E doc.json:initiatives[1].budget: the value is an array: " NOT_SCALAR "\n"},
    {"known members that are not arrays",
     "{\"initiatives\": {\"id\": \"A\"}, \"effects\": [], \"decisions\": \"x\"}", PF_EINPUT,
     "E doc.json:initiatives: \"initiatives\" is an object: expected an array of records\n"
     "E doc.json:decisions: \"decisions\" is a text: expected an array of records\n"},
    {"a document that is an array", "[{\"id\": 1}]", PF_EINPUT,
     "E doc.json: the document is an array: expected an object of arrays (initiatives, "
     "effects, measurements, ...), or give --map for another shape\n"},
    {"a document that is a number", "42", PF_EINPUT,
     "E doc.json: the document is a number: expected an object of arrays (initiatives, "
     "effects, measurements, ...), or give --map for another shape\n"},
    {"another tool's shape without a map", "{\"Result\": [], \"Success\": true}", PF_EINPUT,
     "W doc.json: unknown member \"Result\" ignored\n"
     "W doc.json: unknown member \"Success\" ignored\n"
     "E doc.json: " NONE_OF "\n"},
    {"an empty object", "{}", PF_EINPUT, "E doc.json: " NONE_OF "\n"},
    {"empty arrays", "{\"initiatives\": [], \"decisions\": []}", PF_OK, ""},
    {"the next page", "{\"measurements\": [], \"next\": \"page2.json?x=1\"}", PF_OK,
     "next=page2.json?x=1\n"},
    {"the last page", "{\"measurements\": [{\"indicator_id\": \"A\"}], \"next\": null}", PF_OK,
     "measurements[0] indicator_id=A\n"},
    {"a last empty page", "{\"next\": null}", PF_OK, ""},
    {"a next that is not a URL", "{\"measurements\": [], \"next\": 2}", PF_EINPUT,
     "E doc.json:next: the next page's URL is a number: expected a text or null\n"},
    {"malformed JSON", "{\n \"initiatives\": [\n  {\"id\": 1,}\n]}", PF_EINPUT,
     "E doc.json:3:12: invalid JSON: string or '}' expected near '}'\n"},
    {"a duplicate key", "{\"initiatives\": [{\"id\": \"A\",\n \"id\": \"B\"}]}", PF_EINPUT,
     "E doc.json:2:5: invalid JSON: duplicate object key near '\"id\"'\n"},
    {"an empty document", "", PF_EINPUT,
     "E doc.json:1: invalid JSON: unexpected token near end of file\n"},
    {"text after the document", "{\"next\": null} x", PF_EINPUT,
     "E doc.json:1:16: invalid JSON: end of file expected near 'x'\n"},
    {"a number too large", "{\"measurements\": [{\"value\": 1e999}]}", PF_EINPUT,
     "E doc.json:1:33: a number is too large (real number overflow near '1e999'): a number must "
     "be less than 10^15 (1 000 000 000 000 000) in size\n"},
    {"a NUL escape", "{\"initiatives\": [{\"id\": \"a\\u0000b\"}]}", PF_EINPUT,
     "E doc.json:1:34: invalid JSON: \\u0000 is not allowed without JSON_ALLOW_NUL near "
     "'\"a\\u0000b\"'\n"},
    {"a byte-order mark", "\xEF\xBB\xBF{\"initiatives\": [{\"id\": \"A\"}]}", PF_OK,
     "initiatives[0] id=A\n"},
};

static void test_plain_documents(void **state)
{
	(void)state;
	run_doc_cases(plain_cases, sizeof(plain_cases) / sizeof(plain_cases[0]), NULL);
}

/* Every kind with its English keys: the fixture a REST export would give. */
static void test_every_kind(void **state)
{
	static const char want[] =
	    "initiatives[0] id=KBN-1 title=Nytt bidragssystem committee=KBN unit=Kultur och "
	    "bildning description=Ett system för kulturbidrag category=digitalisering "
	    "status=pågående innovative=true cross_cutting=false project_manager=Anna Berg "
	    "start=2024-09-01 end=2026-06-30 budget=1500000 it_hours=420.5\n"
	    "effects[0] indicator_id=KBN-E1 initiative=KBN-1 indicator=Andel digitala ansökningar "
	    "goal=Fler ansöker digitalt unit=% direction=öka baseline=20 baseline_date=2024-06-30 "
	    "target=90 target_date=2026-06-30 weight=2 benefit_type=kvalitativ\n"
	    "measurements[0] indicator_id=KBN-E1 period=2025Q1 value=38.5 comment=Första "
	    "kvartalet\n"
	    "measurements[1] indicator_id=KBN-E1 period=2025Q2 value=44\n"
	    "followups[0] initiative=KBN-1 period=2025Q2 assessment=grön status=pågående "
	    "expected_effects=Enligt plan reported_by=Anna Berg\n"
	    "priorities[0] period=2025Q2 rank=1 initiative=KBN-1 decided_by=digitaliseringsrådet "
	    "decision_date=2025-03-20\n"
	    "roadmaps[0] roadmap=Kultur och bildning version=2025 unit=Kultur och bildning "
	    "committee=KBN date=2025-02-11 initiative=KBN-1 horizon=år 1 first_year=2025 "
	    "decided_by=KBN\n"
	    "decisions[0] decision_id=KBN-2025-03-04-1 body=KBN date=2025-03-04 type=information "
	    "title=Digital färdplan roadmap=Kultur och bildning version=2025 protocol=KBN "
	    "2025-03-04 § 43\n";
	size_t len;
	char *text = pf_test_read(DATA "portfolio.json", &len);
	pf_status st;

	(void)state;
	assert_non_null(text);
	char *got = read_doc(text, len, NULL, &st);
	assert_int_equal(st, PF_OK);
	assert_string_equal(got, want);
	free(got);
	free(text);
}

/* Units name their source, share the document's checksum and report PF_END repeatedly. */
static void test_unit_fields(void **state)
{
	static const char doc[] =
	    "{\"effects\": [], \"measurements\": [{\"indicator_id\": \"A\"}]}";
	pf_error err;
	pf_unit **units;
	pf_record rec;
	size_t n;
	char *next;

	(void)state;
	pf_test_error_init(&err);
	assert_int_equal(
	    pf_json_units("https://x.example/p?1", doc, strlen(doc), NULL, &units, &n, &next, &err),
	    PF_OK);
	assert_int_equal(n, 2);
	assert_null(next);
	assert_int_equal(units[0]->kind, PF_KIND_EFFECTS);
	assert_int_equal(units[1]->kind, PF_KIND_MEASUREMENTS);
	assert_string_equal(units[1]->source, "https://x.example/p?1");
	/* The document's SHA-256, as `printf '%s' DOC | sha256sum` prints it. */
	assert_string_equal(units[0]->checksum,
	                    "edb241ab49e488d273cfb28082e1615f3204aa759a066bf1393e2c2f44567215");
	assert_string_equal(units[0]->checksum, units[1]->checksum);
	assert_int_equal(units[0]->next(units[0], &rec, &err), PF_END);
	assert_int_equal(units[1]->next(units[1], &rec, &err), PF_OK);
	assert_string_equal(rec.source, "https://x.example/p?1");
	assert_int_equal(rec.col[0], 0);
	assert_int_equal(units[1]->next(units[1], &rec, &err), PF_END);
	assert_int_equal(units[1]->next(units[1], &rec, &err), PF_END);
	drain_units(NULL, units, n, &err);
	assert_int_equal(err.count, 0);
	pf_error_clear(&err);
}

/* {"next": null, "x": [[...]]} with `levels` containers in all. */
static char *nested(int levels)
{
	size_t n = 32 + 2 * (size_t)levels;
	char *s = malloc(n);
	size_t len = 0;

	assert_non_null(s);
	len += (size_t)snprintf(s, n, "{\"next\": null, \"x\": ");
	for (int i = 1; i < levels; i++)
		s[len++] = '[';
	for (int i = 1; i < levels; i++)
		s[len++] = ']';
	s[len++] = '}';
	s[len] = '\0';
	return s;
}

static void test_nesting_limit(void **state)
{
	static const struct {
		int levels;
		pf_status st;
		const char *want;
	} cases[] = {
	    {PF_JSON_MAX_DEPTH, PF_OK, "W doc.json: unknown member \"x\" ignored\n"},
	    {PF_JSON_MAX_DEPTH + 1, PF_EINPUT,
	     "E doc.json: the document nests arrays and objects deeper than 64 levels\n"},
	    {5000, PF_EINPUT, NULL}, /* jansson's own limit (2048) stops the parser first */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pf_status st;
		char *doc = nested(cases[i].levels);
		char *got = read_doc_str(doc, NULL, &st);
		assert_int_equal(st, cases[i].st);
		if (cases[i].want)
			assert_string_equal(got, cases[i].want);
		else
			assert_non_null(strstr(got, "invalid JSON: maximum parsing depth reached"));
		free(got);
		free(doc);
	}
}

static void test_size_limit(void **state)
{
	pf_status st;
	/* The length is checked before a byte is read, so a short buffer stands for a huge one. */
	char *got = read_doc("{}", PF_JSON_MAX_BYTES + 1, NULL, &st);

	(void)state;
	assert_int_equal(st, PF_EINPUT);
	assert_string_equal(got, "E doc.json: the document is larger than 256 MiB\n");
	free(got);
}

/* Any finite double comes out as plain decimal text that reads back as the same double. */
static void test_number_text(void **state)
{
	static const double fixed[] = {5e-324,
	                               1.7976931348623157e308,
	                               2.2250738585072014e-308,
	                               9007199254740993.0,
	                               0.1,
	                               1.0 / 3,
	                               -1e-10};
	uint64_t x = 88172645463325252ULL;

	(void)state;
	for (int i = 0; i < 3000; i++) {
		double d;
		char doc[128], *got, *end;
		pf_status st;
		if (i < (int)(sizeof(fixed) / sizeof(fixed[0]))) {
			d = fixed[i];
		} else {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
			memcpy(&d, &x, sizeof(d));
			if (!isfinite(d)) /* NaN and infinities are not JSON */
				continue;
		}
		snprintf(doc, sizeof(doc), "{\"measurements\": [{\"value\": %.17g}]}", d);
		got = read_doc_str(doc, NULL, &st);
		assert_int_equal(st, PF_OK);
		assert_int_equal(strncmp(got, "measurements[0] value=", 22), 0);
		assert_null(strpbrk(got + 22, "eE"));
		assert_true(strtod(got + 22, &end) == d);
		assert_string_equal(end, "\n");
		free(got);
	}
}

/* ---- JSON Pointers and dates ---- */

static void test_json_pointer(void **state)
{
	static const char doc[] =
	    "{\"a/b\": 1, \"m~n\": 2, \"\": 3, \" \": 4, \"arr\": [10, 20, 30], \"o\": {\"p\": "
	    "{\"q\": \"deep\"}}, \"s\": \"text\", \"k\\\"l\": 5, \"~1\": 6, \"0\": 7}";
	static const struct {
		const char *pointer, *want;
	} cases[] = {
	    {"/a~1b", "1"},
	    {"/m~0n", "2"},
	    {"/", "3"},
	    {"/ ", "4"},
	    {"/arr/0", "10"},
	    {"/arr/2", "30"},
	    {"/arr/3", NULL},
	    {"/arr/01", NULL},
	    {"/arr/-", NULL},
	    {"/arr/-1", NULL},
	    {"/arr/x", NULL},
	    {"/o/p/q", "\"deep\""},
	    {"/o/p", "{\"q\": \"deep\"}"},
	    {"/s/0", NULL},
	    {"/k\"l", "5"},
	    {"/~01", "6"},
	    {"/0", "7"},
	    {"/x", NULL},
	    {"o", NULL},
	    {"/a~2", NULL},
	    {"/a~", NULL},
	    {"/o/p/q/r", NULL},
	    {"/arr/18446744073709551616", NULL},
	};
	json_t *root = json_loads(doc, 0, NULL);

	(void)state;
	assert_non_null(root);
	assert_ptr_equal(pf_json_pointer(root, ""), root);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *v = pf_json_pointer(root, cases[i].pointer);
		if (!cases[i].want) {
			if (v)
				fprintf(stderr, "pointer %s found something\n", cases[i].pointer);
			assert_null(v);
			continue;
		}
		assert_non_null(v);
		char *got = json_dumps(v, JSON_ENCODE_ANY);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
	json_decref(root);
}

/* A key longer than the resolver's stack buffer. */
static void test_json_pointer_long_key(void **state)
{
	char key[600], pointer[1200];
	json_t *root = json_object();

	(void)state;
	memset(key, 'k', sizeof(key) - 1);
	key[sizeof(key) - 1] = '\0';
	key[100] = '/';
	json_object_set_new(root, key, json_integer(9));
	key[100] = '\0';
	snprintf(pointer, sizeof(pointer), "/%s~1%s", key, key + 101);
	json_t *v = pf_json_pointer(root, pointer);
	assert_non_null(v);
	assert_int_equal(json_integer_value(v), 9);
	json_decref(root);
}

static void test_date_to_period(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"2025-05-15", "2025Q2"},
	    {"2025-01-01", "2025Q1"},
	    {"2025-12-31", "2025Q4"},
	    {"2025-03-31T00:00:00", "2025Q1"},
	    {"2025-07-01T10:30:00Z", "2025Q3"},
	    {"2025-09-30t23:59:59+02:00", "2025Q3"},
	    {"2024-02-29 08:00", "2024Q1"},
	    {"2025-02-29", NULL},
	    {"2025-13-01", NULL},
	    {"2025-5-15", NULL},
	    {"20250515", NULL},
	    {"2025-05-15X", NULL},
	    {"2025-05-1", NULL},
	    {"", NULL},
	    {"2025Q2", NULL},
	    {" 2025-05-15", NULL},
	};
	char buf[PF_PERIOD_BUF];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool ok = pf_date_text_period(cases[i].in, buf);
		if (ok != (cases[i].want != NULL))
			fprintf(stderr, "date \"%s\"\n", cases[i].in);
		assert_int_equal(ok, cases[i].want != NULL);
		if (ok)
			assert_string_equal(buf, cases[i].want);
	}
}

/* ---- mapping files ---- */

static const struct {
	const char *name, *map;
	const char *want;
} map_errors[] = {
    {"malformed", "{\"kind\": \"measurements\",\n \"records\" \"/r\"}",
     "E map.json:2:15: invalid JSON: ':' expected near '\"/r\"'\n"},
    {"not an object", "[]", "E map.json: a map is a JSON object (see examples/maps/README.md)\n"},
    {"empty", "{}",
     "E map.json: the map describes neither JSON records (\"records\") nor sheet headings "
     "(\"headings\")\n"},
    {"records not a pointer",
     "{\"kind\": \"measurements\", \"records\": \"Result\", \"fields\": {\"indicator_id\": "
     "\"/a\", \"period\": \"/p\", \"value\": \"/v\"}}",
     "E map.json:/records: expected a JSON Pointer text (\"\" or starting with \"/\", with ~0 "
     "for ~ and ~1 for /)\n"},
    {"unknown kind", "{\"kind\": \"widgets\", \"records\": \"/r\"}",
     "E map.json:/kind: not a kind: give initiatives, effects, measurements, followups, "
     "priorities, roadmaps or decisions\n"},
    {"unknown field",
     "{\"kind\": \"measurements\", \"records\": \"/r\", \"fields\": {\"indicator_id\": "
     "\"/a\", \"period\": \"/p\", \"value\": \"/v\", \"colour\": \"/c\"}}",
     "E map.json:/fields/colour: measurements have no field \"colour\"\n"},
    {"required fields missing",
     "{\"kind\": \"measurements\", \"records\": \"/r\", \"fields\": {\"Indikator-ID\": "
     "\"/a\"}}",
     "E map.json: nothing gives the required field period (period) of measurements: map it in "
     "\"fields\" or give it in \"fixed\"\n"
     "E map.json: nothing gives the required field value (varde) of measurements: map it in "
     "\"fields\" or give it in \"fixed\"\n"},
    {"a bad pointer escape",
     "{\"kind\": \"measurements\", \"records\": \"/r\", \"fields\": {\"indicator_id\": "
     "\"/a~2\", \"period\": \"/p\", \"value\": {\"pointer\": \"v\"}}}",
     "E map.json:/fields/indicator_id: expected a JSON Pointer text (\"\" or starting with "
     "\"/\", with ~0 for ~ and ~1 for /)\n"
     "E map.json:/fields/value/pointer: expected a JSON Pointer text (\"\" or starting with "
     "\"/\", with ~0 for ~ and ~1 for /)\n"},
    {"words for a field not read",
     "{\"kind\": \"initiatives\", \"records\": \"/r\", \"fields\": {\"id\": \"/i\", "
     "\"title\": \"/t\"}, \"fixed\": {\"committee\": \"RS\"}, \"words\": {\"status\": "
     "{\"a\": \"idé\"}, \"committee\": {\"b\": \"KBN\"}, \"title\": {\"x\": 1}}}",
     "E map.json:/words/status: words apply to a field read from the records: map status in "
     "\"fields\"\n"
     "E map.json:/words/committee: words apply to a field read from the records: map "
     "committee in \"fields\"\n"
     "E map.json:/words/title/x: expected our word as a text, or null for no value\n"},
    {"fixed and fields for one field",
     "{\"kind\": \"initiatives\", \"records\": \"/r\", \"fields\": {\"id\": \"/i\", "
     "\"title\": \"/t\", \"committee\": \"/c\"}, \"fixed\": {\"namnd\": \"RS\", \"unit\": "
     "null, \"category\": [1]}}",
     "E map.json:/fixed/namnd: the field namnd is also given in \"fields\"\n"
     "E map.json:/fixed/unit: a fixed value is a text, number or boolean\n"
     "E map.json:/fixed/category: a fixed value is a text, number or boolean\n"},
    {"a bad template",
     "{\"kind\": \"measurements\", \"records\": \"/r\", \"fields\": {\"indicator_id\": "
     "{\"template\": \"{/a\"}, \"period\": {\"template\": \"x}\"}, \"value\": {\"template\": "
     "\"{}\", \"pointer\": \"/v\"}}}",
     "E map.json:/fields/indicator_id/template: expected a text with JSON Pointers in braces, "
     "such as \"{/KpiId}-{/DepartmentId}\" ({{ and }} for braces)\n"
     "E map.json:/fields/period/template: expected a text with JSON Pointers in braces, such "
     "as \"{/KpiId}-{/DepartmentId}\" ({{ and }} for braces)\n"
     "E map.json:/fields/value: give \"pointer\" or \"template\", not both\n"},
    {"unknown members of a sheet map",
     "{\"kind\": \"measurements\", \"record\": \"/r\", \"fields\": {\"indicator_id\": "
     "{\"pointer\": \"/a\", \"date_to_quarter\": true}, \"period\": \"/p\", \"value\": "
     "\"/v\"}, \"headings\": {}}",
     "E map.json:/record: unknown member \"record\" (see examples/maps/README.md)\n"
     "E map.json:/fields: unknown member \"fields\" (see examples/maps/README.md)\n"},
    {"unknown members beside records",
     "{\"kind\": \"measurements\", \"records\": \"/r\", \"nxet\": \"/n\", \"fields\": "
     "{\"indicator_id\": {\"pointer\": \"/a\", \"date_to_quarter\": true}, \"period\": "
     "\"/p\", \"value\": \"/v\"}}",
     "E map.json:/nxet: unknown member \"nxet\" (see examples/maps/README.md)\n"
     "E map.json:/fields/indicator_id/date_to_quarter: unknown member \"date_to_quarter\" "
     "(see examples/maps/README.md)\n"},
    {"where keys that are not pointers",
     "{\"kind\": \"measurements\", \"records\": \"/r\", \"where\": {\"KpiColumnName\": "
     "\"Utfall\", \"/a\": [], \"/b\": {}}, \"skip_missing\": [\"v\"], \"fields\": "
     "{\"indicator_id\": \"/a\", \"period\": \"/p\", \"value\": \"/v\"}}",
     "E map.json:/where/KpiColumnName: the key is not a JSON Pointer (\"/Name\")\n"
     "E map.json:/where/~1a: expected a value, or an array of values any of which will do\n"
     "E map.json:/where/~1b: expected a value, or an array of values any of which will do\n"
     "E map.json:/skip_missing: element 0 is not a JSON Pointer text\n"},
    {"headings without a kind", "{\"headings\": {\"A\": \"value\"}}",
     "E map.json: \"kind\" is missing: give initiatives, effects, measurements, followups, "
     "priorities, roadmaps or decisions\n"},
    {"headings to unknown fields",
     "{\"kind\": \"measurements\", \"headings\": {\"A\": \"colour\", \"B\": 3, \"C\": "
     "{\"field\": \"value\", \"date_to_period\": \"yes\"}}}",
     "E map.json:/headings/A: measurements have no field \"colour\"\n"
     "E map.json:/headings/B: expected a field name, null (ignore the column), or {\"field\": "
     "NAME, \"date_to_period\": true}\n"
     "E map.json:/headings/C: expected a field name, null (ignore the column), or {\"field\": "
     "NAME, \"date_to_period\": true}\n"},
    {"a kind beside several record specs",
     "{\"kind\": \"measurements\", \"records\": [{\"kind\": \"measurements\", \"records\": "
     "\"/r\", \"fields\": {\"indicator_id\": \"/a\", \"period\": \"/p\", \"value\": \"/v\"}}, "
     "3], \"success\": \"/Success\"}",
     "E map.json:/kind: \"kind\" here is the kind of sheets (with \"headings\"): give each "
     "record spec its own\n"
     "E map.json:/records/1: expected a record spec object with kind, records, fields\n"
     "E map.json:/success: expected {\"pointer\": \"/Success\", \"message\": \"/Message\"}\n"},
    {"in, where and skip_missing of the wrong shape",
     "{\"kind\": \"measurements\", \"records\": \"/r\", \"fields\": {\"indicator_id\": "
     "{\"pointer\": \"/a\", \"where\": {\"/g\": \"T\"}}, \"period\": {\"in\": \"v\", "
     "\"pointer\": \"/p\"}, \"value\": {\"in\": \"/v\", \"where\": {\"g\": {}}, \"pointer\": "
     "\"/x\", \"skip_missing\": 1}}}",
     "E map.json:/fields/indicator_id/where: \"where\" picks an element of the array \"in\" "
     "names: give \"in\"\n"
     "E map.json:/fields/period/in: expected a JSON Pointer text (\"\" or starting with \"/\", "
     "with ~0 for ~ and ~1 for /)\n"
     "E map.json:/fields/value/where/g: the key is not a JSON Pointer (\"/Name\")\n"
     "E map.json:/fields/value/where/g: expected a value, or an array of values any of which "
     "will do\n"
     "E map.json:/fields/value: \"skip_missing\" is true or false\n"},
    {"records of the wrong type", "{\"kind\": \"measurements\", \"records\": 3}",
     "E map.json:/records: expected a JSON Pointer to the records, or an array of record "
     "specs\n"},
    {"pointer lists, credit and max_ids_per_segment of the wrong shape",
     "{\"kind\": \"measurements\", \"records\": \"/r\", \"credit\": \" \", "
     "\"max_ids_per_segment\": 0, \"fields\": {\"indicator_id\": {\"pointer\": []}, "
     "\"period\": {\"pointer\": [\"/p\", 3, \"q\"]}, \"value\": \"/v\"}}",
     "E map.json:/fields/indicator_id/pointer: expected a JSON Pointer text, or an array of "
     "them to try in order\n"
     "E map.json:/fields/period/pointer: element 1 is not a JSON Pointer text\n"
     "E map.json:/fields/period/pointer: element 2 is not a JSON Pointer text\n"
     "E map.json:/credit: expected the text that credits the source, such as \"Källa: "
     "Kolada\"\n"
     "E map.json:/max_ids_per_segment: expected a whole number of at least 1\n"},
};

static void test_map_errors(void **state)
{
	char *dir = pf_test_mkdtemp();

	(void)state;
	for (size_t i = 0; i < sizeof(map_errors) / sizeof(map_errors[0]); i++) {
		struct sbuf b = {NULL, 0, 0};
		pf_error err;
		pf_map *m = (pf_map *)&err; /* must be reset */
		char *path = pf_test_write_str(dir, "map.json", map_errors[i].map);

		pf_test_error_init(&err);
		sb_printf(&b, "%s", "");
		assert_int_equal(pf_map_load(path, &m, &err), PF_EINPUT);
		assert_null(m);
		dump_diags(&b, &err, dir);
		if (strcmp(b.s, map_errors[i].want))
			fprintf(stderr, "case \"%s\":\n%s", map_errors[i].name, b.s);
		assert_string_equal(b.s, map_errors[i].want);
		free(b.s);
		free(path);
		pf_error_clear(&err);
	}
	pf_test_rmdir(dir);
}

static void test_map_unreadable(void **state)
{
	pf_error err;
	pf_map *m;

	(void)state;
	pf_test_error_init(&err);
	assert_int_equal(pf_map_load("/nonexistent/map.json", &m, &err), PF_EENV);
	assert_null(m);
	assert_int_equal(err.count, 1);
	assert_string_equal(err.diags[0].where, "/nonexistent/map.json");
	assert_string_equal(err.diags[0].message, "cannot read: No such file or directory");
	pf_error_clear(&err);
}

/* Pointers with escapes, where with alternatives, skip_missing, templates, words, fixed values. */
static const char features_map[] =
    "{\"description\": \"every feature\", \"$comment\": \"tests\",\n"
    " \"records\": [\n"
    "  {\"kind\": \"measurements\", \"records\": \"/data/items\",\n"
    "   \"where\": {\"/col\": [\"Utfall\", \"Outcome\"], \"/flag\": true},\n"
    "   \"skip_missing\": [\"/v\"],\n"
    "   \"fields\": {\"indicator_id\": {\"template\": \"{/kpi}-{/dep/id}{{x}}\"},\n"
    "     \"period\": {\"pointer\": \"/when\", \"date_to_period\": true},\n"
    "     \"value\": \"/v\", \"comment\": \"/odd~1key/~0tilde\"}},\n"
    "  {\"kind\": \"uppfoljning\", \"records\": \"/data/items\",\n"
    "   \"where\": {\"/col\": \"Status\"},\n"
    "   \"fields\": {\"initiative\": \"/kpi\",\n"
    "     \"period\": {\"pointer\": \"/when\", \"date_to_period\": true},\n"
    "     \"bedömning\": \"/v\", \"status\": {\"pointer\": \"/link\", \"last_segment\": true}},\n"
    "   \"words\": {\"assessment\": {\"GREEN\": \"grön\", \"Amber\": \"gul\", \"none\": null},\n"
    "     \"status\": {\"in_progress\": \"pågående\"}},\n"
    "   \"fixed\": {\"reported_by\": \"Robot\", \"comment\": 42}}],\n"
    " \"next\": \"/links/1/href\"}\n";

static const struct doc_case feature_cases[] = {
    {"every feature",
     "{\"data\": {\"items\": [\n"
     " {\"col\": \"Utfall\", \"flag\": true, \"kpi\": \"K1\", \"dep\": {\"id\": 7}, \"when\": "
     "\"2025-05-15T00:00:00\", \"v\": 12.5, \"odd/key\": {\"~tilde\": \"c1\"}},\n"
     " {\"col\": \"Outcome\", \"flag\": true, \"kpi\": \"K2\", \"dep\": {\"id\": 8}, \"when\": "
     "\"2025-01-02\", \"v\": 3},\n"
     " {\"col\": \"Mål\", \"flag\": true, \"kpi\": \"K1\", \"dep\": {\"id\": 7}, \"when\": "
     "\"2025-05-15\", \"v\": 99},\n"
     " {\"col\": \"Utfall\", \"flag\": false, \"kpi\": \"K1\", \"dep\": {\"id\": 7}, \"when\": "
     "\"2025-05-15\", \"v\": 1},\n"
     " {\"col\": \"Utfall\", \"flag\": true, \"kpi\": \"K1\", \"dep\": {\"id\": 7}, \"when\": "
     "\"2025-08-15\", \"v\": null},\n"
     " {\"col\": \"Utfall\", \"flag\": true, \"kpi\": \"K3\", \"when\": \"2025-08-15\", \"v\": "
     "5},\n"
     " {\"col\": \"Utfall\", \"flag\": true, \"kpi\": \"K4\", \"dep\": {\"id\": 1}, \"when\": "
     "\"15/08/2025\", \"v\": 5},\n"
     " {\"col\": \"Utfall\", \"flag\": true, \"kpi\": \"K5\", \"dep\": {\"id\": {\"x\": 1}}, "
     "\"when\": \"2025-08-15\", \"v\": \"  \"},\n"
     " {\"col\": \"Utfall\", \"flag\": true, \"kpi\": \"K6\", \"dep\": {\"id\": {\"x\": 1}}, "
     "\"when\": \"2025-08-15\", \"v\": 6},\n"
     " {\"col\": \"Status\", \"kpi\": \"INI-1\", \"when\": \"2025-06-30\", \"v\": \"green\", "
     "\"link\": \"/api/statuses/in_progress\"},\n"
     " {\"col\": \"Status\", \"kpi\": \"INI-2\", \"when\": \"2025-06-30\", \"v\": \"Amber\", "
     "\"link\": \"/api/statuses/other/\"},\n"
     " {\"col\": \"Status\", \"kpi\": \"INI-3\", \"when\": \"2025-06-30\", \"v\": \"none\", "
     "\"link\": null},\n"
     " {\"col\": \"Status\", \"kpi\": \"INI-4\", \"when\": \"2025-06-30\", \"v\": \"blue\", "
     "\"link\": \"plain\"}\n"
     "]}, \"links\": [{\"href\": \"a\"}, {\"href\": \"https://example.org/page/2\"}]}",
     PF_OK,
     "measurements[0] indicator_id=K1-7{x} period=2025Q2 value=12.5 comment=c1\n"
     "measurements[1] indicator_id=K2-8{x} period=2025Q1 value=3\n"
     "measurements[5] period=2025Q3 value=5\n"
     "followups[9] initiative=INI-1 period=2025Q2 assessment=grön status=pågående comment=42 "
     "reported_by=Robot\n"
     "followups[10] initiative=INI-2 period=2025Q2 assessment=gul comment=42 "
     "reported_by=Robot\n"
     "followups[11] initiative=INI-3 period=2025Q2 comment=42 reported_by=Robot\n"
     "followups[12] initiative=INI-4 period=2025Q2 assessment=blue status=plain comment=42 "
     "reported_by=Robot\n"
     "E doc.json:measurements[6].period: \"15/08/2025\" is not a date (YYYY-MM-DD, or a "
     "timestamp starting with one) to read as a quarter\n"
     "E doc.json:measurements[8].indicator_id: the value at \"{/kpi}-{/dep/id}{{x}}\" is an "
     "object: expected a text, number or boolean (point at a member inside it)\n"
     "next=https://example.org/page/2\n"},
    {"no records where the map expects them", "{\"data\": {\"items\": {}}}", PF_EINPUT,
     "E doc.json:/data/items: found an object where the map expects the array of "
     "measurements records\n"
     "E doc.json:/data/items: found an object where the map expects the array of followups "
     "records\n"},
    {"nothing where the map expects records", "{\"data\": []}", PF_EINPUT,
     "E doc.json:/data/items: found nothing where the map expects the array of measurements "
     "records\n"
     "E doc.json:/data/items: found nothing where the map expects the array of followups "
     "records\n"},
    {"a next that is not a URL", "{\"data\": {\"items\": []}, \"links\": [0, {\"href\": {}}]}",
     PF_EINPUT,
     "E doc.json:/links/1/href: the next page's URL is an object: expected a text or "
     "null\n"},
};

static void test_map_features(void **state)
{
	pf_map *m = load_map_text(features_map);

	(void)state;
	assert_int_equal(pf_map_sheet_kind(m), -1);
	assert_null(pf_map_heading(m, "Datum", NULL));
	run_doc_cases(feature_cases, sizeof(feature_cases) / sizeof(feature_cases[0]), m);
	pf_map_free(m);
}

/* A document that is an array of arrays: records "" and fields "/0", "/1", ... */
/*
 * A value read from an element of an array in the record ("in"), the first
 * one "where" keeps; a record whose value is then missing left out
 * ("skip_missing"), while a missing comment is only no comment.
 */
static void test_map_in_arrays(void **state)
{
	static const struct doc_case cases[] = {
	    {"elements picked by where",
	     "{\"r\": [\n"
	     " {\"k\": \"A\", \"p\": 2024, \"vs\": [{\"g\": \"K\", \"v\": 1}, {\"g\": \"T\", "
	     "\"v\": 2, "
	     "\"s\": \"ok\"}]},\n"
	     " {\"k\": \"B\", \"p\": 2024, \"vs\": [{\"g\": \"T\", \"v\": 3}, {\"g\": \"T\", "
	     "\"v\": "
	     "4}]},\n"
	     " {\"k\": \"C\", \"p\": 2024, \"vs\": [{\"g\": \"K\", \"v\": 5}]},\n"
	     " {\"k\": \"D\", \"p\": 2024, \"vs\": [{\"g\": \"T\", \"v\": null}]},\n"
	     " {\"k\": \"E\", \"p\": 2024, \"vs\": []},\n"
	     " {\"k\": \"F\", \"p\": 2024},\n"
	     " {\"k\": \"G\", \"p\": 2024, \"vs\": {\"g\": \"T\", \"v\": 6}},\n"
	     " {\"k\": \"H\", \"p\": \"x\", \"vs\": [{\"g\": \"T\", \"v\": 7}]},\n"
	     " {\"k\": \"I\", \"p\": \"x\", \"vs\": [{\"g\": \"K\", \"v\": 8}]}\n"
	     "]}",
	     PF_OK,
	     "measurements[0] indicator_id=A period=2024Q4 value=2 comment=ok\n"
	     "measurements[1] indicator_id=B period=2024Q4 value=3\n"
	     "measurements[7] indicator_id=H period=xQ4 value=7\n"
	     "E doc.json:measurements[6].value: the value at \"/vs\" is an object: expected an "
	     "array\n"},
	};
	pf_map *m = load_map_text(
	    "{\"kind\": \"measurements\", \"records\": \"/r\", \"fields\": {\"indicator_id\": "
	    "\"/k\", \"period\": {\"template\": \"{/p}Q4\"}, \"value\": {\"in\": \"/vs\", "
	    "\"where\": {\"/g\": \"T\"}, \"pointer\": \"/v\", \"skip_missing\": true}, "
	    "\"comment\": "
	    "{\"in\": \"/vs\", \"where\": {\"/g\": [\"T\"]}, \"pointer\": \"/s\"}}}");

	(void)state;
	run_doc_cases(cases, sizeof(cases) / sizeof(cases[0]), m);
	pf_map_free(m);
}

static void test_map_array_records(void **state)
{
	static const struct doc_case cases[] = {
	    {"arrays as records", "[[\"A\", \"2025Q1\", 1], [\"B\", \"2025Q2\", 2.5], \"x\"]",
	     PF_OK,
	     "measurements[0] indicator_id=A period=2025Q1 value=1\n"
	     "measurements[1] indicator_id=B period=2025Q2 value=2.5\n"
	     "E doc.json:measurements[2]: a record is an object, not a text\n"},
	    {"an object instead", "{\"x\": 1}", PF_EINPUT,
	     "E doc.json: found an object where the map expects the array of measurements "
	     "records\n"},
	};
	pf_map *m = load_map_text("{\"kind\": \"matvarden\", \"records\": \"\", \"fields\": "
	                          "{\"indicator_id\": \"/0\", \"period\": \"/1\", \"value\": "
	                          "\"/2\"}, \"fixed\": {\"comment\": false}}");

	static const struct doc_case fixed_false[] = {
	    {"a fixed boolean", "[[\"A\", \"2025Q1\", 1]]", PF_OK,
	     "measurements[0] indicator_id=A period=2025Q1 value=1 comment=false\n"},
	};

	(void)state;
	run_doc_cases(fixed_false, 1, m);
	pf_map_free(m);
	m = load_map_text("{\"kind\": \"measurements\", \"records\": \"\", \"fields\": "
	                  "{\"indicator_id\": \"/0\", \"period\": \"/1\", \"value\": \"/2\"}}");
	run_doc_cases(cases, sizeof(cases) / sizeof(cases[0]), m);
	pf_map_free(m);
}

/* A field read from the first of several pointers that finds a value (an older version's place). */
static void test_map_pointer_list(void **state)
{
	static const struct doc_case cases[] = {
	    {"the first pointer that finds a value",
	     "{\"r\": [\n"
	     " {\"id\": \"a\", \"_links\": {\"status\": {\"href\": "
	     "\"/api/v3/project_statuses/at_risk\"}}, "
	     "\"status\": \"on track\"},\n"
	     " {\"id\": \"b\", \"status\": \"off track\"},\n"
	     " {\"id\": \"c\", \"_links\": {\"status\": {\"href\": null}}, \"status\": "
	     "\"finished\"},\n"
	     " {\"id\": \"d\", \"_links\": {\"status\": {\"href\": \" \"}}},\n"
	     " {\"id\": \"e\", \"status\": {\"x\": 1}}\n"
	     "]}",
	     PF_OK,
	     "initiatives[0] id=a title=a committee=RS status=pågående\n"
	     "initiatives[1] id=b title=b committee=RS status=stoppad\n"
	     "initiatives[2] id=c title=c committee=RS status=avslutad\n"
	     "initiatives[3] id=d title=d committee=RS\n"
	     "E doc.json:initiatives[4].status: the value at \"/status\" is an object: expected a "
	     "text, number or boolean (point at a member inside it)\n"},
	};
	pf_map *m = load_map_text(
	    "{\"kind\": \"initiatives\", \"records\": \"/r\", \"fixed\": {\"committee\": \"RS\"}, "
	    "\"fields\": {\"id\": \"/id\", \"title\": [\"/id\"], \"status\": {\"pointer\": "
	    "[\"/_links/status/href\", \"/status\"], \"last_segment\": true}}, \"words\": "
	    "{\"status\": {\"at_risk\": \"pågående\", \"off_track\": \"stoppad\", \"finished\": "
	    "\"avslutad\"}}}");

	(void)state;
	run_doc_cases(cases, sizeof(cases) / sizeof(cases[0]), m);
	pf_map_free(m);
}

/*
 * Nothing dropped silently (FORMATS.md section 3): a page whose records the
 * filters all leave out, and a next link the map does not follow, are warned about.
 */
static void test_map_never_drops_silently(void **state)
{
	static const struct doc_case followed[] = {
	    {"some records kept", "{\"r\": [{\"c\": \"U\", \"v\": 1}, {\"c\": \"M\", \"v\": 2}]}",
	     PF_OK, "measurements[0] indicator_id=U period=2025Q1 value=1\n"},
	    {"every record left out by where or skip_missing",
	     "{\"r\": [{\"c\": \"M\", \"v\": 2}, {\"c\": \"U\", \"v\": null}, {\"c\": \"U\"}], "
	     "\"page\": {\"next\": \"p2\"}}",
	     PF_OK,
	     "W doc.json:/r: the map's filters (where, skip_missing) left out all 3 measurements "
	     "records read here: check that the map fits this source\n"
	     "next=p2\n"},
	    {"an empty page", "{\"r\": []}", PF_OK, ""},
	    {"a next link where the map finds none",
	     "{\"r\": [{\"c\": \"U\", \"v\": 1}], \"next_url\": \"https://example.org/v3/p2\"}",
	     PF_OK,
	     "measurements[0] indicator_id=U period=2025Q1 value=1\n"
	     "W doc.json: the page links to a next page at /next_url, which the map does not "
	     "follow (its \"next\" is \"/page/next\"): the pages after this one are not read\n"},
	    {"a null next link", "{\"r\": [], \"next_url\": null, \"_links\": {\"next\": null}}",
	     PF_OK, ""},
	};
	static const struct doc_case unfollowed[] = {
	    {"a HAL next link and no next in the map",
	     "{\"r\": [], \"_links\": {\"self\": {\"href\": \"/p1\"}, \"nextByOffset\": "
	     "{\"href\": \"/p2\"}}}",
	     PF_OK,
	     "W doc.json: the page links to a next page at /_links/nextByOffset/href, which the "
	     "map "
	     "does not follow (its \"next\" is not given): the pages after this one are not "
	     "read\n"},
	    {"Kolada v2's next_page", "{\"r\": [], \"next_page\": \"http://x/v2/p2\"}", PF_OK,
	     "W doc.json: the page links to a next page at /next_page, which the map does not "
	     "follow (its \"next\" is not given): the pages after this one are not read\n"},
	    {"a next member", "{\"r\": [], \"next\": \"p2\"}", PF_OK,
	     "W doc.json: the page links to a next page at /next, which the map does not follow "
	     "(its \"next\" is not given): the pages after this one are not read\n"},
	    {"no next link", "{\"r\": [], \"_links\": {\"self\": {\"href\": \"/p1\"}}}", PF_OK, ""},
	};
	static const char fields[] =
	    "\"records\": \"/r\", \"where\": {\"/c\": \"U\"}, \"skip_missing\": [\"/v\"], "
	    "\"fields\": {\"indicator_id\": \"/c\", \"value\": \"/v\"}, \"fixed\": {\"period\": "
	    "\"2025Q1\"}}";
	char text[512];
	pf_map *m;

	(void)state;
	snprintf(text, sizeof(text), "{\"kind\": \"measurements\", \"next\": \"/page/next\", %s",
	         fields);
	m = load_map_text(text);
	run_doc_cases(followed, sizeof(followed) / sizeof(followed[0]), m);
	pf_map_free(m);
	snprintf(text, sizeof(text), "{\"kind\": \"measurements\", %s", fields);
	m = load_map_text(text);
	run_doc_cases(unfollowed, sizeof(unfollowed) / sizeof(unfollowed[0]), m);
	pf_map_free(m);
}

/* The map's credit, and URLs with more ids in one path segment than the source takes. */
static void test_map_source_options(void **state)
{
	static const struct {
		const char *url;
		size_t warnings;
	} urls[] = {
	    {"https://api.kolada.se/v3/data/kpi/N1,N2,N3/municipality/0013/year/2024", 0},
	    {"https://api.kolada.se/v3/data/kpi/N1,N2,N3,N4/municipality/0013", 1},
	    {"https://api.kolada.se/v3/data/kpi/N1/municipality/1,2,3,4,5/year/1,2,3,4", 2},
	    {"https://api.kolada.se/v3/data/kpi/N1?municipality=1,2,3,4,5", 0},
	    {"https://api.kolada.se", 0},
	    {"not a url,,,,,", 0},
	};
	pf_map *m =
	    load_map_text("{\"kind\": \"measurements\", \"records\": \"/r\", \"credit\": "
	                  "\"Källa: Kolada\", \"max_ids_per_segment\": 3, \"fields\": "
	                  "{\"indicator_id\": \"/k\", \"period\": \"/p\", \"value\": \"/v\"}}");
	pf_error err;

	(void)state;
	assert_string_equal(pf_map_credit(m), "Källa: Kolada");
	for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		pf_test_error_init(&err);
		pf_map_check_url(m, urls[i].url, &err);
		assert_int_equal(err.warnings, urls[i].warnings);
		assert_int_equal(err.errors, 0);
		pf_error_clear(&err);
	}
	pf_test_error_init(&err);
	pf_map_check_url(m, urls[1].url, &err);
	assert_string_equal(err.diags[0].message,
	                    "the URL's path segment \"N1,...\" names 4 comma-separated ids, more "
	                    "than the 3 the map allows in one (max_ids_per_segment): split them "
	                    "over several URLs");
	assert_null(err.diags[0].where);
	pf_error_clear(&err);
	pf_map_free(m);
	/* Without the members, or without a map: no credit, no limit. */
	m = load_map(MAPS "stratsys-kpidata.json");
	assert_null(pf_map_credit(m));
	pf_test_error_init(&err);
	pf_map_check_url(m, urls[1].url, &err);
	pf_map_check_url(NULL, urls[1].url, &err);
	assert_int_equal(err.count, 0);
	pf_map_free(m);
	assert_null(pf_map_credit(NULL));
}

/* ---- the example maps, each with its sample ---- */

static char *read_sample(const char *name, const pf_map *m, pf_status *st)
{
	char path[512];
	size_t len;

	snprintf(path, sizeof(path), "%s%s", MAPS, name);
	char *text = pf_test_read(path, &len);
	assert_non_null(text);
	char *got = read_doc(text, len, m, st);
	free(text);
	return got;
}

/* An example map read with its sample: what the records come out as, all read without error. */
static void assert_sample(const char *map, const char *sample, const char *want)
{
	char path[512];
	pf_map *m;
	pf_status st;

	snprintf(path, sizeof(path), "%s%s", MAPS, map);
	m = load_map(path);
	char *got = read_sample(sample, m, &st);
	assert_int_equal(st, PF_OK);
	assert_string_equal(got, want);
	free(got);
	pf_map_free(m);
}

static void test_stratsys_kpidata(void **state)
{
	(void)state;
	/* Only Utfall rows, and not the one without a value (index 4). */
	assert_sample("stratsys-kpidata.json", "stratsys-kpidata.sample.json",
	              "measurements[0] indicator_id=4711 period=2025Q1 value=38.5\n"
	              "measurements[2] indicator_id=4711 period=2025Q2 value=44\n"
	              "measurements[5] indicator_id=4712 period=2025Q2 value=1250\n");
}

/* Kolada: the total (gender T) of each year as its last quarter, KPI-municipality renamed by words.
 */
static void test_kolada_data(void **state)
{
	(void)state;
	/* Not the null of index 3, nor index 4 (a value for women only). */
	assert_sample("kolada-data.json", "kolada-data.sample.json",
	              "measurements[0] indicator_id=KBN-03-I1 period=2023Q4 value=71.2\n"
	              "measurements[1] indicator_id=KBN-03-I1 period=2024Q4 value=73.5 "
	              "comment=Preliminär\n"
	              "measurements[2] indicator_id=KBN-03-I2 period=2024Q4 value=79\n");
}

/* Kolada API v3: pages by next_url, 25 ids in one path segment, the credit its terms ask for. */
static void test_kolada_v3(void **state)
{
	static const struct doc_case cases[] = {
	    {"a page naming the next by next_url",
	     "{\"values\": [{\"kpi\": \"N00945\", \"municipality\": \"0013\", \"period\": 2025, "
	     "\"values\": [{\"count\": 1, \"gender\": \"T\", \"status\": \"\", \"value\": 75}]}], "
	     "\"count\": 1, \"next_url\": "
	     "\"https://api.kolada.se/v3/data/kpi/N00945/municipality/0013?page=2&per_page=1\"}",
	     PF_OK,
	     "measurements[0] indicator_id=KBN-03-I1 period=2025Q4 value=75\n"
	     "next=https://api.kolada.se/v3/data/kpi/N00945/municipality/0013?page=2&per_page=1\n"},
	    {"a page whose years have no value yet",
	     "{\"values\": [{\"kpi\": \"N00945\", \"municipality\": \"0013\", \"period\": 2026, "
	     "\"values\": [{\"count\": 0, \"gender\": \"T\", \"status\": \"\", \"value\": "
	     "null}]}], "
	     "\"count\": 1, \"next_url\": null}",
	     PF_OK,
	     "W doc.json:/values: the map's filters (where, skip_missing) left out all 1 "
	     "measurements records read here: check that the map fits this source\n"},
	    {"an API v2 answer (next_page) read with the v3 map",
	     "{\"values\": [], \"count\": 0, \"next_page\": \"https://api.kolada.se/v2/x?page=2\"}",
	     PF_OK,
	     "W doc.json: the page links to a next page at /next_page, which the map does not "
	     "follow (its \"next\" is \"/next_url\"): the pages after this one are not read\n"},
	};
	char ids[25 * 7 + 64];
	size_t len = (size_t)snprintf(ids, sizeof(ids), "https://api.kolada.se/v3/data/kpi/");
	pf_map *m = load_map(MAPS "kolada-data.json");
	pf_error err;

	(void)state;
	run_doc_cases(cases, sizeof(cases) / sizeof(cases[0]), m);
	assert_string_equal(pf_map_credit(m), "Källa: Kolada");
	/* 25 KPIs in one segment are fine, 26 are warned about. */
	for (int i = 0; i < 25; i++)
		len += (size_t)snprintf(ids + len, sizeof(ids) - len, "%sN%05d", i ? "," : "", i);
	pf_test_error_init(&err);
	pf_map_check_url(m, ids, &err);
	assert_int_equal(err.count, 0);
	snprintf(ids + len, sizeof(ids) - len, ",N99999/municipality/0013");
	pf_map_check_url(m, ids, &err);
	assert_int_equal(err.warnings, 1);
	assert_non_null(
	    strstr(err.diags[0].message, "names 26 comma-separated ids, more than the 25"));
	pf_error_clear(&err);
	pf_map_free(m);
}

/* examples/maps/README.md: the values per gender of Stratsys' KpiData as indicators of their own.
 */
static void test_stratsys_per_gender(void **state)
{
	static const struct doc_case cases[] = {
	    {"three columns, three indicators",
	     "{\"Result\": [\n"
	     " {\"KpiId\": 4711, \"KpiColumnName\": \"Utfall\", \"Date\": \"2025-05-15\", "
	     "\"Value\": 44},\n"
	     " {\"KpiId\": 4711, \"KpiColumnName\": \"Utfall Kvinnor/Flickor\", \"Date\": "
	     "\"2025-05-15\", \"Value\": 46},\n"
	     " {\"KpiId\": 4711, \"KpiColumnName\": \"Utfall Män/Pojkar\", \"Date\": "
	     "\"2025-05-15\", "
	     "\"Value\": 41},\n"
	     " {\"KpiId\": 4711, \"KpiColumnName\": \"Mål\", \"Date\": \"2025-05-15\", \"Value\": "
	     "50}\n"
	     "], \"Success\": true}",
	     PF_OK,
	     "measurements[0] indicator_id=4711 period=2025Q2 value=44\n"
	     "measurements[1] indicator_id=4711-K period=2025Q2 value=46\n"
	     "measurements[2] indicator_id=4711-M period=2025Q2 value=41\n"},
	};
	pf_map *m = load_map_text(
	    "{\n"
	    "  \"records\": [\n"
	    "    {\"kind\": \"measurements\", \"records\": \"/Result\",\n"
	    "     \"where\": {\"/KpiColumnName\": \"Utfall\"}, \"skip_missing\": [\"/Value\"],\n"
	    "     \"fields\": {\"indicator_id\": \"/KpiId\", \"value\": \"/Value\",\n"
	    "                \"period\": {\"pointer\": \"/Date\", \"date_to_period\": true}}},\n"
	    "    {\"kind\": \"measurements\", \"records\": \"/Result\",\n"
	    "     \"where\": {\"/KpiColumnName\": \"Utfall Kvinnor/Flickor\"}, \"skip_missing\": "
	    "[\"/Value\"],\n"
	    "     \"fields\": {\"indicator_id\": {\"template\": \"{/KpiId}-K\"}, \"value\": "
	    "\"/Value\",\n"
	    "                \"period\": {\"pointer\": \"/Date\", \"date_to_period\": true}}},\n"
	    "    {\"kind\": \"measurements\", \"records\": \"/Result\",\n"
	    "     \"where\": {\"/KpiColumnName\": \"Utfall Män/Pojkar\"}, \"skip_missing\": "
	    "[\"/Value\"],\n"
	    "     \"fields\": {\"indicator_id\": {\"template\": \"{/KpiId}-M\"}, \"value\": "
	    "\"/Value\",\n"
	    "                \"period\": {\"pointer\": \"/Date\", \"date_to_period\": true}}}\n"
	    "  ],\n"
	    "  \"success\": {\"pointer\": \"/Success\", \"message\": \"/Message\"}\n"
	    "}");

	(void)state;
	run_doc_cases(cases, 1, m);
	pf_map_free(m);
}

static void test_stratsys_failure(void **state)
{
	static const struct doc_case cases[] = {
	    {"a failure", "{\"Result\": null, \"Success\": false, \"Message\": \"Åtkomst nekad\"}",
	     PF_EENV, "E doc.json: the service reports a failure: Åtkomst nekad\n"},
	    {"a failure without a message", "{\"Success\": false}", PF_EENV,
	     "E doc.json: the service reports a failure: (no message)\n"},
	    {"success without records", "{\"Success\": true, \"Message\": null}", PF_EINPUT,
	     "E doc.json:/Result: found nothing where the map expects the array of measurements "
	     "records\n"},
	    {"an empty result", "{\"Result\": [], \"Success\": true}", PF_OK, ""},
	    {"a date that is no date",
	     "{\"Result\": [{\"KpiId\": 1, \"KpiColumnName\": \"Utfall\", \"Date\": \"Q2\", "
	     "\"Value\": 1}, {\"KpiId\": 2, \"KpiColumnName\": \"Utfall\", \"Date\": "
	     "\"2025-04-01T00:00:00\", \"Value\": 2}], \"Success\": true}",
	     PF_OK,
	     "measurements[1] indicator_id=2 period=2025Q2 value=2\n"
	     "E doc.json:measurements[0].period: \"Q2\" is not a date (YYYY-MM-DD, or a timestamp "
	     "starting with one) to read as a quarter\n"},
	};
	pf_map *m = load_map(MAPS "stratsys-kpidata.json");

	(void)state;
	run_doc_cases(cases, sizeof(cases) / sizeof(cases[0]), m);
	pf_map_free(m);
}

static void test_stratsys_import_sheet(void **state)
{
	static const struct {
		const char *heading, *field;
		bool date_to_period, ignored;
	} headings[] = {
	    {"Enhet", NULL, false, true},           {"Datum", "period", true, false},
	    {"Mått", "indicator_id", false, false}, {"Värde", "value", false, false},
	    {"DATUM", "period", true, false},       {"matt", "indicator_id", false, false},
	    {"Okänd", NULL, false, false},
	};
	static const char *const periods[] = {"2025Q1", "2025Q2", "2025Q3", "2025Q4"};
	pf_map *m = load_map(MAPS "stratsys-import-sheet.json");
	pf_error err;
	pf_csv *csv;
	pf_csv_row row;
	char period[PF_PERIOD_BUF];
	bool dtp;
	size_t i = 0;

	(void)state;
	pf_test_error_init(&err);
	assert_int_equal(pf_map_sheet_kind(m), PF_KIND_MEASUREMENTS);
	for (size_t h = 0; h < sizeof(headings) / sizeof(headings[0]); h++) {
		const char *f = pf_map_heading(m, headings[h].heading, &dtp);
		if (headings[h].field)
			assert_string_equal(f, headings[h].field);
		else
			assert_null(f);
		assert_int_equal(dtp, headings[h].date_to_period);
		assert_int_equal(pf_map_ignores(m, headings[h].heading), headings[h].ignored);
	}
	/* The sample's header row maps onto measurements; its dates fall in one quarter each. */
	assert_int_equal(pf_csv_open(&csv, MAPS "stratsys-import-sheet.sample.tsv", &err), PF_OK);
	assert_int_equal(pf_csv_next(csv, &row, &err), PF_OK);
	assert_int_equal(row.nfields, 4);
	assert_string_equal(pf_map_heading(m, row.fields[1], &dtp), "period");
	assert_true(dtp);
	assert_true(pf_map_ignores(m, row.fields[0]));
	assert_string_equal(pf_map_heading(m, row.fields[2], NULL), "indicator_id");
	assert_string_equal(pf_map_heading(m, row.fields[3], NULL), "value");
	while (pf_csv_next(csv, &row, &err) == PF_OK) {
		assert_true(i < 4);
		assert_true(pf_date_text_period(row.fields[1], period));
		assert_string_equal(period, periods[i++]);
	}
	assert_int_equal(i, 4);
	pf_csv_close(csv);
	/* A sheet map says nothing about JSON records. */
	pf_unit **units;
	size_t n;
	char *next;
	assert_int_equal(pf_json_units("doc.json", "{}", 2, m, &units, &n, &next, &err), PF_EUSAGE);
	assert_string_equal(err.diags[0].message,
	                    "the map describes sheet headings, not JSON records");
	pf_error_clear(&err);
	pf_map_free(m);
	/* Without a map nothing is mapped. */
	assert_null(pf_map_heading(NULL, "Datum", &dtp));
	assert_false(dtp);
	assert_false(pf_map_ignores(NULL, "Enhet"));
	assert_int_equal(pf_map_sheet_kind(NULL), -1);
}

static void test_openproject_projects(void **state)
{
	static const char want[] =
	    "initiatives[0] id=digitala-vardmoten title=Digitala vårdmöten committee=RS "
	    "description=Videomöten i primärvården status=pågående\n"
	    "initiatives[1] id=e-arkiv title=E-arkiv committee=RS status=pågående\n"
	    "initiatives[2] id=taligenkanning title=Taligenkänning committee=RS description=Tal "
	    "till text i journalen status=pågående\n"
	    "initiatives[3] id=bidragssystem title=Nytt bidragssystem committee=RS description=Ett "
	    "system för kulturbidrag status=beslutad\n"
	    "initiatives[4] id=wifi-sjukhus title=Wifi på sjukhusen committee=RS "
	    "description=Trådlöst nät i alla vårdbyggnader status=avslutad\n"
	    "initiatives[5] id=chattbot title=Chattbot för 1177 committee=RS "
	    "description=Avbruten efter förstudien status=stoppad\n"
	    "initiatives[6] id=ai-radiologi title=AI-stöd i radiologin committee=RS "
	    "description=Idé från bild- och funktionsmedicin\n"
	    "next=/api/v3/projects?offset=2&pageSize=7\n";
	pf_map *m = load_map(MAPS "openproject-projects.json");
	pf_status st;
	char *got = read_sample("openproject-projects.sample.json", m, &st);

	(void)state;
	assert_int_equal(st, PF_OK);
	assert_string_equal(got, want);
	free(got);
	/* Every word the map gives is one of ours. */
	const char *statuses[] = {"not_started", "on_track", "at_risk",
	                          "off_track",   "finished", "discontinued"};
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		char doc[512];
		snprintf(
		    doc, sizeof(doc),
		    "{\"_embedded\": {\"elements\": [{\"identifier\": \"p\", \"name\": \"P\", "
		    "\"_links\": {\"status\": {\"href\": \"/op/api/v3/project_statuses/%s\"}}}]}, "
		    "\"_links\": {}}",
		    statuses[i]);
		got = read_doc_str(doc, m, &st);
		assert_int_equal(st, PF_OK);
		const char *word = strstr(got, "status=");
		assert_non_null(word);
		char status[32];
		assert_int_equal(sscanf(word, "status=%31[^\n]", status), 1);
		assert_true(pf_word_parse(PF_WORDS_PHASE, status) >= 0);
		assert_null(strstr(got, "next="));
		free(got);
	}
	/* OpenProject before 13 kept the status as a text at the top of the project. */
	static const struct doc_case older[] = {
	    {"statuses as texts",
	     "{\"_embedded\": {\"elements\": [\n"
	     " {\"identifier\": \"a\", \"name\": \"A\", \"status\": \"on track\"},\n"
	     " {\"identifier\": \"b\", \"name\": \"B\", \"status\": \"at risk\"},\n"
	     " {\"identifier\": \"c\", \"name\": \"C\", \"status\": \"off track\"},\n"
	     " {\"identifier\": \"d\", \"name\": \"D\", \"status\": null, \"_links\": {}}]},\n"
	     " \"_links\": {\"self\": {\"href\": \"/api/v3/projects\"}}}",
	     PF_OK,
	     "initiatives[0] id=a title=A committee=RS status=pågående\n"
	     "initiatives[1] id=b title=B committee=RS status=pågående\n"
	     "initiatives[2] id=c title=C committee=RS status=pågående\n"
	     "initiatives[3] id=d title=D committee=RS\n"},
	};
	run_doc_cases(older, 1, m);
	pf_map_free(m);
}

/* The units keep the parsed document and the map's JSON: both may go before them. */
static void test_units_outlive_text_and_map(void **state)
{
	pf_map *m = load_map(MAPS "stratsys-kpidata.json");
	size_t len, n;
	char *text = pf_test_read(MAPS "stratsys-kpidata.sample.json", &len);
	pf_error err;
	pf_unit **units;
	char *next;
	struct sbuf b = {NULL, 0, 0};

	(void)state;
	pf_test_error_init(&err);
	assert_int_equal(pf_json_units("s.json", text, len, m, &units, &n, &next, &err), PF_OK);
	memset(text, 'x', len);
	free(text);
	pf_map_free(m);
	sb_printf(&b, "%s", "");
	drain_units(&b, units, n, &err);
	assert_string_equal(b.s, "measurements[0] indicator_id=4711 period=2025Q1 value=38.5\n"
	                         "measurements[2] indicator_id=4711 period=2025Q2 value=44\n"
	                         "measurements[5] indicator_id=4712 period=2025Q2 value=1250\n");
	free(b.s);
	pf_error_clear(&err);
}

/* ---- robustness: mutated documents and maps must fail cleanly, never crash ---- */

static uint32_t rng_state;

static uint32_t rng(void)
{
	rng_state = rng_state * 1664525u + 1013904223u;
	return rng_state >> 8;
}

/* 1-4 random edits: flip, insert, delete, a structural character, a duplicated slice. */
static char *mutate(const char *src, size_t len, size_t *out_len)
{
	static const char structural[] = "{}[]\",:\\0e-.~/ \n";
	size_t cap = 2 * len + 64, n = len;
	char *s = malloc(cap);

	assert_non_null(s);
	memcpy(s, src, len);
	for (uint32_t edits = 1 + rng() % 4; edits > 0; edits--) {
		size_t at = n ? rng() % n : 0;
		switch (rng() % 5) {
		case 0:
			if (n)
				s[at] = (char)(rng() & 0xff);
			break;
		case 1:
		case 3:
			if (n + 1 < cap) {
				memmove(s + at + 1, s + at, n - at);
				s[at] = rng() % 2 ? (char)(rng() & 0xff)
				                  : structural[rng() % (sizeof(structural) - 1)];
				n++;
			}
			break;
		case 2:
			if (n) {
				memmove(s + at, s + at + 1, n - at - 1);
				n--;
			}
			break;
		case 4: {
			size_t k = n - at < 16 ? n - at : 16;
			if (n + k < cap) {
				memmove(s + at + k, s + at, n - at);
				n += k;
			}
			break;
		}
		}
	}
	*out_len = n;
	return s;
}

/* Reads a document to the end; true when it gave units. */
static bool read_quietly(const char *text, size_t len, const pf_map *m)
{
	pf_error err;
	pf_unit **units;
	size_t n;
	char *next;
	bool ok;

	pf_test_error_init(&err);
	ok = pf_json_units("m.json", text, len, m, &units, &n, &next, &err) == PF_OK;
	if (ok)
		drain_units(NULL, units, n, &err);
	free(next);
	pf_error_clear(&err);
	return ok;
}

static void test_mutations(void **state)
{
	static const struct {
		const char *doc, *map;
	} bases[] = {
	    {DATA "portfolio.json", NULL},
	    {MAPS "openproject-projects.sample.json", MAPS "openproject-projects.json"},
	    {MAPS "stratsys-kpidata.sample.json", MAPS "stratsys-kpidata.json"},
	    {MAPS "kolada-data.sample.json", MAPS "kolada-data.json"},
	};
	char *dir = pf_test_mkdtemp();

	(void)state;
	rng_state = 20250515u;
	for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
		size_t len, mlen, n;
		char *text = pf_test_read(bases[b].doc, &len);
		pf_map *m = bases[b].map ? load_map(bases[b].map) : NULL;
		char *map_text = bases[b].map ? pf_test_read(bases[b].map, &mlen) : NULL;

		int read = 0;
		assert_non_null(text);
		for (int i = 0; i < 1500; i++) {
			char *bad = mutate(text, len, &n);
			read += read_quietly(bad, n, m);
			read_quietly(bad, n, NULL);
			free(bad);
		}
		/* Some edits keep the JSON valid, so the record readers are exercised too. */
		assert_true(read > 50);
		/* Mutated maps: any that still loads reads the sample. */
		for (int i = 0; map_text && i < 300; i++) {
			char *bad = mutate(map_text, mlen, &n);
			char *path = pf_test_write(dir, "map.json", bad, n);
			pf_error err;
			pf_map *mm;
			pf_test_error_init(&err);
			if (pf_map_load(path, &mm, &err) == PF_OK) {
				read_quietly(text, len, mm);
				pf_map_free(mm);
			} else {
				assert_null(mm);
				assert_true(err.errors > 0);
			}
			pf_error_clear(&err);
			free(path);
			free(bad);
		}
		free(map_text);
		pf_map_free(m);
		free(text);
	}
	pf_test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_documents),
	    cmocka_unit_test(test_every_kind),
	    cmocka_unit_test(test_unit_fields),
	    cmocka_unit_test(test_nesting_limit),
	    cmocka_unit_test(test_size_limit),
	    cmocka_unit_test(test_number_text),
	    cmocka_unit_test(test_json_pointer),
	    cmocka_unit_test(test_json_pointer_long_key),
	    cmocka_unit_test(test_date_to_period),
	    cmocka_unit_test(test_map_errors),
	    cmocka_unit_test(test_map_unreadable),
	    cmocka_unit_test(test_map_features),
	    cmocka_unit_test(test_map_in_arrays),
	    cmocka_unit_test(test_map_array_records),
	    cmocka_unit_test(test_map_pointer_list),
	    cmocka_unit_test(test_map_never_drops_silently),
	    cmocka_unit_test(test_map_source_options),
	    cmocka_unit_test(test_stratsys_kpidata),
	    cmocka_unit_test(test_kolada_data),
	    cmocka_unit_test(test_kolada_v3),
	    cmocka_unit_test(test_stratsys_per_gender),
	    cmocka_unit_test(test_stratsys_failure),
	    cmocka_unit_test(test_stratsys_import_sheet),
	    cmocka_unit_test(test_openproject_projects),
	    cmocka_unit_test(test_units_outlive_text_and_map),
	    cmocka_unit_test(test_mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
