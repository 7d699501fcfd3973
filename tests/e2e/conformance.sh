#!/usr/bin/env bash
# The public conformance portfolio: import it and compare every report with
# the expected JSON (strings and counts exactly, fractions within 0.001, "" and
# null the same). Uses the copies in tests/data/e2e/conformance/ (byte-for-byte:
# Windows-1252, CRLF, BOM); also runs the shared check script when it is there.
. "$(dirname "$0")/common.bash" "$@"

shared=$SRC/../shared/conformance
if [ -x "$shared/check" ] || [ -f "$shared/check" ]; then
	if bash "$shared/check" "$PF" >"$WORK/check.log" 2>&1; then
		ok "shared conformance check"
	else
		fail "shared conformance check ($shared/check):"
		sed 's/^/     | /' "$WORK/check.log"
	fi
	for f in "$shared"/*.csv "$shared"/*.tsv "$shared"/expected/*.json; do
		rel=${f#"$shared"/}
		cmp -s "$f" "$CONF/$rel" ||
			echo "note: tests/data/e2e/conformance/$rel differs from the shared copy; refresh it"
	done
else
	echo "note: $shared not here; using the copies in tests/data/e2e/conformance only"
fi

DB=$WORK/c.db
conformance_db "$DB"

# compare EXPECTED-FILE REPORT-ARGS...
compare() {
	local exp=$1
	shift
	if ! pf report "$@" --format json >"$WORK/got.json" 2>"$WORK/err"; then
		fail "report $*: exit $?"
		show_err
		return
	fi
	if python3 - "$CONF/expected/$exp" "$WORK/got.json" >"$WORK/cmp.log" 2>&1 <<'PY'; then
import json, sys
exp = json.load(open(sys.argv[1], encoding="utf-8"))
try:
    got = json.load(open(sys.argv[2], encoding="utf-8"))
except ValueError as e:
    print("output is not JSON: %s" % e); sys.exit(1)
bad = []
def cmp(e, g, path):
    if isinstance(e, dict):
        if not isinstance(g, dict):
            bad.append("%s: expected an object, got %r" % (path or "/", g)); return
        for k in e:
            cmp(e[k], g[k] if k in g else "<missing>", path + "." + k)
    elif isinstance(e, list):
        if not isinstance(g, list) or len(g) != len(e):
            bad.append("%s: %d items expected, got %r" % (path, len(e), g)); return
        for i, (a, b) in enumerate(zip(e, g)):
            cmp(a, b, "%s[%d]" % (path, i))
    elif isinstance(e, bool) or isinstance(g, bool):
        if e is not g:
            bad.append("%s: expected %r, got %r" % (path, e, g))
    elif isinstance(e, float) or isinstance(g, float):
        ok = (isinstance(e, (int, float)) and isinstance(g, (int, float))
              and abs(e - g) <= 1e-3)
        if not ok:
            bad.append("%s: expected %r, got %r" % (path, e, g))
    elif not (e == g or (e in ("", None) and g in ("", None))):
        bad.append("%s: expected %r, got %r" % (path, e, g))
cmp(exp, got, "")
for b in bad[:15]:
    print(b)
sys.exit(1 if bad else 0)
PY
		ok "report $* matches $exp"
	else
		fail "report $* differs from expected/$exp:"
		sed 's/^/     | /' "$WORK/cmp.log"
	fi
}

for p in 2025Q2 2025Q3; do
	compare committee-$p.json committee --period $p
	compare quarter-$p.json quarter --period $p
done
compare roadmap-HR-2025Q3.json roadmap HR --period 2025Q3
compare traceability-2025.json traceability --year 2025

# The same portfolio imported one file at a time, in another order, gives the
# same reports (references resolve across imports too).
DB=$WORK/c2.db
for f in initiatives.tsv prioritering.csv fardplaner.csv decisions.csv uppfoljning.csv effekter.csv matvarden.csv; do
	expect_rc 0 "import $f on its own" "$PF" --db "$DB" import "$CONF/$f" || true
done
compare committee-2025Q3.json committee --period 2025Q3
compare quarter-2025Q2.json quarter --period 2025Q2
compare roadmap-HR-2025Q3.json roadmap HR --period 2025Q3
compare traceability-2025.json traceability --year 2025

# The description's quoted ; "" and newline, and the Windows-1252 heading
# (Värde) and the BOM in effekter.csv survive.
DB=$WORK/c.db
if pf report initiative P-01 --period 2025Q3 --format json >"$WORK/p01.json" 2>"$WORK/err"; then
	jcheck "$WORK/p01.json" "quoted description with ; \"\" and a newline" \
		"'Kallelser via 1177; \"digital först\".\nPilot på två mottagningar.' in values()"
	jcheck "$WORK/p01.json" "P-01 has both indicators (BOM-prefixed heading read)" \
		"sorted(i['indicator_id'] for i in d['indicators']) == ['E-01-1', 'E-01-2']"
else
	fail "report initiative P-01: exit $?"
	show_err
fi

finish
