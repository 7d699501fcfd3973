#!/usr/bin/env bash
# The portfolj benchmark (see bench/README.md).
#
#     bash bench/run.sh [N...]
#
# For each N (default 10000 20000, i.e. 1M and 2M measurement rows) it
# generates a synthetic portfolio of N initiatives (bench/gen.c), then, in the
# same run:
#   - times `portfolj import` of the five sheets into a new database against
#     `sqlite3 .import` of the same files into bare tables (bench/bare.sql) in
#     one transaction, the engine's floor, and records the peak RSS of
#     portfolj's import; then the same with the measurements sorted by period;
#   - times `portfolj report committee --period P --format json` against one
#     plain SQL query over the bare tables computing the same figures
#     (bench/committee.sql), and checks that the figures are the same, at P and
#     at a second period.
# Every timing is the median of BENCH_REPS runs (default 3); the peak RSS is the
# largest of them. A summary table marks each target PASS or FAIL.
#
# Exit status: 0 when every command worked and the figures agree, whatever the
# targets say (this is a measurement, not a test); 2 when the figures differ;
# 3 when a command fails or a tool is missing.
#
# Environment: PORTFOLJ (the program; default build-dev/portfolj when it is not
# older than the sources, else a Release build in /tmp/bench-build),
# BENCH_DIR (work directory, default /tmp/portfolj-bench), BENCH_REPS (3),
# BENCH_SEED (1), BENCH_PERIOD (2025Q4), BENCH_CHECK_PERIOD (2023Q3),
# BENCH_KEEP=1 keeps the generated files and databases.
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
work=${BENCH_DIR:-/tmp/portfolj-bench}
reps=${BENCH_REPS:-3}
seed=${BENCH_SEED:-1}
period=${BENCH_PERIOD:-2025Q4}
check_period=${BENCH_CHECK_PERIOD:-2023Q3}
kinds=(initiatives effects measurements followups priorities)

# Targets (FORMATS.md is silent; these are the issue's).
T_IMPORT=1.5    # portfolj import / sqlite3 .import
T_RSS_MIB=100   # peak RSS of the import, MiB (strictly below)
T_RSS_GROWTH=1.25 # peak RSS at the larger N / at the first N
T_REPORT=0.5    # committee report / plain SQL

die() {
	echo "bench: $*" >&2
	exit 3
}

if [ $# -eq 0 ]; then
	set -- 10000 20000
fi
for n in "$@"; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || die "N must be a positive whole number, not \"$n\""
done
[[ $reps =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPS must be a positive whole number"
[[ $period =~ ^[0-9]{4}Q[1-4]$ && $check_period =~ ^[0-9]{4}Q[1-4]$ ]] ||
	die "BENCH_PERIOD and BENCH_CHECK_PERIOD must be canonical periods such as 2025Q4"

# ---- tools ----

if [ ! -x /usr/bin/time ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "bench: installing /usr/bin/time (package time)" >&2
		apt-get install -y -qq time >/dev/null || die "cannot install the package time"
	else
		die "/usr/bin/time is missing (apt-get install time)"
	fi
fi
if ! command -v sqlite3 >/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "bench: installing sqlite3" >&2
		apt-get install -y -qq sqlite3 >/dev/null || die "cannot install sqlite3"
	else
		die "sqlite3 is missing (apt-get install sqlite3)"
	fi
fi
for tool in cc python3; do
	command -v "$tool" >/dev/null || die "$tool is missing"
done
sqlite_version=$(sqlite3 --version | cut -d' ' -f1)
# .import --skip needs sqlite3 3.32 or later.
printf '%s\n' 3.32.0 "$sqlite_version" | sort -C -V ||
	die "sqlite3 $sqlite_version is too old: .import --skip needs 3.32 or later"

# The program: $PORTFOLJ, else build-dev/portfolj when no source is newer, else a Release build.
pf=${PORTFOLJ:-}
if [ -z "$pf" ]; then
	pf=$root/build-dev/portfolj
	if [ ! -x "$pf" ] || [ -n "$(find "$root/src" "$root/importers" "$root/include" \
		"$root/CMakeLists.txt" -newer "$pf" -print -quit 2>/dev/null)" ]; then
		echo "bench: $pf is missing or older than the sources; building a Release build" >&2
		{ cmake -S "$root" -B /tmp/bench-build -DCMAKE_BUILD_TYPE=Release &&
			cmake --build /tmp/bench-build -j2; } >/tmp/bench-build.log 2>&1 ||
			{ tail -n 30 /tmp/bench-build.log >&2; die "the build failed (/tmp/bench-build.log)"; }
		pf=/tmp/bench-build/portfolj
	fi
fi
[ -x "$pf" ] || die "$pf is not an executable"

mkdir -p "$work" || die "cannot create $work"
# Others may rebuild the program while this runs: measure a copy taken now.
pf_src=$pf
pf_stamp=$(date -r "$pf" '+%Y-%m-%d %H:%M:%S')
cp "$pf" "$work/portfolj" || die "cannot copy $pf"
pf=$work/portfolj
gen=$work/gen
cc -O2 -std=c11 -o "$gen" "$here/gen.c" || die "cannot build bench/gen.c"

# ---- measuring ----

# run_timed OUT CMD...: runs CMD with stdout to OUT under /usr/bin/time; sets
# WALL (seconds, from the shell's microsecond clock), CPU (user + system
# seconds, 10 ms resolution) and RSS (peak, KiB).
# A failing command stops the benchmark with its error output.
WALL=0
CPU=0
RSS=0
run_timed() {
	local out=$1 t0 t1 rc
	shift
	t0=$EPOCHREALTIME
	/usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" "$@" >"$out" 2>"$work/stderr.txt"
	rc=$?
	t1=$EPOCHREALTIME
	if [ $rc -ne 0 ]; then
		echo "bench: FAILED (exit $rc): $*" >&2
		head -n 40 "$work/stderr.txt" >&2
		exit 3
	fi
	WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
	RSS=$(awk 'END { print $2 }' "$work/time.txt")
	CPU=$(awk 'END { printf "%.2f", $3 + $4 }' "$work/time.txt")
}

# Prints the stderr of the last command once per label when it said anything.
declare -A warned
note_stderr() {
	if [ -s "$work/stderr.txt" ] && [ -z "${warned[$1]:-}" ]; then
		warned[$1]=1
		echo "  note: $1 wrote to standard error:" >&2
		head -n 5 "$work/stderr.txt" | sed 's/^/    /' >&2
	fi
}

median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
max() {
	printf '%s\n' "$@" | sort -g | tail -n 1
}
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'
}
# verdict VALUE OP LIMIT: PASS or FAIL
verdict() {
	awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
		ok = (op == "<=") ? (v <= l) : (v < l)
		print (v == "inf" ? "FAIL" : ok ? "PASS" : "FAIL") }'
}

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
echo "portfolj benchmark: N = $*; $reps runs each, medians; seed $seed; period $period"
echo "machine:  $(nproc) cores, ${cpu:-unknown CPU}, $mem RAM, $(uname -sr)"
echo "program:  $pf_src, built $pf_stamp ($("$pf" --version 2>/dev/null | head -n 1))"
echo "sqlite3:  $sqlite_version (CLI); work directory $work"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the start"
echo

# time_import DIR LABEL FILES...: imports FILES with portfolj into DIR/portfolj.db
# and with sqlite3 into DIR/bare.db, BENCH_REPS times each, interleaved; sets
# IMP_PF, IMP_SQ (median seconds), IMP_RATIO and RSS_KIB (the largest peak).
time_import() {
	local dir=$1 label=$2 r
	shift 2
	local pf_t=() pf_c=() pf_rss=() sq_t=() sq_c=()
	{
		cat "$here/bare.sql"
		echo "BEGIN;"
		echo ".mode csv"
		echo ".separator ;"
		for f in "$@"; do
			echo ".import --skip 1 '$f' b_$(basename "$f" .csv)"
		done
		echo "COMMIT;"
	} >"$dir/bare-import.sql"
	for ((r = 1; r <= reps; r++)); do
		rm -f "$dir/portfolj.db" "$dir/portfolj.db-wal" "$dir/portfolj.db-shm" "$dir/portfolj.db-journal"
		run_timed "$dir/import.out" "$pf" --db "$dir/portfolj.db" import "$@"
		note_stderr "portfolj import"
		pf_t+=("$WALL")
		pf_c+=("$CPU")
		pf_rss+=("$RSS")

		rm -f "$dir/bare.db" "$dir/bare.db-journal"
		run_timed /dev/null sqlite3 -batch "$dir/bare.db" ".read '$dir/bare-import.sql'"
		note_stderr "sqlite3 .import"
		sq_t+=("$WALL")
		sq_c+=("$CPU")
	done
	IMP_PF=$(median "${pf_t[@]}")
	IMP_SQ=$(median "${sq_t[@]}")
	RSS_KIB=$(max "${pf_rss[@]}")
	IMP_RATIO=$(ratio "$IMP_PF" "$IMP_SQ")
	echo "  $label portfolj ${IMP_PF}s, sqlite3 .import ${IMP_SQ}s, ratio $IMP_RATIO;" \
		"peak RSS $(awk -v k="$RSS_KIB" 'BEGIN { printf "%.1f", k / 1024 }') MiB" \
		"(runs: ${pf_t[*]} / ${sq_t[*]})"
	echo "             CPU time: portfolj $(median "${pf_c[@]}")s, sqlite3" \
		"$(median "${sq_c[@]}")s, ratio $(ratio "$(median "${pf_c[@]}")" "$(median "${sq_c[@]}")")"

	# Both databases hold every row.
	local got_pf got_sq
	got_pf=$(sqlite3 "$dir/portfolj.db" "SELECT count(*) FROM measurements") || die "cannot read $dir/portfolj.db"
	got_sq=$(sqlite3 "$dir/bare.db" "SELECT count(*) FROM b_measurements") || die "cannot read $dir/bare.db"
	if [ "$got_pf" != "$nrows" ] || [ "$got_sq" != "$nrows" ]; then
		die "measurement rows: sheet $nrows, portfolj $got_pf, bare tables $got_sq"
	fi
}

status=0
rows=()
first_rss=

for n in "$@"; do
	dir=$work/n$n
	rm -rf "$dir"
	mkdir -p "$dir" || die "cannot create $dir"
	echo "N = $n"

	run_timed /dev/null "$gen" "$n" "$dir" "$seed"
	files=()
	for k in "${kinds[@]}"; do
		files+=("$dir/$k.csv")
	done
	nrows=$(($(wc -l <"$dir/measurements.csv") - 1))
	size=$(du -cb "${files[@]}" | awk 'END { printf "%.1f", $1 / 1048576 }')
	echo "  generated in ${WALL}s: $nrows measurement rows, $size MiB of sheets"

	# The same rows of measurements by period (a stable sort on the period
	# column; ids and periods hold no ';'), as a sheet exported quarter by
	# quarter would give them: the other order an importer meets.
	mkdir -p "$dir/by-period"
	files_bp=()
	for k in "${kinds[@]}"; do
		if [ "$k" = measurements ]; then
			{ head -n 1 "$dir/$k.csv"; tail -n +2 "$dir/$k.csv" | LC_ALL=C sort -s -t';' -k2,2; } \
				>"$dir/by-period/$k.csv"
		else
			ln -sf "$dir/$k.csv" "$dir/by-period/$k.csv"
		fi
		files_bp+=("$dir/by-period/$k.csv")
	done

	for p in "$period" "$check_period"; do
		sed "s/@PERIOD@/$p/g" "$here/committee.sql" >"$dir/committee-$p.sql"
	done

	time_import "$dir" "import:   " "${files[@]}"
	imp_pf=$IMP_PF imp_sq=$IMP_SQ imp_ratio=$IMP_RATIO rss_kib=$RSS_KIB
	time_import "$dir/by-period" "by period:" "${files_bp[@]}"
	bp_ratio=$IMP_RATIO
	[ "$RSS_KIB" -gt "$rss_kib" ] && rss_kib=$RSS_KIB
	rss_mib=$(awk -v k="$rss_kib" 'BEGIN { printf "%.1f", k / 1024 }')

	# The committee report against plain SQL over the bare tables.
	rp_t=()
	rp_c=()
	rs_t=()
	rs_c=()
	for ((r = 1; r <= reps; r++)); do
		run_timed "$dir/report-$period.json" "$pf" --db "$dir/portfolj.db" report committee \
			--period "$period" --format json
		note_stderr "portfolj report committee"
		rp_t+=("$WALL")
		rp_c+=("$CPU")
		run_timed "$dir/plain-$period.csv" sqlite3 -batch -csv "$dir/bare.db" \
			".read '$dir/committee-$period.sql'"
		note_stderr "plain SQL"
		rs_t+=("$WALL")
		rs_c+=("$CPU")
	done
	rep_pf=$(median "${rp_t[@]}")
	rep_sq=$(median "${rs_t[@]}")
	rep_ratio=$(ratio "$rep_pf" "$rep_sq")

	# The same figures, at P and (untimed) at the check period.
	equal=yes
	run_timed "$dir/report-$check_period.json" "$pf" --db "$dir/portfolj.db" report committee \
		--period "$check_period" --format json
	run_timed "$dir/plain-$check_period.csv" sqlite3 -batch -csv "$dir/bare.db" \
		".read '$dir/committee-$check_period.sql'"
	for p in "$period" "$check_period"; do
		python3 "$here/compare.py" "$dir/report-$p.json" "$dir/plain-$p.csv"
		case $? in
		0) ;;
		1)
			echo "  FIGURES DIFFER at $p: portfolj $dir/report-$p.json, plain SQL $dir/plain-$p.csv" >&2
			equal=NO
			status=2
			BENCH_KEEP=1
			;;
		*) die "cannot compare the figures at $p" ;;
		esac
	done
	echo "  committee: portfolj ${rep_pf}s, plain SQL ${rep_sq}s, ratio $rep_ratio;" \
		"figures equal at $period and $check_period: $equal (runs: ${rp_t[*]} / ${rs_t[*]})"
	echo "             CPU time: portfolj $(median "${rp_c[@]}")s, plain SQL" \
		"$(median "${rs_c[@]}")s, ratio $(ratio "$(median "${rp_c[@]}")" "$(median "${rs_c[@]}")")"

	if [ -z "$first_rss" ]; then
		first_rss=$rss_kib
		first_n=$n
		growth="–"
		growth_v=""
	else
		growth=$(ratio "$rss_kib" "$first_rss")
		growth_v=$(verdict "$growth" "<=" "$T_RSS_GROWTH")
	fi
	rows+=("$(printf '%s|%s|%s|%s|%s %s|%s %s|%s %s|%s %s|%s|%s|%s %s|%s' \
		"$n" "$nrows" "$imp_pf" "$imp_sq" "$imp_ratio" "$(verdict "$imp_ratio" "<=" "$T_IMPORT")" \
		"$bp_ratio" "$(verdict "$bp_ratio" "<=" "$T_IMPORT")" \
		"$rss_mib" "$(verdict "$rss_mib" "<" "$T_RSS_MIB")" "$growth" "$growth_v" \
		"$rep_pf" "$rep_sq" "$rep_ratio" "$(verdict "$rep_ratio" "<=" "$T_REPORT")" "$equal")")
	if [ -z "${BENCH_KEEP:-}" ]; then
		rm -rf "$dir"/*.csv "$dir"/*.db "$dir"/*.db-wal "$dir"/*.db-shm "$dir/by-period"
	fi
	echo
done

echo "Summary (times in seconds, medians of $reps runs; RSS growth against N = $first_n;" \
	"load $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
echo
{
	echo "N|rows|portfolj import|sqlite3 .import|ratio (≤ $T_IMPORT)|by period, ratio|peak RSS MiB (< $T_RSS_MIB)|RSS growth (≤ $T_RSS_GROWTH)|committee report|plain SQL|ratio (≤ $T_REPORT)|figures equal"
	printf '%s\n' "${rows[@]}"
} | python3 -c '
import sys
rows = [[c.strip() for c in l.split("|")] for l in sys.stdin if l.strip()]
width = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, width)) + " |"
print(line(rows[0]))
print("|" + "|".join("-" * (w + 2) for w in width) + "|")
for r in rows[1:]:
    print(line(r))
'
if [ $status -ne 0 ]; then
	echo
	echo "bench: the committee figures of portfolj and plain SQL DIFFER (see above)" >&2
fi
exit $status
