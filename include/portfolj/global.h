/*
 * The library's process-wide state (libcurl's, for imports from URLs). A
 * program calls pf_global_init() once, before it starts any thread and before
 * any import, and pf_global_cleanup() once at exit, after every thread has
 * stopped using the library. Neither is safe to call while another thread
 * uses the library: that is why they are explicit and never done lazily.
 */
#ifndef PORTFOLJ_GLOBAL_H
#define PORTFOLJ_GLOBAL_H

#include "portfolj/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Sets up the process-wide state; PF_EENV when a library below cannot start. */
PF_API pf_status pf_global_init(pf_error *err);
/* Releases what pf_global_init() set up. */
PF_API void pf_global_cleanup(void);

#ifdef __cplusplus
}
#endif
#endif
