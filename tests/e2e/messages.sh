#!/usr/bin/env bash
# The language of messages (FORMATS.md section 1): Swedish by default, English
# with --lang en (a global option) or $PORTFOLJ_LANG=en; the location and the
# words error:/warning: stay; a cell's message names its heading; an unknown
# id suggests the nearest; a rejected import ends with one closing line.
. "$(dirname "$0")/common.bash" "$@"
unset PORTFOLJ_LANG # Swedish, the default, unless a check says otherwise

DB=$WORK/c.db
conformance_db "$DB"
cat >q4.csv <<'CSV'
Initiativ;Period;Bedömning;Kommentarer
P-01;2025Q4;lila;x
P-1;2025Q4;grön;y
P-02;2025Q4;gul;z
CSV

# want_line NAME LINE : stderr ($WORK/err) holds exactly this line.
want_line() {
	if grep -qxF -- "$2" "$WORK/err"; then
		ok "$1"
	else
		fail "$1: no line '$2' on stderr"
		show_err
	fi
}
# last_line NAME LINE : stderr ends with this line.
last_line() {
	if [ "$(tail -n 1 "$WORK/err")" = "$2" ]; then
		ok "$1"
	else
		fail "$1: the last line is '$(tail -n 1 "$WORK/err")', not '$2'"
		show_err
	fi
}

# --- Swedish, the default ---------------------------------------------------------------
expect_rc 2 "sv: a bad import is rejected" pf import q4.csv
want_line "sv: the cell's heading and the message" \
	'q4.csv:2:3: error: Bedömning: "lila" är ingen bedömning (använd grön, gul, röd)'
want_line "sv: did you mean" 'q4.csv:3:1: error: Initiativ: okänt initiativ "P-1": menade du "P-01"?'
want_line "sv: an unknown heading" \
	'q4.csv:1:4: warning: okänd kolumn "Kommentarer" ignoreras: menade du kommentar?'
last_line "sv: the closing line" "inget skrevs: 2 fel"
expect_rc 0 "nothing was written" pf report quarter --period 2025Q4 --format json
grep -q '"2025Q4"' "$WORK/out" && ! grep -q 'lila' "$WORK/out" && ok "no follow-up of 2025Q4" ||
	fail "the rejected import wrote something"
PORTFOLJ_LANG=sv expect_rc 2 "PORTFOLJ_LANG=sv: rejected" pf import q4.csv
last_line "PORTFOLJ_LANG=sv: the closing line" "inget skrevs: 2 fel"
expect_rc 2 "sv: a logging command" pf followup P-1 --period 2025Q4 --status pågående --assessment gul
want_line "sv: followup's did you mean" \
	'followup:initiative: error: okänt initiativ "P-1": menade du "P-01"?'
last_line "sv: followup's closing line" "inget skrevs: 1 fel"
expect_rc 2 "sv: set" pf set initiative P-1 fas=avslutad
last_line "sv: set's closing line" "inget skrevs: 1 fel"
expect_rc 1 "sv: an unknown command" pf frobnicate
want_line "sv: the unknown command" 'portfolj: okänt kommando "frobnicate"'
expect_rc 1 "sv: a usage error" pf import
want_line "sv: the usage error" "portfolj import: ange minst en KÄLLA"

# --- English: --lang en before the command, or $PORTFOLJ_LANG=en -----------------------------
expect_rc 2 "--lang en: rejected" "$PF" --db "$DB" --lang en import q4.csv
want_line "en: the cell's heading and the message" \
	'q4.csv:2:3: error: Bedömning: "lila" is not an assessment (use grön, gul, röd)'
want_line "en: did you mean" \
	'q4.csv:3:1: error: Initiativ: unknown initiative "P-1": did you mean "P-01"?'
last_line "en: the closing line" "nothing was written: 2 errors"
expect_rc 2 "--lang=en: rejected" "$PF" --lang=en --db "$DB" import q4.csv
last_line "--lang=en: the closing line" "nothing was written: 2 errors"
PORTFOLJ_LANG=en expect_rc 2 "PORTFOLJ_LANG=en: rejected" pf import q4.csv
last_line "PORTFOLJ_LANG=en: the closing line" "nothing was written: 2 errors"
# the option wins over the environment
PORTFOLJ_LANG=en expect_rc 2 "--lang sv over PORTFOLJ_LANG=en" "$PF" --db "$DB" --lang sv import q4.csv
last_line "--lang sv: the closing line" "inget skrevs: 2 fel"
PORTFOLJ_LANG=en expect_rc 2 "en: measure" pf measure P-01-X --period 2025Q4 --value 1
last_line "en: measure's closing line" "nothing was written: 1 error"

# --- a bad language is a usage error ------------------------------------------------------
expect_rc 1 "--lang de" "$PF" --db "$DB" --lang de import q4.csv
want_line "--lang de: why" 'portfolj: okänt språk "de" (använd sv eller en)'
PORTFOLJ_LANG=de expect_rc 1 "PORTFOLJ_LANG=de" pf import q4.csv
PORTFOLJ_LANG=de expect_rc 0 "PORTFOLJ_LANG=de, report --lang en" \
	pf report quarter --period 2025Q3 --lang en
# report's own --lang and the global one
expect_rc 0 "global --lang en reaches the report" "$PF" --db "$DB" --lang en report quarter --period 2025Q3
grep -q '^Quarterly report 2025Q3' "$WORK/out" && ok "the report is in English" ||
	fail "global --lang en: the report is not in English"
expect_rc 0 "a good import in Swedish" pf import "$CONF"/uppfoljning.csv
[ ! -s "$WORK/err" ] && ok "a good import prints no diagnostics" || { fail "a good import printed"; show_err; }

finish
