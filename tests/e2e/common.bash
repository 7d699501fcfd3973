# Helpers shared by the end-to-end scripts (sourced, not run: ctest runs *.sh only).
#
#   . "$(dirname "$0")/common.bash" "$@"
#
# Sets PF (the portfolj binary, absolute), SRC (the source tree), WORK (a
# temporary directory removed on exit, also the current directory) and DATA
# (tests/data/e2e). Checks call fail/ok; `finish` exits 1 if any check failed.
set -u

if [ $# -lt 2 ]; then
	echo "usage: bash $(basename "$0") PATH-TO-portfolj SOURCE-DIR" >&2
	exit 1
fi
case $1 in
/*) PF=$1 ;;
*/*) PF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") ;;
*) PF=$(command -v "$1") ;;
esac
SRC=$(cd "$2" && pwd)
DATA=$SRC/tests/data/e2e
CONF=$DATA/conformance
if [ ! -x "$PF" ]; then
	echo "FAIL: $1 is not an executable" >&2
	exit 1
fi
if ! command -v python3 >/dev/null; then
	echo "FAIL: python3 is needed by these tests" >&2
	exit 1
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pfj-e2e.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
unset PORTFOLJ_DB PORTFOLJ_TOKEN
# the checks match English messages; messages.sh unsets it for its Swedish ones
export PORTFOLJ_LANG=en
export NO_COLOR=1

FAILS=0
CHECKS=0
fail() {
	FAILS=$((FAILS + 1))
	echo "FAIL $*"
}
ok() {
	CHECKS=$((CHECKS + 1))
	[ -n "${VERBOSE:-}" ] && echo "ok   $*"
	return 0
}
finish() {
	if [ "$FAILS" -gt 0 ]; then
		echo "$(basename "$0"): $FAILS check(s) failed, $CHECKS passed"
		exit 1
	fi
	echo "$(basename "$0"): all $CHECKS checks passed"
	exit 0
}
# Shows the captured stderr (a few lines) under a failure.
show_err() {
	sed -n '1,8s/^/     | /p' "$WORK/err"
}

# run CMD... : runs it with stdout in $WORK/out and stderr in $WORK/err; sets RC.
run() {
	"$@" >"$WORK/out" 2>"$WORK/err"
	RC=$?
}
# expect_rc WANT NAME CMD... : runs CMD and checks its exit status.
expect_rc() {
	local want=$1 name=$2
	shift 2
	run "$@"
	if [ "$RC" -ne "$want" ]; then
		fail "$name: exit $RC, expected $want"
		show_err
		return 1
	fi
	ok "$name"
}
# pf ARGS... : portfolj on the test database $DB.
pf() {
	"$PF" --db "$DB" "$@"
}

# jcheck FILE NAME PYEXPR : PYEXPR (with d = the JSON in FILE) must be true.
jcheck() {
	local out
	if out=$(python3 - "$1" "$3" 2>&1 <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1], encoding="utf-8"))
except ValueError as e:
    print("not JSON: %s" % e); sys.exit(1)
try:
    def values(x):  # every scalar in x, depth first
        if isinstance(x, dict):
            for v in x.values():
                yield from values(v)
        elif isinstance(x, list):
            for v in x:
                yield from values(v)
        else:
            yield x
    near = lambda a, b: isinstance(a, (int, float)) and abs(a - b) <= 1e-3
    def num(x):  # a number, or a number in a string ("77.5", "77,5"); else None
        try:
            return float(str(x).replace(",", "."))
        except ValueError:
            return None
    r = eval(sys.argv[2], {"d": d, "near": near, "values": lambda x=d: list(values(x)),
                            "num": num})
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
# jvalid FILE NAME : FILE is JSON.
jvalid() {
	jcheck "$1" "$2" "True"
}

# snapshot DBFILE OUT : everything observable about a database: its bytes, a
# full SQL dump of its tables (python's sqlite3, the sqlite3 CLI may be
# missing) and the committee report.
snapshot() {
	python3 - "$1" >"$2" 2>&1 <<'PY'
import hashlib, sqlite3, sys
p = sys.argv[1]
print("sha256", hashlib.sha256(open(p, "rb").read()).hexdigest())
c = sqlite3.connect(p)
print("user_version", c.execute("PRAGMA user_version").fetchone()[0])
for line in c.iterdump():
    print(line)
c.close()
PY
	"$PF" --db "$1" report committee --period 2025Q3 --format json >>"$2" 2>&1
}
# same_snapshot BEFORE AFTER NAME
same_snapshot() {
	if cmp -s "$1" "$2"; then
		ok "$3: database unchanged"
	else
		fail "$3: the database changed"
		diff "$1" "$2" | sed -n '1,10s/^/     | /p'
		return 1
	fi
}

# conformance_db DB : a fresh database holding the conformance portfolio.
conformance_db() {
	"$PF" --db "$1" import "$CONF"/initiatives.tsv "$CONF"/effekter.csv "$CONF"/matvarden.csv \
		"$CONF"/uppfoljning.csv "$CONF"/prioritering.csv "$CONF"/fardplaner.csv \
		"$CONF"/decisions.csv >"$WORK/setup.log" 2>&1 || {
		echo "FAIL setup: importing the conformance portfolio failed:"
		sed -n '1,10s/^/     | /p' "$WORK/setup.log"
		exit 1
	}
}
