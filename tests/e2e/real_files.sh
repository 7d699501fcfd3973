#!/usr/bin/env bash
# Files as people really save them (FORMATS.md section 2): a UTF-8 sheet with
# one Windows-1252 byte, macOS's decomposed accents and a stray inch quote;
# Excel's "Unicode text" (UTF-16LE, TAB, CRLF); a workbook with backslash
# entry names, a percentage cell and a picture placed in an ignored column.
. "$(dirname "$0")/common.bash" "$@"

DB=$WORK/r.db
python3 - "$WORK" <<'PY'
import sys, zipfile
w = sys.argv[1]
nfd = lambda s: s.replace("å", "a\u030a").replace("ä", "a\u0308").replace("ö", "o\u0308")
ini = ("id;titel;" + nfd("nämnd") + ";verksamhet;fas;beskrivning\n"
       "R1;Införande av e-arkiv;KBN;VERK;" + nfd("pågående") + ';Ny 24" skärm\n')
open(w + "/initiativ.csv", "wb").write(ini.encode().replace(b"VERK", b"\xc4lmhult"))
eff = ("indikator_id\tinitiativ\tindikator\tenhet\tbasvarde\tbasdatum\tmalvarde\tmaldatum\r\n"
       "P1\tR1\tAndel digitala ärenden\t%\t20\t2025-01-01\t80\t2026-12-31\r\n"
       "T1\tR1\tHandläggningstid\tdagar\t30\t2025-01-01\t10\t2026-12-31\r\n")
open(w + "/effekter.txt", "wb").write(b"\xff\xfe" + eff.encode("utf-16-le"))
ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="%s/%s" Target="%s"/></Relationships>')
t = lambda ref, s: '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, s)
sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         '<row r="1">' + t("A1", "indikator_id") + t("B1", "period") + t("C1", "värde") +
         t("D1", "Bild") + '</row>'
         '<row r="2">' + t("A2", "P1") + t("B2", "2025Q4") + '<c r="C2" s="1"><v>0.45</v></c>'
         '<c r="D2" t="e" vm="1"><v>#VALUE!</v></c></row>'
         '<row r="3">' + t("A3", "P1") + t("B3", "2026Q1") + '<c r="C3" s="1"><v>0.07</v></c>'
         '</row></sheetData></worksheet>')
styles = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<cellXfs><xf numFmtId="0"/><xf numFmtId="9"/></cellXfs></styleSheet>')
book = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="%s"><sheets><sheet name="Mätvärden" sheetId="1" r:id="rId1"/></sheets>'
        '</workbook>' % ns)
with zipfile.ZipFile(w + "/matvarden.xlsx", "w") as z:
    z.writestr("_rels\\.rels", rels % (ns, "officeDocument", "xl/workbook.xml"))
    z.writestr("xl\\workbook.xml", book)
    z.writestr("xl\\_rels\\workbook.xml.rels", rels % (ns, "worksheet", "worksheets/sheet1.xml"))
    z.writestr("xl\\worksheets\\sheet1.xml", sheet)
    z.writestr("xl\\styles.xml", styles)
open(w + "/matvarden.csv", "w").write("indikator_id;period;varde\nT1;2025Q4;47.500\nP1;2026Q2;450\n")
PY

expect_rc 0 "import of real files" "$PF" --db "$DB" import initiativ.csv effekter.txt \
	matvarden.xlsx matvarden.csv
want_warning() { # NAME TEXT : stderr has the warning line
	if grep -qF -- "$2" "$WORK/err"; then ok "$1"; else
		fail "$1: no \"$2\" on stderr"
		show_err
	fi
}
want_warning "stray byte warned at its line" \
	'initiativ.csv:2:4: warning: invalid UTF-8 byte 0xC4, read as Windows-1252 "Ä"'
want_warning "47.500 warned" 'matvarden.csv:2:3: warning: varde: "47.500" is read as a decimal number'
want_warning "a percentage beyond 100 warned" 'matvarden.csv:3:3: warning: varde: the value 450 is outside 0-100'
grep -q 'error:' "$WORK/err" && fail "errors on stderr: $(grep error: "$WORK/err")" || ok "no errors"

expect_rc 0 "export" "$PF" --db "$DB" export --format json -o "$WORK/x.json"
jcheck "$WORK/x.json" "UTF-8 kept, the stray byte read as Ä" \
	'd["initiatives"][0]["title"] == "Införande av e-arkiv" and d["initiatives"][0]["unit"] == "Älmhult"'
jcheck "$WORK/x.json" "decomposed heading and status matched" \
	'd["initiatives"][0]["committee"] == "KBN" and d["initiatives"][0]["status"] == "pågående"'
jcheck "$WORK/x.json" "a stray quote is a character" \
	'd["initiatives"][0]["description"] == "Ny 24\" skärm"'
jcheck "$WORK/x.json" "UTF-16 effects read" \
	'[e["indicator"] for e in d["effects"]] == ["Andel digitala ärenden", "Handläggningstid"]'
jcheck "$WORK/x.json" "percentage cells read as the percentage shown" \
	'sorted((m["period"], m["value"]) for m in d["measurements"] if m["indicator_id"] == "P1") == [("2025Q4", 45), ("2026Q1", 7), ("2026Q2", 450)]'
jcheck "$WORK/x.json" "47.500 read as 47.5" \
	'[m["value"] for m in d["measurements"] if m["indicator_id"] == "T1"] == [47.5]'
finish
