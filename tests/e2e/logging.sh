#!/usr/bin/env bash
# portfolj followup, measure and decision (FORMATS.md section 1): record, see
# it in the reports, replace it (the change history keeps old and new), bad
# values rejected with 2 and nothing written, missing options 1, decision ids
# BODY-DATE-N, and traceability counting what was recorded.
. "$(dirname "$0")/common.bash" "$@"

DB=$WORK/c.db
conformance_db "$DB"

# logcmd CMD POSITIONAL OPTION... : runs `portfolj CMD POSITIONAL OPTION...`, the
# order FORMATS.md and --help give. If that is refused as a usage error about
# the options themselves, the failure is counted once per command and the
# options-first order is run instead, so the rest of the checks still test
# what is recorded.
declare -A order_bug=()
logcmd() {
	local cmd=$1 pos=$2
	shift 2
	run "$PF" --db "$DB" "$cmd" "$pos" "$@"
	if [ "$RC" -eq 1 ] && grep -q 'unexpected argument "--' "$WORK/err"; then
		if [ -z "${order_bug[$cmd]:-}" ]; then
			order_bug[$cmd]=1
			fail "portfolj $cmd $pos $*: exit 1 (the documented order '$cmd ID --option ...' is refused):"
			show_err
		fi
		run "$PF" --db "$DB" "$cmd" "$@" "$pos"
	fi
}
# lexpect WANT NAME CMD POSITIONAL OPTION...
lexpect() {
	local want=$1 name=$2
	shift 2
	logcmd "$@"
	if [ "$RC" -ne "$want" ]; then
		fail "$name: exit $RC, expected $want"
		show_err
		return 1
	fi
	ok "$name"
}
# unchanged_after WANT NAME CMD... : the command exits WANT and writes nothing.
unchanged_after() {
	local want=$1 name=$2
	shift 2
	snapshot "$DB" before
	lexpect "$want" "$name" "$@"
	snapshot "$DB" after
	same_snapshot before after "$name"
}
quarter() { pf report quarter --period "$1" --format json >"$WORK/q.json" 2>"$WORK/err" || { fail "report quarter $1: exit $?"; show_err; }; }
initiative() { pf report initiative "$1" --period "$2" --format json >"$WORK/i.json" 2>"$WORK/err" || { fail "report initiative $1: exit $?"; show_err; }; }
trace() { pf report traceability --year "$1" --format json >"$WORK/t.json" 2>"$WORK/err" || { fail "report traceability: exit $?"; show_err; }; }

# --- followup ----------------------------------------------------------------------
# P-04 is on the 2025Q3 list without a follow-up (the conformance data).
lexpect 0 "followup: record" followup P-04 --period 2025Q3 --status pausad --assessment gul \
	--comment "Väntar på upphandling" --effects "Inga ännu"
quarter 2025Q3
row="[i for i in d['initiatives'] if i['id'] == 'P-04'][0]"
jcheck q.json "followup shows in report quarter" \
	"${row}['assessment'] == 'gul' and ${row}['status'] == 'pausad' and ${row}['comment'] == 'Väntar på upphandling'"
jcheck q.json "followup: P-04 no longer missing" "d['missing'] == ['P-05']"

lexpect 0 "followup: replace (other period spelling, English words)" followup P-04 --period 2025-K3 \
	--status ongoing --assessment red --comment "Igång igen" --effects "Inga ännu"
quarter 2025Q3
jcheck q.json "replaced followup shows in report quarter" \
	"${row}['assessment'] == 'röd' and ${row}['status'] == 'pågående' and ${row}['comment'] == 'Igång igen'"
initiative P-04 2025Q3
jcheck i.json "report initiative: one follow-up for 2025Q3 after the replacement" \
	"[f['assessment'] for f in d['followups'] if f['period'] == '2025Q3'] == ['röd']"
chg="[(str(c.get('old')), str(c.get('new'))) for c in d['changes']]"
jcheck i.json "changes: assessment gul -> röd" "('gul', 'röd') in $chg"
jcheck i.json "changes: status pausad -> pågående" "('pausad', 'pågående') in $chg"
jcheck i.json "changes: comment old -> new" "('Väntar på upphandling', 'Igång igen') in $chg"
cp i.json i-before.json
lexpect 0 "followup: the same again" followup P-04 --period 2025Q3 --status pågående --assessment röd \
	--comment "Igång igen" --effects "Inga ännu"
initiative P-04 2025Q3
python3 -c 'import json, sys; sys.exit(json.load(open("i.json"))["changes"] != json.load(open("i-before.json"))["changes"])' &&
	ok "the same follow-up again adds no change" || fail "the same follow-up again added changes"

unchanged_after 2 "followup: bad assessment" followup P-04 --period 2025Q3 --status pågående --assessment lila
unchanged_after 2 "followup: bad status" followup P-04 --period 2025Q3 --status halvklar --assessment gul
unchanged_after 2 "followup: bad period" followup P-04 --period 2025Q5 --status pågående --assessment gul
unchanged_after 2 "followup: unknown initiative" followup P-99 --period 2025Q3 --status pågående --assessment gul
unchanged_after 1 "followup: missing --assessment" followup P-04 --period 2025Q3 --status pågående
grep -q -- '--assessment' "$WORK/err" && ok "names --assessment" || { fail "missing --assessment: not named"; show_err; }
unchanged_after 1 "followup: missing --period" followup P-04 --status pågående --assessment gul
snapshot "$DB" before
expect_rc 1 "followup: no initiative" pf followup --period 2025Q3 --status pågående --assessment gul
snapshot "$DB" after
same_snapshot before after "followup: no initiative"

# --- measure -----------------------------------------------------------------------
# E-04-1 (P-04): baseline 10, target 100; E-04-2 unmeasured.
lexpect 0 "measure: record" measure E-04-1 --period 2025Q3 --value 55
initiative P-04 2025Q3
ind="[i for i in d['indicators'] if i['indicator_id'] == 'E-04-1'][0]"
jcheck i.json "measurement in the indicator's series" \
	"[(s['period'], s['value']) for s in ${ind}['series']] == [('2025Q1', 5), ('2025Q3', 55)]"
quarter 2025Q3
jcheck q.json "measurement counts in report quarter (realisation 0.5)" "near(${row}['realisation'], 0.5)"

lexpect 0 "measure: replace (Swedish number, other period spelling)" measure E-04-1 --period "Q3 2025" --value "77,5"
initiative P-04 2025Q3
jcheck i.json "replaced measurement in the series" \
	"[(s['period'], s['value']) for s in ${ind}['series']] == [('2025Q1', 5), ('2025Q3', 77.5)]"
jcheck i.json "changes: value 55 -> 77.5" \
	"any(num(c.get('old')) == 55 and num(c.get('new')) == 77.5 for c in d['changes'])"
quarter 2025Q3
jcheck q.json "replaced measurement in report quarter (realisation 0.75)" "near(${row}['realisation'], 0.75)"

unchanged_after 2 "measure: malformed number 12,5.3" measure E-04-1 --period 2025Q3 --value "12,5.3"
unchanged_after 2 "measure: bad period 2025Q5" measure E-04-1 --period 2025Q5 --value 3
unchanged_after 2 "measure: unknown indicator" measure E-99 --period 2025Q3 --value 3
unchanged_after 1 "measure: missing --value" measure E-04-1 --period 2025Q3
unchanged_after 1 "measure: missing --period" measure E-04-1 --value 3
snapshot "$DB" before
expect_rc 1 "measure: no indicator" pf measure --period 2025Q3 --value 3
snapshot "$DB" after
same_snapshot before after "measure: no indicator"

# --- decision ----------------------------------------------------------------------
trace 2025
kbn="[c for c in d['committees'] if c['code'] == 'KBN'][0]"
jcheck t.json "traceability before: KBN informed 0, decisions 1, without protocol 0" \
	"(${kbn}['informed'], ${kbn}['decisions'], ${kbn}['without_protocol']) == (0, 1, 0)"

expect_rc 0 "decision: information, default id" pf decision --body KBN --date 2025-05-05 --type information \
	--title "Lägesrapport e-arkiv" --initiative P-04
grep -q 'KBN-2025-05-05-1' "$WORK/out" && ok "first id KBN-2025-05-05-1" || fail "decision id: stdout '$(cat "$WORK/out")', expected KBN-2025-05-05-1"
expect_rc 0 "decision: same body and date" pf decision --body KBN --date 2025-05-05 --type start \
	--initiative P-06 --protocol "KBN 2025-05-05 §12"
grep -q 'KBN-2025-05-05-2' "$WORK/out" && ok "second id KBN-2025-05-05-2" || fail "decision id: stdout '$(cat "$WORK/out")', expected KBN-2025-05-05-2"
expect_rc 0 "decision: another body, same date" pf decision --body RS --date 2025-05-05 --type information
grep -q 'RS-2025-05-05-1' "$WORK/out" && ok "other body starts at 1" || fail "decision id: stdout '$(cat "$WORK/out")', expected RS-2025-05-05-1"
expect_rc 0 "decision: explicit id, roadmap version, English words" pf decision --id KU-INFO --body KBN \
	--date 2025-06-01 --type information --roadmap KU --version 2025-2027 --protocol "KBN 2025-06-01 § 7"

initiative P-06 2025Q3
jcheck i.json "report initiative lists the decision, protocol canonical" \
	"[(x['decision_id'], x['type'], x['protocol']) for x in d['decisions']] == [('KBN-2025-05-05-2', 'start', 'KBN 2025-05-05 § 12')]"
initiative P-04 2025Q3
jcheck i.json "report initiative lists the information" \
	"'KBN-2025-05-05-1' in [x['decision_id'] for x in d['decisions']]"
trace 2025
jcheck t.json "traceability: KBN informed 2, decisions 2, without protocol 1" \
	"(${kbn}['informed'], ${kbn}['decisions'], ${kbn}['without_protocol']) == (2, 2, 1)"
jcheck t.json "traceability: roadmap KU now reported" "${kbn}['roadmaps'] == [{'roadmap': 'KU', 'version': '2025-2027', 'date': '2025-01-15', 'reported': True}]"
rs="[c for c in d['committees'] if c['code'] == 'RS'][0]"
jcheck t.json "traceability: RS informed 2" "${rs}['informed'] == 2"
pf report roadmap KU --period 2025Q3 --format json >rm.json
jcheck rm.json "roadmap report: the decision concerns the version, reported_to_committee" \
	"[x['decision_id'] for x in d['decisions']] == ['KU-INFO'] and d['decisions'][0]['protocol'] == 'KBN 2025-06-01 § 7' and d['reported_to_committee'] is True"

unchanged_after 2 "decision: bad type" decision --body KBN --date 2025-05-05 --type frobnicate
unchanged_after 2 "decision: protocol of another body" decision --body KBN --date 2025-05-05 --type start --protocol "RS 2025-05-05 § 3"
unchanged_after 2 "decision: protocol of another date" decision --body KBN --date 2025-05-05 --type start --protocol "KBN 2025-05-06 § 3"
unchanged_after 2 "decision: unparsable protocol" decision --body KBN --date 2025-05-05 --type start --protocol "paragraf 3"
unchanged_after 2 "decision: bad date" decision --body KBN --date 2025-13-05 --type start
unchanged_after 2 "decision: unknown initiative" decision --body KBN --date 2025-05-05 --type start --initiative P-99
unchanged_after 2 "decision: unknown roadmap version" decision --body KBN --date 2025-05-05 --type information --roadmap NOPE --version 1
unchanged_after 1 "decision: missing --type" decision --body KBN --date 2025-05-05
unchanged_after 1 "decision: missing --body" decision --date 2025-05-05 --type start
unchanged_after 1 "decision: missing --date" decision --body KBN --type start
unchanged_after 1 "decision: unknown option" decision --body KBN --date 2025-05-05 --type start --frobnicate x

finish
