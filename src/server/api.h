/* What api.c (routes, reads) and api_write.c (writes) share; not public. */
#ifndef PF_SERVER_API_H
#define PF_SERVER_API_H

#include "server.h"

/* False, answered 401, when nobody is logged in. */
bool pf_api_need_user(pf_call *c);
/* A new temporary folder under $TMPDIR (or /tmp), and its removal with the files in it. */
bool pf_api_tempdir(char out[256]);
void pf_api_tempdir_remove(const char *dir);
/* A stored row's JSON text and ETag; PF_ENOTFOUND when there is none. */
pf_status pf_api_row(pf_call *c, pf_kind k, const char *const *key, char **text, size_t *len,
                     char etag[40]);
/* Answers status with the stored row and its ETag (404 when there is none). */
void pf_api_send_row(pf_call *c, int status, pf_kind k, const char *const *key);

/* PUT followups/INITIATIVE/PERIOD, PUT measurements/INDICATOR/PERIOD, PATCH initiatives|effects/ID.
 */
void pf_api_write_row(pf_call *c, pf_kind k, const char *const *key);
/* POST decisions. */
void pf_api_decision(pf_call *c);
/* POST import. */
void pf_api_import(pf_call *c);

#endif
