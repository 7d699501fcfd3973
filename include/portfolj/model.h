/* Small queries about the portfolio that commands need. */
#ifndef PORTFOLJ_MODEL_H
#define PORTFOLJ_MODEL_H

#include <stddef.h>

#include "portfolj/db.h"
#include "portfolj/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The next free decision id of the form BODY-DATE-N (`KBN-2025-03-04-1`),
 * where BODY is the canonical body. Writes at most n bytes.
 */
PF_API pf_status pf_decision_next_id(pf_db *db, const char *body, const char *date, char *buf,
                                     size_t n, pf_error *err);

#ifdef __cplusplus
}
#endif
#endif
