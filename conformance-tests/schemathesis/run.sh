#!/usr/bin/env bash
# Schemathesis (a fuzzer that knows nothing of this project) against the reference server, from
# api-spec/openapi.yaml alone: positive and negative requests, every one signed with Volcengine's own
# Python signer, and Schemathesis's checks on every answer. Needs the server jar
# (mvn -B -DskipTests package). Installs the pinned tools into conformance-tests/target/schemathesis/venv.
# Ends with `schemathesis: N requests, N failures`; exits non-zero on any failure.
# See conformance-tests/README.md, "Schemathesis".
set -euo pipefail

# The folders, the progress lines and the server: ../lib/suite.sh.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/suite.sh"
suite_init schemathesis
TARGET="$ROOT/conformance-tests/target/schemathesis"
VENV="$TARGET/venv"
JAR="${SCHEMATHESIS_SERVER_JAR:-$ROOT/generated-server/target/traffic-mirror-server.jar}"
PYTHON="${SCHEMATHESIS_PYTHON:-python3}"
MIN_REQUESTS="${SCHEMATHESIS_MIN_REQUESTS:-5000}"

suite_need_build "server jar" "$JAR"
mkdir -p "$TARGET"
rm -f "$TARGET/junit.xml" "$TARGET/stats.json"

# --- 1. The pinned tools, from requirements.txt (every version pinned with its hash).
STAMP="$VENV/requirements.sha256"
WANTED="$(sha256sum "$HERE/requirements.txt" | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/schemathesis" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$WANTED" ]; then
    step "installing requirements.txt into $VENV with $("$PYTHON" --version 2>&1)"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV" > "$TARGET/venv.log" 2>&1 || die "python -m venv failed" "$TARGET/venv.log"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --timeout 30 \
        --require-hashes --only-binary :all: -r "$HERE/requirements.txt" > "$TARGET/pip.log" 2>&1 \
        || die "pip could not install requirements.txt (is PyPI reachable?)" "$TARGET/pip.log"
    echo "$WANTED" > "$STAMP"
fi

# --- 2. The reference server on an ephemeral loopback port, on the run's world (world.yaml).
ADMIN_TOKEN="st-$RANDOM$RANDOM$RANDOM"
SERVER_LOG="$TARGET/server.log"
suite_start_server "$JAR" "$SERVER_LOG" "$ADMIN_TOKEN" --world "$HERE/world.yaml"
BASE_URL="$ENDPOINT"
step "server: $(head -n 1 "$SERVER_LOG")"

# --- 3. Schemathesis, with the settings of schemathesis.toml and the hooks of hooks.py.
export TM_SPEC="$ROOT/api-spec/openapi.yaml"
export TM_WORLD="$HERE/world.yaml"
export TM_CREDENTIALS="$ROOT/generated-server/src/main/resources/io/tmkit/server/demo-credentials.json"
export TM_ADMIN_URL="$BASE_URL/_admin/"
export TM_ADMIN_TOKEN="$ADMIN_TOKEN"
export TM_STATS="$TARGET/stats.json"
# Hypothesis's own files (its character tables) under target/, not beside the sources.
export HYPOTHESIS_STORAGE_DIRECTORY="$TARGET/hypothesis"
step "$("$VENV/bin/schemathesis" --version) against $BASE_URL"
set +e
(cd "$HERE" && "$VENV/bin/schemathesis" --config-file schemathesis.toml run "$TM_SPEC" --url "$BASE_URL" \
    --no-color --report junit --report-junit-path "$TARGET/junit.xml" ${SCHEMATHESIS_ARGS:-}) \
    > "$TARGET/schemathesis.log" 2>&1
STATUS=$?
set -e
# Schemathesis's own summary, after its failures (each with a curl command) when there are any.
if [ "$STATUS" -ne 0 ] && grep -q '^=* FAILURES =*$' "$TARGET/schemathesis.log"; then
    sed -n '/^=* FAILURES =*$/,$p' "$TARGET/schemathesis.log"
else
    sed -n '/^=* SUMMARY =*$/,$p' "$TARGET/schemathesis.log"
fi
[ -f "$TARGET/stats.json" ] || die "Schemathesis did not run (exit $STATUS)" "$TARGET/schemathesis.log"

# --- 4. What was sent and answered, and the closing line.
"$VENV/bin/python" - "$TARGET/stats.json" "$TARGET/junit.xml" "$STATUS" "$MIN_REQUESTS" <<'PY'
import json, sys, xml.etree.ElementTree as ET
stats, junit, status, minimum = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
failures = 0
try:
    root = ET.parse(junit).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    # One test case per operation; its <failure> lists each unique failure under a "Test Case ID".
    for case in root.iter("testcase"):
        for problem in list(case.iter("failure")) + list(case.iter("error")):
            failures += max(1, (problem.text or "").count("Test Case ID:"))
except (OSError, ET.ParseError):
    failures = 1
if status != 0 and failures == 0:
    failures = 1  # Schemathesis failed without a failing test case (a schema or hook error): count it
print("answers (phase, mode, status, code):")
for key, count in stats["answers"].items():
    print(f"  {count:6d}  {key}")
print(f"largest query string of a schema-valid request: {stats['maxValidQueryBytes']} bytes; world resets: {stats['worldResets']}")
requests = stats["requests"]
if requests < minimum:
    print(f"schemathesis: only {requests} requests, fewer than the {minimum} a run must send")
    failures += 1
print(f"schemathesis: {requests} requests, {failures} failures")
sys.exit(1 if failures else 0)
PY
