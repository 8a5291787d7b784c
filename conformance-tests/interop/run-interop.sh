#!/usr/bin/env bash
# Runs the conformance cases through Volcengine's official SDKs, signatures on, against the reference
# server on loopback. Builds nothing: expects `mvn -B -DskipTests package` to have produced the server
# jar and the cases export (conformance-tests/target/cases.json, with the signing vectors beside it).
# Starts the server once (--port 0 --admin-token, --quiet), then runs every interop/<sdk>/run.sh
#   run.sh <endpoint> <admin-token> <cases.json>
# (each installs its SDK from its registry at a pinned version, under its own target/ folder) and sums
# their tally lines `interop <sdk>: N passed, N failed, N skipped` into the closing line. Format of
# every line and of the export: README.md in this folder.
#
#   bash conformance-tests/interop/run-interop.sh [sdk ...]      # default: every folder with a run.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TARGET="$HERE/target"
LOGS="$TARGET/logs"
CASES="${INTEROP_CASES:-$ROOT/conformance-tests/target/cases.json}"
SERVER_JAR="${INTEROP_SERVER_JAR:-$ROOT/generated-server/target/traffic-mirror-server.jar}"
# The differential signing vectors (ours and a planted mutant's), written by the same build step.
export INTEROP_SIGNING_VECTORS="${INTEROP_SIGNING_VECTORS:-$(dirname "$CASES")/signing-vectors.jsonl}"
export INTEROP_SIGNING_MUTANT="${INTEROP_SIGNING_MUTANT:-$(dirname "$CASES")/signing-vectors-mutant.jsonl}"
STARTED=$SECONDS

step() { printf 'interop: [%3ds] %s\n' "$((SECONDS - STARTED))" "$*"; }
die() {
    printf 'interop: FAILED: %s\n' "$1" >&2
    if [ $# -gt 1 ] && [ -f "$2" ]; then tail -n 40 "$2" >&2; fi
    exit 1
}

[ -f "$CASES" ] || die "no cases export at $CASES: run mvn -B -DskipTests package first"
[ -f "$SERVER_JAR" ] || die "no server jar at $SERVER_JAR: run mvn -B -DskipTests package first"
mkdir -p "$LOGS"

if [ $# -gt 0 ]; then
    SDKS=("$@")
else
    SDKS=()
    for dir in "$HERE"/*/; do
        [ -f "$dir/run.sh" ] && SDKS+=("$(basename "$dir")")
    done
fi
[ ${#SDKS[@]} -gt 0 ] || die "no interop/<sdk>/run.sh found"
for sdk in "${SDKS[@]}"; do
    [ -f "$HERE/$sdk/run.sh" ] || die "no $HERE/$sdk/run.sh"
done

# --- The server: any free port, which its ready line reports ("listening on http://127.0.0.1:PORT/").
TOKEN="interop-$RANDOM$RANDOM$RANDOM"
SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM
java -jar "$SERVER_JAR" --host 127.0.0.1 --port 0 --admin-token "$TOKEN" --quiet > "$LOGS/server.log" 2>&1 &
SERVER_PID=$!
ENDPOINT=""
for _ in $(seq 1 300); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server stopped while starting" "$LOGS/server.log"
    ENDPOINT="$(sed -n 's#^traffic-mirror-server listening on \(http://[^/ ]*\)/.*#\1#p' "$LOGS/server.log" | head -n 1)"
    [ -n "$ENDPOINT" ] && break
    sleep 0.1
done
[ -n "$ENDPOINT" ] || die "the server printed no ready line within 30 s" "$LOGS/server.log"
step "reference server on $ENDPOINT (signatures on, admin API on); $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$CASES") cases in ${CASES#"$ROOT"/}"

# --- Each SDK's program; its output goes to the console and to target/logs/<sdk>.log.
PASSED=0 FAILED=0 SKIPPED=0 TALLIES=()
for sdk in "${SDKS[@]}"; do
    step "$sdk: bash conformance-tests/interop/$sdk/run.sh $ENDPOINT <admin-token> ${CASES#"$ROOT"/}"
    set +e
    bash "$HERE/$sdk/run.sh" "$ENDPOINT" "$TOKEN" "$CASES" 2>&1 | tee "$LOGS/$sdk.log"
    code=${PIPESTATUS[0]}
    set -e
    tally="$(grep -E "^interop $sdk: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$" "$LOGS/$sdk.log" | tail -n 1 || true)"
    if [ -z "$tally" ]; then
        echo "interop $sdk: runner FAIL printed no tally line (exit code $code)"
        TALLIES+=("interop $sdk: 0 passed, 1 failed, 0 skipped (no tally line)")
        FAILED=$((FAILED + 1))
        continue
    fi
    read -r p f s < <(echo "$tally" | sed -E 's/^interop [^:]+: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/\1 \2 \3/')
    if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "interop $sdk: runner FAIL exited $code"
        f=1
    fi
    TALLIES+=("interop $sdk: $p passed, $f failed, $s skipped")
    PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
done
stop_server

step "done"
printf '%s\n' "${TALLIES[@]}"
if [ "$SKIPPED" -gt 0 ]; then
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
else
    echo "$PASSED passed, $FAILED failed"
fi
[ "$FAILED" -eq 0 ]
