#!/usr/bin/env bash
# Auditable runs (FORMATS.md section 2): each import run records, for each
# source, its SHA-256 as sha256sum prints it, for a CSV sheet, a TSV sheet, an
# XLSX workbook (every sheet of it) and a JSON document.
. "$(dirname "$0")/common.bash" "$@"

DB=$WORK/s.db
cp "$CONF/initiatives.tsv" "$CONF/effekter.csv" .
cp "$SRC/tests/data/json/portfolio.json" .
"$PF" --db "$DB" import initiatives.tsv effekter.csv >/dev/null 2>&1 || fail "import sheets: exit $?"
"$PF" --db "$DB" import portfolio.json >/dev/null 2>&1 || fail "import json: exit $?"
"$PF" --db x.db import "$SRC/tests/data/xlsx/portfolio.xlsx" >/dev/null 2>&1 || fail "import xlsx: exit $?"

# check DB SOURCE-AS-RECORDED FILE
check() {
	local got want
	got=$(python3 -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print('\n'.join(sorted(set(r[0] or '' for r in c.execute('SELECT checksum FROM run_sources WHERE source = ?', (sys.argv[2],))))))
" "$1" "$2")
	want=$(sha256sum "$3" | cut -c1-64)
	[ "$got" = "$want" ] && ok "$2: sha256sum" || fail "$2: recorded '$got', sha256sum says '$want'"
}
check "$DB" initiatives.tsv initiatives.tsv
check "$DB" effekter.csv effekter.csv
check "$DB" portfolio.json portfolio.json
check x.db "$SRC/tests/data/xlsx/portfolio.xlsx" "$SRC/tests/data/xlsx/portfolio.xlsx"
finish
