/*
 * The XML side of the XLSX reader (importers/read/xlsx.c). Random bytes rarely
 * survive a zip's checksums, so this target builds the archive itself: the
 * input is a list of parts, each a name and its text ended by NUL bytes
 *
 *   xl/workbook.xml NUL <workbook ...> NUL xl/worksheets/sheet1.xml NUL ... NUL
 *
 * (a last text without its NUL runs to the end), stored uncompressed in a zip
 * made with libzip and read through pf_xlsx_open_buffer(). The seeds in
 * corpus/xlsx_xml/ are the workbooks of tests/data/xlsx/ in this form
 * (make_seeds.py writes them).
 */
#include <zip.h>

#include "fuzz.h"
#include "importers/read/xlsx.h"

#define MAX_PARTS 32

/* Adds one stored part; the zip keeps a pointer to text until zip_close(). */
static int add_part(zip_t *za, const char *name, const uint8_t *text, size_t len)
{
	zip_source_t *s = zip_source_buffer(za, text, len, 0);
	zip_int64_t idx;

	if (!s)
		return -1;
	if ((idx = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)) < 0) {
		zip_source_free(s);
		return -1;
	}
	return zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
}

/* Builds the zip in memory; returns a malloc'd archive or NULL when the parts make none. */
static uint8_t *build_zip(const uint8_t *data, size_t size, size_t *out_len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t end = 0;
	uint8_t *out = NULL;
	size_t pos = 0;
	int parts = 0;

	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(NULL, 0, 0, &ze)))
		goto out;
	zip_source_keep(src);
	if (!(za = zip_open_from_source(src, ZIP_TRUNCATE, &ze))) {
		zip_source_free(src);
		src = NULL;
		goto out;
	}
	while (pos < size && parts < MAX_PARTS) {
		const uint8_t *name = data + pos, *text;
		const uint8_t *nul = memchr(name, 0, size - pos);
		size_t text_len;

		if (!nul || nul == name)
			break; /* a name must be there and end */
		text = nul + 1;
		pos = (size_t)(text - data);
		nul = memchr(text, 0, size - pos);
		text_len = nul ? (size_t)(nul - text) : size - pos;
		pos += text_len + (nul ? 1 : 0);
		if (add_part(za, (const char *)name, text, text_len) < 0)
			continue; /* a name libzip refuses: leave the part out */
		parts++;
	}
	if (zip_close(za) < 0) {
		zip_discard(za);
		goto out;
	}
	if (zip_source_open(src) < 0)
		goto out;
	if (zip_source_seek(src, 0, SEEK_END) == 0 && (end = zip_source_tell(src)) >= 0 &&
	    zip_source_seek(src, 0, SEEK_SET) == 0 && (out = malloc(end ? (size_t)end : 1)) &&
	    zip_source_read(src, out, (zip_uint64_t)end) == end) {
		*out_len = (size_t)end;
	} else {
		free(out);
		out = NULL;
	}
	zip_source_close(src);
out:
	if (src)
		zip_source_free(src);
	zip_error_fini(&ze);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pf_error err;
	pf_unit **units = NULL;
	size_t n = 0, len = 0;
	uint8_t *zip = build_zip(data, size, &len);
	pf_status st;

	if (!zip)
		return 0;
	pf_error_init(&err);
	st = pf_xlsx_open_buffer("fuzz.xlsx", zip, len, &units, &n, &err);
	free(zip); /* the reader keeps its own copy */
	if (st == PF_OK)
		pf_fuzz_drain(units, n, &err);
	else if (units || n)
		pf_fuzz_fail("pf_xlsx_open_buffer failed but gave units", NULL);
	else if (err.errors == 0)
		pf_fuzz_fail("pf_xlsx_open_buffer failed without recording an error", NULL);
	pf_fuzz_check_error(&err);
	pf_error_clear(&err);
	return 0;
}
