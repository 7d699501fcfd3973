#!/usr/bin/env bash
# Importing is idempotent (FORMATS.md section 2): the conformance sheets in one
# command, in another order, then again: nothing inserted or updated, the
# reports the same. The same data in other spellings changes nothing; one
# changed value is one update, kept in the change history.
. "$(dirname "$0")/common.bash" "$@"

DB=$WORK/c.db
sheets=(decisions.csv matvarden.csv fardplaner.csv uppfoljning.csv initiatives.tsv prioritering.csv effekter.csv)
paths=()
for f in "${sheets[@]}"; do paths+=("$CONF/$f"); done

# counts OUT-FILE : "inserted updated" summed over the summary lines
# ("... N inserted, M updated ...").
counts() {
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
reports() { # OUT-DIR
	mkdir -p "$1"
	local p k
	for p in 2025Q2 2025Q3 2025Q4; do
		pf report quarter --period $p --format json >"$1/quarter-$p.json" || fail "report quarter $p: exit $?"
		pf report committee --period $p --format json >"$1/committee-$p.json" || fail "report committee $p: exit $?"
		pf report priority --period $p --format json >"$1/priority-$p.json" || fail "report priority $p: exit $?"
	done
	for k in P-01 P-02 P-03 P-04 P-05 P-06; do
		pf report initiative $k --period 2025Q3 --format json >"$1/initiative-$k.json" || fail "report initiative $k: exit $?"
	done
	pf report roadmap HR --period 2025Q3 --format json >"$1/roadmap-HR.json" || fail "report roadmap HR: exit $?"
	pf report roadmap KU --period 2025Q3 --format json >"$1/roadmap-KU.json" || fail "report roadmap KU: exit $?"
	pf report traceability --year 2025 --format json >"$1/traceability.json" || fail "report traceability: exit $?"
}
same_reports() { # DIR-A DIR-B NAME
	if diff -r "$1" "$2" >"$WORK/diff" 2>&1; then ok "$3: reports identical"; else
		fail "$3: reports differ:"
		sed -n '1,12s/^/     | /p' "$WORK/diff"
	fi
}

expect_rc 0 "first import (shuffled order)" pf import "${paths[@]}" && cp "$WORK/out" first.log
read -r ins upd < <(counts first.log)
[ "$ins" = 42 ] && [ "$upd" = 0 ] && ok "first import: 42 inserted" ||
	{ fail "first import: $ins inserted, $upd updated; expected 42, 0"; sed 's/^/     | /' first.log; }
reports r1

expect_rc 0 "second import" pf import "${paths[@]}" && cp "$WORK/out" second.log
read -r ins upd < <(counts second.log)
[ "$ins" = 0 ] && [ "$upd" = 0 ] && ok "second import: 0 inserted, 0 updated" ||
	{ fail "second import: $ins inserted, $upd updated; expected 0, 0"; sed 's/^/     | /' second.log; }
grep -Eq '[0-9]+ inserted' second.log || fail "second import: no summary on stdout: $(head -c 200 second.log)"
reports r2
same_reports r1 r2 "second import"

# The same data in other spellings: matvarden.csv as UTF-8 with LF, canonical
# periods, decimals written out; initiatives as ; CSV with Swedish headings,
# ja/nej and x booleans, thousands separators.
python3 - "$CONF" <<'PY'
import sys
conf = sys.argv[1]
text = open(conf + "/matvarden.csv", "rb").read().decode("cp1252").replace("\r\n", "\n")
canon = {"Q4 2025": "2025Q4", "2025-K3": "2025Q3", "Q3 2025": "2025Q3", "2025-K2": "2025Q2",
         "Q1 2025": "2025Q1"}
out = []
for i, line in enumerate(text.splitlines()):
    if i == 0:
        out.append("indicator_id,period,value")
        continue
    ind, per, val = line.split(";")
    out.append("%s,%s,\"%s,0\"" % (ind, canon.get(per, per), val))
open("measurements-respelled.csv", "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
python3 - "$CONF" <<'PY'
import csv, sys
conf = sys.argv[1]
rows = list(csv.reader(open(conf + "/initiatives.tsv", encoding="utf-8", newline=""), delimiter="\t"))
sv = {"id": "ID", "title": "Titel", "committee": "Nämnd", "unit": "Verksamhet",
      "description": "Beskrivning", "category": "Kategori", "status": "Fas",
      "innovative": "Innovativ", "cross_cutting": "Tvärsektoriell", "start": "Start",
      "end": "Slut", "budget": "Budget kr", "it_hours": "IT-timmar"}
head = rows[0]
out = [[sv[h] for h in head]]
for r in rows[1:]:
    rec = dict(zip(head, r))
    rec["innovative"] = {"yes": "ja", "no": "nej"}[rec["innovative"]]
    rec["cross_cutting"] = {"yes": "x", "no": ""}[rec["cross_cutting"]]
    if rec["budget"]:
        rec["budget"] = "{:,}".format(int(rec["budget"])).replace(",", " ")
    if rec["it_hours"]:
        rec["it_hours"] = rec["it_hours"] + ",0"
    out.append([rec[h] for h in head])
with open("initiatives-respelled.csv", "w", encoding="utf-8", newline="") as f:
    csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(out)
PY
expect_rc 0 "import the same initiatives respelled" pf import initiatives-respelled.csv &&
	cp "$WORK/out" respelled-i.log
read -r ins upd < <(counts respelled-i.log)
[ "$ins" = 0 ] && [ "$upd" = 0 ] && ok "respelled initiatives: 0 inserted, 0 updated" ||
	{ fail "respelled initiatives: $ins inserted, $upd updated; expected 0, 0"; sed 's/^/     | /' respelled-i.log; }
expect_rc 0 "import the same measurements respelled" pf import measurements-respelled.csv &&
	cp "$WORK/out" respelled.log
read -r ins upd < <(counts respelled.log)
[ "$ins" = 0 ] && [ "$upd" = 0 ] && ok "respelled: 0 inserted, 0 updated" ||
	{ fail "respelled measurements: $ins inserted, $upd updated; expected 0, 0"; sed 's/^/     | /' respelled.log; }
reports r3
same_reports r1 r3 "respelled measurements"

# One changed value in a copy of matvarden.csv (bytes otherwise the same:
# Windows-1252, CRLF): E-03-1 2025Q3 4 -> 3.
python3 - "$CONF/matvarden.csv" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
old = b"E-03-1;2025Q3;4\r\n"
assert b.count(old) == 1, "matvarden.csv no longer has the row the test changes"
open("matvarden.csv", "wb").write(b.replace(old, b"E-03-1;2025Q3;3\r\n"))
PY
changed=()
for f in "${sheets[@]}"; do
	if [ "$f" = matvarden.csv ]; then changed+=("$WORK/matvarden.csv"); else changed+=("$CONF/$f"); fi
done
expect_rc 0 "import with one changed value" pf import "${changed[@]}" && cp "$WORK/out" changed.log
read -r ins upd < <(counts changed.log)
[ "$ins" = 0 ] && [ "$upd" = 1 ] && ok "changed value: 1 updated" ||
	{ fail "changed value: $ins inserted, $upd updated; expected 0, 1"; sed 's/^/     | /' changed.log; }
grep -E '^measurements' changed.log | grep -Eq '(^|[^0-9])1 updated' && ok "the update is a measurement" ||
	fail "changed value: the measurements line does not say 1 updated: $(grep -E '^measurements' changed.log)"
pf report initiative P-03 --period 2025Q3 --format json >p03.json
jcheck p03.json "change history: 4 -> 3" "any(num(c.get('old')) == 4 and num(c.get('new')) == 3 for c in d['changes'])"
jcheck p03.json "series has the new value" \
	"[s['value'] for i in d['indicators'] for s in i['series'] if s['period'] == '2025Q3'] == [3]"

# And that again: nothing more.
expect_rc 0 "import the changed set again" pf import "${changed[@]}" && cp "$WORK/out" again.log
read -r ins upd < <(counts again.log)
[ "$ins" = 0 ] && [ "$upd" = 0 ] && ok "changed set again: 0, 0" ||
	{ fail "changed set again: $ins inserted, $upd updated; expected 0, 0"; sed 's/^/     | /' again.log; }
pf report initiative P-03 --period 2025Q3 --format json >p03b.json
cmp -s p03.json p03b.json && ok "no new history" || fail "importing the changed set again changed report initiative P-03"

finish
