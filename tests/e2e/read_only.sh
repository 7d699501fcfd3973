#!/usr/bin/env bash
# Commands that only read (report, export, check, import --dry-run) work on a
# database they cannot write: a read-only file, a file in a read-only
# directory (after a clean close: no -wal file), and they neither switch its
# journal mode nor migrate it. A command that writes says the database is
# read-only (exit 3). An older schema opened to read is not migrated but
# refused with advice; a negative schema version is refused clearly.
#
# Root ignores file permissions, so as root the commands run as `nobody`
# (setpriv); where that cannot run the program, those checks are skipped.
. "$(dirname "$0")/common.bash" "$@"

DB=$WORK/p.db
conformance_db "$DB"
pf report committee --period 2025Q3 --format json >want-report.json
pf export >want-export.json

if [ "$(id -u)" -eq 0 ]; then
	as_user() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
	chmod 711 "$WORK"
	OWNER=nobody
else
	as_user() { "$@"; }
	OWNER=$(id -un)
fi

# reads_ok NAME DBFILE [FILES] : every reading command works on DBFILE and leaves it as it
# was; with FILES (`files`), its directory's list of files too. (Beside a read-only file
# in a directory it may write, SQLite makes the -wal and -shm files it reads through.)
reads_ok() {
	local name=$1 db=$2 before after
	before=$(cd "$(dirname "$db")" && { [ -z "${3:-}" ] || ls -A; } && sha256sum "$(basename "$db")")
	run as_user "$PF" --db "$db" report committee --period 2025Q3 --format json
	[ "$RC" -eq 0 ] && cmp -s "$WORK/out" want-report.json && ok "$name: report" ||
		{ fail "$name: report: exit $RC"; show_err; }
	run as_user "$PF" --db "$db" export
	[ "$RC" -eq 0 ] && cmp -s "$WORK/out" want-export.json && ok "$name: export" ||
		{ fail "$name: export: exit $RC"; show_err; }
	run as_user "$PF" --db "$db" check
	[ "$RC" -eq 0 ] && ok "$name: check" || { fail "$name: check: exit $RC"; show_err; }
	run as_user "$PF" --db "$db" import --dry-run "$CONF"/uppfoljning.csv
	[ "$RC" -eq 0 ] && grep -q "dry run: nothing written" "$WORK/out" && ok "$name: import --dry-run" ||
		{ fail "$name: import --dry-run: exit $RC"; show_err; }
	after=$(cd "$(dirname "$db")" && { [ -z "${3:-}" ] || ls -A; } && sha256sum "$(basename "$db")")
	[ "$before" = "$after" ] && ok "$name: nothing changed" || fail "$name: the directory changed: $after"
}
# write_refused NAME DBFILE : a command that writes says the database is read-only.
write_refused() {
	run as_user "$PF" --db "$2" followup P-01 --period 2025Q4 --status pågående --assessment grön
	[ "$RC" -eq 3 ] && grep -q "error: the database is read-only.*write permission" "$WORK/err" &&
		ok "$1: a write says the database is read-only" || { fail "$1: a write: exit $RC"; show_err; }
}

if as_user "$PF" --version >/dev/null 2>&1; then
	# (a) a read-only file in a directory this user may write.
	mkdir filero && cp "$DB" filero/ && chmod 444 filero/p.db && chown "$OWNER" filero
	reads_ok "a read-only file" "$WORK/filero/p.db"
	write_refused "a read-only file" "$WORK/filero/p.db"
	# (b) a file in a read-only directory, closed cleanly (journal mode wal, no -wal file).
	mkdir dirro && cp "$DB" dirro/ && chmod 555 dirro
	# (bytes 18 and 19 of the header are 2 in a WAL database)
	[ ! -e dirro/p.db-wal ] && [ "$(od -An -tu1 -j18 -N2 dirro/p.db | tr -s ' ')" = " 2 2" ] ||
		fail "setup: the database is not in WAL mode without a -wal file"
	reads_ok "a read-only directory" "$WORK/dirro/p.db" files
	write_refused "a read-only directory" "$WORK/dirro/p.db"
	# (c) a read-only directory holding a -wal file but no -shm: not read as if the
	# file were all there is (that would miss what the -wal holds), but refused with advice.
	mkdir walro && cp "$DB" walro/ && printf 'x' >walro/p.db-wal && chmod 555 walro
	run as_user "$PF" --db "$WORK/walro/p.db" report quarter --period 2025Q3
	[ "$RC" -eq 3 ] && grep -q "its -wal file is there" "$WORK/err" && ok "a -wal file that cannot be read is said" ||
		{ fail "a -wal file in a read-only directory: exit $RC"; show_err; }
	chmod 755 dirro walro
else
	echo "note: skipped the permission checks: $(id -un) cannot run $PF as nobody"
fi

# An older schema: a report does not migrate it, and says how to; a write does.
python3 - "$SRC/src/store/sqlite/schema/001_init.sql" <<'PY'
import sqlite3, sys
c = sqlite3.connect("old.db")
c.executescript(open(sys.argv[1], encoding="utf-8").read())
c.execute("PRAGMA user_version = 1")
c.execute("PRAGMA application_id = 1346783793")
c.commit()
PY
snapshot_hash() { sha256sum old.db | cut -c1-64; }
h=$(snapshot_hash)
run "$PF" --db old.db report quarter --period 2025Q3
[ "$RC" -eq 3 ] && grep -q "schema version 1, older than this portfolj's.*portfolj --db old.db init" "$WORK/err" &&
	ok "a report on an older schema says to migrate" || { fail "a report on an older schema: exit $RC"; show_err; }
[ "$h" = "$(snapshot_hash)" ] && ok "and leaves it as it was" || fail "a report migrated an older schema"
run "$PF" --db old.db import --dry-run "$CONF"/initiatives.tsv
[ "$RC" -eq 0 ] && [ "$h" = "$(snapshot_hash)" ] && ok "import --dry-run checks an older schema in a copy" ||
	{ fail "import --dry-run on an older schema: exit $RC"; show_err; }

# A negative schema version (set by someone else).
cp "$DB" neg.db
python3 -c "import sqlite3;c=sqlite3.connect('neg.db');c.execute('PRAGMA user_version = -5');c.commit()"
for cmd in "report quarter" "import $CONF/uppfoljning.csv"; do
	run "$PF" --db neg.db $cmd
	[ "$RC" -eq 3 ] && grep -q "schema version -5, which no portfolj writes" "$WORK/err" &&
		ok "${cmd%% *} on a negative schema version" || { fail "${cmd%% *} on a negative schema version: exit $RC"; show_err; }
done

# import --dry-run on a database that does not exist checks against an empty one, and makes none.
run "$PF" --db none.db import --dry-run "$CONF"/initiatives.tsv
[ "$RC" -eq 0 ] && [ ! -e none.db ] && ok "import --dry-run on no database makes none" ||
	{ fail "import --dry-run on no database: exit $RC, $(ls none.db* 2>/dev/null)"; show_err; }
finish
