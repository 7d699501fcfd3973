#!/usr/bin/env bash
# Sets up and runs every test: installs what is missing, builds with warnings as
# errors, runs the suite, then builds again with AddressSanitizer and
# UndefinedBehaviorSanitizer and runs the whole suite once more, and last runs
# each libFuzzer target briefly (tests/fuzz; clang is installed for it).
# --quick stops after the first pass.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bash cmake/deps.sh
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B build -DPF_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

if [ "${1:-}" != "--quick" ]; then
  cmake -S . -B build-asan -DPF_WERROR=ON -DPF_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
  cmake --build build-asan -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"
  bash tests/fuzz/run.sh "${PF_FUZZ_SECONDS:-15}"
fi
