#!/usr/bin/env bash
# OPTIONS transactions per second that rtcsipd's one signalling thread
# sustains: over UDP driven by sipp, and over WSS driven by bench_wss_load.
# Prints the request rates and the daemon's CPU time per request.
#   tests/bench/options_load.sh <build-dir> [seconds=10]
set -euo pipefail
build=${1:?build directory}
seconds=${2:-10}
work=$(mktemp -d)
cleanup() {
  if [[ -n "${pid:-}" ]] && kill "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || echo "rtcsipd exited with status $?"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port() { # a free TCP+UDP port on loopback
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "$p"; return; fi
  done
}
udp=$(port); wss=$(port)
cat > "$work/rtcsipd.yaml" <<YAML
state_dir: $work/state
listeners:
  - {transport: udp, address: 127.0.0.1, port: $udp}
  - {transport: wss, address: 127.0.0.1, port: $wss}
media: {workers: 1}
logging: {level: warning}
YAML
"$build/bin/rtcsipd" --config "$work/rtcsipd.yaml" >"$work/rtcsipd.log" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q "rtcsipd running" "$work/rtcsipd.log" 2>/dev/null && break; sleep 0.1; done

cpu_ms() { # user+system CPU time of the daemon in ms
  awk '{print ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"'}' "/proc/$pid/stat"
}

rate=${SIPP_RATE:-20000}
total=$((rate * seconds))
c0=$(cpu_ms)
t0=$(date +%s.%N)
sipp -nostdin -timeout $((seconds * 3))s -i 127.0.0.1 -t u1 -sf "$(dirname "$0")/../data/sipp/options_uac.xml" \
  -r "$rate" -l 2000 -m "$total" -p "$(port)" "127.0.0.1:$udp" >"$work/sipp.out" 2>&1 || sipp_status=$?
# sipp exits non-zero when some calls failed; the failures are counted below.
echo "sipp exit status: ${sipp_status:-0}"
t1=$(date +%s.%N)
c1=$(cpu_ms)
ok=$(grep "Successful call" "$work/sipp.out" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
failed=$(grep "Failed call" "$work/sipp.out" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
elapsed=$(awk "BEGIN{print $t1 - $t0}")
echo "udp OPTIONS (sipp offering $rate/s): $ok answered, $failed failed in ${elapsed}s = $(awk "BEGIN{printf \"%.0f\", $ok/$elapsed}") requests/s; daemon CPU $(awk "BEGIN{printf \"%.1f\", ($c1-$c0)*1000/$ok}") us/request"

c0=$(cpu_ms)
"$build/bin/bench_wss_load" "$wss" 20 8 "$seconds" | tee "$work/wss.out"
c1=$(cpu_ms)
n=$(sed -n 's/^wss OPTIONS: \([0-9]*\) answered.*/\1/p' "$work/wss.out")
echo "wss OPTIONS: daemon CPU $(awk "BEGIN{printf \"%.1f\", ($c1-$c0)*1000/$n}") us/request"
