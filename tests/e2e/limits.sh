#!/usr/bin/env bash
# Bounded memory for every source (issue 12 item 6): a source past a limit is refused with
# exit 2 and a message naming the limit, under a virtual-memory limit of about 1.5 GB; a
# text longer than a spreadsheet cell holds is refused at import, so every value stored can
# be exported to XLSX. Inputs are generated small: just past each limit, not hundreds of MB.
. "$(dirname "$0")/common.bash" "$@"
DB=$WORK/l.db
"$PF" --db "$DB" init >/dev/null || { fail "init"; finish; }

# AddressSanitizer reserves terabytes of address space and cannot start under ulimit -v:
# such a build runs the same checks without the limit.
if (ulimit -v 1500000 && "$PF" --version) >/dev/null 2>&1; then
	VMEM=1500000
else
	VMEM=unlimited
fi
limited() { (ulimit -v "$VMEM" && "$@"); }

# expect_limit NAME WANT_RC PATTERN SOURCE...: import exits WANT_RC naming the limit.
expect_limit() {
	local name=$1 want=$2 pattern=$3
	shift 3
	run limited "$PF" --db "$DB" import "$@"
	[ "$RC" -eq "$want" ] && ok "$name: exit $want" || { fail "$name: exit $RC, not $want"; show_err; }
	grep -q -- "$pattern" "$WORK/err" && ok "$name: names the limit" ||
		{ fail "$name: no \"$pattern\""; show_err; }
}

# A JSON document of more values than jansson's tree may hold in 1 GiB: 4,000,001 of them.
python3 -c 'import sys; sys.stdout.write("{\"measurements\":[" + ",".join(["{}"] * 3999999) + "]}")' >big.json
expect_limit "4,000,001 JSON values" 2 "more than 4000000 JSON values" big.json
grep -q "split it" "$WORK/err" && ok "says how to split" || fail "no advice to split"

# Every document's tree is kept until the import is written: documents (or a REST source's
# pages) each under the limit may not add up past it.
python3 -c 'import sys; sys.stdout.write("{\"other\":[" + ",".join(["1"] * 3000000) + "]}")' >part1.json
cp part1.json part2.json
expect_limit "two documents of 3,000,002 values" 2 "part2.json: error: .*more than 4000000 values together" part1.json part2.json

# Out of memory in jansson is out of memory, not "invalid JSON" (needs the memory limit).
if [ "$VMEM" != unlimited ]; then
	python3 -c 'import sys; sys.stdout.write("[" + ",".join(["{}"] * 1999999) + "]")' >many.json
	run bash -c "ulimit -v 200000 && exec \"\$0\" --db \"\$1\" import many.json" "$PF" "$DB"
	[ "$RC" -eq 3 ] && grep -q "out of memory" "$WORK/err" && ! grep -q "invalid JSON" "$WORK/err" &&
		ok "jansson out of memory says so" || { fail "out of memory: exit $RC"; show_err; }
fi

# Sheets: a row of too many fields, a field past the reader's limit.
python3 -c 'print("id;titel;namnd"); print(";" * 5000)' >wide.csv
expect_limit "a row of 5001 fields" 2 "more than 4096 fields" wide.csv
python3 -c 'print("id;titel;namnd"); print("A;" + "x" * (1 << 21) + ";KBN")' >huge.csv
expect_limit "a 2 MiB field" 2 "longer than 1048576 bytes" huge.csv

# Texts: at most 32767 characters (Excel's cell), refused with the row otherwise.
python3 -c 'print("id;titel;namnd"); print("A;" + "å" * 32768 + ";KBN")' >long.csv
expect_limit "a CSV text of 32768 characters" 2 "long.csv:2:2: error: .*longer than 32767 characters" long.csv
python3 -c 'import json; print(json.dumps({"initiatives": [{"id": "A", "title": "t", "committee": "KBN", "description": "x" * 40000}]}))' >long.json
expect_limit "a JSON text of 40000 characters" 2 "long.json:initiatives\[0\].description: error: .*longer than 32767" long.json
# A map's template cannot grow a text past the limit either (a small map, a huge text).
python3 -c '
import json
json.dump({"kind": "initiatives", "records": "/r",
           "fields": {"id": "/id", "title": {"template": "{/t}" * 50000}, "committee": "/c"}},
          open("grow.map.json", "w"))
json.dump({"r": [{"id": "A", "t": "x" * 4000, "c": "KBN"}]}, open("grow.json", "w"))'
expect_limit "a template of 200 MB" 2 "template makes a text longer than 32767" --map grow.map.json grow.json

# A text of exactly 32767 characters is imported, exported to XLSX and read back.
python3 -c 'print("id;titel;namnd"); print("A;" + "å" * 32767 + ";KBN")' >edge.csv
run limited "$PF" --db "$DB" import edge.csv
[ "$RC" -eq 0 ] && ok "32767 characters imported" || { fail "32767 characters: exit $RC"; show_err; }
run "$PF" --db "$DB" export --format xlsx -o edge.xlsx
[ "$RC" -eq 0 ] && ok "and exported to xlsx" || { fail "xlsx export: exit $RC"; show_err; }
run "$PF" --db "$WORK/back.db" import edge.xlsx
[ "$RC" -eq 0 ] && ok "and imported back" || { fail "xlsx import: exit $RC"; show_err; }

# A text stored before the limit existed: the XLSX export names its sheet, row and column.
sqlite3 "$DB" "UPDATE initiatives SET description = printf('%.*c', 40000, 'x') WHERE id = 'A'"
run "$PF" --db "$DB" export --format xlsx -o old.xlsx
[ "$RC" -eq 3 ] && grep -q "sheet initiatives, row 2, column description" "$WORK/err" &&
	ok "xlsx export names the row of a too-long text" || { fail "xlsx export: exit $RC"; show_err; }
finish
