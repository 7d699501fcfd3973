/*
 * The catalogue of the rendered reports' words: see i18n.h.
 *
 * Why a static table and not a .po file embedded at build time: the library
 * reads no files and no environment for its text, so a catalogue has to be
 * compiled in either way; a .po file would add a CMake step and a parser
 * (plural forms, escapes, fuzzy entries) for one language of about two
 * hundred short entries that never change at run time. A table sorted by
 * msgid is the same data with none of that, found by bsearch() in a handful
 * of comparisons, and tests/test_i18n.c keeps it honest: sorted and unique,
 * every msgid the renderers use present, no entry unused, formats matching.
 *
 * Keep the table sorted by msgid in byte order (strcmp, as bsearch needs:
 * upper-case ASCII first, then lower case, then by their UTF-8 bytes "Ä",
 * "Å", "Ö", "ä", "å", "ö", then "–" and the symbols). An entry whose English
 * is the Swedish word itself ("Id", "Version") is listed all the same, so
 * that its absence means a forgotten translation.
 */
#include "render/i18n.h"

#include <stdlib.h>
#include <string.h>

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

struct entry {
	const char *msgid, *msgstr;
};

static const struct entry english[] = {
    {"%s (inaktuell, %s)", "%s (stale, %s)"},
    {"%s av %s kr/år (%s)", "%s of %s SEK/year (%s)"},
    {"Andel innovativa", "Innovative share"},
    {"Andel realiserad", "Share realised"},
    {"Antal informationsärenden och beslut per nämnd, och hur många av dem som saknar "
     "protokollsreferens",
     "Information items and decisions per committee, and how many of them lack a protocol "
     "reference"},
    {"Antal initiativ per nämnd och fas", "Initiatives per committee and status"},
    {"Avslutade", "Completed"},
    {"Bas → mål", "Baseline → target"},
    {"Bas- → måldatum", "Baseline → target date"},
    {"Bedömning", "Assessment"},
    {"Begärda timmar", "Requested hours"},
    {"Begärt", "Requested"},
    {"Beräknad", "Computed"},
    {"Beräknat", "Computed"},
    {"Beräknat ljus", "Computed light"},
    {"Beskrivning", "Description"},
    {"Beslut", "Decisions"},
    {"Beslut och information om versionen", "Decisions and information on the version"},
    {"Beslut om versionen", "Decisions on the version"},
    {"Beslutad av", "Decided by"},
    {"Borttagna", "Removed"},
    {"Budget", "Budget"},
    {"Budget (kr)", "Budget (SEK)"},
    {"Datum", "Date"},
    {"Digital färdplan", "Digital roadmap"},
    {"Effekthemtagning", "Benefit realisation"},
    {"Effekthemtagning och nyttor", "Benefit realisation"},
    {"Effektmål", "Effect goal"},
    {"Effektmål och indikatorer", "Effect goals and indicators"},
    {"Efter", "After"},
    {"Ej mätta detta kvartal", "Not measured this quarter"},
    {"Ej mätta indikatorer", "Unmeasured indicators"},
    {"Ej rapporterade initiativ", "Unreported initiatives"},
    {"Fas", "Status"},
    {"Flyttade", "Moved"},
    {"Flyttade ned", "Moved down"},
    {"Flyttade upp", "Moved up"},
    {"Fält", "Field"},
    {"Färdplan", "Roadmap"},
    {"Färdplaner", "Roadmaps"},
    {"Färdplaner (rapporterade/totalt)", "Roadmaps (reported/total)"},
    {"Färdplaner som inte rapporterats till nämnden", "Roadmaps not reported to the committee"},
    {"Färdplansversioner och om nämnden fått dem",
     "Roadmap versions and whether the committee received them"},
    {"Färdplansversioner under året", "Roadmap versions during the year"},
    {"Före", "Before"},
    {"Föregående", "Previous"},
    {"Första år", "First year"},
    {"Förväntade effekter", "Expected effects"},
    {"Förväntat", "Expected"},
    {"Förändring mot föregående lista", "Change from the previous list"},
    {"Förändring mot föregående lista (%s)", "Change from the previous list (%s)"},
    {"Horisont", "Horizon"},
    {"Horisonter", "Horizons"},
    {"I fas", "On track"},
    {"IT", "IT"},
    {"IT-last", "IT load"},
    {"IT-timmar", "IT hours"},
    {"Id", "Id"},
    {"Inaktuella", "Stale"},
    {"Indikator", "Indicator"},
    {"Indikatorer", "Indicators"},
    {"Indikatorernas underlag", "Indicator details"},
    {"Informerad", "Informed"},
    {"Inga indikatorer.", "No indicators."},
    {"Inga initiativ.", "No initiatives."},
    {"Inga mätvärden ännu.", "No measurements yet."},
    {"Inga nämnder.", "No committees."},
    {"Inga.", "None."},
    {"Ingen föregående lista.", "No previous list."},
    {"Initiativ", "Initiative"},
    {"Initiativ per fas", "Initiatives by status"},
    {"Initiativ per nämnd och fas", "Initiatives per committee and status"},
    {"Innov.", "Innov."},
    {"Innovativ", "Innovative"},
    {"Innovativa", "Innovative"},
    {"Jämförd med", "Compared with"},
    {"Kapacitet", "Capacity"},
    {"Kategori", "Category"},
    {"Kommando", "Command"},
    {"Kommentar", "Comment"},
    {"Kvartalsrapport", "Quarterly report"},
    {"Ljus", "Light"},
    {"Ljus per initiativ: bedömning, beräknat ljus och föregående bedömning",
     "Lights per initiative: assessment, computed light and previous assessment"},
    {"Ljus per kvartal", "Lights by quarter"},
    {"Ljus:", "Lights:"},
    {"Läge per", "As of"},
    {"Lämnat listan", "Left the list"},
    {"Metod", "Method"},
    {"Mognad", "Readiness"},
    {"Mätbar", "Measurable"},
    {"Mätningen upphört", "Measuring stopped"},
    {"Mäts fortfarande", "Still measured"},
    {"Mätserier", "Measurement series"},
    {"Mätta", "Measured"},
    {"Mätvärden", "Measurements"},
    {"Mätvärden som tabell", "Measurements as a table"},
    {"Nya på listan", "New on the list"},
    {"Nyckel", "Key"},
    {"Nyckeltal per nämnd", "Key figures per committee"},
    {"Nyckeltal per år", "Key figures per year"},
    {"Nytta", "Benefit"},
    {"Nytta (kr)", "Benefit (SEK)"},
    {"Nytta (kr/år)", "Benefit (SEK/year)"},
    {"Nyttor", "Benefits"},
    {"Nyttor per initiativ", "Benefits per initiative"},
    {"Nyttotyp", "Benefit type"},
    {"Nyttoägare", "Benefit owner"},
    {"Nämnd", "Committee"},
    {"Nämndrapport", "Committee report"},
    {"Organ", "Body"},
    {"Period", "Period"},
    {"Poäng", "Score"},
    {"Poängens delar", "Score parts"},
    {"Poängvikter", "Score weights"},
    {"Prioriterade initiativ som nämnden inte fått information om",
     "Prioritised initiatives the committee was not informed about"},
    {"Prioriteringar", "Priorities"},
    {"Prioriteringslista", "Priority list"},
    {"Prioriteringsunderlag", "Prioritisation brief"},
    {"Projektledare", "Project manager"},
    {"Protokoll", "Protocol"},
    {"Rang", "Rank"},
    {"Rapport", "Report"},
    {"Rapporterad", "Reported"},
    {"Rapporterad av", "Reported by"},
    {"Rapporterad till nämnden", "Reported to the committee"},
    {"Realiserat (kr/år)", "Realised (SEK/year)"},
    {"Realisering", "Realisation"},
    {"Realisering och ljus", "Realisation and lights"},
    {"Realisering per initiativ, stapeln färgad efter det beräknade ljuset",
     "Realisation per initiative, each bar coloured by its computed light"},
    {"Realisering per initiativ, stapeln färgad efter kvartalets bedömning",
     "Realisation per initiative, the bar coloured by the quarter's assessment"},
    {"Realisering per nämnd", "Realisation per committee"},
    {"Realisering per nämnd, 0–100 %", "Realisation per committee, 0–100 %"},
    {"Realisering: viktad andel av effektmålens väg från basvärde till målvärde. Skapad av "
     "portfolj.",
     "Realisation: the weighted share of the way from baseline to target the effect goals have "
     "come. Made by portfolj."},
    {"Region IT-kapacitet", "Region IT capacity"},
    {"Region IT-timmar per kvartal", "Region IT hours per quarter"},
    {"Region IT-timmar per kvartal: åtagna för beslutade och pågående initiativ med de begärda "
     "av väntande ovanpå, mot kapaciteten",
     "Region IT hours per quarter: committed to decided and ongoing initiatives with those "
     "requested by waiting ones on top, against the capacity"},
    {"Riktning", "Direction"},
    {"Saknar uppf.", "No follow-up"},
    {"Saknar uppföljning", "Missing follow-up"},
    {"Saknar uppföljning för perioden", "Missing follow-up for the period"},
    {"Senare", "Later"},
    {"Senaste värde", "Latest value"},
    {"Sida", "Page"},
    {"Slut", "End"},
    {"Slutförda", "Completed"},
    {"Slutförda i år", "Completed this year"},
    {"Som tabell", "As a table"},
    {"Spårbarhet", "Traceability"},
    {"Spårbarhet per nämnd", "Traceability per committee"},
    {"Start", "Start"},
    {"Tidpunkt", "Time"},
    {"Tillagda", "Added"},
    {"Titel", "Title"},
    {"Tvärsekt.", "Cross-cut."},
    {"Tvärsektoriell", "Cross-cutting"},
    {"Typ", "Type"},
    {"Uppföljningar", "Follow-ups"},
    {"Uppgift", "Fact"},
    {"Uppnått", "Progress"},
    {"Utan protokoll", "Without protocol"},
    {"Utlovad och realiserad nytta per nyttotyp, kr/år",
     "Promised and realised benefit per benefit type, SEK/year"},
    {"Utlovat (kr/år)", "Promised (SEK/year)"},
    {"Utskriven", "Printed"},
    {"Verksamhet", "Unit"},
    {"Version", "Version"},
    {"Vikt", "Weight"},
    {"Väntar på beslut (tvärsektoriella först)", "Waiting for a decision (cross-cutting first)"},
    {"Värde", "Value"},
    {"av", "of"},
    {"delvis", "partly"},
    {"digitaliseringsrådet", "digitalisation council"},
    {"ej angiven", "not set"},
    {"ej mätt", "not measured"},
    {"ej rapporterad", "not reported"},
    {"flyttad från", "moved from"},
    {"förvaltningen", "administration"},
    {"förväntat", "expected"},
    {"i fas", "on track"},
    {"i fas %s av %s mätta", "%s of %s measured on track"},
    {"inga", "none"},
    {"ingen", "none"},
    {"ingen prioriteringslista", "no priority list"},
    {"ingen ännu", "none yet"},
    {"inget ljus", "no light"},
    {"innov", "innov"},
    {"inte i fas", "not on track"},
    {"ja", "yes"},
    {"kr", "SEK"},
    {"mognad", "readiness"},
    {"mätbar", "measurable"},
    {"mål", "target"},
    {"nej", "no"},
    {"ny", "new"},
    {"nytta", "benefit"},
    {"plural|Initiativ", "Initiatives"},
    {"prioriteringslista", "priority list"},
    {"rapporterad", "reported"},
    {"realiserat", "realised"},
    {"regionledningen", "regional management"},
    {"senare", "later"},
    {"timmar per kvartal", "hours per quarter"},
    {"uppmätt", "measured"},
    {"uppmätta värden mot förväntad väg och målvärde",
     "measured values against the expected path and the target"},
    {"utlovat", "promised"},
    {"version", "version"},
    {"Ägare", "Owner"},
    {"Ändringar", "Changes"},
    {"Ändringar mot föregående version", "Changes from the previous version"},
    {"Ändringshistorik", "Change history"},
    {"Ärenden i nämnderna under året", "Matters before the committees during the year"},
    {"År", "Year"},
    {"År %zu", "Year %zu"},
    {"År %zu (%lld)", "Year %zu (%lld)"},
    {"Åtagna", "Committed"},
    {"Åtagna timmar", "Committed hours"},
    {"ÖVER", "OVER"},
    {"Över kapacitet", "Over capacity"},
    {"Övriga", "Other"},
    {"år 1", "year 1"},
    {"år 2", "year 2"},
    {"år 3", "year 3"},
    {"över", "over"},
    {"– (första versionen)", "– (the first version)"},
    {"– ej mätt", "– not measured"},
    {"– ingen bedömning", "– no assessment"},
    {"✓ ja", "✓ yes"},
    {"✗ nej", "✗ no"},
};

int pf_lang_parse(const char *s)
{
	if (s && !strcmp(s, "sv"))
		return PF_LANG_SV;
	if (s && !strcmp(s, "en"))
		return PF_LANG_EN;
	return -1;
}

static int entry_cmp(const void *key, const void *e)
{
	return strcmp(key, ((const struct entry *)e)->msgid);
}

/* The text shown for msgid when nothing translates it: the part after a context. */
static const char *untranslated(const char *msgid)
{
	const char *bar = strchr(msgid, '|');

	return bar ? bar + 1 : msgid;
}

const char *pf_tr(pf_lang lang, const char *msgid)
{
	const struct entry *e;

	if (!msgid)
		return NULL;
	if (lang != PF_LANG_EN)
		return untranslated(msgid);
	e = bsearch(msgid, english, COUNT_OF(english), sizeof(english[0]), entry_cmp);
	return e ? e->msgstr : untranslated(msgid);
}

size_t pf_i18n_count(void)
{
	return COUNT_OF(english);
}

const char *pf_i18n_msgid(size_t i)
{
	return i < COUNT_OF(english) ? english[i].msgid : NULL;
}

const char *pf_i18n_msgstr(size_t i)
{
	return i < COUNT_OF(english) ? english[i].msgstr : NULL;
}
