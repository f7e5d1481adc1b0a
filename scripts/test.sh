#!/usr/bin/env bash
# Installs every dependency (test peers included), builds rtcsipd with warnings
# as errors and runs the whole test suite: unit, integration and end-to-end
# tests, then the unit tests again under ASan+UBSan, then each fuzz target
# for a short while. Exits non-zero on the first failure.
#
# FUZZ_SECONDS (default 20) sets the time given to each fuzz target.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jobs=$(nproc)
fuzz_seconds=${FUZZ_SECONDS:-20}

scripts/install-deps.sh --test

echo "== build (RelWithDebInfo, -Werror)"
cmake --preset default -DRTCSIP_WERROR=ON >/dev/null
cmake --build --preset default -j "$jobs"
echo "== tests"
ctest --preset default -j "$jobs"

echo "== build (ASan+UBSan)"
cmake --preset asan -DRTCSIP_WERROR=ON >/dev/null
cmake --build --preset asan -j "$jobs"
echo "== unit tests under ASan+UBSan"
ctest --preset asan-unit -j "$jobs"

echo "== build (libFuzzer)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"
echo "== fuzz targets, ${fuzz_seconds}s each"
for target in build/fuzz/bin/fuzz_*; do
  name=$(basename "$target")
  corpus=$(mktemp -d)
  seeds="tests/fuzz/seeds/${name#fuzz_}"
  "$target" -max_total_time="$fuzz_seconds" -print_final_stats=1 "$corpus" "$seeds" 2>&1 | tail -n 3
  rm -rf "$corpus"
done
echo "== all tests passed"
