#!/usr/bin/env bash
# Only portfolj's own databases (FORMATS.md section 1): commands that only read
# refuse a database that does not exist and leave no file behind; another
# program's SQLite file is refused by every command and left byte for byte as
# it was (no WAL switch, no schema); `portfolj check` says ok, or lists the
# damage of a corrupt database with the way to recover (exit 3).
. "$(dirname "$0")/common.bash" "$@"

# --- a database that does not exist ------------------------------------------------
for cmd in "report quarter" "report committee --format json" "export" "check"; do
	run "$PF" --db missing.db $cmd
	[ "$RC" -eq 3 ] && ok "$cmd on a missing database: exit 3" || fail "$cmd on a missing database: exit $RC"
	grep -q "missing.db: error: .*portfolj --db missing.db init" "$WORK/err" &&
		ok "$cmd says how to create one" || { fail "$cmd: no advice"; show_err; }
	[ -e missing.db ] && fail "$cmd left missing.db behind" && rm -f missing.db
done

# --- another program's SQLite file -------------------------------------------------
python3 - <<'PY'
import sqlite3
c = sqlite3.connect("other.db")
c.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
c.execute("INSERT INTO notes (text) VALUES ('mine')")
c.commit()
PY
cp other.db other.orig
for cmd in "report quarter" "export" "init" "followup X --period 2025Q1 --status idé --assessment grön" "check"; do
	run "$PF" --db other.db $cmd
	[ "$RC" -eq 3 ] && ok "$cmd on another program's file: exit 3" || fail "$cmd on another program's file: exit $RC"
	grep -q "not a portfolj database" "$WORK/err" || { fail "$cmd: message"; show_err; }
	cmp -s other.db other.orig && [ ! -e other.db-wal ] && ok "$cmd left it untouched" ||
		fail "$cmd changed another program's file"
done

# --- portfolj's own: marked, checked ----------------------------------------------
DB=$WORK/p.db
pf init --demo >/dev/null || fail "init --demo: exit $?"
[ "$(python3 -c "import sqlite3;print(sqlite3.connect('p.db').execute('PRAGMA application_id').fetchone()[0])")" = 1346783793 ] &&
	ok "the database is marked as portfolj's" || fail "no application_id"
expect_rc 0 "check on a whole database" pf check
grep -qx "$DB: ok" "$WORK/out" && ok "check says ok" || fail "check: $(cat "$WORK/out")"

# Damage a page of the indicators' table, as a disk might.
python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
root = c.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'measurements'").fetchone()[0]
size = c.execute("PRAGMA page_size").fetchone()[0]
c.close()
with open(sys.argv[1], "r+b") as f:
    f.seek((root - 1) * size)
    f.write(b"\xff" * size)
PY
run pf check
[ "$RC" -eq 3 ] && ok "check on a damaged database: exit 3" || fail "check on a damaged database: exit $RC"
grep -q "damaged" "$WORK/err" && grep -q ".recover" "$WORK/err" && ok "check says how to recover" ||
	{ fail "check: no advice"; show_err; }
run pf export --format json
[ "$RC" -eq 3 ] && grep -q ".recover" "$WORK/err" && ok "an export meeting the damage stops with the advice" ||
	{ fail "export of a damaged database: exit $RC"; show_err; }
# --- messages that say what happened ---------------------------------------------
DB=$WORK/m.db
pf init --demo >/dev/null
run "$PF" --db
[ "$RC" -eq 1 ] && grep -q -- "--db needs a path" "$WORK/err" && ok "--db without a value" || { fail "--db without a value: exit $RC"; show_err; }
run "$PF" --db a.db --db b.db report quarter
[ "$RC" -eq 1 ] && grep -q "given twice" "$WORK/err" && ok "--db twice" || { fail "--db twice: exit $RC"; show_err; }
run pf report quarter --period 2025Q1 --period 2025Q2
[ "$RC" -eq 1 ] && grep -q -- "--period is given twice" "$WORK/err" && ok "report --period twice" || { fail "--period twice: exit $RC"; show_err; }
run pf measure KBN-01-M1 --period 2025Q1 --value 1 --value 2
[ "$RC" -eq 1 ] && grep -q -- "--value is given twice" "$WORK/err" && ok "measure --value twice" || { fail "--value twice: exit $RC"; show_err; }
run pf decision --body TYPO --date 2025-01-01 --type information
[ "$RC" -eq 2 ] && grep -q "TYPO" "$WORK/err" && ok "decision --body of no known body is refused" || { fail "decision --body TYPO: exit $RC"; show_err; }
[ "$(python3 -c "import sqlite3;print(sqlite3.connect('m.db').execute(\"SELECT count(*) FROM committees WHERE code = 'TYPO'\").fetchone()[0])")" = 0 ] &&
	ok "and no committee TYPO made" || fail "a committee TYPO was made"
# A single-value option given twice is refused on every command, naming it.
for case in "--map:import --map a.json --map b.json x.csv" "--timeout:import --timeout 5 --timeout 6 x.csv" \
	"--cacert:import --cacert a --cacert b x.csv" "--format:export --format json --format csv" \
	"--output:export -o a.json -o b.json" "--output:export --format csv -o a --output b"; do
	opt=${case%%:*} args=${case#*:}
	run pf $args
	[ "$RC" -eq 1 ] && grep -q -- "$opt is given twice" "$WORK/err" && ok "$args: refused" ||
		{ fail "$args: exit $RC"; show_err; }
done
[ ! -e a.json ] && [ ! -e b.json ] && ok "and nothing written" || fail "an export with -o twice wrote a file"
run "$PF" --lang en --lang sv --db "$DB" report quarter
[ "$RC" -eq 1 ] && grep -q -- "--lang \(is given twice\|anges två gånger\)" "$WORK/err" && ok "--lang twice" || { fail "--lang twice: exit $RC"; show_err; }
# A number of 10^15 or more is too large (saying the limit), not "not a number".
printf 'indikator_id;period;varde\nKBN-01-M1;2025Q4;1%070d\n' 0 >huge.csv
printf '{"measurements": [{"indicator_id": "KBN-01-M1", "period": "2025Q4", "value": 1.7e308}]}' >huge.json
printf '{"measurements": [{"indicator_id": "KBN-01-M1", "period": "2025Q4", "value": 1e400}]}' >huge400.json
for f in huge.csv huge.json huge400.json; do
	run pf import $f
	[ "$RC" -eq 2 ] && grep -q "error: .*too large.*less than 10^15" "$WORK/err" && ! grep -q "not a number" "$WORK/err" &&
		ok "$f: too large" || { fail "$f: exit $RC"; show_err; }
done
finish
