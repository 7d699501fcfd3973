#!/usr/bin/env bash
# portfolj init --demo: the bundled example portfolio loads into a fresh
# database, loading it again changes nothing, and its reports work; output
# that is not a terminal, or with NO_COLOR, has no escape sequences.
. "$(dirname "$0")/common.bash" "$@"

# The demo beside these sources (the binary's built-in folder may be elsewhere).
if [ -d "$SRC/examples/demo" ]; then export PORTFOLJ_EXAMPLES=$SRC/examples; fi
DB=$WORK/demo.db

counts() { # OUT-FILE -> "inserted updated"
	python3 - "$1" <<'PY'
import re, sys
ins = upd = 0
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.search(r"(\d+) inserted\D+(\d+) updated", line)
    if m:
        ins += int(m.group(1)); upd += int(m.group(2))
print(ins, upd)
PY
}

expect_rc 0 "init --demo on a fresh database" pf init --demo && cp "$WORK/out" first.log
[ -f "$DB" ] && ok "database created" || fail "init --demo: $DB not created"
read -r ins upd < <(counts first.log)
[ "$ins" -gt 0 ] && ok "first load inserted $ins rows" || { fail "init --demo inserted nothing"; sed 's/^/     | /' first.log; }
pf report quarter --period 2025Q3 --format json >q-first.json

expect_rc 0 "init --demo again" pf init --demo && cp "$WORK/out" second.log
read -r ins upd < <(counts second.log)
[ "$ins" = 0 ] && [ "$upd" = 0 ] && ok "second load: 0 inserted, 0 updated" ||
	{ fail "init --demo again: $ins inserted, $upd updated; expected 0, 0"; sed 's/^/     | /' second.log; }
expect_rc 0 "init without --demo on the demo database" pf init

expect_rc 0 "report quarter 2025Q3 json" pf report quarter --period 2025Q3 --format json && cp "$WORK/out" q.json
jcheck q.json "quarter: period and a non-empty initiatives list" \
	"d['period'] == '2025Q3' and isinstance(d['initiatives'], list) and len(d['initiatives']) > 0"
jcheck q.json "quarter: ranks ascending, every row has its keys" \
	"[i['rank'] for i in d['initiatives']] == sorted(i['rank'] for i in d['initiatives']) and all(set(['id', 'title', 'committee', 'rank', 'status', 'assessment', 'computed', 'realisation', 'previous_assessment', 'comment']) <= set(i) for i in d['initiatives'])"
jcheck q.json "quarter: realisations are fractions or null" \
	"all(i['realisation'] is None or 0 <= i['realisation'] <= 1 for i in d['initiatives'])"
cmp -s q.json q-first.json && ok "loading again left the quarter report alone" || fail "report quarter changed after init --demo again"

expect_rc 0 "report initiative KBN-01 json" pf report initiative KBN-01 --period 2025Q3 --format json && cp "$WORK/out" kbn01.json
jcheck kbn01.json "KBN-01 has at least 7 indicators (the grant system's seven effect goals)" \
	"len(d['indicators']) >= 7"

expect_rc 0 "report committee 2025Q3 (table)" pf report committee --period 2025Q3 && cp "$WORK/out" committee.txt
for c in RS HSN KTN KBN RUN; do
	grep -qw "$c" committee.txt && ok "committee table has $c" || fail "committee table lacks $c"
done
expect_rc 0 "report committee 2025Q3 json" pf report committee --period 2025Q3 --format json && cp "$WORK/out" committee.json
jcheck committee.json "committee json: RS HSN KTN KBN RUN, by code" \
	"[c['code'] for c in d['committees']] == sorted(c['code'] for c in d['committees']) and set(['RS', 'HSN', 'KTN', 'KBN', 'RUN']) <= set(c['code'] for c in d['committees'])"

# Every report kind runs on the demo, as table and as JSON.
for args in "quarter" "quarter --all" "committee" "priority" "traceability --year 2025" "initiative KBN-01"; do
	# shellcheck disable=SC2086
	expect_rc 0 "report $args (table)" pf report $args --period 2025Q3 || continue
	[ -s "$WORK/out" ] || fail "report $args: empty table"
	# shellcheck disable=SC2086
	expect_rc 0 "report $args (json)" pf report $args --period 2025Q3 --format json &&
		jvalid "$WORK/out" "report $args: JSON parses"
done
# The roadmaps the demo's initiatives are on.
python3 - "$SRC/examples/demo" >roadmaps.txt <<'PY'
import csv, glob, io, sys
names = set()
for p in glob.glob(sys.argv[1] + "/*.csv") + glob.glob(sys.argv[1] + "/*.tsv"):
    raw = open(p, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    lines = [l for l in text.splitlines() if l.strip()]
    if not lines:
        continue
    delim = max("\t;,", key=lines[0].count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delim))
    head = [h.strip().lower() for h in rows[0]]
    for key in ("fardplan", "färdplan", "roadmap"):
        if key in head and ("horisont" in head or "horizon" in head):
            i = head.index(key)
            names.update(r[i] for r in rows[1:] if len(r) > i and r[i])
for n in sorted(names):
    print(n)
PY
if [ -s roadmaps.txt ]; then
	while read -r r; do
		expect_rc 0 "report roadmap '$r' json" pf report roadmap "$r" --period 2025Q3 --format json &&
			jcheck "$WORK/out" "roadmap '$r': items in horizon order" \
				"[ {'år 1': 1, 'år 2': 2, 'år 3': 3, 'senare': 4}[i['horizon']] for i in d['items'] ] == sorted({'år 1': 1, 'år 2': 2, 'år 3': 3, 'senare': 4}[i['horizon']] for i in d['items'])"
	done <roadmaps.txt
else
	echo "note: no roadmap names found in the demo's sheets"
fi

# No escape sequences when the output is not a terminal, or with NO_COLOR.
has_esc() { python3 -c 'import sys; sys.exit(0 if b"\x1b" in open(sys.argv[1], "rb").read() else 1)' "$1"; }
for args in "committee" "quarter" "initiative KBN-01" "priority"; do
	# shellcheck disable=SC2086
	env -u NO_COLOR "$PF" --db "$DB" report $args --period 2025Q3 >plain.txt 2>&1
	has_esc plain.txt && fail "report $args to a pipe (no NO_COLOR) has an ESC byte" || ok "report $args to a pipe: no ESC"
	# shellcheck disable=SC2086
	NO_COLOR=1 "$PF" --db "$DB" report $args --period 2025Q3 >plain.txt 2>&1
	has_esc plain.txt && fail "report $args with NO_COLOR has an ESC byte" || ok "report $args with NO_COLOR: no ESC"
done
# On a terminal (a pty) with NO_COLOR set: still none; -o FILE: none in the file.
python3 - "$PF" "$DB" >tty.log 2>&1 <<'PY'
import os, pty, sys
pf, db = sys.argv[1], sys.argv[2]
def on_tty(env_extra, args):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ); env.pop("NO_COLOR", None); env.update(env_extra)
        os.execve(pf, [pf, "--db", db] + args, env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), out
bad = 0
rc, out = on_tty({"NO_COLOR": "1"}, ["report", "committee", "--period", "2025Q3"])
if rc != 0 or b"\x1b" in out:
    print("FAIL report committee on a terminal with NO_COLOR=1: exit %d, ESC %s" % (rc, b"\x1b" in out)); bad = 1
rc, out = on_tty({}, ["report", "committee", "--period", "2025Q3", "-o", "tty-out.txt"])
data = open("tty-out.txt", "rb").read() if os.path.exists("tty-out.txt") else b""
if rc != 0 or b"\x1b" in data or not data:
    print("FAIL report committee -o FILE on a terminal: exit %d, ESC in the file %s" % (rc, b"\x1b" in data)); bad = 1
sys.exit(bad)
PY
if [ $? -eq 0 ]; then ok "terminal: NO_COLOR and -o give no ESC"; else
	FAILS=$((FAILS + 1))
	cat tty.log
fi

finish
