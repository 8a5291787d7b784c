#!/usr/bin/env bash
# Server CPU per request of (a) creates and (b) the invalid mix, in pairs against one server, for a
# ratio that holds on a machine shared with other work (req/s does not). One server jar, the same
# world and flags as run-bench.sh; a warm-up of both mixes, then ROUNDS rounds of one (a) run and one
# (b) run each, alternating which goes first. The CPU is the server process's own (utime + stime from
# /proc/PID/stat), divided by the requests wrk completed; "sys" is the kernel's share of it.
# Usage: generated-server/bench/cpu-pairs.sh [rounds, default 4] [seconds per run, default 5]
#        (after mvn package; BENCH_WARMUP_ROUNDS=8 pairs of 5 s warm-up by default)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
MODULE_DIR="$(dirname "$BENCH_DIR")"
JAR="${BENCH_JAR:-$MODULE_DIR/target/traffic-mirror-server.jar}"
ROUNDS="${1:-4}"
DURATION="${2:-5}"
WARMUP_ROUNDS="${BENCH_WARMUP_ROUNDS:-8}"
# Twice run-bench.sh's accounts: the warm-up and rounds create more sessions than its runs.
ACCOUNTS=128
WORK="$(mktemp -d)"
JVM_OPTS="${BENCH_JVM_OPTS:--XX:+UseParallelGC -XX:MaxTenuringThreshold=1 -Xms1g -Xmn64m}"
export BENCH_DIR BENCH_ACCOUNTS_PER_THREAD=$((ACCOUNTS / 2))
[ -f "$JAR" ] || { echo "no $JAR: run mvn -pl generated-server -am package first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (run-bench.sh installs it)" >&2; exit 1; }

# The world and credentials of run-bench.sh, from its own writer (one definition of the world).
eval "$(sed -n '/^write_world()/,/^}/p' "$BENCH_DIR/run-bench.sh")"
write_world 0 "$WORK/world.json"

# shellcheck disable=SC2086
java $JVM_OPTS -jar "$JAR" --port 0 --no-auth --world "$WORK/world.json" --credentials "$WORK/credentials.json" \
  > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 600); do grep -q listening "$WORK/server.log" && break; sleep 0.1; done
URL="$(grep -m1 -o 'http://127.0.0.1:[0-9]*/' "$WORK/server.log")"
echo 1 > "$WORK/priority"

ticks() { awk '{ print $14 + $15, $15 }' "/proc/$SERVER_PID/stat"; }
# run NAME SCRIPT SECONDS: prints "NAME requests us_per_request sys_us_per_request non2xx".
run() {
  local first before after result
  first=$(cat "$WORK/priority")
  before=$(ticks)
  result=$(BENCH_FIRST_PRIORITY=$first wrk -t2 -c32 -d"${3}s" -s "$2" "$URL" \
    | sed -n 's/^RESULT requests=\([0-9]*\).*non2xx=\([0-9]*\).*/\1 \2/p')
  after=$(ticks)
  # Creates number their priorities from here on (each thread's accounts in turn; 50 % to spare for
  # threads that ran unevenly). A non-2xx count in (a) would show a priority met twice.
  [[ "$2" == *creates* ]] && echo $(( first + ${result% *} * 3 / (2 * ACCOUNTS) + 2 )) > "$WORK/priority"
  awk -v name="$1" -v b="$before" -v a="$after" -v r="$result" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    split(b, B, " "); split(a, A, " "); split(r, R, " ");
    printf "%s %d %.1f %.1f %d\n", name, R[1], (A[1] - B[1]) / hz * 1e6 / R[1], (A[2] - B[2]) / hz * 1e6 / R[1], R[2] }'
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; warm-up $WARMUP_ROUNDS x (5 s creates + 5 s invalid)"
for _ in $(seq 1 "$WARMUP_ROUNDS"); do
  run a "$BENCH_DIR/creates.lua" 5 > /dev/null
  run b "$BENCH_DIR/invalid.lua" 5 > /dev/null
done
for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 )); then
    A=$(run a "$BENCH_DIR/creates.lua" "$DURATION"); B=$(run b "$BENCH_DIR/invalid.lua" "$DURATION")
  else
    B=$(run b "$BENCH_DIR/invalid.lua" "$DURATION"); A=$(run a "$BENCH_DIR/creates.lua" "$DURATION")
  fi
  echo "$A $B" | awk '{ printf "  round %d: (a) %6d creates %5.1f us/request (sys %4.1f, non-2xx %d) | (b) %6d invalid %5.1f us/request (sys %4.1f) | (b)/(a) = %.2f\n",
    '"$r"', $2, $3, $4, $5, $7, $8, $9, $8 / $3 }'
done
