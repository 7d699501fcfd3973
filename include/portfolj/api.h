/*
 * PF_API marks the public API: the library is built with
 * -fvisibility=hidden, so only what the headers of include/portfolj/ declare
 * with PF_API is exported from the shared library.
 */
#ifndef PORTFOLJ_API_H
#define PORTFOLJ_API_H

#if defined(__GNUC__) || defined(__clang__)
#define PF_API __attribute__((visibility("default")))
#else
#define PF_API
#endif

#endif
