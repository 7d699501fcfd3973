#!/usr/bin/env bash
# Sets up portfolj and shows the bundled example portfolio: installs what is
# missing, builds, loads examples/demo/ into demo.db and prints two reports.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bash cmake/deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
pf="$top/build/portfolj"
rm -f demo.db demo.db-wal demo.db-shm
"$pf" --db demo.db init --demo
echo
"$pf" --db demo.db report quarter --period 2025Q3
echo
"$pf" --db demo.db report committee --period 2025Q3
echo
echo "The demo portfolio is in demo.db; try: $pf --db demo.db report initiative KBN-01 --period 2025Q3"
