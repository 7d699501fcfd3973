/* Effect realisation arithmetic: see include/portfolj/effect.h. */
#include "portfolj/effect.h"

#include <math.h>

static double clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

double pf_progress(double baseline, double target, double value, pf_direction dir)
{
	if (target == baseline) {
		bool reached = dir == PF_DIR_DECREASE ? value <= target : value >= target;
		return reached ? 1 : 0;
	}
	return clamp01((value - baseline) / (target - baseline));
}

double pf_expected(pf_date d0, pf_date d1, pf_date end)
{
	if (d1 <= d0)
		return 1;
	return clamp01((double)(end - d0) / (double)(d1 - d0));
}

/* A small tolerance keeps a progress exactly on a threshold on its side despite rounding. */
#define PF_EPS 1e-9

pf_light pf_light_for(double progress, double expected)
{
	if (progress >= expected - 0.10 - PF_EPS)
		return PF_LIGHT_GREEN;
	if (progress >= expected - 0.25 - PF_EPS)
		return PF_LIGHT_YELLOW;
	return PF_LIGHT_RED;
}

int pf_frequency_quarters(pf_frequency f)
{
	/* A value is current for its own quarter and the quarters up to the next measuring. */
	static const int quarters[PF_FREQ_COUNT] = {2, 3, 5};

	return (unsigned)f < PF_FREQ_COUNT ? quarters[f] : quarters[PF_FREQ_QUARTERLY];
}

bool pf_stale(pf_frequency f, pf_period at, pf_period p)
{
	return p - at >= pf_frequency_quarters(f);
}

double pf_round4(double x)
{
	return round(x * 10000.0) / 10000.0;
}
