#!/usr/bin/env bash
# --as-of TIME (FORMATS.md section 4): every report taken at a moment T, then
# imports, logging commands and `set` that change what it shows, is rebuilt
# byte for byte by --as-of T (JSON: apart from its first member "as_of";
# csv and md: wholly). Also: rows added later are absent, deleted rows are
# present, a date means the end of that day, the default period is T's
# quarter, a moment before any run gives an empty portfolio, the local time
# zone is honoured, and bad moments are usage errors.
. "$(dirname "$0")/common.bash" "$@"

DB=$WORK/a.db
pf init --demo >/dev/null || fail "init --demo: exit $?"

# The reports, one per line: the kind and its arguments, separated by |.
REPORTS='quarter
quarter|--all
committee
initiative|KBN-01
initiative|HSN-01
priority
roadmap|Digital färdplan HR
traceability|--year|2025
benefits'

# take PREFIX [--as-of T]: every report in json, csv and md, into PREFIX-N.FORMAT.
take() {
	local prefix=$1 n=0 line
	shift
	while IFS= read -r line; do
		IFS='|' read -r -a args <<<"$line"
		for f in json csv md; do
			pf report "${args[@]}" --period 2025Q3 --format $f "$@" >"$prefix-$n.$f" 2>"$WORK/err" ||
				{ fail "report ${args[*]} --format $f $*: exit $?"; show_err; }
		done
		n=$((n + 1))
	done <<<"$REPORTS"
}

take before
sleep 1.1
T=$(date +%Y-%m-%dT%H:%M:%S)
sleep 1.1

# --- changes of every kind after T ------------------------------------------------
pf set initiative KBN-01 fas=avslutad "titel=Nytt namn" slut=2025-09-30 >/dev/null || fail "set: exit $?"
pf set effect KBN-01-M1 malvarde=99 matfrekvens=år >/dev/null || fail "set effect: exit $?"
pf followup KBN-01 --period 2025Q3 --status avslutad --assessment röd --comment "Ändrat" >/dev/null ||
	fail "followup: exit $?"
pf measure KBN-01-M1 --period 2025Q3 --value 3 >/dev/null || fail "measure: exit $?"
pf measure KBN-01-M2 --period 2025Q2 --value 1 >/dev/null || fail "measure: exit $?"
pf decision --body KBN --date 2025-09-01 --type information --initiative KBN-01 >/dev/null 2>&1 ||
	fail "decision: exit $?"
cat >later.csv <<'CSV'
Initiativ;Period;Bedömning
HSN-01;2025Q3;röd
RS-01;2025Q3;gul
CSV
cat >prio.csv <<'CSV'
period;rang;initiativ
2025Q3;1;HSN-01
2025Q3;2;KBN-01
CSV
cat >new.csv <<'CSV'
id;titel;namnd;fas
NY-01;Ett nytt initiativ;KBN;pågående
CSV
pf import later.csv prio.csv new.csv >/dev/null || fail "import: exit $?"

take now
changed=0
for f in now-*.json; do cmp -s "$f" "before-${f#now-}" || changed=$((changed + 1)); done
[ "$changed" -ge 7 ] && ok "the changes show in $changed reports" ||
	fail "only $changed of the reports changed: the test changes too little"

# --- --as-of T rebuilds each byte for byte -----------------------------------------
take past --as-of "$T"
for f in before-*; do
	p=past-${f#before-}
	case $f in
	*.json)
		head -2 "$p" | grep -q "^ \"as_of\": \"$T\",\$" || fail "$p: as_of is not the first member"
		grep -v '^ "as_of": ' "$p" | cmp -s - "$f" && ok "$f rebuilt" ||
			{ fail "--as-of $T: $p differs from $f"; diff <(grep -v '^ "as_of": ' "$p") "$f" | head -6; }
		;;
	*) cmp -s "$p" "$f" && ok "$f rebuilt" || { fail "--as-of $T: $p differs from $f"; diff "$p" "$f" | head -6; } ;;
	esac
done

# --- the moment's forms and its default period ------------------------------------
pf report initiative NY-01 --period 2025Q3 --format json --as-of "$T" >/dev/null 2>&1
[ $? -ne 0 ] && ok "an initiative added after T is absent" || fail "NY-01 exists as of T"
expect_rc 0 "--as-of today (a date: the end of the day)" pf report initiative NY-01 --format json --as-of "$(date +%Y-%m-%d)"
expect_rc 0 "--as-of with minutes" pf report quarter --format json --as-of "${T%:*}"
expect_rc 0 "--as-of T, default period" pf report quarter --format json --as-of "$T"
python3 - "$WORK/out" "$T" <<'PY' && ok "the default period is T's quarter" || fail "default period with --as-of"
import json, sys
d = json.load(open(sys.argv[1])); t = sys.argv[2]
y, m = int(t[:4]), int(t[5:7])
assert d["period"] == "%dQ%d" % (y, (m - 1) // 3 + 1), d["period"]
PY
expect_rc 0 "--as-of before anything" pf report committee --period 2025Q3 --format json --as-of 2001-01-01
jcheck "$WORK/out" "nothing as of 2001" "d['committees'] == [] and d['as_of'] == '2001-01-01T23:59:59'"

# The local time zone: the same moment written in another zone's local time.
utc=$(TZ=UTC date -d "$T" +%Y-%m-%dT%H:%M:%S)
sto=$(TZ=Europe/Stockholm date -d "$utc UTC" +%Y-%m-%dT%H:%M:%S 2>/dev/null)
if [ -n "$sto" ] && [ "$(TZ=UTC date +%z)" = "+0000" ]; then
	TZ=UTC pf report quarter --period 2025Q3 --format json --as-of "$utc" | grep -v as_of >utc.json
	TZ=Europe/Stockholm pf report quarter --period 2025Q3 --format json --as-of "$sto" | grep -v as_of >sto.json
	cmp -s utc.json sto.json && cmp -s utc.json before-0.json && ok "local time in any zone" ||
		fail "--as-of in Europe/Stockholm differs from UTC"
fi

for bad in 2025-13-01 2025-10-15T25:00 "15/10/2025" 2025-10-15T14 yesterday ""; do
	run pf report quarter --format json --as-of "$bad"
	[ "$RC" -eq 1 ] && ok "--as-of '$bad' refused" || { fail "--as-of '$bad': exit $RC, expected 1"; show_err; }
	[ -s "$WORK/out" ] && fail "--as-of '$bad' wrote a report"
done

# --- a deleted row is present as of before its deletion ----------------------------
before_delete=$(date +%Y-%m-%dT%H:%M:%S)
sleep 1.1
python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("INSERT INTO runs (at, command) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'test')")
c.execute("DELETE FROM followups WHERE period = 8102 AND initiative = (SELECT pk FROM initiatives WHERE id = 'HSN-01')")
c.commit()
PY
pf report quarter --period 2025Q3 --format json --as-of "$before_delete" | grep -v as_of >del-past.json
pf report quarter --period 2025Q3 --format json >del-now.json
jcheck del-past.json "a deleted follow-up is there before its deletion" "'HSN-01' not in d['missing']"
jcheck del-now.json "and gone after it" "'HSN-01' in d['missing']"
finish
