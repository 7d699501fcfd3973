#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each one
# briefly (and every saved regression input once) through ctest:
#
#   bash tests/fuzz/run.sh [SECONDS]      # SECONDS per target, default 20
#
# Installs what is missing on Debian 12 (cmake/deps.sh, then clang and
# libclang-rt-14-dev for libFuzzer). See tests/fuzz/README.md.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
seconds=${1:-20}
case $seconds in
'' | *[!0-9]*)
	echo "usage: bash tests/fuzz/run.sh [SECONDS]" >&2
	exit 1
	;;
esac

bash cmake/deps.sh
missing=()
for p in clang libclang-rt-14-dev; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "installing: ${missing[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)
CC=clang cmake -S . -B build-fuzz -DPF_FUZZ=ON -DPF_TESTS=OFF -DPF_FUZZ_SECONDS="$seconds" \
	>/dev/null
cmake --build build-fuzz -j "$jobs" --target all
# No fuzz tests means cmake/fuzz.cmake is not included from CMakeLists.txt: an error.
ctest --test-dir build-fuzz --output-on-failure --no-tests=error -L fuzz -j "$jobs"
