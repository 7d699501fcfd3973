#!/usr/bin/env bash
# Exit codes and error paths (FORMATS.md section 1): 0 success, 1 usage,
# 2 input rejected (nothing written), 3 environment; diagnostics as
# FILE:LINE:COLUMN: error: MESSAGE at the physical line and field number.
. "$(dirname "$0")/common.bash" "$@"

DB=$WORK/c.db
conformance_db "$DB"

# --- usage errors: 1, with the usage on stderr ---------------------------------
usage_case() { # NAME ARGS... : exit 1, the usage (or a pointer to --help) on stderr
	local name=$1
	shift
	expect_rc 1 "$name" "$PF" --db "$DB" "$@" || return
	if grep -qiE 'usage|--help' "$WORK/err"; then ok "$name: usage on stderr"; else
		fail "$name: neither the usage nor a pointer to --help on stderr"
		show_err
	fi
	[ -s "$WORK/out" ] && fail "$name: wrote to stdout: $(head -c 200 "$WORK/out")"
}
# The program's own usage errors print the whole usage.
global_usage_case() { # NAME ARGS...
	usage_case "$@" || return
	grep -q 'usage: portfolj' "$WORK/err" && grep -q 'report' "$WORK/err" && ok "$1: full usage" ||
		{ fail "$1: the usage is not on stderr"; show_err; }
}
expect_rc 1 "no command" "$PF"
grep -q 'usage: portfolj' "$WORK/err" && ok "no command: usage" || fail "no command: no usage on stderr"
global_usage_case "only --db, no command"
global_usage_case "unknown command" frobnicate
global_usage_case "unknown global option" --frobnicate report committee
usage_case "import: unknown option" import --frobnicate "$CONF/prioritering.csv"
usage_case "import: no SOURCE" import
usage_case "report: unknown option" report committee --frobnicate
usage_case "report: unknown kind" report frobnicate
usage_case "report: no kind" report
usage_case "report: unknown format" report committee --format frobnicate
usage_case "init: unexpected argument" init frobnicate

expect_rc 0 "--version" "$PF" --version
grep -Eq '^portfolj [0-9]+\.[0-9]+' "$WORK/out" && ok "--version prints it" ||
	fail "--version: stdout is '$(head -c 100 "$WORK/out")'"
expect_rc 0 "--help" "$PF" --help
for c in init import followup measure decision report; do
	expect_rc 0 "$c --help" "$PF" --db "$DB" "$c" --help &&
		{ grep -qi usage "$WORK/out" && ok "$c --help on stdout" || fail "$c --help: no usage on stdout"; }
done

# --- environment errors: 3 -------------------------------------------------------
snapshot "$DB" before
printf 'indikator_id;period;varde\nE-04-1;2025Q2;50\n' >valid.csv
expect_rc 3 "missing file" "$PF" --db "$DB" import valid.csv does-not-exist.csv
grep -q 'does-not-exist.csv' "$WORK/err" && ok "missing file is named" ||
	{ fail "missing file: stderr does not name it"; show_err; }
grep -q '^does-not-exist.csv: error: ' "$WORK/err" && ok "missing file: FILE: error: form" ||
	{ fail "missing file: not 'does-not-exist.csv: error: ...'"; show_err; }
snapshot "$DB" after
same_snapshot before after "missing file beside a valid one"

mkdir adir
expect_rc 3 "database path is a directory" "$PF" --db adir report committee
expect_rc 3 "database in a missing directory" "$PF" --db no/such/dir/x.db init
printf 'SQLite format 2\000\001\002\003 this is not a database, only bytes\n%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 >x.db
sum_before=$(cksum <x.db)
expect_rc 3 "garbage database file" "$PF" --db x.db report committee --period 2025Q3
expect_rc 3 "garbage database file (import)" "$PF" --db x.db import valid.csv
[ "$(cksum <x.db)" = "$sum_before" ] && ok "garbage database left alone" || fail "the garbage database file was modified"
grep -q '^x.db' "$WORK/err" && ok "garbage database is named" || { fail "garbage database not named"; show_err; }

cp "$DB" newer.db
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version=999"); c.commit(); c.close()' newer.db
snapshot newer.db newer-before
expect_rc 3 "newer schema" "$PF" --db newer.db report committee --period 2025Q3
expect_rc 3 "newer schema (import)" "$PF" --db newer.db import valid.csv
expect_rc 3 "newer schema (init)" "$PF" --db newer.db init
v=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' newer.db)
[ "$v" = 999 ] && ok "newer schema left alone" || fail "newer schema: user_version is now $v"

# A database another process is writing: locked, 3, nothing written.
cp "$DB" locked.db
rc=$(python3 - "$PF" <<'PY'
import sqlite3, subprocess, sys
c = sqlite3.connect("locked.db", isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
try:
    r = subprocess.run([sys.argv[1], "--db", "locked.db", "import", "valid.csv"],
                       stdout=subprocess.DEVNULL, stderr=open("err", "w"), timeout=60)
    print(r.returncode)
except subprocess.TimeoutExpired:
    print("timeout")
c.execute("ROLLBACK")
PY
)
[ "$rc" = 3 ] && ok "locked database: 3" || { fail "import into a locked database: exit $rc, expected 3"; sed -n '1,3s/^/     | /p' err; }

# --- rejected input: 2, every error listed, nothing written ------------------------
# reject NAME FILE... -- PATTERN... : import FILEs; expect exit 2, stderr lines
# starting with each PATTERN (an extended regex), every error line in the
# FILE:LINE:COL: error: form, and the database unchanged.
reject() {
	local name=$1 files=() pats=() p
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do files+=("$1"); shift; done
	shift
	pats=("$@")
	snapshot "$DB" before
	run "$PF" --db "$DB" import "${files[@]}"
	if [ "$RC" -ne 2 ]; then
		fail "$name: exit $RC, expected 2"
		show_err
	else
		ok "$name: exit 2"
	fi
	for p in "${pats[@]}"; do
		if grep -Eq -- "^$p" "$WORK/err"; then ok "$name: $p"; else
			fail "$name: no error line matching '^$p'"
			show_err
		fi
	done
	local n bad
	n=$(grep -c ': error: ' "$WORK/err")
	[ "$n" -ge "${#pats[@]}" ] || fail "$name: $n error lines, expected ${#pats[@]}"
	bad=$(grep ': error: ' "$WORK/err" | grep -Ev '^[^:]+:[0-9]+:[0-9]+: error: .')
	if [ -n "$bad" ]; then
		fail "$name: error line not in the FILE:LINE:COL: error: MESSAGE form:"
		echo "$bad" | sed -n '1,4s/^/     | /p'
	fi
	[ -s "$WORK/out" ] && grep -Eq '[1-9][0-9]* (inserted|updated)' "$WORK/out" &&
		fail "$name: stdout reports rows written: $(head -n 3 "$WORK/out")"
	snapshot "$DB" after
	same_snapshot before after "$name"
}

printf 'indikator_id;period;varde\nE-01-1;2025Q1;\n' >req.csv
reject "missing required value" req.csv -- 'req\.csv:2:3: error: '
printf 'id;titel;namnd\nP-10;Ny tjänst;KBN\n\nP-11;;KBN\n' >req2.csv
reject "missing required title (after a blank line)" req2.csv -- 'req2\.csv:4:2: error: '

printf 'indikator_id;period;varde\nE-01-1;2025Q1;3\nE-99;2025Q1;3\n' >ref.csv
reject "unknown indicator" ref.csv -- 'ref\.csv:3:1: error: '
printf 'initiativ;period;bedomning\nP-77;2025Q1;grön\n' >ref2.csv
reject "unknown initiative" ref2.csv -- 'ref2\.csv:2:1: error: '
printf 'period;rang;initiativ\n2026Q1;1;P-01\n2026Q1;2;NOPE\n' >ref3.csv
reject "unknown initiative in a priority list" ref3.csv -- 'ref3\.csv:3:3: error: '

printf 'indikator_id;period;varde\nE-01-1;2025Q1;"12,5.3"\n' >num.csv
reject "malformed number 12,5.3" num.csv -- 'num\.csv:2:3: error: '
printf 'indikator_id,period,varde\nE-01-1,2025Q1,12.5.3\n' >num2.csv
reject "malformed number 12.5.3 (comma-delimited)" num2.csv -- 'num2\.csv:2:3: error: '

printf 'indikator_id;period;varde;kommentar\nE-01-1;2024Q1;3;a;b\n' >extra.csv
reject "a row with more fields than the header" extra.csv -- 'extra\.csv:2:5: error: '

printf 'indikator_id;period;varde\nE-01-1;2025Q1;3\nE-01-2;2025Q5;3\n' >per.csv
reject "malformed period 2025Q5" per.csv -- 'per\.csv:3:2: error: '

printf 'indikator_id;period;varde\nE-01-1;2024Q1;3\nE-01-1;2024-K1;4\n' >dup.csv
reject "duplicate key in one file" dup.csv -- 'dup\.csv:3:[0-9]+: error: '
printf 'indikator_id;period;varde\nE-01-1;2024Q1;3\n' >dupa.csv
printf 'indikator_id,period,varde\nE-01-1,Q1 2024,3\n' >dupb.csv
reject "duplicate key across two files of one import" dupa.csv dupb.csv -- 'dup[ab]\.csv:2:[0-9]+: error: '

printf 'indikator_id;period;varde;kommentar\nE-01-1;2024Q1;3;"two\nlines"\nE-01-2;2024Q1;3;"open\nE-01-2;2024Q2;4;x\nE-01-2;2024Q3;5;y\n' >quote.csv
reject "unclosed quote after a multi-line field" quote.csv -- 'quote\.csv:4:4: error: '
printf 'indikator_id;period;varde;kommentar\r\nE-01-1;2024Q1;3;"two\r\n""lines"""\r\n"E-01-2;2024Q1;3;x\r\n' >quote2.csv
reject "unclosed quote in the first field (CRLF)" quote2.csv -- 'quote2\.csv:4:1: error: '
printf '\357\273\277indicator_id\tperiod\tvalue\tcomment\nE-01-1\t2024Q1\t3\t"a\nb\nc"\nE-01-2\t2024Q1\t1 234,5\t"x\nE-01-2\t2024Q2\t1\t\n' >quote3.tsv
reject "unclosed quote in a TSV with a BOM" quote3.tsv -- 'quote3\.tsv:5:4: error: '

printf '\000\001\002\003\004\005\377\376\375\000\200\201\202\n\000\020\040\177;;\n' >garbage.csv
reject "binary file" garbage.csv -- 'garbage\.csv:[0-9]+:[0-9]+: error: '

printf 'initiativ;period;bedomning;fas\nP-01;2024Q1;lila;pågående\nP-01;2024Q2;grön;flygande\n' >enum.csv
reject "invalid assessment and status" enum.csv -- 'enum\.csv:2:3: error: ' 'enum\.csv:3:4: error: '
printf 'id;titel;namnd;fas\nP-01;Digital kallelse;HSN;halvklar\n' >enum2.csv
reject "invalid initiative status" enum2.csv -- 'enum2\.csv:2:4: error: '

printf 'beslut_id;organ;datum;typ;protokoll\nX-1;KBN;2025-03-04;start;KBN 2025-03-05 § 4\nX-2;KBN;2025-03-04;start;RS 2025-03-04 § 4\nX-3;KBN;2025-03-04;start;protokoll 12\n' >proto.csv
reject "protocol of another date, another body, unparsable" proto.csv -- \
	'proto\.csv:2:5: error: ' 'proto\.csv:3:5: error: ' 'proto\.csv:4:5: error: '
printf 'beslut_id;organ;datum;typ\nX-1;KBN;2025-03-04;frobnicate\n' >dtype.csv
reject "invalid decision type" dtype.csv -- 'dtype\.csv:2:4: error: '

printf 'fardplan;version;verksamhet;namnd;datum;initiativ;horisont\nNY;1;HR;RS;2025-01-01;P-01;år 1\nNY;1;HR;RS;2025-01-02;P-02;år 2\nNY;1;HR;KBN;2025-01-01;P-03;år 3\n' >rmap.csv
reject "roadmap rows whose version fields differ" rmap.csv -- 'rmap\.csv:3:5: error: ' 'rmap\.csv:4:4: error: '

printf 'foo;bar;baz\n1;2;3\n' >unknown.csv
reject "CSV of no known kind" unknown.csv -- 'unknown\.csv:1:[0-9]+: error: '

printf 'indikator_id;period;varde\nE-01-1;2024Q1;x\nE-01-2;2024Q9;3\nE-99;2024Q1;3\n' >three.csv
reject "three bad rows" three.csv -- 'three\.csv:2:3: error: ' 'three\.csv:3:2: error: ' 'three\.csv:4:1: error: '
n=$(grep -c ': error: ' "$WORK/err")
[ "$n" -eq 3 ] && ok "three bad rows: three error lines" || fail "three bad rows: $n error lines, expected 3"

# At least the first 100 errors are listed.
python3 -c '
print("indikator_id;period;varde")
for i in range(150):
    print("E-01-1;%dQ1;x%d" % (1900 + i, i))' >many.csv
reject "150 bad rows" many.csv -- 'many\.csv:2:3: error: ' 'many\.csv:101:3: error: '
n=$(grep -c ': error: ' "$WORK/err")
[ "$n" -ge 100 ] && ok "150 bad rows: $n error lines" || fail "150 bad rows: only $n error lines, expected at least 100"

printf 'id;titel;namnd\nP-20;A;HSN\nP-20;B;HSN\n' >dupi.csv
reject "duplicate initiative id" dupi.csv -- 'dupi\.csv:3:[0-9]+: error: '
: >empty.csv
reject "empty file" empty.csv -- 'empty\.csv:1:[0-9]+: error: '
printf 'indikator_id;period;varde\n' >header-only.csv
snapshot "$DB" before
expect_rc 0 "a header and no rows" "$PF" --db "$DB" import header-only.csv
snapshot "$DB" after
same_snapshot before after "a header and no rows"

# Windows-1252 with CRLF, an empty line and an empty row before the header: the
# line is still the physical one.
printf '\r\n;;\r\nIndikator-ID;Period;V\344rde\r\nE-01-1;2024Q1;7\r\n\r\nE-01-1;2024Q2;abc\r\n' >w1252.csv
reject "Windows-1252 CRLF, header on line 3" w1252.csv -- 'w1252\.csv:6:3: error: '

# Errors in two files of one import, and a valid file beside them: all listed, nothing written.
reject "errors in two files" valid.csv num.csv enum.csv -- 'num\.csv:2:3: error: ' 'enum\.csv:2:3: error: ' 'enum\.csv:3:4: error: '

# --dry-run of an invalid file is rejected too.
snapshot "$DB" before
expect_rc 2 "--dry-run of an invalid file" "$PF" --db "$DB" import --dry-run three.csv
snapshot "$DB" after
same_snapshot before after "--dry-run of an invalid file"

# --- --dry-run of a valid file: 0, nothing written ---------------------------------
printf 'indikator_id;period;varde\nE-04-1;2025Q2;50\nE-01-1;2025Q2;6\n' >valid2.csv
pf report committee --period 2025Q3 --format json >rep-before.json
pf report initiative P-01 --period 2025Q3 --format json >p01-before.json
snapshot "$DB" before
expect_rc 0 "--dry-run of a valid file" "$PF" --db "$DB" import --dry-run valid2.csv
snapshot "$DB" after
same_snapshot before after "--dry-run"
pf report committee --period 2025Q3 --format json >rep-after.json
pf report initiative P-01 --period 2025Q3 --format json >p01-after.json
cmp -s rep-before.json rep-after.json && cmp -s p01-before.json p01-after.json &&
	ok "--dry-run: reports unchanged" || fail "--dry-run: reports changed"
# ...and the same file for real does change it (so the check above means something).
expect_rc 0 "the same file imported" "$PF" --db "$DB" import valid2.csv
snapshot "$DB" after
cmp -s before after && fail "importing valid2.csv changed nothing" || ok "import writes"

finish
