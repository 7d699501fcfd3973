/*
 * XLSX workbooks (FORMATS.md section 2): one record stream per worksheet of a
 * known kind.
 *
 * Zip entries are streamed through expat in chunks; a sheet's parser is
 * suspended after each completed <row> and resumed by the unit's next(), so
 * memory does not grow with rows. Only what is an index stays in memory: the
 * shared strings and, per cell format, whether it shows a date or a percentage.
 *
 * A workbook is untrusted input: each entry is checked against size and
 * compression-ratio limits before it is opened, its decompressed bytes are
 * counted while read (headers can lie), and an XML entity declaration stops
 * the parser (billion laughs, external entities).
 */
#include "importers/read/xlsx.h"

#include <errno.h>
#include <expat.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "portfolj/value.h"

#define MIB ((uint64_t)1 << 20)
#define MAX_ENTRY (256 * MIB)  /* decompressed bytes of one zip entry */
#define MAX_TOTAL (1024 * MIB) /* decompressed bytes read from one workbook */
#define MAX_RATIO 200          /* uncompressed:compressed, for entries over RATIO_FLOOR */
#define RATIO_FLOOR (1 * MIB)
#define MAX_CELL (1 * MIB)      /* text of one cell or shared string */
#define MAX_ROW_TEXT (16 * MIB) /* text of one row: shared strings can repeat */
#define MAX_COLS 16384          /* XFD, as Excel */
#define MAX_ROWS 1048576L       /* as Excel */
#define MAX_FORMATS 65536       /* cell formats and number formats in styles.xml */
#define MAX_UNITS 64            /* sheets of known kinds: each holds a parser and an inflater */
#define CHUNK 65536             /* bytes fed to expat at a time */

#define DATE1904_OFFSET 1462.0   /* days from 1900-01-00 to 1904-01-01 in Excel's serials */
#define EXCEL_LAST_DAY 2958465.0 /* 9999-12-31 */

#define NS_WORKSHEET "/worksheet" /* relationship types end so */
#define NS_SHARED_STRINGS "/sharedStrings"
#define NS_STYLES "/styles"
#define NS_OFFICE_DOCUMENT "/officeDocument"

/* ---- small buffers ---- */

struct buf {
	char *s;
	size_t len, cap;
};

/* Appends n bytes and keeps the text NUL-terminated; false when out of memory. */
static bool buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p)
			return false;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return true;
}

/* Makes b->s a valid (possibly empty) string. */
static bool buf_terminate(struct buf *b)
{
	return buf_add(b, "", 0);
}

/*
 * Makes room for one more element in an array of n elements of size sz:
 * returns the array, perhaps moved, or NULL when out of memory (the old
 * array is then still valid).
 */
static void *grow(void *array, size_t n, size_t *cap, size_t sz)
{
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p;

	if (n < *cap)
		return array;
	if (!(p = realloc(array, ncap * sz)))
		return NULL;
	*cap = ncap;
	return p;
}

/* ---- the workbook: archive, shared strings, date formats ---- */

struct book {
	unsigned refs; /* the open call and each unit */
	zip_t *za;
	char *source;
	char checksum[PF_SHA256_HEX];
	bool date1904;
	struct buf sst;    /* shared strings, each NUL-terminated */
	uint32_t *sst_off; /* where each starts in sst */
	size_t nsst, capsst;
	unsigned char *xf_shows; /* cellXfs index -> what its number format shows: FMT_* */
	size_t nxf;
	uint64_t unpacked;      /* decompressed bytes read so far, against MAX_TOTAL */
	const pf_headings *map; /* --map for the headings, or NULL; the caller keeps it alive */
};

static void book_unref(struct book *b)
{
	if (!b || --b->refs > 0)
		return;
	if (b->za)
		zip_discard(b->za);
	free(b->source);
	free(b->sst.s);
	free(b->sst_off);
	free(b->xf_shows);
	free(b);
}

static struct book *book_new(const char *source)
{
	struct book *b = calloc(1, sizeof(*b));

	if (b && !(b->source = strdup(source))) {
		free(b);
		return NULL;
	}
	if (b)
		b->refs = 1;
	return b;
}

/* ---- zip entries, read with limits ---- */

struct entry {
	struct book *book;
	zip_file_t *zf;
	const char *name;
	uint64_t size; /* as the central directory says, at most MAX_ENTRY */
	uint64_t read;
};

/* Refuses an entry whose header promises too much before anything is unpacked. */
static pf_status check_entry(const struct book *b, const char *name, const zip_stat_t *st,
                             pf_error *err)
{
	if ((st->valid & ZIP_STAT_SIZE) && st->size > MAX_ENTRY)
		return pf_error_pos(err, PF_EINPUT, b->source, NULL,
		                    "%s would unpack to %llu bytes, over the limit of %llu MiB per "
		                    "part: refusing a possible zip bomb",
		                    name, (unsigned long long)st->size,
		                    (unsigned long long)(MAX_ENTRY / MIB));
	if ((st->valid & ZIP_STAT_SIZE) && (st->valid & ZIP_STAT_COMP_SIZE) &&
	    st->size > RATIO_FLOOR && st->size / (st->comp_size ? st->comp_size : 1) > MAX_RATIO)
		return pf_error_pos(
		    err, PF_EINPUT, b->source, NULL,
		    "%s is compressed %llu:1, more than %d:1 allows: refusing a "
		    "possible zip bomb",
		    name, (unsigned long long)(st->size / (st->comp_size ? st->comp_size : 1)),
		    MAX_RATIO);
	return PF_OK;
}

/* Do two part names match, case-insensitively and with `\\` read as `/`? */
static bool same_part(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a == '\\' ? '/' : *a, y = *b == '\\' ? '/' : *b;
		if (x != y && !((x | 0x20) == (y | 0x20) && (x | 0x20) >= 'a' && (x | 0x20) <= 'z'))
			return false;
	}
	return *a == *b;
}

/*
 * The index of a part's entry, or -1. Some writers name entries with
 * backslashes (`xl\\workbook.xml`), which Excel reads: when the plain lookup
 * fails, every name is compared so.
 */
static zip_int64_t locate(const struct book *b, const char *name)
{
	zip_int64_t idx = zip_name_locate(b->za, name, ZIP_FL_NOCASE);
	zip_int64_t n = zip_get_num_entries(b->za, 0);

	for (zip_int64_t i = 0; idx < 0 && i < n; i++) {
		const char *have = zip_get_name(b->za, (zip_uint64_t)i, 0);
		if (have && same_part(have, name))
			idx = i;
	}
	return idx;
}

/*
 * Opens an entry by name (case-insensitively, as OPC part names are).
 * PF_ENOTFOUND, with nothing recorded, if there is none: the caller decides.
 */
static pf_status entry_open(struct book *b, const char *name, struct entry *e, pf_error *err)
{
	zip_stat_t st;
	zip_int64_t idx = locate(b, name);
	pf_status s;

	memset(e, 0, sizeof(*e));
	e->book = b;
	e->name = name;
	if (idx < 0)
		return PF_ENOTFOUND;
	if (zip_stat_index(b->za, (zip_uint64_t)idx, 0, &st) < 0)
		return pf_error_pos(err, PF_EINPUT, b->source, NULL, "cannot read %s: %s", name,
		                    zip_strerror(b->za));
	if ((s = check_entry(b, name, &st, err)))
		return s;
	e->size = (st.valid & ZIP_STAT_SIZE) ? st.size : MAX_ENTRY;
	if (!(e->zf = zip_fopen_index(b->za, (zip_uint64_t)idx, 0)))
		return pf_error_pos(err, PF_EINPUT, b->source, NULL, "cannot unpack %s: %s", name,
		                    zip_strerror(b->za));
	return PF_OK;
}

static void entry_close(struct entry *e)
{
	if (e->zf)
		zip_fclose(e->zf);
	e->zf = NULL;
}

/* Reads up to n bytes, counting what is actually unpacked: the header's size may lie. */
static pf_status entry_read(struct entry *e, void *buf, size_t n, size_t *got, pf_error *err)
{
	const char *src = e->book->source;
	zip_int64_t r = zip_fread(e->zf, buf, n);

	*got = 0;
	if (r < 0)
		return pf_error_pos(err, PF_EINPUT, src, NULL, "cannot unpack %s: %s", e->name,
		                    zip_file_strerror(e->zf));
	e->read += (uint64_t)r;
	e->book->unpacked += (uint64_t)r;
	if (e->read > e->size)
		return pf_error_pos(err, PF_EINPUT, src, NULL,
		                    "%s unpacks to more bytes than its zip header says: refusing a "
		                    "damaged or hostile archive",
		                    e->name);
	if (e->book->unpacked > MAX_TOTAL)
		return pf_error_pos(
		    err, PF_EINPUT, src, NULL,
		    "the workbook unpacks to more than %llu MiB: refusing a possible "
		    "zip bomb",
		    (unsigned long long)(MAX_TOTAL / MIB));
	*got = (size_t)r;
	return PF_OK;
}

/* ---- expat with our guards ---- */

struct xml {
	XML_Parser p;
	struct book *book;
	const char *part; /* the zip entry, for messages */
	pf_error *err;
	pf_status st; /* set when a handler stopped the parser */
	void *ud;     /* the handlers' own state */
};

/* Records the first error of a parse and stops it for good. */
static void xml_fail(struct xml *x, pf_status st, const char *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void xml_fail(struct xml *x, pf_status st, const char *pos, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	if (x->st)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), pf_error_msg(x->err, fmt), ap);
	va_end(ap);
	if (st == PF_ENOMEM)
		pf_error_set(x->err, st, "out of memory");
	else
		pf_error_pos(x->err, st, x->book->source, pos, "%s", msg);
	x->st = st;
	XML_StopParser(x->p, XML_FALSE);
}

/* Any entity declaration stops the parse: a workbook never needs one (billion laughs, XXE). */
static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int is_pe, const XML_Char *value,
                                   int value_len, const XML_Char *base, const XML_Char *sysid,
                                   const XML_Char *pubid, const XML_Char *notation)
{
	struct xml *x = ud;

	(void)is_pe;
	(void)value;
	(void)value_len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	xml_fail(x, PF_EINPUT, NULL,
	         "%s declares the XML entity \"%s\", which a workbook never does: refusing it",
	         x->part, name);
}

static pf_status xml_init(struct xml *x, struct book *b, const char *part, void *ud,
                          XML_StartElementHandler start, XML_EndElementHandler end,
                          XML_CharacterDataHandler chars, pf_error *err)
{
	memset(x, 0, sizeof(*x));
	x->book = b;
	x->part = part;
	x->err = err;
	x->ud = ud;
	if (!(x->p = XML_ParserCreate(NULL)))
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, start, end);
	XML_SetCharacterDataHandler(x->p, chars);
	XML_SetEntityDeclHandler(x->p, on_entity_decl);
	/* No external entity handler: expat then never loads one. */
	XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
	return PF_OK;
}

/* The status after XML_Parse* failed: ours if a handler stopped it, else expat's complaint. */
static pf_status xml_error(struct xml *x)
{
	enum XML_Error code = XML_GetErrorCode(x->p);

	if (x->st)
		return x->st;
	if (code == XML_ERROR_NO_MEMORY)
		return x->st = pf_error_set(x->err, PF_ENOMEM, "out of memory");
	return x->st = pf_error_pos(x->err, PF_EINPUT, x->book->source, NULL,
	                            "%s is not well-formed XML: line %lu: %s", x->part,
	                            (unsigned long)XML_GetCurrentLineNumber(x->p),
	                            XML_ErrorString(code));
}

/* Feeds one chunk of the entry to the parser; *eof when it was the last. */
static pf_status xml_feed(struct xml *x, struct entry *e, enum XML_Status *xs, bool *eof)
{
	void *buf = XML_GetBuffer(x->p, CHUNK);
	size_t got;
	pf_status st;

	if (!buf)
		return x->st = pf_error_set(x->err, PF_ENOMEM, "out of memory");
	if ((st = entry_read(e, buf, CHUNK, &got, x->err)))
		return x->st = st;
	*eof = got == 0;
	*xs = XML_ParseBuffer(x->p, (int)got, *eof);
	return PF_OK;
}

/* Parses a whole entry without suspending; PF_ENOTFOUND, unrecorded, if it is absent. */
static pf_status parse_part(struct book *b, const char *part, struct xml *x, void *ud,
                            XML_StartElementHandler start, XML_EndElementHandler end,
                            XML_CharacterDataHandler chars, pf_error *err)
{
	struct entry e;
	enum XML_Status xs = XML_STATUS_OK;
	bool eof = false;
	pf_status st = entry_open(b, part, &e, err);

	memset(x, 0, sizeof(*x));
	if (st || (st = xml_init(x, b, part, ud, start, end, chars, err)))
		goto out;
	while (!eof) {
		if ((st = xml_feed(x, &e, &xs, &eof)))
			goto out;
		if (xs != XML_STATUS_OK) {
			st = xml_error(x);
			goto out;
		}
	}
out:
	if (x->p)
		XML_ParserFree(x->p);
	x->p = NULL;
	entry_close(&e);
	return st;
}

/* Element and attribute names without a namespace prefix (x:row is row). */
static const char *local_name(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (; atts[0]; atts += 2)
		if (strncmp(atts[0], "xmlns", 5) != 0 && !strcmp(local_name(atts[0]), name))
			return atts[1];
	return NULL;
}

/* A whole decimal number 0..max; -1 for anything else (no sign, no overflow). */
static long parse_index(const char *s, long max)
{
	long v = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		int d = *s - '0';
		if (d < 0 || d > 9 || v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	return v <= max ? v : -1;
}

/* ---- xl/workbook.xml and its relationships ---- */

struct sheet_ref {
	char *name, *rid;
	char *part; /* the zip entry, from the relationships */
	bool worksheet;
};

struct workbook {
	char *part;      /* the workbook part, from _rels/.rels: xl/workbook.xml mostly */
	char *rels_part; /* its relationships: xl/_rels/workbook.xml.rels */
	char *dir;       /* the folder relationship targets are relative to: xl */
	struct sheet_ref *sheets;
	size_t n, cap;
	char *sst_part, *styles_part; /* from the relationships, if named there */
};

static void workbook_free(struct workbook *wb)
{
	for (size_t i = 0; i < wb->n; i++) {
		free(wb->sheets[i].name);
		free(wb->sheets[i].rid);
		free(wb->sheets[i].part);
	}
	free(wb->sheets);
	free(wb->sst_part);
	free(wb->styles_part);
	free(wb->part);
	free(wb->rels_part);
	free(wb->dir);
}

static void XMLCALL workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml *x = ud;
	struct workbook *wb = x->ud;
	const char *el = local_name(name);

	if (x->st)
		return;
	if (!strcmp(el, "workbookPr")) {
		const char *d = attr(atts, "date1904");
		x->book->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
	} else if (!strcmp(el, "sheet")) {
		const char *sname = attr(atts, "name"), *rid = attr(atts, "id");
		if (!sname || !rid) {
			xml_fail(x, PF_EINPUT, NULL, "%s has a <sheet> without a name or r:id",
			         x->part);
			return;
		}
		void *p = grow(wb->sheets, wb->n, &wb->cap, sizeof(*wb->sheets));
		if (!p) {
			xml_fail(x, PF_ENOMEM, NULL, "out of memory");
			return;
		}
		wb->sheets = p;
		struct sheet_ref *s = &wb->sheets[wb->n];
		memset(s, 0, sizeof(*s));
		s->name = strdup(sname);
		s->rid = strdup(rid);
		wb->n++;
		if (!s->name || !s->rid)
			xml_fail(x, PF_ENOMEM, NULL, "out of memory");
	}
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

/*
 * The zip entry a relationship target names: absolute from the package root
 * ("/xl/worksheets/sheet1.xml") or relative to the folder dir of the part
 * whose relationships name it ("worksheets/sheet1.xml" from xl), with "."
 * and ".." segments resolved. NULL when out of memory.
 */
static char *resolve_target(const char *dir, const char *target)
{
	size_t n = strlen(dir) + strlen(target) + 2;
	char *out = malloc(n), *w = out;
	const char *seg = target;

	if (!out)
		return NULL;
	*w = '\0';
	if (*seg == '/')
		seg++;
	else
		w = stpcpy(out, dir);
	while (*seg) {
		size_t len = strcspn(seg, "/");
		if (len == 2 && !strncmp(seg, "..", 2)) {
			char *slash = strrchr(out, '/');
			w = slash ? slash : out;
			*w = '\0';
		} else if (len > 0 && !(len == 1 && *seg == '.')) {
			if (w > out)
				*w++ = '/';
			memcpy(w, seg, len);
			w += len;
			*w = '\0';
		}
		seg += len;
		if (*seg == '/')
			seg++;
	}
	return out;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* Gives a relationship's target to the sheet that names it, or notes the strings and styles. */
static bool rels_take(struct workbook *wb, const char *id, const char *type, const char *target)
{
	char **slot = NULL;

	if (ends_with(type, NS_SHARED_STRINGS))
		slot = &wb->sst_part;
	else if (ends_with(type, NS_STYLES))
		slot = &wb->styles_part;
	for (size_t i = 0; !slot && i < wb->n; i++)
		if (!wb->sheets[i].part && !strcmp(wb->sheets[i].rid, id)) {
			wb->sheets[i].worksheet = ends_with(type, NS_WORKSHEET);
			slot = &wb->sheets[i].part;
		}
	if (!slot || *slot)
		return true;
	return (*slot = resolve_target(wb->dir, target)) != NULL;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml *x = ud;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
	const char *type = attr(atts, "Type"), *mode = attr(atts, "TargetMode");

	if (x->st || strcmp(local_name(name), "Relationship") != 0 || !id || !target)
		return;
	if (mode && !strcmp(mode, "External"))
		return; /* a link out of the package, never a part of it */
	if (!rels_take(x->ud, id, type ? type : "", target))
		xml_fail(x, PF_ENOMEM, NULL, "out of memory");
}

static pf_status not_xlsx(const struct book *b, const char *why, pf_error *err)
{
	return pf_error_pos(err, PF_EINPUT, b->source, NULL, "not an XLSX workbook: %s", why);
}

/* The package's relationships (_rels/.rels): the officeDocument one names the workbook. */
static void XMLCALL package_rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml *x = ud;
	struct workbook *wb = x->ud;
	const char *type = attr(atts, "Type"), *target = attr(atts, "Target");

	if (x->st || wb->part || strcmp(local_name(name), "Relationship") != 0 || !type ||
	    !target || !ends_with(type, NS_OFFICE_DOCUMENT))
		return;
	if (!(wb->part = resolve_target("", target)))
		xml_fail(x, PF_ENOMEM, NULL, "out of memory");
}

/*
 * Finds the workbook part as Excel does, through _rels/.rels, and its
 * relationships part beside it (DIR/_rels/NAME.rels); xl/workbook.xml when
 * the package does not say.
 */
static pf_status find_workbook(struct book *b, struct workbook *wb, pf_error *err)
{
	struct xml x;
	pf_status st = parse_part(b, "_rels/.rels", &x, wb, package_rels_start, no_end, NULL, err);

	if (st && st != PF_ENOTFOUND)
		return st;
	if (!wb->part && !(wb->part = strdup("xl/workbook.xml")))
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	const char *slash = strrchr(wb->part, '/');
	const char *base = slash ? slash + 1 : wb->part;
	size_t dirlen = slash ? (size_t)(slash - wb->part) : 0;
	size_t n = strlen(wb->part) + sizeof("/_rels/.rels");
	if (!(wb->dir = strndup(wb->part, dirlen)) || !(wb->rels_part = malloc(n)))
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	snprintf(wb->rels_part, n, "%s%s_rels/%s.rels", wb->dir, dirlen ? "/" : "", base);
	return PF_OK;
}

/* Reads the sheets' names and order, date1904, and where each sheet's XML is. */
static pf_status read_workbook(struct book *b, struct workbook *wb, pf_error *err)
{
	char why[600];
	struct xml x;
	pf_status st = find_workbook(b, wb, err);
	const char *rels = wb->rels_part;

	if (!st)
		st = parse_part(b, wb->part, &x, wb, workbook_start, no_end, NULL, err);
	if (st == PF_ENOTFOUND) {
		snprintf(why, sizeof(why), "the zip archive has no %s", wb->part);
		return not_xlsx(b, why, err);
	}
	if (st)
		return st;
	st = parse_part(b, rels, &x, wb, rels_start, no_end, NULL, err);
	if (st == PF_ENOTFOUND) {
		snprintf(why, sizeof(why), "the zip archive has no %s", rels);
		return not_xlsx(b, why, err);
	}
	if (st)
		return st;
	for (size_t i = 0; i < wb->n; i++)
		if (!wb->sheets[i].part)
			return pf_error_pos(err, PF_EINPUT, b->source, NULL,
			                    "%s names sheet \"%s\" with relationship %s, "
			                    "which %s does not define",
			                    wb->part, wb->sheets[i].name, wb->sheets[i].rid, rels);
	return PF_OK;
}

/* ---- xl/styles.xml: which cell formats show dates or percentages ---- */

/* What a number format shows. */
enum { FMT_NONE, FMT_NUMBER, FMT_DATE, FMT_PERCENT };

struct styles {
	unsigned char *custom; /* numFmtId (0..MAX_FORMATS) -> FMT_*, from <numFmts> */
	long *xf;              /* cellXfs index -> numFmtId */
	size_t nxf, capxf;
	bool in_numfmts, in_cellxfs; /* <dxfs> and <cellStyleXfs> hold formats no cell uses */
};

/*
 * Built-in formats that show a date: ids 14-17 and 22 (and CJK 27-36, 50-58).
 * The time-only ones (18-21, 45-47) show a time of day, which is no date.
 */
static bool builtin_is_date(long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	       (id >= 50 && id <= 58);
}

/* Built-in formats that show a percentage: 9 `0%` and 10 `0.00%`. */
static bool builtin_is_percent(long id)
{
	return id == 9 || id == 10;
}

/*
 * What a custom format code shows: a percentage with a `%`, a date with y or
 * d, or m without h or s (else m is minutes); each counts outside quoted
 * text, [...] (colours, conditions, locales; an elapsed [h] counts as h),
 * \-escapes and the _x padding and *x fill characters.
 */
static int format_shows(const char *code)
{
	bool yd = false, m = false, hs = false, pct = false;

	for (const char *p = code; *p; p++) {
		char c = *p;
		if (c == '"' || c == '[') {
			const char *close = strchr(p + 1, c == '"' ? '"' : ']');
			if (!close)
				break;
			/* [h], [mm], [ss]: elapsed time, so an m beside it is minutes */
			hs |= c == '[' && strchr("hHmMsS", p[1]) &&
			      strspn(p + 1, "hHmMsS") == (size_t)(close - p - 1);
			p = close;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (!*++p)
				break;
		} else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') {
			yd = true;
		} else if (c == 'm' || c == 'M') {
			m = true;
		} else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
			hs = true;
		} else if (c == '%') {
			pct = true;
		}
	}
	if (pct)
		return FMT_PERCENT;
	return yd || (m && !hs) ? FMT_DATE : FMT_NUMBER;
}

/* A <numFmt> of <numFmts>: a custom format code under an id. */
static void styles_numfmt(struct xml *x, struct styles *s, const char **atts)
{
	const char *code = attr(atts, "formatCode");
	long id = parse_index(attr(atts, "numFmtId"), MAX_FORMATS);

	if (id < 0 || !code)
		return; /* a format no cell can use */
	if (!s->custom && !(s->custom = calloc(MAX_FORMATS + 1, 1))) {
		xml_fail(x, PF_ENOMEM, NULL, "out of memory");
		return;
	}
	s->custom[id] = (unsigned char)format_shows(code);
}

/* An <xf> of <cellXfs>: the number format of the cell style with the next index. */
static void styles_xf(struct xml *x, struct styles *s, const char **atts)
{
	void *p;

	if (s->nxf >= MAX_FORMATS) {
		xml_fail(x, PF_EINPUT, NULL, "%s has over %d cell formats", x->part, MAX_FORMATS);
		return;
	}
	if (!(p = grow(s->xf, s->nxf, &s->capxf, sizeof(*s->xf)))) {
		xml_fail(x, PF_ENOMEM, NULL, "out of memory");
		return;
	}
	s->xf = p;
	s->xf[s->nxf++] = parse_index(attr(atts, "numFmtId"), MAX_FORMATS);
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml *x = ud;
	struct styles *s = x->ud;
	const char *el = local_name(name);

	if (x->st)
		return;
	if (!strcmp(el, "numFmts"))
		s->in_numfmts = true;
	else if (!strcmp(el, "cellXfs"))
		s->in_cellxfs = true;
	else if (!strcmp(el, "numFmt") && s->in_numfmts)
		styles_numfmt(x, s, atts);
	else if (!strcmp(el, "xf") && s->in_cellxfs)
		styles_xf(x, s, atts);
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct xml *x = ud;
	struct styles *s = x->ud;
	const char *el = local_name(name);

	if (!strcmp(el, "numFmts"))
		s->in_numfmts = false;
	else if (!strcmp(el, "cellXfs"))
		s->in_cellxfs = false;
}

/* A custom format with the id wins over the built-in one. */
static unsigned char numfmt_shows(const struct styles *s, long id)
{
	if (id < 0)
		return FMT_NUMBER;
	if (s->custom && s->custom[id] != FMT_NONE)
		return s->custom[id];
	return builtin_is_date(id) ? FMT_DATE : builtin_is_percent(id) ? FMT_PERCENT : FMT_NUMBER;
}

/* Learns which cell formats show dates or percentages. A workbook without styles has none. */
static pf_status read_styles(struct book *b, const char *part, pf_error *err)
{
	struct styles s = {0};
	struct xml x;
	pf_status st = parse_part(b, part, &x, &s, styles_start, styles_end, NULL, err);

	if (st == PF_ENOTFOUND)
		st = PF_OK;
	if (st || !s.nxf)
		goto out;
	if (!(b->xf_shows = calloc(s.nxf, 1))) {
		st = pf_error_set(err, PF_ENOMEM, "out of memory");
		goto out;
	}
	b->nxf = s.nxf;
	for (size_t i = 0; i < s.nxf; i++)
		b->xf_shows[i] = numfmt_shows(&s, s.xf[i]);
out:
	free(s.custom);
	free(s.xf);
	return st;
}

/* ---- text: the _xHHHH_ escapes of ECMA-376 ST_Xstring ---- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Writes a BMP code point as UTF-8; a surrogate (never a character alone) becomes U+FFFD. */
static size_t put_utf8(char *w, unsigned cp)
{
	if (cp >= 0xD800 && cp <= 0xDFFF)
		cp = 0xFFFD;
	if (cp < 0x80) {
		w[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		w[0] = (char)(0xC0 | cp >> 6);
		w[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	w[0] = (char)(0xE0 | cp >> 12);
	w[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	w[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

/*
 * Excel writes characters XML cannot hold (a CR as _x000D_) and a literal
 * "_xHHHH_" (as _x005F_xHHHH_) this way. Decodes in place: the result is
 * never longer. NUL is dropped.
 */
static void decode_escapes(char *s)
{
	char *w = s;
	const char *r = s;

	while (*r) {
		int d[4] = {-1, -1, -1, -1};
		if (r[0] == '_' && r[1] == 'x')
			for (int i = 0; i < 4 && r[2 + i]; i++)
				d[i] = hexval(r[2 + i]);
		if (d[0] >= 0 && d[1] >= 0 && d[2] >= 0 && d[3] >= 0 && r[6] == '_') {
			unsigned cp = (unsigned)(d[0] << 12 | d[1] << 8 | d[2] << 4 | d[3]);
			if (cp)
				w += put_utf8(w, cp);
			r += 7;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

/* ---- xl/sharedStrings.xml ---- */

struct sst_reader {
	struct buf cur; /* the <si> being read: its <t> pieces, rich-text runs concatenated */
	bool in_si, in_t;
	int rph; /* depth in <rPh>, phonetic guides that are not part of the text */
};

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml *x = ud;
	struct sst_reader *r = x->ud;
	const char *el = local_name(name);

	(void)atts;
	if (!strcmp(el, "si")) {
		r->in_si = true;
		r->cur.len = 0;
	} else if (!strcmp(el, "rPh")) {
		r->rph++;
	} else if (!strcmp(el, "t") && r->in_si && !r->rph) {
		r->in_t = true;
	}
}

static void sst_push(struct xml *x, struct sst_reader *r)
{
	struct book *b = x->book;

	if (!buf_terminate(&r->cur)) {
		xml_fail(x, PF_ENOMEM, NULL, "out of memory");
		return;
	}
	decode_escapes(r->cur.s);
	if (b->sst.len >= UINT32_MAX - MAX_CELL) {
		xml_fail(x, PF_EINPUT, NULL, "%s holds too much text", x->part);
		return;
	}
	void *p = grow(b->sst_off, b->nsst, &b->capsst, sizeof(*b->sst_off));
	if (p)
		b->sst_off = p;
	if (!p || !buf_add(&b->sst, r->cur.s, strlen(r->cur.s) + 1)) {
		xml_fail(x, PF_ENOMEM, NULL, "out of memory");
		return;
	}
	b->sst_off[b->nsst++] = (uint32_t)(b->sst.len - strlen(r->cur.s) - 1);
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct xml *x = ud;
	struct sst_reader *r = x->ud;
	const char *el = local_name(name);

	if (x->st)
		return;
	if (!strcmp(el, "si")) {
		r->in_si = r->in_t = false;
		sst_push(x, r);
	} else if (!strcmp(el, "rPh")) {
		r->rph--;
	} else if (!strcmp(el, "t")) {
		r->in_t = false;
	}
}

static void XMLCALL sst_chars(void *ud, const XML_Char *s, int len)
{
	struct xml *x = ud;
	struct sst_reader *r = x->ud;

	if (x->st || !r->in_t)
		return;
	if (r->cur.len + (size_t)len > MAX_CELL) {
		xml_fail(x, PF_EINPUT, NULL,
		         "%s: shared string %zu is longer than %llu MiB: refusing it", x->part,
		         x->book->nsst, (unsigned long long)(MAX_CELL / MIB));
		return;
	}
	if (!buf_add(&r->cur, s, (size_t)len))
		xml_fail(x, PF_ENOMEM, NULL, "out of memory");
}

static pf_status read_shared_strings(struct book *b, const char *part, pf_error *err)
{
	struct sst_reader r = {0};
	struct xml x;
	pf_status st = parse_part(b, part, &x, &r, sst_start, sst_end, sst_chars, err);

	free(r.cur.s);
	return st == PF_ENOTFOUND ? PF_OK : st; /* a workbook without strings has none */
}

/* ---- cell values ---- */

/* Excel's column letters, as pf_record_pos writes them. */
static void column_letters(int col, char *buf)
{
	char tmp[8];
	int i = 0;

	for (; col > 0 && i < 7; col = (col - 1) / 26)
		tmp[i++] = (char)('A' + (col - 1) % 26);
	while (i > 0)
		*buf++ = tmp[--i];
	*buf = '\0';
}

static void cell_pos(char *buf, size_t n, const char *sheet, int col, long row)
{
	char letters[8];

	column_letters(col, letters);
	snprintf(buf, n, "%s!%s%ld", sheet, letters, row);
}

/* The column of a reference like "G7" (letters, then the row's digits); 0 if malformed. */
static int ref_column(const char *ref)
{
	long col = 0;
	const char *p = ref;

	for (; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'); p++) {
		col = col * 26 + ((*p | 0x20) - 'a' + 1);
		if (col > MAX_COLS)
			return 0;
	}
	if (p == ref || p - ref > 3)
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p ? 0 : (int)col;
}

/* Reads the digits of s into w; returns how many. */
static size_t copy_digits(const char **s, char **w)
{
	size_t n = 0;

	for (; **s >= '0' && **s <= '9'; (*s)++, n++)
		*(*w)++ = **s;
	return n;
}

/*
 * Strict decimal as XLSX writes it (digits, a '.', an exponent); no inf,
 * nan or hex. The point becomes an exponent ("12.5" is read as "125e-1"),
 * which keeps strtod independent of the locale, as value.c does.
 */
static bool parse_number(const char *s, double *out)
{
	char buf[400], *w = buf;
	long exp = 0, e = 0;
	size_t digits, frac = 0;
	bool neg = false;

	if (strlen(s) > 300)
		return false; /* Excel writes at most 17 digits and an exponent */
	if (*s == '-' || *s == '+')
		*w++ = *s++;
	digits = copy_digits(&s, &w);
	if (*s == '.') {
		s++;
		frac = copy_digits(&s, &w);
	}
	if (digits + frac == 0)
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			neg = *s++ == '-';
		if (!(*s >= '0' && *s <= '9'))
			return false;
		for (; *s >= '0' && *s <= '9'; s++)
			if (e < 100000) /* far past any double; keeps the sum from overflowing */
				e = e * 10 + (*s - '0');
	}
	if (*s)
		return false;
	exp = (neg ? -e : e) - (long)frac;
	snprintf(w, sizeof(buf) - (size_t)(w - buf), "e%ld", exp);
	*out = strtod(buf, NULL);
	return isfinite(*out);
}

/*
 * The shortest decimal that reads back as x, written without an exponent
 * (12.5, 1234567, 0.1), which is what pf_number_parse accepts. out holds
 * at least 400 bytes (a subnormal has over 320 digits).
 */
static void format_number(double x, char *out)
{
	char e[40], digits[24];
	int prec, exp, nd = 0;
	const char *p;

	if (x == 0) {
		strcpy(out, "0");
		return;
	}
	for (prec = 1; prec < 17; prec++) {
		snprintf(e, sizeof(e), "%.*e", prec - 1, x);
		if (strtod(e, NULL) == x)
			break;
	}
	snprintf(e, sizeof(e), "%.*e", prec - 1, x);
	/* "-d.ddde+XX": the digits (whatever the locale's point), then the exponent. */
	for (p = e; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			digits[nd++] = *p;
	exp = atoi(p + 1);
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	if (x < 0)
		*out++ = '-';
	if (exp < 0) {
		out = stpcpy(out, "0.");
		for (int i = 0; i < -exp - 1; i++)
			*out++ = '0';
		memcpy(out, digits, (size_t)nd);
		out += nd;
	} else {
		for (int i = 0; i <= exp || i < nd; i++) {
			if (i == exp + 1)
				*out++ = '.';
			*out++ = i < nd ? digits[i] : '0';
		}
	}
	*out = '\0';
}

/* ---- the sheet stream ---- */

enum cell_type { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR, CT_ISODATE };

/* What a stored cell holds: a value, or an error (a picture in a cell is one too). */
enum cell_holds { CELL_VALUE, CELL_ERROR, CELL_PICTURE };

struct cell {
	int col;
	size_t off; /* its text in the row's vals: for an error, its name (#N/A) */
	enum cell_holds holds;
};

struct xlsx_unit {
	pf_unit base;
	struct book *book;
	char *sheet; /* its name, as positions give it */
	char *part;  /* its zip entry */
	struct entry ent;
	struct xml x;
	/* the parser stopped after a row; the entry is all read; a row waits for next() */
	bool suspended, eof, ready;
	/* where the parser is in the XML */
	bool in_data, in_row, in_cell, in_is, collect, bad_row;
	int rph;
	long row, last_row;
	int next_col, col;
	enum cell_type type;
	long style;
	bool picture;    /* the cell has a vm= (value metadata): Excel's picture in a cell */
	struct buf text; /* the current cell's text as read */
	/* the current row: its non-empty cells, trimmed, NUL-separated in vals */
	struct buf vals;
	struct cell *cells;
	size_t ncells, capcells;
	/* from the header row */
	size_t ncols;
	int *map; /* column - 1 -> field index, -1 for an ignored column */
	/* column - 1 -> holds dates to read as their quarter (a --map says so), and the text */
	bool *dates;
	char (*periods)[PF_PERIOD_BUF];
	char *head[PF_FIELDS_MAX]; /* field -> its heading in the header row */
};

/* A problem with the cell in column col: recorded, its row skipped, reading goes on. */
static void cell_error_at(struct xlsx_unit *u, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void cell_error_at(struct xlsx_unit *u, int col, const char *fmt, ...)
{
	char pos[300], msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), pf_error_msg(u->x.err, fmt), ap);
	va_end(ap);
	cell_pos(pos, sizeof(pos), u->sheet, col, u->row);
	pf_error_pos(u->x.err, PF_EINPUT, u->book->source, pos, "%s", msg);
	u->bad_row = true;
}

/* The same at the cell being read: errors are listed, every one (FORMATS.md section 1). */
#define cell_error(u, ...) cell_error_at((u), (u)->col, __VA_ARGS__)

/* A problem that ends the sheet: recorded at the cell, the parser stopped. */
static void sheet_fail(struct xlsx_unit *u, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void sheet_fail(struct xlsx_unit *u, int col, const char *fmt, ...)
{
	char pos[300], msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), pf_error_msg(u->x.err, fmt), ap);
	va_end(ap);
	cell_pos(pos, sizeof(pos), u->sheet, col > 0 ? col : 1, u->row);
	xml_fail(&u->x, PF_EINPUT, pos, "%s", msg);
}

static void row_start(struct xlsx_unit *u, const char **atts)
{
	const char *r = attr(atts, "r");
	long n = r ? parse_index(r, MAX_ROWS) : u->last_row + 1;

	if (n < 1 || n > MAX_ROWS) {
		xml_fail(&u->x, PF_EINPUT, u->sheet,
		         "row number \"%s\" is not 1..%ld (in %s line %lu)",
		         r ? r : "(after the last)", MAX_ROWS, u->part,
		         (unsigned long)XML_GetCurrentLineNumber(u->x.p));
		return;
	}
	u->row = u->last_row = n;
	u->in_row = true;
	u->next_col = 1;
	u->ncells = 0;
	u->vals.len = 0;
	u->bad_row = false;
}

/* The cell's t= type (a number when absent); *known is false for a type XLSX does not have. */
static enum cell_type cell_type(const char *t, bool *known)
{
	static const struct {
		const char *name;
		enum cell_type type;
	} types[] = {{"n", CT_NUMBER}, {"s", CT_SHARED}, {"inlineStr", CT_INLINE}, {"str", CT_STR},
	             {"b", CT_BOOL},   {"e", CT_ERROR},  {"d", CT_ISODATE}};

	*known = true;
	if (!t)
		return CT_NUMBER;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(t, types[i].name))
			return types[i].type;
	*known = false;
	return CT_STR; /* read as text, so that the cell gets one error, not two */
}

static void cell_start(struct xlsx_unit *u, const char **atts)
{
	const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
	int col = r ? ref_column(r) : u->next_col;
	bool known;

	if (col < 1 || col > MAX_COLS) {
		sheet_fail(u, u->next_col,
		           "cell reference \"%s\" is not a column A..XFD of this row",
		           r ? r : "(after XFD)");
		return;
	}
	u->col = col;
	u->next_col = col + 1;
	u->type = cell_type(t, &known);
	u->style = s ? parse_index(s, MAX_FORMATS) : 0;
	u->picture = attr(atts, "vm") != NULL;
	u->in_cell = true;
	u->text.len = 0;
	if (!known)
		cell_error(u, "the cell has the unknown type t=\"%s\"", t);
}

/* Keeps a cell's text, trimmed, unless it is empty. */
static void store_cell(struct xlsx_unit *u, const char *val, enum cell_holds holds)
{
	size_t start = u->vals.len;
	char *t;

	if (u->ncells >= MAX_COLS) {
		sheet_fail(u, u->col, "the row has more than %d cells", MAX_COLS);
		return;
	}
	if (u->vals.len + strlen(val) > MAX_ROW_TEXT) {
		sheet_fail(u, u->col, "the row holds more than %llu MiB of text",
		           (unsigned long long)(MAX_ROW_TEXT / MIB));
		return;
	}
	void *p = grow(u->cells, u->ncells, &u->capcells, sizeof(*u->cells));
	if (p)
		u->cells = p;
	if (!p || !buf_add(&u->vals, val, strlen(val) + 1)) {
		xml_fail(&u->x, PF_ENOMEM, NULL, "out of memory");
		return;
	}
	if (!(t = pf_trim(u->vals.s + start))) {
		u->vals.len = start;
		return;
	}
	u->cells[u->ncells++] = (struct cell){u->col, (size_t)(t - u->vals.s), holds};
}

static const char *shared_string(struct xlsx_unit *u, const char *text)
{
	long i = parse_index(text, LONG_MAX);

	if (i < 0 || (size_t)i >= u->book->nsst) {
		cell_error(u, "the cell refers to shared string \"%s\", but the workbook has %zu",
		           text, u->book->nsst);
		return NULL;
	}
	return u->book->sst.s + u->book->sst_off[i];
}

static const char *bool_text(struct xlsx_unit *u, const char *text)
{
	if (!strcmp(text, "1") || !strcmp(text, "true"))
		return "true";
	if (!strcmp(text, "0") || !strcmp(text, "false"))
		return "false";
	cell_error(u, "the boolean cell holds \"%s\", not 0 or 1", text);
	return NULL;
}

/*
 * The percentage a fraction shows (0.45 as 45 %), as a CSV's `45%` reads:
 * rounded to 15 significant digits, so that 0.07 gives 7 and not the
 * 7.000000000000001 that the multiplication leaves.
 */
static double percent(double x)
{
	char e[40];

	snprintf(e, sizeof(e), "%.14e", x * 100);
	return strtod(e, NULL);
}

/*
 * A number as text: a date cell's serial as YYYY-MM-DD (1904 serials moved
 * to 1900's), a percentage cell's fraction as the percentage it shows.
 */
static const char *number_text(struct xlsx_unit *u, const char *text, char *out)
{
	const struct book *b = u->book;
	int shows = u->style >= 0 && (size_t)u->style < b->nxf ? b->xf_shows[u->style] : FMT_NUMBER;
	double x;

	if (!*text)
		return NULL; /* a formatted but empty cell */
	if (!parse_number(text, &x)) {
		cell_error(u, "the number cell holds \"%.40s\", which is not a number", text);
		return NULL;
	}
	if (shows == FMT_PERCENT && isfinite(x * 100))
		x = percent(x);
	if (shows != FMT_DATE) {
		format_number(x, out);
		return out;
	}
	double serial = x + (b->date1904 ? DATE1904_OFFSET : 0);
	if (!(serial >= 1 && serial < EXCEL_LAST_DAY + 1)) {
		cell_error(u,
		           "the date cell holds %.40s, which is no day from 1900-01-01 to "
		           "9999-12-31",
		           text);
		return NULL;
	}
	pf_date_format(pf_date_from_excel(serial), out);
	return out;
}

/* t="d": an ISO 8601 date or date-time; the day is what a date field wants. */
static const char *isodate_text(struct xlsx_unit *u, char *text)
{
	pf_date d;

	if (strlen(text) >= 10 && (text[10] == '\0' || text[10] == 'T')) {
		text[10] = '\0';
		if (pf_date_parse(text, &d))
			return text;
	}
	cell_error(u, "the date cell holds \"%.40s\", not an ISO 8601 date", text);
	return NULL;
}

static void cell_end(struct xlsx_unit *u)
{
	char num[400];
	const char *val = NULL;
	char *text;

	u->in_cell = u->in_is = u->collect = false;
	u->rph = 0;
	if (!buf_terminate(&u->text)) {
		xml_fail(&u->x, PF_ENOMEM, NULL, "out of memory");
		return;
	}
	text = u->text.s;
	switch (u->type) {
	case CT_INLINE:
	case CT_STR:
		decode_escapes(text);
		val = text;
		break;
	case CT_SHARED:
		val = shared_string(u, text);
		break;
	case CT_BOOL:
		val = bool_text(u, text);
		break;
	case CT_ERROR:
		/* An error only where a column is read (checked_row): kept until then. */
		store_cell(u, *text ? text : "#VALUE!", u->picture ? CELL_PICTURE : CELL_ERROR);
		return;
	case CT_ISODATE:
		val = isodate_text(u, text);
		break;
	case CT_NUMBER:
		val = number_text(u, text, num);
		break;
	}
	if (val)
		store_cell(u, val, CELL_VALUE);
}

/* True when the row holds only error cells: before the header row it is no row. */
static bool only_errors(const struct xlsx_unit *u)
{
	for (size_t i = 0; i < u->ncells; i++)
		if (u->cells[i].holds == CELL_VALUE)
			return false;
	return true;
}

static void row_end(struct xlsx_unit *u)
{
	u->in_row = false;
	if (u->bad_row || u->ncells == 0 || (!u->map && only_errors(u)))
		return; /* a bad row's errors are recorded; an empty row is no row (FORMATS.md 2) */
	u->ready = true;
	XML_StopParser(u->x.p, XML_TRUE); /* next() takes this row, then resumes */
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml *x = ud;
	struct xlsx_unit *u = x->ud;
	const char *el = local_name(name);

	if (x->st)
		return;
	if (!strcmp(el, "sheetData"))
		u->in_data = true;
	else if (!strcmp(el, "row") && u->in_data)
		row_start(u, atts);
	else if (!strcmp(el, "c") && u->in_row)
		cell_start(u, atts);
	else if (!strcmp(el, "v") && u->in_cell && !u->in_is)
		u->collect = true;
	else if (!strcmp(el, "is") && u->in_cell)
		u->in_is = true;
	else if (!strcmp(el, "rPh") && u->in_is)
		u->rph++;
	else if (!strcmp(el, "t") && u->in_is && !u->rph)
		u->collect = true; /* each rich-text run's <t> adds to the cell */
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct xml *x = ud;
	struct xlsx_unit *u = x->ud;
	const char *el = local_name(name);

	if (x->st)
		return;
	if (!strcmp(el, "v") || !strcmp(el, "t"))
		u->collect = false;
	else if (!strcmp(el, "rPh") && u->rph > 0)
		u->rph--;
	else if (!strcmp(el, "is"))
		u->in_is = false;
	else if (!strcmp(el, "c") && u->in_cell)
		cell_end(u);
	else if (!strcmp(el, "row") && u->in_row)
		row_end(u);
	else if (!strcmp(el, "sheetData"))
		u->in_data = false;
}

static void XMLCALL sheet_chars(void *ud, const XML_Char *s, int len)
{
	struct xml *x = ud;
	struct xlsx_unit *u = x->ud;

	if (x->st || !u->collect)
		return;
	if (u->text.len + (size_t)len > MAX_CELL) {
		sheet_fail(u, u->col, "the cell's text is longer than %llu MiB",
		           (unsigned long long)(MAX_CELL / MIB));
		return;
	}
	if (!buf_add(&u->text, s, (size_t)len))
		xml_fail(x, PF_ENOMEM, NULL, "out of memory");
}

/* Runs the parser until it has completed the next non-empty row; PF_END after the last. */
static pf_status pull_row(struct xlsx_unit *u, pf_error *err)
{
	enum XML_Status xs = XML_STATUS_OK;
	pf_status st;

	u->x.err = err;
	u->ready = false;
	while (!u->x.st && !u->ready) {
		if (u->suspended)
			xs = XML_ResumeParser(u->x.p);
		else if (u->eof)
			return PF_END;
		else if ((st = xml_feed(&u->x, &u->ent, &xs, &u->eof)))
			return st;
		if (xs == XML_STATUS_ERROR)
			return xml_error(&u->x);
		u->suspended = xs == XML_STATUS_SUSPENDED;
	}
	return u->x.st; /* once a sheet failed, it stays failed */
}

/* The field a cell's column is read as, or -1 for a column the sheet ignores. */
static int cell_field(const struct xlsx_unit *u, const struct cell *c)
{
	return (size_t)c->col > u->ncols ? -1 : u->map[c->col - 1];
}

/*
 * Records an error for each error cell in a column that is read, and says
 * whether there was one: FORMATS.md section 2 ignores them elsewhere.
 */
static bool row_has_errors(struct xlsx_unit *u)
{
	bool any = false;

	for (size_t i = 0; i < u->ncells; i++) {
		const struct cell *c = &u->cells[i];
		const char *name = u->vals.s + c->off;
		if (c->holds == CELL_VALUE || cell_field(u, c) < 0)
			continue;
		any = true;
		if (c->holds == CELL_PICTURE)
			cell_error_at(u, c->col,
			              "the cell holds a picture placed in the cell (stored as the "
			              "error %s): type the value instead",
			              name);
		else
			cell_error_at(
			    u, c->col,
			    "the cell holds the error %s: correct the formula or type the "
			    "value",
			    name);
	}
	return any;
}

static pf_status xlsx_next(pf_unit *base, pf_record *rec, pf_error *err)
{
	struct xlsx_unit *u = (struct xlsx_unit *)base;
	pf_status st;

	while (!(st = pull_row(u, err)) && row_has_errors(u))
		; /* a row with an error is not given: the next one is */
	if (st)
		return st;
	memset(rec, 0, sizeof(*rec));
	rec->kind = base->kind;
	rec->style = PF_LOC_CELL;
	rec->source = base->source;
	rec->sheet = u->sheet;
	rec->head = (const char *const *)u->head;
	rec->line = u->row;
	/* Absent cells still point at their column for messages. */
	for (size_t c = 0; c < u->ncols; c++)
		if (u->map[c] >= 0)
			rec->col[u->map[c]] = (int)c + 1;
	for (size_t i = 0; i < u->ncells; i++) {
		const struct cell *c = &u->cells[i];
		if (cell_field(u, c) < 0 || c->holds != CELL_VALUE)
			continue;
		const char *v = u->vals.s + c->off;
		/* A date that does not parse is left as it is, for the period rule to reject. */
		if (u->dates[c->col - 1] && pf_date_text_period(v, u->periods[c->col - 1]))
			v = u->periods[c->col - 1];
		rec->val[u->map[c->col - 1]] = v;
	}
	return PF_OK;
}

static void xlsx_free(pf_unit *base)
{
	struct xlsx_unit *u = (struct xlsx_unit *)base;

	if (u->x.p)
		XML_ParserFree(u->x.p);
	entry_close(&u->ent);
	book_unref(u->book);
	free(u->text.s);
	free(u->vals.s);
	free(u->cells);
	free(u->map);
	free(u->dates);
	free(u->periods);
	for (int f = 0; f < PF_FIELDS_MAX; f++)
		free(u->head[f]);
	free(u->sheet);
	free(u->part);
	free(base->source);
	free(u);
}

/* ---- the header row ---- */

/* Says why a sheet is skipped: what its header row lacks to be of the closest kind. */
static void warn_no_kind(const struct xlsx_unit *u, const char *const *headings, size_t n, int near)
{
	char pos[300], missing[256] = "";
	size_t nf;
	const pf_field *fields;

	cell_pos(pos, sizeof(pos), u->sheet, 1, u->row);
	if (near < 0) {
		pf_warn_pos(u->x.err, u->base.source, pos,
		            "sheet \"%s\" skipped: its header row names no known sheet kind",
		            u->sheet);
		return;
	}
	fields = pf_kind_fields(near, &nf);
	for (size_t i = 0; i < nf; i++) {
		bool found = false;
		if (!fields[i].required)
			continue;
		for (size_t c = 0; c < n && !found; c++)
			found = pf_kind_field(near, headings[c]) == (int)i;
		if (!found) {
			size_t len = strlen(missing);
			snprintf(missing + len, sizeof(missing) - len, "%s%s/%s", len ? ", " : "",
			         fields[i].sv, fields[i].en);
		}
	}
	pf_warn_pos(u->x.err, u->base.source, pos,
	            "sheet \"%s\" skipped: its header row is of no known sheet kind (the %s sheet "
	            "would also need %s)",
	            u->sheet, pf_kind_name(near), missing);
}

/* The header row's headings by column ("" where absent); the caller frees the array. */
static const char **header_headings(const struct xlsx_unit *u, size_t *n)
{
	const char **h;

	*n = 0;
	for (size_t i = 0; i < u->ncells; i++)
		if ((size_t)u->cells[i].col > *n)
			*n = (size_t)u->cells[i].col;
	if (!(h = malloc(*n * sizeof(*h))))
		return NULL;
	for (size_t c = 0; c < *n; c++)
		h[c] = "";
	for (size_t i = 0; i < u->ncells; i++)
		if (u->cells[i].holds == CELL_VALUE)
			h[u->cells[i].col - 1] = u->vals.s + u->cells[i].off;
	return h;
}

/*
 * The headings as a --map reads them: one it names becomes its field name,
 * one it ignores becomes empty (no warning), the rest stay as they are.
 */
static void map_headings(struct xlsx_unit *u, const pf_headings *m, const char **h)
{
	for (size_t c = 0; c < u->ncols; c++) {
		bool dates = false;
		const char *f = m->field(m->ctx, h[c], &dates);
		u->dates[c] = f && dates;
		h[c] = m->ignores(m->ctx, h[c]) ? "" : f ? f : h[c];
	}
}

/*
 * Keeps each field's heading as the header row (the current row) has it, for
 * messages; the last column of a field gives its value, so its heading wins.
 */
static pf_status keep_headings(struct xlsx_unit *u, pf_error *err)
{
	for (size_t i = 0; i < u->ncells; i++) {
		const struct cell *c = &u->cells[i];
		int f = cell_field(u, c);
		if (f < 0 || c->holds != CELL_VALUE)
			continue;
		free(u->head[f]);
		if (!(u->head[f] = strdup(u->vals.s + c->off)))
			return pf_error_set(err, PF_ENOMEM, "out of memory");
	}
	return PF_OK;
}

/* Reads the first non-empty row: the kind, the column map, a warning per unknown column. */
static pf_status read_header(struct xlsx_unit *u, bool *skip, pf_error *err)
{
	const char **h = NULL;
	char pos[300], near_heading[64];
	int near;
	pf_status st = pull_row(u, err);

	*skip = st == PF_END;
	if (*skip)
		pf_warn_pos(err, u->base.source, u->sheet, "sheet \"%s\" is empty: skipped",
		            u->sheet);
	if (st)
		return st == PF_END ? PF_OK : st;
	if (!(h = header_headings(u, &u->ncols)) || !(u->map = calloc(u->ncols + 1, sizeof(int))) ||
	    !(u->dates = calloc(u->ncols + 1, sizeof(bool))) ||
	    !(u->periods = calloc(u->ncols + 1, sizeof(*u->periods)))) {
		st = pf_error_set(err, PF_ENOMEM, "out of memory");
		goto out;
	}
	const pf_headings *m = u->book->map;
	if (m)
		map_headings(u, m, h);
	int kind = pf_kind_detect(h, u->ncols, u->map, &near);
	if (m && m->kind >= 0 && kind != m->kind) {
		near = m->kind;
		kind = -1;
	}
	if ((*skip = kind < 0)) {
		warn_no_kind(u, h, u->ncols, near);
		goto out;
	}
	u->base.kind = kind;
	if ((st = keep_headings(u, err)))
		goto out;
	for (size_t c = 0; c < u->ncols; c++) {
		if (u->map[c] >= 0 || !h[c][0])
			continue;
		cell_pos(pos, sizeof(pos), u->sheet, (int)c + 1, u->row);
		if (pf_near_heading(u->base.kind, h[c], u->map, u->ncols, near_heading,
		                    sizeof(near_heading)))
			pf_warn_pos(err, u->base.source, pos,
			            "unknown column \"%s\" ignored: did you mean %s?", h[c],
			            near_heading);
		else
			pf_warn_pos(err, u->base.source, pos, "unknown column \"%s\" ignored",
			            h[c]);
	}
out:
	free(h);
	return st;
}

/* ---- opening ---- */

/* Opens one sheet and reads its header; *out is NULL when the sheet is skipped. */
static pf_status unit_open(struct book *b, const struct sheet_ref *ref, struct xlsx_unit **out,
                           pf_error *err)
{
	struct xlsx_unit *u = calloc(1, sizeof(*u));
	bool skip = false;
	pf_status st;

	*out = NULL;
	if (!u)
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	u->book = b;
	b->refs++;
	u->base.next = xlsx_next;
	u->base.free = xlsx_free;
	memcpy(u->base.checksum, b->checksum, sizeof(u->base.checksum));
	if (!(u->base.source = strdup(b->source)) || !(u->sheet = strdup(ref->name)) ||
	    !(u->part = strdup(ref->part))) {
		st = pf_error_set(err, PF_ENOMEM, "out of memory");
		goto fail;
	}
	st = entry_open(b, u->part, &u->ent, err);
	if (st == PF_ENOTFOUND)
		st = pf_error_pos(err, PF_EINPUT, b->source, NULL,
		                  "sheet \"%s\": its part %s is missing from the archive", u->sheet,
		                  u->part);
	if (st || (st = xml_init(&u->x, b, u->part, u, sheet_start, sheet_end, sheet_chars, err)) ||
	    (st = read_header(u, &skip, err)) || skip)
		goto fail;
	*out = u;
	return PF_OK;
fail:
	xlsx_free(&u->base);
	return st;
}

static pf_status add_unit(pf_unit ***units, size_t *n, size_t *cap, pf_unit *u, pf_error *err)
{
	void *p = grow(*units, *n, cap, sizeof(**units));

	if (!p) {
		u->free(u);
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	}
	*units = p;
	(*units)[(*n)++] = u;
	return PF_OK;
}

/* Reads the workbook's index parts, then opens each sheet in workbook order. */
static pf_status open_units(struct book *b, pf_unit ***units, size_t *n, pf_error *err)
{
	struct workbook wb = {0};
	size_t cap = 0;
	pf_status st;

	if ((st = read_workbook(b, &wb, err)) ||
	    (st = read_styles(b, wb.styles_part ? wb.styles_part : "xl/styles.xml", err)) ||
	    (st = read_shared_strings(b, wb.sst_part ? wb.sst_part : "xl/sharedStrings.xml", err)))
		goto out;
	for (size_t i = 0; i < wb.n; i++) {
		struct xlsx_unit *u;
		if (!wb.sheets[i].worksheet) {
			pf_warn_pos(
			    err, b->source, wb.sheets[i].name,
			    "sheet \"%s\" is not a worksheet (a chart or dialog sheet): skipped",
			    wb.sheets[i].name);
			continue;
		}
		if ((st = unit_open(b, &wb.sheets[i], &u, err)))
			goto out;
		if (u && *n == MAX_UNITS) {
			xlsx_free(&u->base);
			st = pf_error_pos(err, PF_EINPUT, b->source, NULL,
			                  "the workbook has over %d sheets to import: split it",
			                  MAX_UNITS);
			goto out;
		}
		if (u && (st = add_unit(units, n, &cap, &u->base, err)))
			goto out;
	}
out:
	if (st) {
		for (size_t i = 0; i < *n; i++)
			(*units)[i]->free((*units)[i]);
		free(*units);
		*units = NULL;
		*n = 0;
	}
	workbook_free(&wb);
	return st;
}

/* The start of an OLE compound file: an encrypted workbook, or an old .xls. */
static const unsigned char OLE_MAGIC[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static pf_status zip_failed(const struct book *b, int code, const unsigned char *head, size_t n,
                            pf_error *err)
{
	zip_error_t ze;
	pf_status st;

	if (n >= sizeof(OLE_MAGIC) && !memcmp(head, OLE_MAGIC, sizeof(OLE_MAGIC)))
		return not_xlsx(b,
		                "it is an encrypted workbook or an old .xls file: save it as .xlsx "
		                "without a password",
		                err);
	if (code == ZIP_ER_MEMORY)
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	zip_error_init_with_code(&ze, code);
	if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_SEEK)
		st = pf_error_pos(err, PF_EENV, b->source, NULL, "cannot read the file: %s",
		                  zip_error_strerror(&ze));
	else
		st = pf_error_pos(err, PF_EINPUT, b->source, NULL,
		                  "not an XLSX workbook: not a zip archive (%s)",
		                  zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return st;
}

/*
 * Reads the file once for its checksum, size and first bytes; PF_EENV if it
 * cannot be read.
 */
static pf_status file_checksum(struct book *b, unsigned char head[8], size_t *nhead, uint64_t *size,
                               pf_error *err)
{
	unsigned char buf[65536];
	pf_sha256 *h;
	size_t n;
	pf_status st = PF_OK;
	FILE *f = fopen(b->source, "rb");

	*nhead = 0;
	*size = 0;
	if (!f)
		return pf_error_pos(err, PF_EENV, b->source, NULL, "cannot open: %s",
		                    strerror(errno));
	if (!(h = pf_sha256_new())) {
		fclose(f);
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (*nhead == 0) {
			*nhead = n < 8 ? n : 8;
			memcpy(head, buf, *nhead);
		}
		pf_sha256_add(h, buf, n);
		*size += n;
	}
	if (ferror(f))
		st =
		    pf_error_pos(err, PF_EENV, b->source, NULL, "cannot read: %s", strerror(errno));
	fclose(f);
	pf_sha256_hex(h, b->checksum);
	pf_sha256_free(h);
	return st;
}

pf_status pf_xlsx_open(const char *path, pf_unit ***units, size_t *n, pf_error *err)
{
	return pf_xlsx_open_map(path, NULL, units, n, err);
}

pf_status pf_xlsx_open_map(const char *path, const pf_headings *map, pf_unit ***units, size_t *n,
                           pf_error *err)
{
	unsigned char head[8];
	size_t nhead;
	uint64_t size;
	int code = 0;
	pf_status st;
	struct book *b = book_new(path);

	*units = NULL;
	*n = 0;
	if (!b)
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	b->map = map;
	if ((st = file_checksum(b, head, &nhead, &size, err)))
		goto out;
	if (size == 0) {
		st = not_xlsx(b, "the file is empty", err);
		goto out;
	}
	if (!(b->za = zip_open(path, ZIP_RDONLY, &code))) {
		st = zip_failed(b, code, head, nhead, err);
		goto out;
	}
	st = open_units(b, units, n, err);
out:
	book_unref(b);
	return st;
}

pf_status pf_xlsx_open_buffer(const char *name, const void *data, size_t len, pf_unit ***units,
                              size_t *n, pf_error *err)
{
	zip_error_t ze;
	zip_source_t *src = NULL;
	pf_status st;
	struct book *b = book_new(name);
	void *copy = len ? malloc(len) : NULL; /* the units outlive the caller's buffer */

	*units = NULL;
	*n = 0;
	zip_error_init(&ze);
	if (!b || (len && !copy)) {
		free(copy);
		st = pf_error_set(err, PF_ENOMEM, "out of memory");
		goto out;
	}
	if (!len) {
		st = not_xlsx(b, "the file is empty", err);
		goto out;
	}
	memcpy(copy, data, len);
	pf_sha256_of(data, len, b->checksum);
	if (!(src = zip_source_buffer_create(copy, len, 1, &ze))) {
		free(copy);
		st = zip_failed(b, zip_error_code_zip(&ze), data, len, err);
		goto out;
	}
	if (!(b->za = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
		zip_source_free(src); /* frees the copy too */
		st = zip_failed(b, zip_error_code_zip(&ze), data, len, err);
		goto out;
	}
	st = open_units(b, units, n, err);
out:
	zip_error_fini(&ze);
	book_unref(b);
	return st;
}
