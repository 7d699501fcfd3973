#!/usr/bin/env bash
# export -> import into an empty database -> export gives the same bytes, for
# json, csv (plain and for Swedish Excel) and xlsx; the demo portfolio (every kind, Swedish text, dates,
# booleans, numbers, protocol references) is the data.
. "$(dirname "$0")/common.bash" "$@"
export PORTFOLJ_EXAMPLES=$SRC/examples
"$PF" --db "$WORK/a.db" init --demo >/dev/null || { fail "init --demo"; finish; }
# Texts a spreadsheet would run as formulas (FORMATS.md section 2, "Formulas"): marked with a
# `'` in every CSV, unmarked by the import; a text with its own leading `'` keeps it; a negative
# number is no text and stays as it is.
"$PF" --db "$WORK/a.db" set initiative KBN-01 titel='=HYPERLINK("http://x","y")' \
	beskrivning='+46 70 123' projektledare='-minus' nyttoagare='@SUM(A1)' verksamhet="'	tab" \
	>/dev/null || fail "set formula-like texts"
"$PF" --db "$WORK/a.db" set initiative KBN-02 titel="'=already marked" >/dev/null ||
	fail "set a text with its own mark"
"$PF" --db "$WORK/a.db" set effect KBN-01-M1 malvarde=-3.5 >/dev/null || fail "negative target"
"$PF" --db "$WORK/a.db" measure KBN-01-M1 --period 2025Q4 --value 20 --comment "-5 kr" \
	>/dev/null || fail "measure"

"$PF" --db "$WORK/a.db" export -o "$WORK/a.json" && ok "export json" || fail "export json"
"$PF" --db "$WORK/b.db" import "$WORK/a.json" >/dev/null && ok "import json" || fail "import json"
"$PF" --db "$WORK/b.db" export -o "$WORK/b.json"
cmp -s "$WORK/a.json" "$WORK/b.json" && ok "json round trip is byte-identical" ||
	fail "json round trip differs"

"$PF" --db "$WORK/a.db" export --format csv -o "$WORK/csv-a" && ok "export csv" || fail "export csv"
"$PF" --db "$WORK/c.db" import "$WORK"/csv-a/*.csv >/dev/null && ok "import csv" || fail "import csv"
"$PF" --db "$WORK/c.db" export --format csv -o "$WORK/csv-c"
diff -r "$WORK/csv-a" "$WORK/csv-c" >/dev/null && ok "csv round trip is byte-identical" ||
	fail "csv round trip differs"
python3 - "$WORK/csv-a" >"$WORK/f.out" 2>&1 <<'PY'
import os, sys
d = sys.argv[1]
ini = open(os.path.join(d, "initiatives.csv"), encoding="utf-8").read()
for want in ['"\'=HYPERLINK(""http://x"",""y"")"', ",'+46 70 123,", ",'-minus,", ",'@SUM(A1),",
             ",''\ttab,", ",''=already marked,"]:
    assert want in ini, want
mea = open(os.path.join(d, "measurements.csv"), encoding="utf-8").read()
assert "KBN-01-M1,2025Q4,20,'-5 kr\n" in mea, mea
eff = open(os.path.join(d, "effects.csv"), encoding="utf-8").read()
assert ",-3.5,2026-12-31," in eff, eff
PY
[ $? -eq 0 ] && ok "csv: formula-like texts marked, numbers not" || fail "csv marks: $(cat "$WORK/f.out")"
[ "$(ls "$WORK/csv-a" | wc -l)" -eq 7 ] && ok "one csv file per kind" || fail "csv files: $(ls "$WORK/csv-a")"

# For Excel with Swedish settings: its own round trip, and the same portfolio.
"$PF" --db "$WORK/a.db" export --format csv --excel -o "$WORK/xl-a" && ok "export csv --excel" ||
	fail "export csv --excel"
"$PF" --db "$WORK/e.db" import "$WORK"/xl-a/*.csv >/dev/null && ok "import csv --excel" ||
	fail "import csv --excel"
"$PF" --db "$WORK/e.db" export --format csv --excel -o "$WORK/xl-e"
diff -r "$WORK/xl-a" "$WORK/xl-e" >/dev/null && ok "csv --excel round trip is byte-identical" ||
	fail "csv --excel round trip differs"
grep -q "^KBN-01-M1;2025Q4;20;'-5 kr" "$WORK/xl-a/measurements.csv" &&
	grep -q "^KBN-01;\"'=HYPERLINK" "$WORK/xl-a/initiatives.csv" &&
	ok "csv --excel: formula-like texts marked, numbers not" || fail "csv --excel marks"
python3 - "$WORK/xl-a" >"$WORK/xl.out" 2>&1 <<'PY'
import os, sys
d = sys.argv[1]
for name in os.listdir(d):
    b = open(os.path.join(d, name), "rb").read()
    assert b.startswith(b"\xef\xbb\xbf"), name + ": no BOM"
    assert b.count(b"\n") == b.count(b"\r\n") > 0, name + ": not CRLF"
ini = open(os.path.join(d, "initiatives.csv"), encoding="utf-8-sig", newline="").read().split("\r\n")
assert ini[0].startswith("id;titel;namnd;"), ini[0]
assert ";ja;nej;" in ini[1], ini[1]
mea = open(os.path.join(d, "measurements.csv"), encoding="utf-8-sig").read()
assert "HSN-01-I1;2024Q3;8,4;" in mea, mea[:200]
PY
[ $? -eq 0 ] && ok "csv --excel: BOM, CRLF, ';', Swedish headings, ja/nej, decimal comma" ||
	fail "csv --excel: $(cat "$WORK/xl.out")"
"$PF" --db "$WORK/a.db" export --format json --excel >/dev/null 2>&1
[ $? -eq 1 ] && ok "--excel without --format csv is a usage error" || fail "--excel with json accepted"

"$PF" --db "$WORK/a.db" export --format xlsx -o "$WORK/a.xlsx" && ok "export xlsx" || fail "export xlsx"
"$PF" --db "$WORK/d.db" import "$WORK/a.xlsx" >/dev/null && ok "import xlsx" || fail "import xlsx"
"$PF" --db "$WORK/d.db" export --format xlsx -o "$WORK/d.xlsx"
cmp -s "$WORK/a.xlsx" "$WORK/d.xlsx" && ok "xlsx round trip is byte-identical" ||
	fail "xlsx round trip differs"

# The four imports hold the same portfolio.
for db in b c d e; do
	"$PF" --db "$WORK/$db.db" export -o "$WORK/$db-check.json"
	cmp -s "$WORK/a.json" "$WORK/$db-check.json" && ok "$db holds the same portfolio" ||
		fail "$db holds another portfolio"
done
# The workbook is a real XLSX: a zip with one sheet per kind, typed cells.
python3 - "$WORK/a.xlsx" >"$WORK/x.out" 2>&1 <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
kinds = ["initiatives", "effects", "measurements", "followups", "priorities", "roadmaps", "decisions"]
assert sum(('name="%s"' % k) in wb for k in kinds) == 7, wb
s1 = z.read("xl/worksheets/sheet1.xml").decode()
assert "<pane" in s1 and "autoFilter" in s1, "frozen pane and filter"
assert 't="b"' in s1, "boolean cells"
PY
[ $? -eq 0 ] && ok "workbook has seven sheets, panes, filters, booleans" || fail "workbook: $(cat "$WORK/x.out")"
finish
