#!/usr/bin/env bash
# portfolj report: option handling (FORMATS.md sections 1 and 5): --period in
# every spelling FORMATS.md allows, options before and after the kind, -o FILE,
# unknown reports and unknown ids, JSON that parses, and which database is used
# ($PORTFOLJ_DB, --db, ./portfolj.db).
. "$(dirname "$0")/common.bash" "$@"
# the reports are checked in their default language, Swedish
unset PORTFOLJ_LANG

DB=$WORK/c.db
conformance_db "$DB"

# same OUT-A OUT-B NAME
same() {
	if cmp -s "$1" "$2"; then ok "$3"; else
		fail "$3: output differs"
		diff "$1" "$2" | sed -n '1,8s/^/     | /p'
	fi
}

# --- --period spellings -----------------------------------------------------------
pf report quarter --period 2025Q3 --format json >canon.json || fail "report quarter --period 2025Q3: exit $?"
jcheck canon.json "canonical period" "d['period'] == '2025Q3'"
for p in 2025-Q3 "2025 Q3" "Q3 2025" Q3-2025 2025K3 2025-K3 "2025 K3" "K3 2025" K3-2025 \
	2025kv3 2025-kv3 "2025 kv3" "kv3 2025" kv3-2025; do
	expect_rc 0 "--period '$p'" pf report quarter --period "$p" --format json && same "$WORK/out" canon.json "--period '$p' = 2025Q3"
done
expect_rc 0 "--period=2025Q3" pf report quarter --period=2025Q3 --format=json && same "$WORK/out" canon.json "--period=P --format=F"
for p in 2025Q5 2025Q0 Q3 2025 25Q3 frobnicate ""; do
	run pf report quarter --period "$p" --format json
	case $RC in
	1 | 2) ok "--period '$p' refused" ;;
	*) fail "--period '$p': exit $RC, expected 1 (or 2)"; show_err ;;
	esac
	[ -s "$WORK/out" ] && fail "--period '$p': wrote a report"
done

# --- options before and after the kind (and its argument) ---------------------------
expect_rc 0 "options before the kind" pf report --period 2025Q3 --format json quarter && same "$WORK/out" canon.json "options before the kind"
expect_rc 0 "options around the kind" pf report --format json quarter --period 2025Q3 && same "$WORK/out" canon.json "options around the kind"
pf report initiative P-01 --period 2025Q3 --format json >p01.json || fail "report initiative P-01: exit $?"
expect_rc 0 "initiative: options first" pf report --period 2025Q3 --format json initiative P-01 && same "$WORK/out" p01.json "initiative: options first"
expect_rc 0 "initiative: options between" pf report initiative --period 2025Q3 P-01 --format json && same "$WORK/out" p01.json "initiative: options between kind and id"
pf report roadmap HR --period 2025Q3 --format json >hr.json || fail "report roadmap HR: exit $?"
expect_rc 0 "roadmap: options first" pf report --format json --period 2025Q3 roadmap HR && same "$WORK/out" hr.json "roadmap: options first"
expect_rc 0 "format then period after kind" pf report committee --format json --period 2025Q3 && cp "$WORK/out" com.json
expect_rc 0 "period then format before kind" pf report --period 2025Q3 --format json committee && same "$WORK/out" com.json "committee: options before = after"
# The global --db before the command, the report's options after.
expect_rc 0 "--db first" "$PF" --db "$DB" report committee --period 2025Q3 --format json && same "$WORK/out" com.json "--db first"

# --- JSON for every kind ------------------------------------------------------------
for args in "quarter" "quarter --all" "committee" "committee --committee KBN" "initiative P-01" "initiative P-05" \
	"priority" "roadmap HR" "roadmap KU" "roadmap HR --version 2024" "traceability" "traceability --year 2025" \
	"traceability --committee RS"; do
	# shellcheck disable=SC2086
	expect_rc 0 "report $args --format json" pf report $args --period 2025Q3 --format json &&
		jvalid "$WORK/out" "report $args: JSON parses"
	# shellcheck disable=SC2086
	expect_rc 0 "report $args (table)" pf report $args --period 2025Q3 &&
		{ [ -s "$WORK/out" ] && ok "report $args: table not empty" || fail "report $args: empty table"; }
done
pf report quarter --all --period 2025Q3 --format json >all.json
jcheck all.json "quarter --all: every initiative" "sorted(i['id'] for i in d['initiatives']) == ['P-01', 'P-02', 'P-03', 'P-04', 'P-05', 'P-06']"
pf report committee --committee KBN --period 2025Q3 --format json >kbn.json
jcheck kbn.json "committee --committee KBN: only KBN" "[c['code'] for c in d['committees']] == ['KBN']"
pf report traceability --committee RS --year 2025 --format json >trs.json
jcheck trs.json "traceability --committee RS: only RS" "[c['code'] for c in d['committees']] == ['RS']"
pf report traceability --year 2025 --format json >t1.json
pf report traceability --period 2025Q3 --format json >t2.json
same t1.json t2.json "traceability: the year defaults to P's year"
jcheck t1.json "traceability --year 2025: year 2025" "d['year'] == 2025"
pf report roadmap HR --version 2024 --period 2025Q3 --format json >hr2024.json
jcheck hr2024.json "roadmap HR --version 2024: the first version, every item added" \
	"d['version'] == '2024' and d['previous_version'] is None and d['changes']['added'] == ['P-03', 'P-05'] and d['changes']['removed'] == [] and d['changes']['moved'] == []"
pf report roadmap HR --version 2025 --compare 2024 --period 2025Q3 --format json >hrcmp.json
same hr.json hrcmp.json "roadmap HR --version 2025 --compare 2024 = the defaults"
pf report roadmap HR --version 2024 --compare 2025 --period 2025Q3 --format json >hrrev.json
jcheck hrrev.json "roadmap --compare a later version: P-05 moved back" \
	"d['previous_version'] == '2025' and d['changes']['moved'] == [{'initiative': 'P-05', 'from': 'år 2', 'to': 'senare'}]"

# --- -o FILE --------------------------------------------------------------------------
expect_rc 0 "-o FILE (json)" pf report quarter --period 2025Q3 --format json -o q.json
[ -s "$WORK/out" ] && fail "-o FILE: wrote to stdout too: $(head -c 200 "$WORK/out")" || ok "-o FILE: stdout empty"
[ -f q.json ] && same q.json canon.json "-o FILE: the file holds the report" || fail "-o FILE: q.json not written"
expect_rc 0 "-o FILE before the kind (table)" pf report -o c.txt --period 2025Q3 committee
[ -s "$WORK/out" ] && fail "-o FILE (table): wrote to stdout too"
pf report committee --period 2025Q3 >c-stdout.txt
[ -f c.txt ] && same c.txt c-stdout.txt "-o FILE (table) = stdout" || fail "-o FILE (table): c.txt not written"
echo old >over.json
expect_rc 0 "-o over an existing file" pf report quarter --period 2025Q3 --format json -o over.json && same over.json canon.json "-o replaces the file"
expect_rc 3 "-o into a missing directory" pf report quarter --period 2025Q3 --format json -o no/such/dir/q.json
for t in ./*.tmp.*; do [ -e "$t" ] && fail "-o left a temporary file: $t"; done

# --- errors ---------------------------------------------------------------------------
expect_rc 1 "unknown report" pf report frobnicate --period 2025Q3
expect_rc 1 "no report kind" pf report --period 2025Q3
expect_rc 1 "unknown option" pf report quarter --frobnicate
expect_rc 1 "unknown format" pf report quarter --format frobnicate
expect_rc 1 "report initiative without an id" pf report initiative --period 2025Q3
expect_rc 1 "report roadmap without a name" pf report roadmap --period 2025Q3
expect_rc 1 "an extra argument" pf report committee KBN --period 2025Q3
expect_rc 2 "report initiative NOPE" pf report initiative NOPE --period 2025Q3 --format json
grep -q NOPE "$WORK/err" && ok "names NOPE" || fail "report initiative NOPE: stderr does not name it"
[ -s "$WORK/out" ] && fail "report initiative NOPE wrote a report"
expect_rc 2 "report roadmap NOPE" pf report roadmap NOPE --period 2025Q3 --format json
grep -q NOPE "$WORK/err" && ok "names NOPE" || fail "report roadmap NOPE: stderr does not name it"
expect_rc 2 "report roadmap HR --version NOPE" pf report roadmap HR --version NOPE --period 2025Q3 --format json
expect_rc 2 "report initiative NOPE -o FILE" pf report initiative NOPE --period 2025Q3 -o nope.json
[ -e nope.json ] && fail "report initiative NOPE -o FILE: wrote the file"

# --- the council's own score weights -------------------------------------------------
pf report priority --period 2025Q3 --format json >prio.json || fail "report priority: exit $?"
pf report priority --period 2025Q3 --weights benefit=0,it_load=0,readiness=0,innovative=0,measurable=1 \
	--format json >prio-w.json || fail "report priority --weights: exit $?"
jcheck prio.json "the default score weights are in the report" \
	"d['score_weights'] == {'benefit': 30, 'it_load': 25, 'readiness': 20, 'innovative': 15, 'measurable': 10}"
jcheck prio-w.json "--weights: the score is the weighted mean of the parts times 100" \
	"len(d['waiting']) > 1 and all(w['score'] == round(100 * w['score_parts']['measurable'], 1) for w in d['waiting']) and d['score_weights']['measurable'] == 1"
run pf report priority --period 2025Q3 --weights nytta=60
grep -q "nytta 60 · IT 25" "$WORK/out" && ok "the table shows the weights" ||
	fail "the table does not show the weights: $(grep -i vikt "$WORK/out")"
expect_rc 1 "--weights with an unknown part is a usage error" pf report priority --weights cost=1 &&
	grep -q 'unknown part "cost"' "$WORK/err" && ok "and says which" || fail "--weights cost=1: $(cat "$WORK/err")"
expect_rc 1 "--weights 12,5 is a usage error" pf report priority --weights benefit=12,5

# --- which database ------------------------------------------------------------------
PORTFOLJ_DB=$DB "$PF" report committee --period 2025Q3 --format json >env.json 2>"$WORK/err"
[ $? -eq 0 ] && same env.json com.json "\$PORTFOLJ_DB is used without --db" || { fail "\$PORTFOLJ_DB: exit $?"; show_err; }
"$PF" --db "$WORK/other.db" init >/dev/null || fail "init other.db: exit $?"
PORTFOLJ_DB=$DB "$PF" --db "$WORK/other.db" report committee --period 2025Q3 --format json >other.json 2>"$WORK/err" ||
	{ fail "--db other.db with \$PORTFOLJ_DB: exit $?"; show_err; }
jcheck other.json "--db wins over \$PORTFOLJ_DB (an empty database)" "d['committees'] == []"
PORTFOLJ_DB=$DB "$PF" --db "$WORK/none.db" report committee >/dev/null 2>&1
[ $? -eq 3 ] && [ ! -e "$WORK/none.db" ] && ok "a report refuses a missing database and leaves no file" ||
	fail "report on a missing --db: created it or did not exit 3"
mkdir cwd && (cd cwd && env -u PORTFOLJ_DB "$PF" init >/dev/null 2>"$WORK/err") || fail "init without --db: exit $?"
[ -f cwd/portfolj.db ] && ok "./portfolj.db by default" || fail "init without --db or \$PORTFOLJ_DB did not create ./portfolj.db"
(cd cwd && PORTFOLJ_DB='' "$PF" report committee --period 2025Q3 --format json >empty-env.json 2>"$WORK/err") ||
	fail "empty \$PORTFOLJ_DB: exit $?"
[ "$(ls cwd)" = "$(printf 'empty-env.json\nportfolj.db')" ] && ok "empty \$PORTFOLJ_DB means ./portfolj.db" ||
	fail "empty \$PORTFOLJ_DB: cwd holds $(ls cwd | tr '\n' ' ')"

finish
