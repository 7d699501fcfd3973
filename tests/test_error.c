/*
 * Tests for src/core/error.c: secrets (a bearer token, a URL's password) never
 * reach a recorded diagnostic, neither its message nor its location.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "portfolj/error.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

struct mask_row {
	const char *secret1, *secret2, *in, *want;
};

static const struct mask_row mask_rows[] = {
    {"s3cret", NULL, "\"Bearer s3cret\" is not a number", "\"Bearer ***\" is not a number"},
    {"s3cret", NULL, "s3crets3cret and s3cret", "****** and ***"},
    {"s3cret", NULL, "nothing to hide", "nothing to hide"},
    {"s3cret", "pw", "user:pw@host Bearer s3cret", "user:***@host Bearer ***"},
    {"", NULL, "an empty secret hides nothing", "an empty secret hides nothing"},
    {NULL, NULL, "s3cret", "s3cret"},
};

static void masks_messages(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(mask_rows); i++) {
		const struct mask_row *r = &mask_rows[i];
		pf_error e;

		pf_error_init(&e);
		assert_int_equal(pf_error_secret(&e, r->secret1), PF_OK);
		assert_int_equal(pf_error_secret(&e, r->secret2), PF_OK);
		pf_error_pos(&e, PF_EINPUT, "src", NULL, "%s", r->in);
		pf_warn_pos(&e, "src", NULL, "%s", r->in);
		assert_int_equal(e.count, 2);
		assert_string_equal(e.diags[0].message, r->want);
		assert_string_equal(e.diags[1].message, r->want);
		char *m = pf_error_masked(&e, r->in);
		assert_string_equal(m, r->want);
		free(m);
		pf_error_clear(&e);
	}
}

static void masks_locations(void **state)
{
	pf_error e;
	char *plain;

	(void)state;
	pf_error_init(&e);
	pf_error_secret(&e, "tok");
	pf_error_secret(&e, "tok"); /* kept once */
	assert_int_equal(e.nsecrets, 1);
	pf_error_at(&e, PF_EENV, "http://h/?key=tok", 3, 4, "at %s", "tok");
	assert_string_equal(e.diags[0].where, "http://h/?key=***:3:4");
	assert_string_equal(e.diags[0].message, "at ***");
	pf_error_clear(&e);
	assert_int_equal(e.nsecrets, 0);
	plain = pf_error_masked(NULL, "tok"); /* no pf_error: nothing to mask */
	assert_string_equal(plain, "tok");
	free(plain);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(masks_messages),
	    cmocka_unit_test(masks_locations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
