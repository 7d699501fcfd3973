#!/usr/bin/env bash
# Runs the unit tests and the end-to-end tests under valgrind's memcheck:
# any memory error or definite leak fails. `cmake --build BUILD --target valgrind`
# runs it on that build (use a build without the sanitizers).
#   bash tests/valgrind.sh BUILD-DIR [unit|e2e|all]
set -u
build=$(cd "${1:?usage: valgrind.sh BUILD-DIR [unit|e2e|all]}" && pwd)
what=${2:-all}
src=$(cd "$(dirname "$0")/.." && pwd)
vg=(valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99
    --suppressions="$src/tests/valgrind.supp")
fails=0
if [ "$what" != e2e ]; then
	for t in "$build"/tests/test_*; do
		[ -x "$t" ] || continue
		if "${vg[@]}" "$t" >"$build/vg-$(basename "$t").log" 2>&1; then
			echo "ok   $(basename "$t")"
		else
			echo "FAIL $(basename "$t") (see $build/vg-$(basename "$t").log)"
			fails=$((fails + 1))
		fi
	done
fi
if [ "$what" != unit ]; then
	# The program under valgrind, for the end-to-end scripts.
	wrap=$(mktemp "${TMPDIR:-/tmp}/pfj-vg.XXXXXX")
	trap 'rm -f "$wrap"' EXIT
	printf '#!/bin/sh\nexec %s "%s/portfolj" "$@"\n' "${vg[*]}" "$build" >"$wrap"
	chmod +x "$wrap"
	for s in "$src"/tests/e2e/*.sh; do
		case $(basename "$s") in crash_safety.sh | concurrency.sh) continue ;; esac # timing-bound
		if bash "$s" "$wrap" "$src" >"$build/vg-$(basename "$s").log" 2>&1; then
			echo "ok   $(basename "$s")"
		else
			echo "FAIL $(basename "$s") (see $build/vg-$(basename "$s").log)"
			fails=$((fails + 1))
		fi
	done
fi
echo "$fails failed"
[ "$fails" -eq 0 ]
