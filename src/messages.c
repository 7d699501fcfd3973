/*
 * The message catalogue of the diagnostics: see messages.h and pf_msg() in
 * portfolj/error.h.
 *
 * A static table for the same reasons as the reports' catalogue (i18n.c):
 * the library reads no files for its text, and a table sorted by message id
 * is found by bsearch() in a handful of comparisons, on the error path only.
 * tests/test_messages.c keeps it honest: sorted and unique, every Swedish
 * format with the conversions of its English one in the same order (printf
 * would read the arguments wrongly otherwise), and every format given to
 * pf_error_* in src/ and importers/ present.
 *
 * Keep the table sorted by the English text in byte order (strcmp: `"`
 * before `$`, `%`, `(`, `-`, upper-case ASCII, then lower case). Swedish
 * words are the users' own: "fas" for status, "bedömning" for assessment,
 * "nämnd" for committee, "färdplan" for roadmap; the file's words (headings,
 * kinds of sheets, JSON members, options) stay as written.
 */
#include "messages.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

struct entry {
	const char *en, *sv;
};

static const struct entry swedish[] = {
    {"\"%.24s%s\" is too large: a number must be less than 10^15 (1 000 000 000 000 000) in size",
     "\"%.24s%s\" är för stort: ett tal måste vara mindre än 10^15 (1 000 000 000 000 000) till "
     "storleken"},
    {"\"%s\" and \"%s\" both give %s", "\"%s\" och \"%s\" ger båda %s"},
    {"\"%s\" is %s: expected an array of records", "\"%s\" är %s: väntade en array av poster"},
    {"\"%s\" is missing: give a JSON Pointer such as \"/Result\"",
     "\"%s\" saknas: ange en JSON Pointer som \"/Result\""},
    {"\"%s\" is no body of this portfolio: give one of its committees' codes (those of its "
     "initiatives), regionledningen, digitaliseringsrådet or förvaltningen",
     "\"%s\" är inget organ i den här portföljen: ange en av dess nämnders koder (dess "
     "initiativs), regionledningen, digitaliseringsrådet eller förvaltningen"},
    {"\"%s\" is not FIELD=VALUE", "\"%s\" är inte FÄLT=VÄRDE"},
    {"\"%s\" is not a benefit type (use %s)", "\"%s\" är ingen nyttotyp (använd %s)"},
    {"\"%s\" is not a body (use a committee code such as KBN, regionledningen, "
     "digitaliseringsrådet or förvaltningen)",
     "\"%s\" är inget organ (använd en nämndkod som KBN, regionledningen, digitaliseringsrådet "
     "eller förvaltningen)"},
    {"\"%s\" is not a category (use %s)", "\"%s\" är ingen kategori (använd %s)"},
    {"\"%s\" is not a committee code (e.g. KBN)", "\"%s\" är ingen nämndkod (t.ex. KBN)"},
    {"\"%s\" is not a date (YYYY-MM-DD, or a timestamp starting with one) to read as a quarter",
     "\"%s\" är inget datum (ÅÅÅÅ-MM-DD, eller en tidsstämpel som börjar med ett) att läsa som ett "
     "kvartal"},
    {"\"%s\" is not a date (use YYYY-MM-DD)", "\"%s\" är inget datum (använd ÅÅÅÅ-MM-DD)"},
    {"\"%s\" is not a decision type (use %s)", "\"%s\" är ingen beslutstyp (använd %s)"},
    {"\"%s\" is not a direction (use %s)", "\"%s\" är ingen riktning (använd %s)"},
    {"\"%s\" is not a horizon (use %s)", "\"%s\" är ingen horisont (använd %s)"},
    {"\"%s\" is not a measuring frequency (use %s)", "\"%s\" är ingen mätfrekvens (använd %s)"},
    {"\"%s\" is not a moment (use 2025-10-15, 2025-10-15T14:30 or 2025-10-15T14:30:05)",
     "\"%s\" är ingen tidpunkt (använd 2025-10-15, 2025-10-15T14:30 eller 2025-10-15T14:30:05)"},
    {"\"%s\" is not a moment of this time zone", "\"%s\" är ingen tidpunkt i den här tidszonen"},
    {"\"%s\" is not a number", "\"%s\" är inget tal"},
    {"\"%s\" is not a number (use 12,5 or 12.5)", "\"%s\" är inget tal (använd 12,5 eller 12.5)"},
    {"\"%s\" is not a number of hours", "\"%s\" är inget antal timmar"},
    {"\"%s\" is not a period (use 2025Q1)", "\"%s\" är ingen period (använd 2025Q1)"},
    {"\"%s\" is not a period (use 2025Q1, 2025-Q1 or Q1 2025)",
     "\"%s\" är ingen period (använd 2025Q1, 2025-Q1 eller Q1 2025)"},
    {"\"%s\" is not a protocol reference (use BODY YYYY-MM-DD § N, e.g. KBN 2025-03-04 § 43)",
     "\"%s\" är ingen protokollsreferens (använd ORGAN ÅÅÅÅ-MM-DD § N, t.ex. KBN 2025-03-04 § 43)"},
    {"\"%s\" is not a status (use %s)", "\"%s\" är ingen fas (använd %s)"},
    {"\"%s\" is not a whole number", "\"%s\" är inget heltal"},
    {"\"%s\" is not a year", "\"%s\" är inget år"},
    {"\"%s\" is not an assessment (use %s)", "\"%s\" är ingen bedömning (använd %s)"},
    {"\"%s\" is not yes or no (use ja, nej, yes, no, 1, 0 or x)",
     "\"%s\" är varken ja eller nej (använd ja, nej, yes, no, 1, 0 eller x)"},
    {"\"%s\" is read as a decimal number, but a thousands separator was likely meant; write %s or "
     "%s",
     "\"%s\" läses som ett decimaltal, men troligen avsågs en tusentalsavgränsare; skriv %s eller "
     "%s"},
    {"\"date_to_period\" and \"last_segment\" are true or false",
     "\"date_to_period\" och \"last_segment\" är true eller false"},
    {"\"kind\" here is the kind of sheets (with \"headings\"): give each record spec its own",
     "\"kind\" här är bladens sort (med \"headings\"): ge varje postbeskrivning en egen"},
    {"\"kind\" is missing: give initiatives, effects, measurements, followups, priorities, "
     "roadmaps or decisions",
     "\"kind\" saknas: ange initiatives, effects, measurements, followups, priorities, roadmaps "
     "eller decisions"},
    {"\"skip_missing\" is true or false", "\"skip_missing\" är true eller false"},
    {"\"where\" picks an element of the array \"in\" names: give \"in\"",
     "\"where\" väljer ett element i arrayen som \"in\" anger: ange \"in\""},
    {"$PORTFOLJ_LANG: unknown language \"%s\" (use sv or en)",
     "$PORTFOLJ_LANG: okänt språk \"%s\" (använd sv eller en)"},
    {"%lld is not a year", "%lld är inget år"},
    {"%s \"%s\" differs from \"%s\" on this version's first row (%s): a version's own fields must "
     "be the same on all its rows",
     "%s \"%s\" skiljer sig från \"%s\" på versionens första rad (%s): en versions egna fält måste "
     "vara desamma på alla dess rader"},
    {"%s declares the XML entity \"%s\", which a workbook never does: refusing it",
     "%s deklarerar XML-entiteten \"%s\", vilket en arbetsbok aldrig gör: vägrar läsa den"},
    {"%s has a <sheet> without a name or r:id", "%s har ett <sheet> utan namn eller r:id"},
    {"%s has over %d cell formats", "%s har fler än %d cellformat"},
    {"%s have no field \"%s\"", "%s har inget fält \"%s\""},
    {"%s holds too much text", "%s innehåller för mycket text"},
    {"%s is compressed %llu:1, more than %d:1 allows: refusing a possible zip bomb",
     "%s är komprimerad %llu:1, mer än %d:1 tillåter: vägrar läsa en möjlig zip-bomb"},
    {"%s is given twice", "%s anges två gånger"},
    {"%s is not well-formed XML: line %lu: %s", "%s är inte välformad XML: rad %lu: %s"},
    {"%s is the row's key: it cannot be changed", "%s är radens nyckel: den kan inte ändras"},
    {"%s names sheet \"%s\" with relationship %s, which %s does not define",
     "%s anger bladet \"%s\" med relationen %s, som %s inte definierar"},
    {"%s unpacks to more bytes than its zip header says: refusing a damaged or hostile archive",
     "%s packas upp till fler byte än dess zip-huvud säger: vägrar läsa ett skadat eller fientligt "
     "arkiv"},
    {"%s would unpack to %llu bytes, over the limit of %llu MiB per part: refusing a possible zip "
     "bomb",
     "%s skulle packas upp till %llu byte, över gränsen på %llu MiB per del: vägrar läsa en möjlig "
     "zip-bomb"},
    {"%s: cannot write the workbook", "%s: kan inte skriva arbetsboken"},
    {"%s: cannot write the workbook: %s", "%s: kan inte skriva arbetsboken: %s"},
    {"%s: shared string %zu is longer than %llu MiB: refusing it",
     "%s: delad sträng %zu är längre än %llu MiB: vägrar läsa den"},
    {"%zu more diagnostics not shown", "%zu meddelanden till visas inte"},
    {"(see portfolj %s --help)", "(se portfolj %s --help)"},
    {"--%s is given twice: give it once", "--%s anges två gånger: ange den en gång"},
    {"--%s is required", "--%s krävs"},
    {"--%s wants seconds, e.g. 30", "--%s vill ha sekunder, t.ex. 30"},
    {"--excel goes with --format csv", "--excel hör ihop med --format csv"},
    {"--format %s needs -o PATH", "--format %s kräver -o SÖKVÄG"},
    {"--format xlsx is for the quarter and committee reports, not %s",
     "--format xlsx finns för kvartals- och nämndrapporten, inte för %s"},
    {"--format xlsx writes a binary workbook, not for a terminal: give -o PATH",
     "--format xlsx skriver en binär arbetsbok, inte till en terminal: ange -o SÖKVÄG"},
    {"--format xlsx writes a binary workbook: give -o PATH (e.g. -o rapport.xlsx)",
     "--format xlsx skriver en binär arbetsbok: ange -o SÖKVÄG (t.ex. -o rapport.xlsx)"},
    {"--lang is given twice: give it once", "--lang anges två gånger: ange den en gång"},
    {"--weights: %s", "--weights: %s"},
    {"HTTP %ld%s%s%s%s%s%s", "HTTP %ld%s%s%s%s%s%s"},
    {"NUL byte in text: is this a binary file?", "NUL-byte i texten: är det här en binärfil?"},
    {"Run `portfolj check` to see the damage; to recover, copy what can be read into a new "
     "database with `sqlite3 DAMAGED .recover | sqlite3 NEW` and use NEW, or import the last "
     "export into a new database",
     "Kör `portfolj check` för att se skadan; för att rädda data, kopiera det som går att läsa "
     "till en ny databas med `sqlite3 SKADAD .recover | sqlite3 NY` och använd NY, eller importera "
     "den senaste exporten till en ny databas"},
    {"a decision on a roadmap names both fardplan/roadmap and version",
     "ett beslut om en färdplan anger både fardplan/roadmap och version"},
    {"a direction (öka or minska) is required when the target equals the baseline",
     "en riktning (öka eller minska) krävs när målvärdet är lika med basvärdet"},
    {"a file has no next page: \"next\" ignored",
     "en fil har ingen nästa sida: \"next\" ignoreras"},
    {"a fixed value is a text, number or boolean",
     "ett fast värde är en text, ett tal eller ett sanningsvärde"},
    {"a map is a JSON object (see examples/maps/README.md)",
     "en mappning är ett JSON-objekt (se examples/maps/README.md)"},
    {"a number is too large (%s): a number must be less than 10^15 (1 000 000 000 000 000) in "
     "size",
     "ett tal är för stort (%s): ett tal måste vara mindre än 10^15 (1 000 000 000 000 000) till "
     "storleken"},
    {"a record is an object, not %s", "en post är ett objekt, inte %s"},
    {"adding a name", "när ett namn lades till"},
    {"cannot add the %s sheet", "kan inte lägga till bladet %s"},
    {"cannot convert from %s: %s", "kan inte konvertera från %s: %s"},
    {"cannot convert from Windows-1252: %s", "kan inte konvertera från Windows-1252: %s"},
    {"cannot create the directory: %s", "kan inte skapa katalogen: %s"},
    {"cannot initialise libcurl: %s", "kan inte initiera libcurl: %s"},
    {"cannot make a directory for the new files: %s",
     "kan inte skapa en katalog för de nya filerna: %s"},
    {"cannot make a file in memory: %s", "kan inte skapa en fil i minnet: %s"},
    {"cannot open the database: %s", "kan inte öppna databasen: %s"},
    {"cannot open the file: %s", "kan inte öppna filen: %s"},
    {"cannot open: %s", "kan inte öppna: %s"},
    {"cannot read %s: %s", "kan inte läsa %s: %s"},
    {"cannot read the database: its -wal file is there, and the -shm file SQLite reads it "
     "through cannot be made in a directory that cannot be written; let a command that writes "
     "open it once where it can write, or copy the database with its -wal file elsewhere",
     "kan inte läsa databasen: dess -wal-fil finns, och -shm-filen som SQLite läser den genom kan "
     "inte skapas i en katalog som inte går att skriva i; låt ett kommando som skriver öppna den "
     "en gång där det kan skriva, eller kopiera databasen med sin -wal-fil någon annanstans"},
    {"cannot read the file a second time (is it a pipe?): %s",
     "kan inte läsa filen en andra gång (är den ett rör?): %s"},
    {"cannot read the file: %s", "kan inte läsa filen: %s"},
    {"cannot read the workbook back: %s", "kan inte läsa tillbaka arbetsboken: %s"},
    {"cannot read: %s", "kan inte läsa: %s"},
    {"cannot start a libcurl session", "kan inte starta en libcurl-session"},
    {"cannot unpack %s: %s", "kan inte packa upp %s: %s"},
    {"cannot write the workbook", "kan inte skriva arbetsboken"},
    {"cannot write the workbook: %s", "kan inte skriva arbetsboken: %s"},
    {"cannot write to standard output: %s", "kan inte skriva till standard ut: %s"},
    {"cannot write: %s", "kan inte skriva: %s"},
    {"cell reference \"%s\" is not a column A..XFD of this row",
     "cellreferensen \"%s\" är ingen kolumn A..XFD på den här raden"},
    {"checking for duplicates", "när dubbletter söktes"},
    {"checking the database", "kontrollerar databasen"},
    {"copying the database", "när databasen kopierades"},
    {"counting decisions", "när beslut räknades"},
    {"direction %s but the target %g is above the baseline %g",
     "riktningen är %s men målvärdet %g är över basvärdet %g"},
    {"direction %s but the target %g is below the baseline %g",
     "riktningen är %s men målvärdet %g är under basvärdet %g"},
    {"duplicate %s %s: this import gives it twice",
     "dubblett %s %s: den här importen anger den två gånger"},
    {"duplicate measurements %s %s: this import gives it twice",
     "dubblett measurements %s %s: den här importen anger den två gånger"},
    {"element %zu is not a JSON Pointer text", "element %zu är ingen JSON Pointer-text"},
    {"evaluating indicators", "när indikatorer beräknades"},
    {"expected a JSON Pointer text (\"\" or starting with \"/\", with ~0 for ~ and ~1 for /)",
     "väntade en JSON Pointer-text (\"\" eller som börjar med \"/\", med ~0 för ~ och ~1 för /)"},
    {"expected a JSON Pointer text, an array of them to try in order, or an object with "
     "\"pointer\" or \"template\"",
     "väntade en JSON Pointer-text, en array av sådana att pröva i tur och ordning, eller ett "
     "objekt med \"pointer\" eller \"template\""},
    {"expected a JSON Pointer text, or an array of them to try in order",
     "väntade en JSON Pointer-text, eller en array av sådana att pröva i tur och ordning"},
    {"expected a JSON Pointer to the records, or an array of record specs",
     "väntade en JSON Pointer till posterna, eller en array av postbeskrivningar"},
    {"expected a field name, null (ignore the column), or {\"field\": NAME, \"date_to_period\": "
     "true}",
     "väntade ett fältnamn, null (ignorera kolumnen) eller {\"field\": NAMN, \"date_to_period\": "
     "true}"},
    {"expected a record spec object with kind, records, fields",
     "väntade ett postbeskrivningsobjekt med kind, records, fields"},
    {"expected a text with JSON Pointers in braces, such as \"{/KpiId}-{/DepartmentId}\" ({{ and "
     "}} for braces)",
     "väntade en text med JSON Pointers inom klammerparenteser, som \"{/KpiId}-{/DepartmentId}\" "
     "({{ och }} för klammerparenteser)"},
    {"expected a value, or an array of values any of which will do",
     "väntade ett värde, eller en array av värden där vilket som helst duger"},
    {"expected a whole number of at least 1", "väntade ett heltal, minst 1"},
    {"expected an array of JSON Pointers", "väntade en array av JSON Pointers"},
    {"expected an object keyed by field name", "väntade ett objekt med fältnamn som nycklar"},
    {"expected an object of JSON Pointer -> wanted value",
     "väntade ett objekt av JSON Pointer -> önskat värde"},
    {"expected an object of heading -> field", "väntade ett objekt av rubrik -> fält"},
    {"expected an object of their word -> our word", "väntade ett objekt av deras ord -> vårt ord"},
    {"expected our word as a text, or null for no value",
     "väntade vårt ord som en text, eller null för inget värde"},
    {"expected the text that credits the source, such as \"Källa: Kolada\"",
     "väntade texten som anger källan, som \"Källa: Kolada\""},
    {"expected {\"pointer\": \"/Success\", \"message\": \"/Message\"}",
     "väntade {\"pointer\": \"/Success\", \"message\": \"/Message\"}"},
    {"exporting", "vid exporten"},
    {"field is longer than %u bytes%s", "fältet är längre än %u byte%s"},
    {"found %s where the map expects the array of %s records",
     "hittade %s där mappningen väntar sig arrayen av %s-poster"},
    {"give \"pointer\" or \"template\", not both",
     "ange \"pointer\" eller \"template\", inte båda"},
    {"give at least one SOURCE", "ange minst en KÄLLA"},
    {"give the %s", "ange %s"},
    {"give the id", "ange id"},
    {"give the kind: initiative, effect, roadmap or decision",
     "ange sorten: initiative, effect, roadmap eller decision (initiativ, effekt, fardplan, "
     "beslut)"},
    {"give the roadmap, version and initiative", "ange färdplan, version och initiativ"},
    {"inserting a row", "när en rad infogades"},
    {"inserting rows", "när rader infogades"},
    {"invalid JSON: %s", "ogiltig JSON: %s"},
    {"invalid UTF-8 byte 0x%02X, read as Windows-1252 \"%.*s\"",
     "ogiltig UTF-8-byte 0x%02X, läst som Windows-1252 \"%.*s\""},
    {"is a directory: give a file's name", "är en katalog: ange en fils namn"},
    {"libcurl gave an invalid effective URL", "libcurl gav en ogiltig faktisk URL"},
    {"libcurl: %s", "libcurl: %s"},
    {"looking up a reference", "när en referens slogs upp"},
    {"looking up an indicator", "när en indikator slogs upp"},
    {"malformed quoting: text after a closing quote (a quote inside a quoted field is written "
     "twice: \"\")",
     "felaktig citering: text efter ett avslutande citattecken (ett citattecken inuti ett citerat "
     "fält skrivs dubbelt: \"\")"},
    {"migrating the schema", "uppgraderar databasens schema"},
    {"missing required value %s (%s)", "obligatoriskt värde saknas: %s (%s)"},
    {"name at least one FIELD=VALUE", "ange minst ett FÄLT=VÄRDE"},
    {"name the report: quarter, committee, initiative, priority, roadmap, traceability or benefits",
     "ange rapporten: quarter, committee, initiative, priority, roadmap, traceability eller "
     "benefits"},
    {"names a directory: give a file's name", "anger en katalog: ange en fils namn"},
    {"no committee \"%s\" in the portfolio", "ingen nämnd \"%s\" i portföljen"},
    {"no csv format for this report", "inget csv-format för den här rapporten"},
    {"no demo portfolio here", "ingen demoportfölj här"},
    {"no field \"%s\" in %s", "inget fält \"%s\" i %s"},
    {"no html format for this report", "inget html-format för den här rapporten"},
    {"no initiative \"%s\"", "inget initiativ \"%s\""},
    {"no md format for this report", "inget md-format för den här rapporten"},
    {"no roadmap \"%s\"", "ingen färdplan \"%s\""},
    {"no such database; create it with `portfolj --db %s init` (or import into it), or give "
     "another with --db",
     "databasen finns inte; skapa den med `portfolj --db %s init` (eller importera till den), "
     "eller ange en annan med --db"},
    {"no such report", "ingen sådan rapport"},
    {"no table format for this report", "inget tabellformat för den här rapporten"},
    {"not a kind: give initiatives, effects, measurements, followups, priorities, roadmaps or "
     "decisions",
     "ingen sort: ange initiatives, effects, measurements, followups, priorities, roadmaps eller "
     "decisions"},
    {"not a portfolj database, or a damaged one (%s)",
     "ingen portfolj-databas, eller en skadad (%s)"},
    {"not a portfolj database: it belongs to another program, and is left as it is; give portfolj "
     "a database of its own with --db",
     "ingen portfolj-databas: den hör till ett annat program och lämnas orörd; ge portfolj en egen "
     "databas med --db"},
    {"not a valid URL: %s", "ingen giltig URL: %s"},
    {"not an XLSX workbook: %s", "ingen XLSX-arbetsbok: %s"},
    {"not an XLSX workbook: not a zip archive (%s)", "ingen XLSX-arbetsbok: inget zip-arkiv (%s)"},
    {"not read: more than %zu pages (a paging loop?)",
     "inte läst: fler än %zu sidor (en sidslinga?)"},
    {"not valid UTF-16 (it has a lone surrogate) though it begins with a UTF-16 byte-order mark",
     "inte giltig UTF-16 (den har ett ensamt surrogat) trots att den börjar med en "
     "UTF-16-byteordningsmarkering"},
    {"nothing gives the required field %s (%s) of %s: map it in \"fields\" or give it in \"fixed\"",
     "inget ger det obligatoriska fältet %s (%s) i %s: mappa det i \"fields\" eller ange det i "
     "\"fixed\""},
    {"nothing was written: %zu error", "inget skrevs: %zu fel"},
    {"nothing was written: %zu errors", "inget skrevs: %zu fel"},
    {"only http and https URLs can be imported", "bara http- och https-URL:er kan importeras"},
    {"opening the database", "när databasen öppnades"},
    {"out of memory", "minnet räcker inte"},
    {"out of memory reading the JSON document", "minnet tog slut vid läsningen av JSON-dokumentet"},
    {"out of memory rendering the report", "minnet räcker inte för att återge rapporten"},
    {"out of memory rendering the table", "minnet räcker inte för att återge tabellen"},
    {"out of memory rendering the workbook", "minnet räcker inte för att återge arbetsboken"},
    {"page %zu: %.70s", "sida %zu: %.70s"},
    {"preparing a query", "när en fråga förbereddes"},
    {"quoted field is never closed", "citerat fält avslutas aldrig"},
    {"reading a report", "när en rapport lästes"},
    {"reading a row", "när en rad lästes"},
    {"reading committees", "när nämnder lästes"},
    {"reading decisions", "när beslut lästes"},
    {"reading indicators", "när indikatorer lästes"},
    {"reading measurements", "när mätvärden lästes"},
    {"reading roadmaps", "när färdplaner lästes"},
    {"reading the database", "när databasen lästes"},
    {"reading the initiative", "när initiativet lästes"},
    {"reading the runs", "när körningarna lästes"},
    {"reading the schema", "när schemat lästes"},
    {"reading the schema version", "när schemaversionen lästes"},
    {"rebuilding the past", "när det förflutna återskapades"},
    {"recording the run", "när körningen registrerades"},
    {"recording the sources", "när källorna registrerades"},
    {"redirects to %s, a page already read (a paging loop)",
     "omdirigerar till %s, en sida som redan lästs (en sidslinga)"},
    {"report %s needs %s", "rapporten %s kräver %s"},
    {"report initiative needs the initiative's id", "rapporten initiative kräver initiativets id"},
    {"report roadmap needs the roadmap's name", "rapporten roadmap kräver färdplanens namn"},
    {"roadmap \"%s\" has no version \"%s\"", "färdplanen \"%s\" har ingen version \"%s\""},
    {"roadmap \"%s\" version \"%s\" is dated %s, after %s (give a later --period)",
     "färdplanen \"%s\" version \"%s\" är daterad %s, efter %s (ange en senare --period)"},
    {"row has more than %d fields", "raden har fler än %d fält"},
    {"row is longer than %u bytes", "raden är längre än %u byte"},
    {"row number \"%s\" is not 1..%ld (in %s line %lu)",
     "radnumret \"%s\" är inte 1..%ld (i %s rad %lu)"},
    {"rows of %s are not changed one by one", "rader i %s ändras inte en och en"},
    {"setting the journal mode", "när journalläget sattes"},
    {"sheet \"%s\" is empty: skipped", "bladet \"%s\" är tomt: hoppas över"},
    {"sheet \"%s\" is not a worksheet (a chart or dialog sheet): skipped",
     "bladet \"%s\" är inget kalkylblad (ett diagram- eller dialogblad): hoppas över"},
    {"sheet \"%s\" skipped: its header row is of no known sheet kind (the %s sheet would also need "
     "%s)",
     "bladet \"%s\" hoppas över: dess rubrikrad är inte av någon känd bladsort (bladet %s skulle "
     "också behöva %s)"},
    {"sheet \"%s\" skipped: its header row names no known sheet kind",
     "bladet \"%s\" hoppas över: dess rubrikrad anger ingen känd bladsort"},
    {"sheet \"%s\": its part %s is missing from the archive",
     "bladet \"%s\": dess del %s saknas i arkivet"},
    {"the JSON documents of this import hold more than %d values together (the limit that keeps an "
     "import's memory bounded): import them in several runs",
     "importens JSON-dokument har tillsammans fler än %d värden (gränsen som håller importens "
     "minne begränsat): importera dem i flera omgångar"},
    {"the URL's path segment \"%.*s,...\" names %zu comma-separated ids, more than the %lld the "
     "map allows in one (max_ids_per_segment): split them over several URLs",
     "URL:ens sökvägssegment \"%.*s,...\" anger %zu kommaseparerade id:n, fler än de %lld "
     "mappningen tillåter i ett (max_ids_per_segment): dela upp dem på flera URL:er"},
    {"the bearer token contains control characters", "bärartoken innehåller styrtecken"},
    {"the boolean cell holds \"%s\", not 0 or 1",
     "sanningsvärdescellen innehåller \"%s\", inte 0 eller 1"},
    {"the cell has the unknown type t=\"%s\"", "cellen har den okända typen t=\"%s\""},
    {"the cell holds a picture placed in the cell (stored as the error %s): type the value instead",
     "cellen innehåller en bild placerad i cellen (lagrad som felet %s): skriv in värdet i "
     "stället"},
    {"the cell holds the error %s: correct the formula or type the value",
     "cellen innehåller felet %s: rätta formeln eller skriv in värdet"},
    {"the cell refers to shared string \"%s\", but the workbook has %zu",
     "cellen hänvisar till delad sträng \"%s\", men arbetsboken har %zu"},
    {"the cell's text is longer than %llu MiB", "cellens text är längre än %llu MiB"},
    {"the database has schema version %d, newer than this portfolj knows (%zu); use a newer "
     "portfolj",
     "databasen har schemaversion %d, nyare än den här portfolj känner till (%zu); använd en nyare "
     "portfolj"},
    {"the database has schema version %d, older than this portfolj's (%zu), and a command that "
     "only reads does not migrate it: run one that writes first, e.g. `portfolj --db %s init`",
     "databasen har schemaversion %d, äldre än den här portfoljs (%zu), och ett kommando som "
     "bara läser migrerar den inte: kör först ett som skriver, t.ex. `portfolj --db %s init`"},
    {"the database has schema version %d, which no portfolj writes (its PRAGMA user_version was "
     "set by something else); restore a backup, or import the last export into a new database",
     "databasen har schemaversion %d, som ingen portfolj skriver (dess PRAGMA user_version har "
     "satts av något annat); återställ en säkerhetskopia, eller importera den senaste exporten "
     "till en ny databas"},
    {"the database is busy (another portfolj is writing); try again",
     "databasen är upptagen (en annan portfolj skriver); försök igen"},
    {"the database is damaged (%s). %s", "databasen är skadad (%s). %s"},
    {"the database is damaged. %s", "databasen är skadad. %s"},
    {"the database is read-only (%s): a command that writes needs write permission on the file "
     "and on its directory (for the -wal and -shm files beside it); commands that only read "
     "(report, export, check, import --dry-run) work as it is",
     "databasen är skrivskyddad (%s): ett kommando som skriver behöver skrivrätt till filen och "
     "till dess katalog (för -wal- och -shm-filerna bredvid den); kommandon som bara läser "
     "(report, export, check, import --dry-run) fungerar som den är"},
    {"the date cell holds \"%.40s\", not an ISO 8601 date",
     "datumcellen innehåller \"%.40s\", inget ISO 8601-datum"},
    {"the date cell holds %.40s, which is no day from 1900-01-01 to 9999-12-31",
     "datumcellen innehåller %.40s, som inte är någon dag från 1900-01-01 till 9999-12-31"},
    {"the document holds more than %d JSON values (the limit that keeps an import's memory "
     "bounded): split it into smaller documents or pages",
     "dokumentet har fler än %d JSON-värden (gränsen som håller importens minne begränsat): dela "
     "upp det i mindre dokument eller sidor"},
    {"the document holds none of the arrays initiatives, effects, measurements, followups, "
     "priorities, roadmaps, decisions: give --map for another shape",
     "dokumentet innehåller ingen av arrayerna initiatives, effects, measurements, followups, "
     "priorities, roadmaps, decisions: ange --map för en annan form"},
    {"the document is %s: expected an object of arrays (initiatives, effects, measurements, ...), "
     "or give --map for another shape",
     "dokumentet är %s: väntade ett objekt av arrayer (initiatives, effects, measurements, ...), "
     "eller ange --map för en annan form"},
    {"the document is larger than %zu MiB", "dokumentet är större än %zu MiB"},
    {"the document nests arrays and objects deeper than %d levels",
     "dokumentet nästlar arrayer och objekt djupare än %d nivåer"},
    {"the end %s is before the start %s", "slutet %s ligger före starten %s"},
    {"the field %s is also given in \"fields\"", "fältet %s anges också i \"fields\""},
    {"the field %s is given twice", "fältet %s anges två gånger"},
    {"the file ends inside a UTF-16 character", "filen slutar mitt i ett UTF-16-tecken"},
    {"the file is empty: expected a header row", "filen är tom: väntade en rubrikrad"},
    {"the header row is not of a known sheet kind: the %s sheet also needs %s",
     "rubrikraden är inte av någon känd bladsort: bladet %s behöver också %s"},
    {"the header row names no known sheet kind (initiatives, effects, measurements, followups, "
     "priorities, roadmaps, decisions)",
     "rubrikraden anger ingen känd bladsort (initiatives, effects, measurements, followups, "
     "priorities, roadmaps, decisions)"},
    {"the key is not a JSON Pointer (\"/Name\")", "nyckeln är ingen JSON Pointer (\"/Name\")"},
    {"the map describes neither JSON records (\"records\") nor sheet headings (\"headings\")",
     "mappningen beskriver varken JSON-poster (\"records\") eller bladrubriker (\"headings\")"},
    {"the map describes sheet headings, not JSON records",
     "mappningen beskriver bladrubriker, inte JSON-poster"},
    {"the map's filters (where, skip_missing) left out all %zu %s records read here: check that "
     "the map fits this source",
     "mappningens filter (where, skip_missing) utelämnade alla %zu %s-poster som lästes här: "
     "kontrollera att mappningen passar den här källan"},
    {"the next page's URL \"%s\" is not valid: %s", "nästa sidas URL \"%s\" är inte giltig: %s"},
    {"the next page's URL %s %s", "nästa sidas URL %s %s"},
    {"the next page's URL is %s: expected a text or null",
     "nästa sidas URL är %s: väntade en text eller null"},
    {"the number cell holds \"%.40s\", which is not a number",
     "talcellen innehåller \"%.40s\", som inte är något tal"},
    {"the overall deadline passed: every page of the import was to be read within %.3g s "
     "(--timeout); nothing of it is used",
     "den totala tidsgränsen passerades: varje sida i importen skulle läsas inom %.3g s "
     "(--timeout); inget av den används"},
    {"the page links to a next page at %s, which the map does not follow (its \"next\" is %s%s%s): "
     "the pages after this one are not read",
     "sidan länkar till en nästa sida på %s, som mappningen inte följer (dess \"next\" är %s%s%s): "
     "sidorna efter den här läses inte"},
    {"the protocol reference \"%s\" is dated %s, not the row's date %s",
     "protokollsreferensen \"%s\" är daterad %s, inte radens datum %s"},
    {"the protocol reference \"%s\" is of %s, not of the row's body %s",
     "protokollsreferensen \"%s\" är från %s, inte från radens organ %s"},
    {"the rank must be 1 or more", "rangen måste vara 1 eller mer"},
    {"the response is larger than %zu bytes", "svaret är större än %zu byte"},
    {"the row has %zu fields but the header only %zu (an unquoted delimiter inside a value?)",
     "raden har %zu fält men rubrikraden bara %zu (en ociterad avgränsare inuti ett värde?)"},
    {"the row has more than %d cells", "raden har fler än %d celler"},
    {"the row holds more than %llu MiB of text", "raden innehåller mer än %llu MiB text"},
    {"the service reports a failure: %s", "tjänsten rapporterar ett fel: %s"},
    {"the target date %s is not after the baseline date %s",
     "måldatumet %s ligger inte efter basdatumet %s"},
    {"the template makes a text longer than %d characters, the most a spreadsheet cell holds",
     "mallen ger en text längre än %d tecken, det mesta en kalkylbladscell rymmer"},
    {"the text is longer than %d characters, the most a spreadsheet cell holds: shorten it",
     "texten är längre än %d tecken, det mesta en kalkylbladscell rymmer: korta den"},
    {"the value %.15g is beyond the target %.15g of %s by more than the whole way from its "
     "baseline (check the unit and the decimal point)",
     "värdet %.15g ligger bortom målvärdet %.15g för %s med mer än hela vägen från basvärdet "
     "(kontrollera enheten och decimaltecknet)"},
    {"the value %.15g is outside 0-100, though %s is measured in %% (was a fraction such as 0,45 "
     "meant as 45 %%?)",
     "värdet %.15g ligger utanför 0–100, fast %s mäts i %% (menades en andel som 0,45 som 45 %%?)"},
    {"the value at \"%s\" is %s: expected a text, number or boolean (point at a member inside it)",
     "värdet vid \"%s\" är %s: väntade en text, ett tal eller ett sanningsvärde (peka på en medlem "
     "inuti det)"},
    {"the value at \"%s\" is %s: expected an array", "värdet vid \"%s\" är %s: väntade en array"},
    {"the value is %s: expected a text, number or boolean",
     "värdet är %s: väntade en text, ett tal eller ett sanningsvärde"},
    {"the weight must be a positive number", "vikten måste vara ett positivt tal"},
    {"the workbook came out incomplete (a write failed)",
     "arbetsboken blev ofullständig (en skrivning misslyckades)"},
    {"the workbook has over %d sheets to import: split it",
     "arbetsboken har fler än %d blad att importera: dela upp den"},
    {"the workbook unpacks to more than %llu MiB: refusing a possible zip bomb",
     "arbetsboken packas upp till mer än %llu MiB: vägrar läsa en möjlig zip-bomb"},
    {"the workbook was not written", "arbetsboken skrevs inte"},
    {"the xlsx format is for the quarter and committee reports",
     "xlsx-formatet finns för kvartals- och nämndrapporten"},
    {"too many fields", "för många fält"},
    {"unexpected argument \"%s\"", "oväntat argument \"%s\""},
    {"unknown column \"%s\" ignored", "okänd kolumn \"%s\" ignoreras"},
    {"unknown column \"%s\" ignored: did you mean %s?",
     "okänd kolumn \"%s\" ignoreras: menade du %s?"},
    {"unknown command \"%s\"", "okänt kommando \"%s\""},
    {"unknown decision \"%s\"", "okänt beslut \"%s\""},
    {"unknown decision \"%s\": did you mean \"%s\"?", "okänt beslut \"%s\": menade du \"%s\"?"},
    {"unknown field \"%s\" ignored", "okänt fält \"%s\" ignoreras"},
    {"unknown format", "okänt format"},
    {"unknown format \"%s\"", "okänt format \"%s\""},
    {"unknown format \"%s\" (json, csv or xlsx)", "okänt format \"%s\" (json, csv eller xlsx)"},
    {"unknown indicator \"%s\"", "okänd indikator \"%s\""},
    {"unknown indicator \"%s\": did you mean \"%s\"?", "okänd indikator \"%s\": menade du \"%s\"?"},
    {"unknown initiative \"%s\"", "okänt initiativ \"%s\""},
    {"unknown initiative \"%s\" on roadmap \"%s\" version \"%s\"",
     "okänt initiativ \"%s\" i färdplanen \"%s\" version \"%s\""},
    {"unknown initiative \"%s\": did you mean \"%s\"?",
     "okänt initiativ \"%s\": menade du \"%s\"?"},
    {"unknown language \"%s\" (use sv or en)", "okänt språk \"%s\" (använd sv eller en)"},
    {"unknown member \"%s\" (see examples/maps/README.md)",
     "okänd medlem \"%s\" (se examples/maps/README.md)"},
    {"unknown member \"%s\" ignored", "okänd medlem \"%s\" ignoreras"},
    {"unknown option", "okänd flagga"},
    {"unknown option %s", "okänd flagga %s"},
    {"unknown report \"%s\"", "okänd rapport \"%s\""},
    {"unknown roadmap version \"%s\" \"%s\"", "okänd färdplansversion \"%s\" \"%s\""},
    {"unknown roadmap version \"%s\" \"%s\": did you mean \"%s\" \"%s\"?",
     "okänd färdplansversion \"%s\" \"%s\": menade du \"%s\" \"%s\"?"},
    {"unknown roadmap version \"%s\" \"%s\": did you mean the roadmap \"%s\"?",
     "okänd färdplansversion \"%s\" \"%s\": menade du färdplanen \"%s\"?"},
    {"unknown row \"%s\"", "okänd rad \"%s\""},
    {"unsupported source: give a .csv, .tsv, .txt, .xlsx or .json file",
     "källan stöds inte: ange en .csv-, .tsv-, .txt-, .xlsx- eller .json-fil"},
    {"updating a row", "när en rad uppdaterades"},
    {"words apply to a field read from the records: map %s in \"fields\"",
     "ord gäller ett fält som läses från posterna: mappa %s i \"fields\""},
    {"writing the %s sheet: %s", "när bladet %s skrevs: %s"},
    {"writing the history", "när historiken skrevs"},
    {"writing the workbook: sheet %s, row %lu, column %s: %s",
     "skriver arbetsboken: blad %s, rad %lu, kolumn %s: %s"},
};

static int entry_cmp(const void *key, const void *e)
{
	return strcmp(key, ((const struct entry *)e)->en);
}

const char *pf_msg(pf_lang lang, const char *msgid)
{
	const struct entry *e;

	if (!msgid || lang == PF_LANG_EN)
		return msgid;
	e = bsearch(msgid, swedish, COUNT_OF(swedish), sizeof(swedish[0]), entry_cmp);
	return e ? e->sv : msgid;
}

bool pf_msg_entry(size_t i, const char **en, const char **sv)
{
	if (i >= COUNT_OF(swedish))
		return false;
	*en = swedish[i].en;
	*sv = swedish[i].sv;
	return true;
}
