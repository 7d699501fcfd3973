#!/usr/bin/env bash
# Runs one libFuzzer target for ctest (see cmake/fuzz.cmake):
#
#   short.sh regressions FUZZER FUZZDIR NAME WORKDIR
#       runs every file of FUZZDIR/regressions/NAME/ once: each is an input
#       that once crashed, so each must now pass.
#   short.sh fuzz FUZZER FUZZDIR NAME WORKDIR SECONDS [RSS_MB]
#       fuzzes for SECONDS from the seeds of FUZZDIR/corpus/NAME/. New inputs
#       go to WORKDIR/corpus and a crashing input to WORKDIR/artifacts/, so
#       the committed corpus is never changed.
set -euo pipefail
mode=$1 fuzzer=$2 fuzzdir=$3 name=$4 work=$5
regressions=$fuzzdir/regressions/$name
seeds=$fuzzdir/corpus/$name
dict=$fuzzdir/dicts/$name.dict

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$work/corpus" "$work/artifacts"

case $mode in
regressions)
	shopt -s nullglob
	files=("$regressions"/*)
	if [ ${#files[@]} -eq 0 ]; then
		echo "fuzz_$name: no regression inputs in $regressions"
		exit 0
	fi
	exec "$fuzzer" -artifact_prefix="$work/artifacts/" "${files[@]}"
	;;
fuzz)
	seconds=$6 rss=${7:-2048}
	args=(-max_total_time="$seconds" -rss_limit_mb="$rss" -timeout=30 -print_final_stats=1
	      -artifact_prefix="$work/artifacts/")
	[ -f "$dict" ] && args+=(-dict="$dict")
	if ! "$fuzzer" "${args[@]}" "$work/corpus" "$seeds"; then
		echo "fuzz_$name: found a failing input in $work/artifacts/ (see tests/fuzz/README.md:" \
		     "minimise it and add it to $regressions/)" >&2
		exit 1
	fi
	;;
*)
	echo "usage: short.sh regressions|fuzz FUZZER FUZZDIR NAME WORKDIR [SECONDS [RSS_MB]]" >&2
	exit 1
	;;
esac
