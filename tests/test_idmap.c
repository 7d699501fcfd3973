/*
 * The id map of importers/load/idmap.c: growth, collisions, absent ids, and the
 * shortcuts for ids met again (the same as last, the one put after it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "importers/load/idmap.h"

enum { N = 100000 };

static void id_of(int i, char *buf, size_t n)
{
	/* Ids differing only late, as real ones do ("HSN-00042-M3"). */
	snprintf(buf, n, "%s-%05d-M%d", (const char *[]){"RS", "HSN", "KTN", "KBN", "RUN"}[i % 5],
	         i / 5, i % 7);
}

static void test_many_ids(void **state)
{
	pf_idmap m = {0};
	char id[32];
	int64_t v;

	(void)state;
	assert_false(pf_idmap_get(&m, "RS-00000-M0", &v));
	for (int i = 0; i < N; i++) {
		id_of(i, id, sizeof(id));
		assert_true(pf_idmap_put(&m, id, (int64_t)i * 3 + 1));
	}
	assert_int_equal(m.n, N);
	assert_true(m.cap >= 2 * N);
	for (int i = N - 1; i >= 0; i--) {
		id_of(i, id, sizeof(id));
		v = -1;
		assert_true(pf_idmap_get(&m, id, &v));
		assert_int_equal(v, (int64_t)i * 3 + 1);
	}
	for (int i = N; i < N + 1000; i++) {
		id_of(i, id, sizeof(id));
		assert_false(pf_idmap_get(&m, id, &v));
	}
	assert_false(pf_idmap_get(&m, "", &v));
	assert_false(pf_idmap_get(&m, "RS-00000-M", &v));
	pf_idmap_free(&m);
	assert_int_equal(m.n, 0);
}

/* The empty id and ids that are prefixes of each other are different keys. */
static void test_prefixes_and_empty(void **state)
{
	pf_idmap m = {0};
	const char *ids[] = {"", "E", "E1", "E10", "E1 ", "e1", "Ä1"};
	int64_t v;

	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		assert_true(pf_idmap_put(&m, ids[i], (int64_t)i));
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		assert_true(pf_idmap_get(&m, ids[i], &v));
		assert_int_equal(v, (int64_t)i);
	}
	assert_false(pf_idmap_get(&m, "E100", &v));
	pf_idmap_free(&m);
}

/* Lookups in every order a sheet gives them agree with what was put. */
static void test_orders(void **state)
{
	enum { M = 5000 };
	pf_idmap m = {0};
	char id[32];
	int64_t v;
	unsigned r = 7;

	(void)state;
	for (int i = 0; i < M; i++) {
		id_of(i, id, sizeof(id));
		assert_true(pf_idmap_put(&m, id, i));
	}
	/* Grouped (each id several times), in the order put (twice), then at random. */
	for (int pass = 0; pass < 4; pass++)
		for (int i = 0; i < M; i++) {
			int k = pass == 0  ? i / 3
			        : pass < 3 ? i
			                   : (int)((r = r * 1103515245u + 12345u) >> 8) % M;
			id_of(k, id, sizeof(id));
			v = -1;
			assert_true(pf_idmap_get(&m, id, &v));
			assert_int_equal(v, k);
			/* An absent id right after, whatever was found last. */
			assert_false(pf_idmap_get(&m, "nope", &v));
			assert_int_equal(v, k);
		}
	pf_idmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_many_ids),
	    cmocka_unit_test(test_prefixes_and_empty),
	    cmocka_unit_test(test_orders),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
