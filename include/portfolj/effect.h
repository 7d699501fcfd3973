/* Effect realisation, FORMATS.md section 4: pure arithmetic, no database. */
#ifndef PORTFOLJ_EFFECT_H
#define PORTFOLJ_EFFECT_H

#include <stdbool.h>

#include "portfolj/value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A light that is none of grön, gul, röd: nothing measured yet. */
#define PF_LIGHT_UNMEASURED PF_LIGHT_COUNT

/*
 * clamp((v - b) / (t - b), 0, 1); when t == b, 1 if v is at or beyond t in
 * the direction, else 0.
 */
PF_API double pf_progress(double baseline, double target, double value, pf_direction dir);

/* clamp((end - d0) / (d1 - d0), 0, 1) in days; d1 must be after d0. */
PF_API double pf_expected(pf_date d0, pf_date d1, pf_date end);

/* grön if progress >= expected - 0.10, gul if >= expected - 0.25, else röd. */
PF_API pf_light pf_light_for(double progress, double expected);

/*
 * How many quarters a value measured at some frequency stays current, its own
 * included: 2 quarterly, 3 half-yearly, 5 yearly (FORMATS.md section 4).
 */
PF_API int pf_frequency_quarters(pf_frequency f);

/*
 * Whether a value of period `at` is stale at period p: p - at reaches the
 * frequency's pf_frequency_quarters(). An unknown frequency counts as quarterly.
 */
PF_API bool pf_stale(pf_frequency f, pf_period at, pf_period p);

/* Rounds a fraction to 4 decimals, as reports show realisation. */
PF_API double pf_round4(double x);

#ifdef __cplusplus
}
#endif
#endif
