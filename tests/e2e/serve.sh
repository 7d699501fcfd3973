#!/usr/bin/env bash
# portfolj serve end to end (FORMATS.md section 6): a real server on a free
# loopback port, started and stopped by tests/e2e/serve.py.
set -u
[ $# -ge 2 ] || { echo "usage: bash serve.sh PATH-TO-portfolj SOURCE-DIR" >&2; exit 1; }
exec python3 "$(cd "$2" && pwd)/tests/e2e/serve.py" "$1" "$(cd "$2" && pwd)/tests/data/e2e/conformance"
