#!/usr/bin/env bash
# Installs every dependency (test peers included), builds rtcsipd with warnings
# as errors and runs the whole test suite: unit, integration and end-to-end
# tests, then the unit tests again under ASan+UBSan, then each fuzz target
# for a short while. Exits non-zero on the first failure.
#
# FUZZ_SECONDS (default 60) sets the time given to each fuzz target.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jobs=$(nproc)
fuzz_seconds=${FUZZ_SECONDS:-60}

scripts/install-deps.sh --test

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== build (RelWithDebInfo, -Werror)"
cmake --preset default -DRTCSIP_WERROR=ON >/dev/null
cmake --build --preset default -j "$jobs"
echo "== tests"
ctest --preset default -j "$jobs" 2>&1 | tee -a "$log"

echo "== build (ASan+UBSan)"
cmake --preset asan -DRTCSIP_WERROR=ON >/dev/null
cmake --build --preset asan -j "$jobs" --target unit_all
echo "== unit tests under ASan+UBSan"
ctest --preset asan -j "$jobs" 2>&1 | tee -a "$log"

echo "== build (libFuzzer)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs" --target fuzz_all
echo "== fuzz targets, ${fuzz_seconds}s each, ${jobs} at a time"
fuzz_one() { # runs one target on a fresh corpus seeded from the tree
  local target=$1 name corpus flog
  name=$(basename "$target")
  corpus=$(mktemp -d)
  flog="$corpus.log"
  if ! "$target" -max_total_time="$fuzz_seconds" -print_final_stats=1 "$corpus" "tests/fuzz/seeds/${name#fuzz_}" \
      >"$flog" 2>&1; then
    tail -n 80 "$flog"
    echo "fuzz target $name failed: the input that failed is in $(pwd) (crash-*, timeout-*, oom-*)"
    return 1
  fi
  echo "$name: $(grep -E '^stat::number_of_executed_units' "$flog" | awk '{print $2}') runs"
  rm -rf "$corpus" "$flog"
}
pids=()
for target in build/fuzz/bin/fuzz_*; do
  fuzz_one "$target" &
  pids+=($!)
  if (( ${#pids[@]} >= jobs )); then
    wait "${pids[0]}" || { kill "${pids[@]:1}" 2>/dev/null; exit 1; }
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || exit 1; done
fuzz_targets=$(ls build/fuzz/bin/fuzz_* | wc -l)
total=$(awk '/tests failed out of/ {s += $NF} END {print s + 0}' "$log")
echo "== ctest runs (default and ASan+UBSan) and ${fuzz_targets} fuzz targets"
echo "tests: $((total + fuzz_targets)) passed, 0 failed"
