#!/usr/bin/env bash
# Runs the client conformance cases through clients generated from api-spec/openapi.yaml by the stock
# openapi-generator in other languages, signatures on, against the reference server on loopback.
# Builds nothing of the reactor: expects `mvn -B -DskipTests package` to have produced the server jar
# and the exports (conformance-tests/target/cases.json, with the signing vectors beside it).
# Starts the server once (--port 0 --admin-token, --quiet: auth on, the demo world), then runs every
# other-languages/<lang>/run.sh
#   run.sh <endpoint> <admin-token> <cases.json>
# (each generates its client, packages and installs it as its users do, under its own target/ folder,
# tests its signing hook and runs the cases) and sums their tally lines
# `other-languages <lang>: N passed, N failed, N skipped` into the closing line. See README.md.
#
#   bash conformance-tests/other-languages/run-other-languages.sh [lang ...]   # default: every <lang>/run.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TARGET="$HERE/target"
LOGS="$TARGET/logs"
CASES="${OTHER_LANGUAGES_CASES:-$ROOT/conformance-tests/target/cases.json}"
SERVER_JAR="${OTHER_LANGUAGES_SERVER_JAR:-$ROOT/generated-server/target/traffic-mirror-server.jar}"
# The differential signing vectors and their planted mutants, under the names the interop programs read.
CASES_DIR="$(dirname "$CASES")"
export INTEROP_SIGNING_VECTORS="${INTEROP_SIGNING_VECTORS:-$CASES_DIR/signing-vectors.jsonl}"
export INTEROP_SIGNING_MUTANT="${INTEROP_SIGNING_MUTANT:-$CASES_DIR/signing-vectors-mutant.jsonl}"
export INTEROP_SDK_SIGNING_VECTORS="${INTEROP_SDK_SIGNING_VECTORS:-$CASES_DIR/sdk-signing-vectors.jsonl}"
export INTEROP_SDK_SIGNING_MUTANT="${INTEROP_SDK_SIGNING_MUTANT:-$CASES_DIR/sdk-signing-vectors-mutant.jsonl}"
STARTED=$SECONDS

step() { printf 'other-languages: [%3ds] %s\n' "$((SECONDS - STARTED))" "$*"; }
die() {
    printf 'other-languages: FAILED: %s\n' "$1" >&2
    if [ $# -gt 1 ] && [ -f "$2" ]; then tail -n 40 "$2" >&2; fi
    exit 1
}

[ -f "$CASES" ] || die "no cases export at $CASES: run mvn -B -DskipTests package first"
[ -f "$SERVER_JAR" ] || die "no server jar at $SERVER_JAR: run mvn -B -DskipTests package first"
mkdir -p "$LOGS"

if [ $# -gt 0 ]; then
    LANGS=("$@")
else
    LANGS=()
    for dir in "$HERE"/*/; do
        [ -f "$dir/run.sh" ] && LANGS+=("$(basename "$dir")")
    done
fi
[ ${#LANGS[@]} -gt 0 ] || die "no other-languages/<lang>/run.sh found"
for lang in "${LANGS[@]}"; do
    [ -f "$HERE/$lang/run.sh" ] || die "no $HERE/$lang/run.sh"
done

# --- The server: any free port, which its ready line reports ("listening on http://127.0.0.1:PORT/").
TOKEN="other-languages-$RANDOM$RANDOM$RANDOM"
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
step "reference server on $ENDPOINT (signatures on, admin API on); $(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); print(len(c), "cases,", sum("client" in x["appliesTo"] for x in c), "for the client surface")' "$CASES") in ${CASES#"$ROOT"/}"

# --- Each language's run; its output goes to the console and to target/logs/<lang>.log.
PASSED=0 FAILED=0 SKIPPED=0 TALLIES=()
for lang in "${LANGS[@]}"; do
    step "$lang: bash conformance-tests/other-languages/$lang/run.sh $ENDPOINT <admin-token> ${CASES#"$ROOT"/}"
    lang_started=$SECONDS
    set +e
    bash "$HERE/$lang/run.sh" "$ENDPOINT" "$TOKEN" "$CASES" 2>&1 | tee "$LOGS/$lang.log"
    code=${PIPESTATUS[0]}
    set -e
    tally="$(grep -E "^other-languages $lang: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$" "$LOGS/$lang.log" | tail -n 1 || true)"
    if [ -z "$tally" ]; then
        echo "other-languages $lang: runner FAIL printed no tally line (exit code $code)"
        TALLIES+=("other-languages $lang: 0 passed, 1 failed, 0 skipped (no tally line)")
        FAILED=$((FAILED + 1))
        continue
    fi
    read -r p f s < <(echo "$tally" | sed -E 's/^other-languages [^:]+: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/\1 \2 \3/')
    if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "other-languages $lang: runner FAIL exited $code"
        f=1
    fi
    TALLIES+=("other-languages $lang: $p passed, $f failed, $s skipped ($((SECONDS - lang_started)) s)")
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
