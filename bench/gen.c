/*
 * gen: synthetic portfolios for the portfolj benchmark.
 *
 *     gen N OUTDIR [SEED]
 *
 * writes OUTDIR/initiatives.csv, effects.csv, measurements.csv, followups.csv
 * and priorities.csv in the sheet formats of FORMATS.md section 2: Swedish
 * headings (with their accents, as a Swedish user types them), `;` as the
 * delimiter, UTF-8 without BOM, LF line ends, `.` decimals and canonical
 * periods (2025Q1), so that a plain SQL query over `sqlite3 .import`ed bare
 * tables can read the same text without a Swedish number parser.
 *
 * N initiatives spread over RS, HSN, KTN, KBN and RUN; 5 indicators each; 20
 * quarters of measured values each (2021Q1..2025Q4), so N = 10,000 gives
 * 1,000,000 measurement rows; a follow-up per ongoing or paused initiative per
 * quarter for 2025Q1..2025Q4 (a few missing), one for the completion quarter of
 * the completed initiatives that have no end date; priority lists for 2025Q1
 * and 2025Q3. The output depends only on N and SEED (default 1).
 *
 * Build: cc -O2 -std=c11 -o gen bench/gen.c
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- deterministic random numbers: splitmix64 seeding xoshiro256** ---- */

static uint64_t rng_s[4];

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rnd(void)
{
	uint64_t r = rotl(rng_s[1] * 5, 7) * 9, t = rng_s[1] << 17;
	rng_s[2] ^= rng_s[0];
	rng_s[3] ^= rng_s[1];
	rng_s[1] ^= rng_s[2];
	rng_s[0] ^= rng_s[3];
	rng_s[2] ^= t;
	rng_s[3] = rotl(rng_s[3], 45);
	return r;
}

static void seed(uint64_t s)
{
	for (int i = 0; i < 4; i++)
		rng_s[i] = splitmix64(&s);
}

/* Uniform in [0, 1). */
static double unif(void)
{
	return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [lo, hi]. */
static long irange(long lo, long hi)
{
	return lo + (long)(rnd() % (uint64_t)(hi - lo + 1));
}

static double frange(double lo, double hi)
{
	return lo + (hi - lo) * unif();
}

/* Index drawn by weights (they need not sum to 100). */
static int pick(const int *w, int n)
{
	int total = 0;
	for (int i = 0; i < n; i++)
		total += w[i];
	long r = irange(0, total - 1);
	for (int i = 0; i < n; i++) {
		if (r < w[i])
			return i;
		r -= w[i];
	}
	return n - 1;
}

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define ONE(a) ((a)[irange(0, COUNT(a) - 1)])

/* ---- dates as days since 1970-01-01 (proleptic Gregorian) ---- */

static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (unsigned)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)((long)yoe + era * 400 + (*m <= 2));
}

static const char *date_str(long days, char *buf)
{
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, 40, "%04d-%02d-%02d", y, m, d);
	return buf;
}

/* Quarter q counted from 2021Q1 = 0: its last day. */
static long quarter_end(int q)
{
	int y = 2021 + q / 4, m = (q % 4) * 3 + 3;
	return days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
}

/* ---- the vocabulary of the portfolio ---- */

static const char *const committees[] = {"RS", "HSN", "KTN", "KBN", "RUN"};
static const int committee_w[] = {30, 35, 12, 13, 10};

static const char *const units_of[][4] = {
    {"Regionledningsförvaltningen", "Region IT", "Ekonomi", "HR"},
    {"Hälso- och sjukvården", "Primärvården", "Centralsjukhuset Karlstad", "Folktandvården"},
    {"Kollektivtrafikförvaltningen", "Värmlandstrafik", "Färdtjänsten", "Skolskjuts"},
    {"Kultur- och bildningsförvaltningen", "Folkhögskolorna", "Regionbiblioteket", "Musik i Syd"},
    {"Regional utveckling", "Näringsliv", "Infrastruktur och bredband", "Kompetensförsörjning"},
};

static const char *const phases[] = {"idé",    "förstudie", "beslutad", "pågående",
                                     "pausad", "avslutad",  "stoppad"};
enum { IDE, PRESTUDY, DECIDED, ONGOING, PAUSED, COMPLETED, CANCELLED };
static const int phase_w[] = {7, 8, 8, 45, 6, 21, 5};

static const char *const categories[] = {"digitalisering", "förvaltning", "infrastruktur"};
static const int category_w[] = {58, 27, 15};

static const char *const verbs[] = {
    "Införande av",      "Ny",      "Digitalisering av", "Utveckling av",
    "Automatisering av", "Byte av", "Samordnad",         "Förstudie om"};
static const char *const things[] = {"ärendehantering",      "e-tjänst för ansökningar",
                                     "journalsystem",        "bokningssystem",
                                     "biljettsystem",        "fakturering",
                                     "taligenkänning",       "AI-assistent",
                                     "kallelser via 1177",   "dokumenthantering",
                                     "nätverksskydd",        "lönesystem",
                                     "beslutsstöd",          "digitala möten",
                                     "egenmonitorering",     "självincheckning",
                                     "informationssäkerhet", "bredbandskartläggning",
                                     "kursadministration",   "reseplanerare"};
static const char *const targets[] = {
    "i vården",    "för medarbetare",    "för invånare", "i kollektivtrafiken", "för skolorna",
    "för företag", "på folkhögskolorna", "i tandvården", "för regionen",        ""};
static const char *const first_names[] = {"Anna", "Erik",   "Maria",  "Lars",   "Karin", "Johan",
                                          "Eva",  "Per",    "Sara",   "Anders", "Åsa",   "Björn",
                                          "Lena", "Mikael", "Ingrid", "Örjan"};
static const char *const last_names[] = {"Andersson", "Lindqvist", "Karlsson", "Nilsson",
                                         "Svensson",  "Öberg",     "Ek",       "Lundgren",
                                         "Berg",      "Håkansson", "Sjöström", "Wallin"};

/* Indicator templates: baseline range, relative change towards the target, decimals. */
struct tmpl {
	const char *name, *goal, *unit, *method;
	int increase;      /* 1 öka, 0 minska */
	double b_lo, b_hi; /* baseline range */
	double c_lo, c_hi; /* relative change of the target */
	double cap;        /* upper bound of a value, 0 for none */
	int decimals;
};
static const struct tmpl tmpls[] = {
    {"Genomsnittlig handläggningstid per ärende", "Kortare handläggningstid", "dagar",
     "Uttag ur ärendesystemet", 0, 15, 60, 0.3, 0.6, 0, 1},
    {"Andel ärenden som inkommer digitalt", "Fler digitala ärenden", "%", "Statistik ur e-tjänsten",
     1, 5, 45, 0.5, 1.2, 100, 1},
    {"Nöjd kund-index", "Nöjdare invånare", "index", "Enkät varje kvartal", 1, 50, 72, 0.08, 0.25,
     100, 0},
    {"Kostnad per transaktion", "Lägre kostnad", "kr", "Ekonomisystemet", 0, 40, 320, 0.2, 0.5, 0,
     2},
    {"Manuella moment per ärende", "Färre manuella moment", "st", "Processkartläggning", 0, 6, 24,
     0.3, 0.7, 0, 0},
    {"Tillgänglighet", "Stabil drift", "%", "Driftövervakning", 1, 96, 99.4, 0.002, 0.005, 100, 2},
    {"Väntetid i telefon", "Kortare väntetid", "minuter", "Telefonisystemet", 0, 4, 25, 0.25, 0.6,
     0, 1},
    {"Aktiva användare per månad", "Ökad användning", "st", "Inloggningsstatistik", 1, 200, 20000,
     0.3, 2.0, 0, 0},
    {"Frigjord arbetstid", "Frigjord tid för kärnverksamheten", "timmar/månad", "Tidsstudie", 1, 0,
     0, 40, 400, 0, 0},
    {"Andel fakturor utan manuell hantering", "Automatiserad fakturering", "%", "Ekonomisystemet",
     1, 10, 60, 0.3, 0.9, 100, 1},
};
static const char *const benefit_types[] = {"ekonomisk", "omfördelning", "kvalitativ"};
static const char *const fup_comments[] = {
    "Enligt plan.",
    "Leverantören försenad; ny tidplan tas fram.",
    "Utbildning av användare pågår.",
    "Integration med ekonomisystemet försenad",
    "Effekthemtagning har påbörjats i två verksamheter.",
    "Resursbrist i Region IT; prioriteras om i Digitaliseringsrådet.",
    "Upphandling överprövad, \"avvaktar dom\".",
    "Pilot klar; breddinförande i höst.",
};
static const char *const fup_effects[] = {"Kortare handläggningstid", "Frigjord tid för vården",
                                          "Fler ärenden digitalt", "Lägre kostnader för porto",
                                          "Ökad tillgänglighet; färre samtal"};

/* A name, drawn in a fixed order. */
static void person(char *buf)
{
	const char *first = ONE(first_names), *last = ONE(last_names);
	snprintf(buf, 64, "%s %s", first, last);
}

/* ---- CSV output ---- */

/* Writes a field quoted when it holds the delimiter, a quote or a line break. */
static void field(FILE *f, const char *s)
{
	if (!strpbrk(s, ";\"\r\n")) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

/* Formats v with d decimals; "-0" never appears. */
static const char *num(double v, int d, char *buf)
{
	snprintf(buf, 32, "%.*f", d, v);
	if (!strcmp(buf, "-0") || !strncmp(buf, "-0.", 3)) {
		char *p = buf + 1;
		while (*p == '0' || *p == '.')
			p++;
		if (!*p)
			memmove(buf, buf + 1, strlen(buf));
	}
	return buf;
}

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(3);
	}
	static char *bufs[8];
	static int nb;
	if (nb < 8) {
		bufs[nb] = malloc(1 << 20);
		if (bufs[nb])
			setvbuf(f, bufs[nb], _IOFBF, 1 << 20);
		nb++;
	}
	return f;
}

static void close_out(FILE *f, const char *name)
{
	if (ferror(f) || fclose(f)) {
		fprintf(stderr, "gen: writing %s failed\n", name);
		exit(3);
	}
}

/* ---- the portfolio ---- */

struct initiative {
	char id[24];
	int committee, phase;
	long start, end; /* days, -1 when absent */
	int done_q;      /* completion quarter from a follow-up (0..19), -1 if none */
};

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: gen N OUTDIR [SEED]\n");
		return 1;
	}
	char *e;
	errno = 0;
	long n = strtol(argv[1], &e, 10);
	if (*e || errno || n < 1 || n > 10000000) {
		fprintf(stderr, "gen: N must be a whole number from 1 to 10000000\n");
		return 1;
	}
	const char *dir = argv[2];
	uint64_t sd = 1;
	if (argc == 4) {
		errno = 0;
		sd = strtoull(argv[3], &e, 10);
		if (*e || errno) {
			fprintf(stderr, "gen: SEED must be a whole number\n");
			return 1;
		}
	}
	seed(sd);

	struct initiative *ini = calloc((size_t)n, sizeof(*ini));
	if (!ini) {
		fprintf(stderr, "gen: out of memory\n");
		return 3;
	}
	int seq[5] = {0};
	char b1[32], b2[32], b3[32], d1[40], d2[40];
	const long q_end_2025q4 = quarter_end(19);

	/* initiatives.csv */
	FILE *f = open_out(dir, "initiatives.csv");
	fputs("Id;Titel;Nämnd;Verksamhet;Beskrivning;Kategori;Fas;Innovativ;Tvärsektoriell;"
	      "Projektledare;Nyttoägare;Start;Slut;Budget kr;IT-timmar\n",
	      f);
	for (long i = 0; i < n; i++) {
		struct initiative *in = &ini[i];
		/* Every committee has at least one initiative when N >= 5. */
		in->committee = i < 5 ? (int)i : pick(committee_w, 5);
		in->phase = pick(phase_w, COUNT(phase_w));
		in->done_q = -1;
		snprintf(in->id, sizeof(in->id), "%s-%05d", committees[in->committee],
		         ++seq[in->committee]);
		int cat = pick(category_w, 3);
		char title[160], desc[320], pm[64], owner[64];
		{ /* one draw per statement: argument order must not decide the output */
			const char *verb = ONE(verbs), *thing = ONE(things);
			const char *whom = irange(0, 9) ? ONE(targets) : "";
			snprintf(title, sizeof(title), "%s %s%s%s", verb, thing, *whom ? " " : "",
			         whom);
		}
		switch (irange(0, 3)) {
		case 0:
			desc[0] = '\0';
			break;
		case 1: {
			long stage = irange(1, 3), units = irange(2, 40);
			snprintf(desc, sizeof(desc), "Etapp %ld; omfattar %ld verksamheter.", stage,
			         units);
		} break;
		case 2: {
			const char *thing = ONE(things);
			long year = irange(2023, 2025);
			snprintf(desc, sizeof(desc), "Del av \"%s\", enligt digital färdplan %ld.",
			         thing, year);
		} break;
		default:
			snprintf(desc, sizeof(desc),
			         "Ersätter äldre system; beslut i %s om finansiering.",
			         committees[in->committee]);
		}
		person(pm);
		person(owner);

		/* Dates: ideas and pre-studies often have none; completed ones mostly have an end.
		 */
		in->start = in->end = -1;
		long s0 = days_from_civil(2019, 1, 1), s1 = days_from_civil(2025, 9, 30);
		if (in->phase >= DECIDED || irange(0, 2) == 0)
			in->start = irange(s0, s1);
		if (in->phase == COMPLETED) {
			if (in->start < 0)
				in->start = irange(s0, days_from_civil(2024, 12, 31));
			long lo = in->start + 60, hi = q_end_2025q4;
			if (lo > hi)
				lo = hi;
			long done = irange(lo, hi);
			if (irange(0, 9) < 8) {
				in->end = done;
			} else {
				/* No end date: completion comes from the first follow-up that says
				 * avslutad. */
				int q = 0;
				while (q < 19 && quarter_end(q) < done)
					q++;
				in->done_q = q;
			}
		} else if (in->start >= 0 && irange(0, 3)) {
			in->end = in->start + irange(180, 1500); /* the planned end */
		}
		const char *innov =
		    in->phase == IDE && irange(0, 1) ? "" : (irange(0, 99) < 35 ? "ja" : "nej");
		const char *cross = irange(0, 99) < 15 ? "ja" : (irange(0, 1) ? "nej" : "");
		long budget = irange(0, 9) ? irange(1, 500) * 50000L : -1;
		double hours = -1;
		if (irange(0, 5)) {
			hours = (double)irange(0, 400) * 10;
			if (irange(0, 3) == 0)
				hours += 2.5;
		}

		field(f, in->id);
		putc(';', f);
		field(f, title);
		putc(';', f);
		field(f, committees[in->committee]);
		putc(';', f);
		field(f, units_of[in->committee][irange(0, 3)]);
		putc(';', f);
		field(f, desc);
		putc(';', f);
		/* An empty category is digitalisering; an empty status is idé. */
		field(f, cat == 0 && irange(0, 4) == 0 ? "" : categories[cat]);
		putc(';', f);
		field(f, in->phase == IDE && irange(0, 2) == 0 ? "" : phases[in->phase]);
		putc(';', f);
		field(f, innov);
		putc(';', f);
		field(f, cross);
		putc(';', f);
		field(f, pm);
		putc(';', f);
		field(f, irange(0, 3) ? owner : "");
		putc(';', f);
		fputs(in->start >= 0 ? date_str(in->start, d1) : "", f);
		putc(';', f);
		fputs(in->end >= 0 ? date_str(in->end, d2) : "", f);
		putc(';', f);
		if (budget >= 0)
			fprintf(f, "%ld", budget);
		putc(';', f);
		if (hours >= 0)
			fputs(num(hours, hours == (long)hours ? 0 : 1, b1), f);
		putc('\n', f);
	}
	close_out(f, "initiatives.csv");

	/* effects.csv and measurements.csv, indicator by indicator */
	f = open_out(dir, "effects.csv");
	FILE *m = open_out(dir, "measurements.csv");
	fputs(
	    "Indikator-id;Initiativ;Indikator;Effektmål;Enhet;Riktning;Basvärde;Basdatum;Målvärde;"
	    "Måldatum;Mätmetod;Ansvarig;Vikt;Nyttotyp;Nytta kr\n",
	    f);
	fputs("Indikator-id;Period;Värde;Kommentar\n", m);
	for (long i = 0; i < n; i++) {
		for (int k = 1; k <= 5; k++) {
			const struct tmpl *t = &tmpls[irange(0, COUNT(tmpls) - 1)];
			char iid[32], name[160];
			snprintf(iid, sizeof(iid), "%s-M%d", ini[i].id, k);
			snprintf(name, sizeof(name), "%s", t->name);
			double scale = 1;
			for (int p = 0; p < t->decimals; p++)
				scale *= 10;
			double b = frange(t->b_lo, t->b_hi);
			b = (double)(long long)(b * scale + 0.5) / scale;
			double change = frange(t->c_lo, t->c_hi), tg;
			int increase = t->increase;
			/* A tenth of the indicators go the other way than the template (mixed
			 * directions). */
			if (irange(0, 9) == 0 && t->b_hi > 0)
				increase = !increase;
			if (t->b_hi == 0) /* an absolute target from zero */
				tg = change;
			else
				tg = increase ? b * (1 + change)
				              : b * (1 - (change < 0.9 ? change : 0.5));
			if (t->cap > 0 && tg > t->cap)
				tg = t->cap;
			tg = (double)(long long)(tg * scale + (tg >= 0 ? 0.5 : -0.5)) / scale;
			int hold = irange(0, 19) == 0; /* keep the level: target equals baseline */
			if (hold)
				tg = b;
			if (tg == b && !hold) {
				tg = increase ? b + 1 / scale : b - 1 / scale;
			}
			long bd =
			    irange(days_from_civil(2020, 1, 1), days_from_civil(2022, 12, 31));
			long td = bd + irange(365, 5 * 365);
			/* The direction: required when target == baseline, otherwise often left
			 * out. */
			const char *dir_word = increase ? "öka" : "minska";
			if (!hold && irange(0, 2) == 0)
				dir_word = "";
			const char *weights[] = {"", "", "1", "2", "0.5", "3", "1.5"};
			const char *w = weights[irange(0, COUNT(weights) - 1)];
			int bt = (int)irange(-1, 2);
			long benefit = bt == 0 ? irange(1, 200) * 10000L : -1;

			field(f, iid);
			putc(';', f);
			field(f, ini[i].id);
			putc(';', f);
			field(f, name);
			putc(';', f);
			field(f, irange(0, 3) ? t->goal : "");
			putc(';', f);
			field(f, t->unit);
			putc(';', f);
			field(f, dir_word);
			putc(';', f);
			fputs(num(b, t->decimals, b1), f);
			putc(';', f);
			fputs(date_str(bd, d1), f);
			putc(';', f);
			fputs(num(tg, t->decimals, b2), f);
			putc(';', f);
			fputs(date_str(td, d2), f);
			putc(';', f);
			field(f, irange(0, 4) ? t->method : "");
			putc(';', f);
			{
				char own[64];
				person(own);
				field(f, irange(0, 2) ? own : "");
			}
			putc(';', f);
			fputs(w, f);
			putc(';', f);
			fputs(bt >= 0 ? benefit_types[bt] : "", f);
			putc(';', f);
			if (benefit >= 0)
				fprintf(f, "%ld", benefit);
			putc('\n', f);

			/* 20 quarters along a path towards the target at this indicator's own pace.
			 */
			double pace = frange(0.15, 1.3), noise = frange(0.01, 0.08);
			double span = hold ? (b != 0 ? b * 0.02 : 1) : tg - b;
			for (int q = 0; q < 20; q++) {
				double x = (double)(quarter_end(q) - bd) / (double)(td - bd);
				if (x < 0)
					x = 0;
				if (x > 1)
					x = 1;
				double v;
				if (hold)
					v = b + span * frange(-1.2, 1.0);
				else
					v = b + span * (x * pace + frange(-noise, noise));
				if (v < 0 && b >= 0)
					v = 0;
				if (t->cap > 0 && v > t->cap)
					v = t->cap;
				fprintf(m, "%s;%dQ%d;%s;", iid, 2021 + q / 4, q % 4 + 1,
				        num(v, t->decimals, b3));
				if (irange(0, 49) == 0)
					field(m, irange(0, 1) ? "Preliminärt värde"
					                      : "Ny mätmetod; ej jämförbart");
				putc('\n', m);
			}
		}
	}
	close_out(f, "effects.csv");
	close_out(m, "measurements.csv");

	/* followups.csv */
	f = open_out(dir, "followups.csv");
	fputs("Initiativ;Period;Bedömning;Fas;Förväntade effekter;Kommentar;Rapporterad av\n", f);
	static const char *const lights[] = {"grön", "gul", "röd"};
	static const int light_w[] = {55, 32, 13};
	for (long i = 0; i < n; i++) {
		struct initiative *in = &ini[i];
		if (in->phase == ONGOING || in->phase == PAUSED) {
			int skip_last = irange(0, 99) < 8; /* no follow-up for 2025Q4 yet */
			for (int q = 16; q < 20; q++) {
				if ((q == 19 && skip_last) || (q < 19 && irange(0, 99) < 3))
					continue;
				const char *ph =
				    in->phase == PAUSED && q >= 18 ? "pausad" : "pågående";
				char who[64];
				person(who);
				const char *light = lights[pick(light_w, 3)];
				if (irange(0, 19) == 0)
					ph = ""; /* the phase is optional */
				fprintf(f, "%s;%dQ%d;%s;%s;", in->id, 2021 + q / 4, q % 4 + 1,
				        light, ph);
				field(f, irange(0, 2) ? ONE(fup_effects) : "");
				putc(';', f);
				field(f, irange(0, 1) ? ONE(fup_comments) : "");
				putc(';', f);
				field(f, who);
				putc('\n', f);
			}
		} else if (in->done_q >= 0) {
			/* The quarter before completion still ongoing, then the completion. */
			for (int q = in->done_q > 0 ? in->done_q - 1 : 0; q <= in->done_q; q++) {
				const char *light = lights[pick(light_w, 3)];
				fprintf(f, "%s;%dQ%d;%s;%s;;Effekthemtagning enligt plan.;\n",
				        in->id, 2021 + q / 4, q % 4 + 1, light,
				        q == in->done_q ? "avslutad" : "pågående");
			}
		}
	}
	close_out(f, "followups.csv");

	/* priorities.csv: "10 digitaliseringsinitiativ" for 2025Q1 and 2025Q3 */
	f = open_out(dir, "priorities.csv");
	fputs("Period;Rang;Initiativ;Beslutad av;Beslutsdatum\n", f);
	static const char *const list_periods[] = {"2025Q1", "2025Q3"};
	static const char *const list_dates[] = {"2025-02-11", "2025-08-26"};
	for (int p = 0; p < 2; p++) {
		int rank = 0;
		long start = irange(0, n - 1);
		for (long j = 0; j < n && rank < 10; j++) {
			struct initiative *in = &ini[(start + j * 7919) % n];
			if (in->phase != ONGOING && in->phase != DECIDED && in->phase != PAUSED)
				continue;
			/* Skip an initiative already on this list (possible when 7919 divides into
			 * n). */
			int dup = 0;
			for (long k = 0; k < j && !dup; k++)
				dup = (start + k * 7919) % n == (start + j * 7919) % n;
			if (dup)
				break;
			fprintf(f, "%s;%d;%s;Digitaliseringsrådet;%s\n", list_periods[p], ++rank,
			        in->id, list_dates[p]);
		}
	}
	close_out(f, "priorities.csv");
	free(ini);
	return 0;
}
