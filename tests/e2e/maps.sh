#!/usr/bin/env bash
# The example mapping files of examples/maps/ through `portfolj import --map`:
# the Stratsys measure import sheet (headings and dates to quarters), the
# Stratsys KPI data API response (only Utfall rows), OpenProject's HAL
# project list (statuses mapped onto ours), and Kolada's KPI data (the total of
# each year).
. "$(dirname "$0")/common.bash" "$@"
DB=$WORK/m.db
MAPS=$SRC/examples/maps

# Initiatives and indicators for the measures of the Stratsys samples.
printf 'id;titel;namnd\nKB-1;Bidrag;KBN\nRS-1;Service;RS\n' >ini.csv
printf 'indikator_id;initiativ;indikator;basvarde;basdatum;malvarde;maldatum\n%s\n%s\n%s\n%s\n%s\n' \
	'KBN-E1;KB-1;Handläggningstid;40;2025-01-01;20;2026-12-31' \
	'KBN-E2;KB-1;Bidrag;1000;2025-01-01;2000;2026-12-31' \
	'RS-E1;RS-1;Andel;0;2025-01-01;1;2026-12-31' \
	'4711;KB-1;Utfall 4711;0;2025-01-01;100;2026-12-31' \
	'4712;KB-1;Utfall 4712;0;2025-01-01;2000;2026-12-31' >eff.csv
expect_rc 0 "base" pf import ini.csv eff.csv

expect_rc 0 "Stratsys import sheet through its map" \
	pf import --map "$MAPS/stratsys-import-sheet.json" "$MAPS/stratsys-import-sheet.sample.tsv"
pf report initiative KB-1 --period 2025Q4 --format json >r1.json
jcheck r1.json "dates read as their quarter, Swedish numbers" \
	"[(m['period'], m['value']) for i in d['indicators'] if i['indicator_id'] == 'KBN-E1' for m in i['series']] == [('2025Q1', 38.5), ('2025Q2', 44)]"
jcheck r1.json "1 250 read as 1250" \
	"[m['value'] for i in d['indicators'] if i['indicator_id'] == 'KBN-E2' for m in i['series']] == [1250]"

expect_rc 0 "Stratsys KPI data through its map" \
	pf import --map "$MAPS/stratsys-kpidata.json" "$MAPS/stratsys-kpidata.sample.json"
pf report initiative KB-1 --period 2025Q4 --format json >r2.json
jcheck r2.json "only Utfall rows, null values skipped" \
	"[(m['period'], m['value']) for i in d['indicators'] if i['indicator_id'] == '4711' for m in i['series']] == [('2025Q1', 38.5), ('2025Q2', 44)]"

# Kolada: the yearly total per KPI and municipality, named through the map's words.
printf 'id;titel;namnd\nKBN-03;Kolada;KBN\n' >ini-k.csv
printf 'indikator_id;initiativ;indikator;basvarde;basdatum;malvarde;maldatum\n%s\n%s\n' \
	'KBN-03-I1;KBN-03;Andel;60;2022-01-01;90;2026-12-31' \
	'KBN-03-I2;KBN-03;Index;70;2022-01-01;90;2026-12-31' >eff-k.csv
expect_rc 0 "Kolada base" pf import ini-k.csv eff-k.csv
expect_rc 0 "Kolada KPI data through its map" \
	pf import --map "$MAPS/kolada-data.json" "$MAPS/kolada-data.sample.json"
grep -q "measurements  3 rows: 3 inserted" "$WORK/out" && ok "three yearly totals" ||
	fail "Kolada: $(cat "$WORK/out")"
pf report initiative KBN-03 --period 2025Q4 --format json >rk.json
jcheck rk.json "each year's total as its last quarter, the total of a KPI divided by gender" \
	"{i['indicator_id']: [(m['period'], m['value']) for m in i['series']] for i in d['indicators']} == {'KBN-03-I1': [('2023Q4', 71.2), ('2024Q4', 73.5)], 'KBN-03-I2': [('2024Q4', 79)]}"

grep -q "kolada-data.json: note: Källa: Kolada" "$WORK/err" && ok "Kolada credited as its terms ask" ||
	{ fail "no credit for Kolada"; show_err; }

# The same from a real HTTP server on 127.0.0.1 in Kolada API v3's shape: three
# records a page, the first page naming the second by its full URL in next_url.
cat >kolada.py <<'PY'
import json, sys, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
recs = json.load(open(sys.argv[1], encoding="utf-8"))["values"]
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        if not self.path.startswith("/v3/"):
            self.send_response(404)
            self.end_headers()
            return
        page = int(self.path.rsplit("page=", 1)[1]) if "page=" in self.path else 1
        chunk = recs[(page - 1) * 3:page * 3]
        more = page * 3 < len(recs)
        nxt = "http://127.0.0.1:%d/v3/data/kpi/N00945,U00405/municipality/0013?page=%d" % (
            self.server.server_port, page + 1) if more else None
        body = json.dumps({"values": chunk, "count": len(chunk), "next_url": nxt}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
print(srv.server_port, flush=True)
threading.Timer(60, srv.shutdown).start()
srv.serve_forever()
PY
python3 kolada.py "$MAPS/kolada-data.sample.json" >kolada.port &
KOLADA=$!
for _ in $(seq 50); do [ -s kolada.port ] && break; sleep 0.1; done
DB_MAIN=$DB
DB=$WORK/k.db
expect_rc 0 "Kolada base in a new database" pf import ini-k.csv eff-k.csv
KURL="http://127.0.0.1:$(head -n1 kolada.port)/v3/data/kpi/N00945,U00405/municipality/0013"
expect_rc 0 "Kolada over HTTP, two pages by next_url" \
	pf import --map "$MAPS/kolada-data.json" "$KURL"
pf report initiative KBN-03 --period 2025Q4 --format json >rk2.json
cmp -s rk.json rk2.json && ok "the same measurements as from the file" ||
	fail "Kolada over HTTP differs from the file"
# The second page holds a null and a value for women only: nothing of it is kept, and that is said.
grep -q "municipality/0013?page=2:/values: warning: the map's filters (where, skip_missing) left out all 2 measurements records" "$WORK/err" &&
	ok "a page the filters leave empty is warned about" || { fail "no warning for page 2"; show_err; }
grep -q "note: Källa: Kolada" "$WORK/err" && ok "Kolada credited over HTTP too" || fail "no credit"

# A map still paging by v2's next_page reads the first page only, and says so.
sed 's|"/next_url"|"/next_page"|' "$MAPS/kolada-data.json" >kolada-v2.json
DB=$WORK/k2.db
expect_rc 0 "Kolada base for a v2 map" pf import ini-k.csv eff-k.csv
expect_rc 0 "Kolada v3 pages through a map for v2" pf import --map kolada-v2.json "$KURL"
grep -q "warning: the page links to a next page at /next_url, which the map does not follow" "$WORK/err" &&
	ok "an unfollowed next_url is warned about" || { fail "no warning for next_url"; show_err; }
# More than 25 ids in one path segment: warned about before Kolada would refuse it.
KPIS=$(python3 -c 'print(",".join("N%05d" % i for i in range(26)))')
expect_rc 0 "Kolada with 26 KPIs in one segment" pf import --map "$MAPS/kolada-data.json" \
	"http://127.0.0.1:$(head -n1 kolada.port)/v3/data/kpi/$KPIS/municipality/0013"
grep -q "names 26 comma-separated ids, more than the 25" "$WORK/err" &&
	ok "26 ids in one segment are warned about" || { fail "no warning for 26 ids"; show_err; }
kill "$KOLADA" 2>/dev/null
DB=$DB_MAIN

# A response with Success: false is an error that shows its Message.
printf '{"Result": null, "Success": false, "Message": "Behörighet saknas"}' >fail.json
snapshot "$DB" before
run pf import --map "$MAPS/stratsys-kpidata.json" fail.json
[ "$RC" -ne 0 ] && grep -q "Behörighet saknas" "$WORK/err" && ok "Success false shows the Message" ||
	{ fail "Success false: exit $RC"; show_err; }
snapshot "$DB" after
cmp -s before after && ok "nothing written" || fail "the database changed"

expect_rc 0 "OpenProject projects through their map" \
	pf import --map "$MAPS/openproject-projects.json" "$MAPS/openproject-projects.sample.json"
pf report committee --period 2025Q4 --format json >c.json
jcheck c.json "OpenProject projects are initiatives with our statuses" \
	"any(c['code'] == 'RS' and c['initiatives'] > 1 and set(c['by_status']) <= {'idé','förstudie','beslutad','pågående','pausad','avslutad','stoppad'} for c in d['committees'])"

# The sheet map applies to a workbook's sheets too (a workbook written here with
# python's zipfile: inline strings, a number cell, the Stratsys headings).
python3 - "$WORK/stratsys.xlsx" <<'PY'
import sys, zipfile
rows = [["Enhet", "Datum", "Mått", "Värde"], ["Regionservice", "2025-11-30", "RS-E1", 0.5]]
def cell(ref, v):
    if isinstance(v, float):
        return '<c r="%s"><v>%s</v></c>' % (ref, v)
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)
sheet = "".join('<row r="%d">%s</row>' % (i + 1, "".join(cell("ABCD"[j] + str(i + 1), v)
        for j, v in enumerate(r))) for i, r in enumerate(rows))
z = zipfile.ZipFile(sys.argv[1], "w")
z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Mätvärden" sheetId="1" r:id="rId1"/></sheets></workbook>')
z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % sheet)
z.close()
PY
expect_rc 0 "Stratsys sheet map on a workbook" \
	pf import --map "$MAPS/stratsys-import-sheet.json" "$WORK/stratsys.xlsx"
pf report initiative RS-1 --period 2025Q4 --format json >r3.json
jcheck r3.json "workbook dates read as their quarter through the map" \
	"[(m['period'], m['value']) for i in d['indicators'] if i['indicator_id'] == 'RS-E1' for m in i['series']] == [('2025Q4', 0.5)]"
finish
