#!/usr/bin/env bash
# portfolj report --format xlsx: a workbook of the quarter and committee
# reports, written with -o PATH (read back with python3's zipfile: the sheets,
# the figures of the JSON report in them, the same bytes twice); no workbook
# without -o, none for the other kinds.
. "$(dirname "$0")/common.bash" "$@"
# the reports are checked in their default language, Swedish
unset PORTFOLJ_LANG

DB=$WORK/c.db
conformance_db "$DB"

# xcheck XLSX NAME PYEXPR : PYEXPR (with z = the zipfile, wb = xl/workbook.xml, sheet(n) =
# the XML of sheet n, j = the JSON in $WORK/report.json) must be true.
xcheck() {
	local out
	if out=$(python3 - "$1" "$3" "$WORK/report.json" 2>&1 <<'PY'
import json, sys, zipfile
if not zipfile.is_zipfile(sys.argv[1]):
    print("not a zip"); sys.exit(1)
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    if bad:
        print("corrupt member %s" % bad); sys.exit(1)
    wb = z.read("xl/workbook.xml").decode("utf-8")
    sheet = lambda n: z.read("xl/worksheets/sheet%d.xml" % n).decode("utf-8")
    try:
        j = json.load(open(sys.argv[3], encoding="utf-8"))
    except (OSError, ValueError):
        j = None
    try:
        r = eval(sys.argv[2], {"z": z, "wb": wb, "sheet": sheet, "j": j})
    except Exception as e:
        print("%s: %s" % (type(e).__name__, e)); sys.exit(1)
if not r:
    print("false"); sys.exit(1)
PY
	); then
		ok "$2"
	else
		fail "$2: $3 -> $out"
		return 1
	fi
}

# --- the committee report -----------------------------------------------------------
pf report committee --period 2025Q3 --format json >report.json || fail "report committee --format json: exit $?"
expect_rc 0 "committee --format xlsx -o x.xlsx" pf report committee --period 2025Q3 --format xlsx -o x.xlsx
[ -s "$WORK/out" ] && fail "committee xlsx: wrote to stdout"
xcheck x.xlsx "committee: a zip with its two sheets" \
	"'name=\"Nämndrapport\"' in wb and 'name=\"Initiativ per fas\"' in wb"
xcheck x.xlsx "committee: every committee's code in both sheets" \
	"all('<t>%s</t>' % c['code'] in sheet(1) and '<t>%s</t>' % c['code'] in sheet(2) for c in j['committees'])"
xcheck x.xlsx "committee: realisation as a number" \
	"all(c['realisation'] is None or ('<v>%r</v>' % c['realisation']).replace('.0<', '<') in sheet(1) for c in j['committees'])"
xcheck x.xlsx "committee: the header is frozen and filtered" \
	"'state=\"frozen\"' in sheet(1) and '<autoFilter ' in sheet(1)"
expect_rc 0 "committee xlsx again" pf report committee --period 2025Q3 --format xlsx -o x2.xlsx
cmp -s x.xlsx x2.xlsx && ok "committee xlsx: the same bytes twice" || fail "committee xlsx: the bytes differ between two runs"
expect_rc 0 "committee xlsx --lang en" pf report committee --period 2025Q3 --format xlsx --lang en -o en.xlsx
xcheck en.xlsx "committee xlsx in English" \
	"'name=\"Committee report\"' in wb and 'name=\"Initiatives by status\"' in wb and '<t>ongoing</t>' in sheet(2)"
left=("$WORK"/*.tmp.*)
if [ -e "${left[0]}" ]; then fail "a temporary file was left next to the output: ${left[*]}"; else ok "no temporary file left"; fi

# --- the quarter report -------------------------------------------------------------
pf report quarter --period 2025Q3 --format json >report.json || fail "report quarter --format json: exit $?"
expect_rc 0 "quarter --format xlsx -o q.xlsx" pf report quarter --period 2025Q3 --format xlsx -o q.xlsx
xcheck q.xlsx "quarter: a zip with its two sheets" \
	"'name=\"Kvartalsrapport\"' in wb and 'name=\"Saknar uppföljning\"' in wb"
xcheck q.xlsx "quarter: every initiative's id and title" \
	"all('<t>%s</t>' % i['id'] in sheet(1) and '<t>%s</t>' % i['title'] in sheet(1) for i in j['initiatives'])"
xcheck q.xlsx "quarter: the missing ones on the second sheet" \
	"all('<t>%s</t>' % m in sheet(2) for m in j['missing'])"
xcheck q.xlsx "quarter: lights as words" \
	"all('<t>%s</t>' % i['assessment'] in sheet(1) for i in j['initiatives'] if i['assessment'])"
# "-" is standard output, taken when that is no terminal (here a file)
expect_rc 0 "quarter xlsx -o - into a file" pf report quarter --period 2025Q3 --format xlsx -o -
cmp -s "$WORK/out" q.xlsx && ok "quarter xlsx: -o - writes the same bytes" || fail "quarter xlsx: -o - differs from -o q.xlsx"

# --- refused ------------------------------------------------------------------------
export PORTFOLJ_LANG=en # the messages checked are the English ones
expect_rc 1 "committee xlsx without -o" pf report committee --period 2025Q3 --format xlsx
[ -s "$WORK/out" ] && fail "xlsx without -o: wrote to stdout"
grep -q -- '-o PATH' "$WORK/err" && ok "xlsx without -o: says -o PATH" || { fail "xlsx without -o: no hint at -o"; show_err; }
for args in "initiative P-01" "priority" "roadmap HR" "traceability"; do
	# shellcheck disable=SC2086
	run pf report $args --period 2025Q3 --format xlsx -o y.xlsx
	case $RC in
	1 | 2) ok "report $args --format xlsx refused" ;;
	*) fail "report $args --format xlsx: exit $RC, expected 1 (or 2)"; show_err ;;
	esac
	grep -q 'quarter and committee' "$WORK/err" && ok "report $args --format xlsx: says why" ||
		{ fail "report $args --format xlsx: no clear message"; show_err; }
	[ -e y.xlsx ] && { fail "report $args --format xlsx: wrote y.xlsx"; rm -f y.xlsx; }
done
expect_rc 0 "report --help" pf report --help
grep -q 'xlsx' "$WORK/out" && ok "report --help mentions xlsx" || fail "report --help: no xlsx"

finish
