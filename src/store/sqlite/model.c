/* Small queries about the portfolio: see include/portfolj/model.h. */
#include "portfolj/model.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite/db_internal.h"
#include "portfolj/value.h"

pf_status pf_decision_next_id(pf_db *db, const char *body, const char *date, char *buf, size_t n,
                              pf_error *err)
{
	static const char sql[] = "SELECT id FROM decisions WHERE substr(id, 1, ?2) = ?1";
	char canon[PF_BODY_BUF], prefix[128];
	sqlite3_stmt *st;
	long long next = 1;
	int rc;
	pf_status s;

	snprintf(prefix, sizeof(prefix), "%s-%s-", pf_body_parse(body, canon) ? canon : body, date);
	if ((s = pf_db_prepare(db, &st, sql, err)))
		return s;
	pf_bind_text(st, 1, prefix);
	sqlite3_bind_int(st, 2, (int)strlen(prefix));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rest = pf_col_text(st, 0) + strlen(prefix);
		char *end;
		long long k = strtoll(rest, &end, 10);
		/* An N at the limit cannot be followed: the next is found below it. */
		if (*rest && !*end && k >= next && k < LLONG_MAX)
			next = k + 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return pf_db_fail(db, rc, err, "reading decisions");
	snprintf(buf, n, "%s%lld", prefix, next);
	return PF_OK;
}
