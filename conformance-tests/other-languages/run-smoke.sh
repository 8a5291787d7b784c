#!/usr/bin/env bash
# Proves the contract works for other languages: generates a TypeScript (typescript-fetch) and a Python
# client from api-spec/openapi.yaml with the stock openapi-generator CLI, compiles the first with
# typescript@5 --strict, imports the second, and runs the conformance cases tagged `smoke` through each
# against the reference server on loopback. Needs the reactor built first (the server jar and the
# conformance cases export): mvn -B install -DskipTests. See README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TARGET="$HERE/target"
LOGS="$TARGET/logs"
CASES="${SMOKE_CASES:-$ROOT/conformance-tests/target/cases.json}"
SERVER_JAR="${SMOKE_SERVER_JAR:-$ROOT/generated-server/target/traffic-mirror-server.jar}"
PYTHON="${SMOKE_PYTHON:-python3}"
STARTED=$SECONDS

step() { printf 'smoke: [%3ds] %s\n' "$((SECONDS - STARTED))" "$*"; }
die() {
    printf 'smoke: FAILED: %s\n' "$1" >&2
    if [ $# -gt 1 ] && [ -f "$2" ]; then tail -n 40 "$2" >&2; fi
    exit 1
}

mkdir -p "$LOGS"

# --- 1. The stock generator, fetched through Maven at the version the root pom manages.
VERSION="$(sed -n 's:.*<openapi-generator.version>\(.*\)</openapi-generator.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)"
[ -n "$VERSION" ] || die "no <openapi-generator.version> in $ROOT/pom.xml"
GENERATOR="$TARGET/tools/openapi-generator-cli-$VERSION.jar"
if [ ! -f "$GENERATOR" ]; then
    step "fetching org.openapitools:openapi-generator-cli:$VERSION through Maven"
    mvn -B -q -N -f "$ROOT/pom.xml" dependency:copy \
        "-Dartifact=org.openapitools:openapi-generator-cli:$VERSION" "-DoutputDirectory=$TARGET/tools" \
        > "$LOGS/fetch-generator.log" 2>&1 || die "Maven could not fetch the generator" "$LOGS/fetch-generator.log"
fi

# --- 2. Generate both clients in one JVM from the options kept in generators/*.yaml.
step "generating typescript-fetch and python clients from api-spec/openapi.yaml with openapi-generator $VERSION"
rm -rf "$TARGET/typescript-client" "$TARGET/python-client" "$TARGET/ts-build"
(cd "$HERE" && java -jar "$GENERATOR" batch --fail-fast --root-dir . \
    generators/typescript-fetch.yaml generators/python.yaml) > "$LOGS/generate.log" 2>&1 \
    || die "generation failed" "$LOGS/generate.log"

# --- 3. TypeScript: the pinned compiler from package-lock.json, strict.
step "npm ci (typescript $(sed -n 's/.*"typescript": "\(.*\)".*/\1/p' "$HERE/package.json"))"
npm ci --prefix "$HERE" --no-audit --no-fund --loglevel=error > "$LOGS/npm-ci.log" 2>&1 \
    || die "npm ci failed" "$LOGS/npm-ci.log"
step "tsc --strict: generated client + ts/smoke.ts"
"$HERE/node_modules/.bin/tsc" -p "$HERE/tsconfig.json" --strict > "$LOGS/tsc.log" 2>&1 \
    || die "the TypeScript client does not compile" "$LOGS/tsc.log"

# --- 4. Python: the generated client's own requirements, then the import.
step "checking the python client's requirements against $("$PYTHON" --version 2>&1)"
PYTHONPATH_SMOKE="$TARGET/python-client"
if ! "$PYTHON" "$HERE/py/check_requirements.py" "$TARGET/python-client/requirements.txt" > "$LOGS/python-requirements.log" 2>&1; then
    cat "$LOGS/python-requirements.log"
    # Only PyPI carries these; where it is unreachable this fails fast and says so.
    step "installing the missing requirements into target/python-deps with pip"
    "$PYTHON" -m pip install --quiet --disable-pip-version-check --timeout 10 --retries 0 \
        --target "$TARGET/python-deps" -r "$TARGET/python-client/requirements.txt" > "$LOGS/pip.log" 2>&1 \
        || die "the python client's requirements are missing and pip could not install them (is PyPI reachable?)" "$LOGS/pip.log"
    PYTHONPATH_SMOKE="$PYTHONPATH_SMOKE:$TARGET/python-deps"
fi
PYTHONPATH="$PYTHONPATH_SMOKE" "$PYTHON" -c '
import tmkit_client, tmkit_client.models as m
from tmkit_client.api.traffic_mirror_api import TrafficMirrorApi
print("smoke: python client imported:", tmkit_client.__name__, tmkit_client.__version__, "-",
      len([n for n in dir(m) if n[0].isupper()]), "models")' > "$LOGS/python-import.log" 2>&1 \
    || die "the python client does not import" "$LOGS/python-import.log"
cat "$LOGS/python-import.log"

# --- 5. The cases and the server.
[ -f "$CASES" ] || die "no cases export at $CASES: build the conformance module first (mvn -B install -DskipTests)"
SELECTION="$("$PYTHON" - "$CASES" <<'PY'
import json, sys
cases = json.load(open(sys.argv[1], encoding="utf-8"))
smoke = [c for c in cases if "smoke" in c["tags"]]
client = [c for c in smoke if "client" in c["appliesTo"]]
print(f"{len(cases)} cases, {len(smoke)} tagged smoke, {len(client)} of them for the client surface")
PY
)"
step "$SELECTION in ${CASES#"$ROOT"/}"

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

if [ -n "${SMOKE_BASE_URL:-}" ]; then
    # An endpoint that is already running (signatures off); reset only if it offers a reset URL.
    BASE_URL="${SMOKE_BASE_URL%/}"
    ADMIN_TOKEN="${SMOKE_ADMIN_TOKEN:-}"
    RESET_URL="${SMOKE_RESET_URL:-}"
    step "using the running endpoint $BASE_URL"
else
    [ -f "$SERVER_JAR" ] || die "no server jar at $SERVER_JAR: build the reactor first (mvn -B install -DskipTests)"
    PORT="$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    BASE_URL="http://127.0.0.1:$PORT"
    ADMIN_TOKEN="smoke-$RANDOM$RANDOM$RANDOM"
    RESET_URL="$BASE_URL/_admin/reset"
    step "starting the reference server on $BASE_URL (--no-auth)"
    java -jar "$SERVER_JAR" --host 127.0.0.1 --port "$PORT" --no-auth --admin-token "$ADMIN_TOKEN" \
        > "$LOGS/server.log" 2>&1 &
    SERVER_PID=$!
fi
code=000
for _ in $(seq 1 300); do
    if [ -n "$SERVER_PID" ] && ! kill -0 "$SERVER_PID" 2>/dev/null; then
        die "the server stopped while starting" "$LOGS/server.log"
    fi
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/" || true)"
    [ "$code" != "000" ] && break
    sleep 0.1
done
[ "$code" != "000" ] || die "$BASE_URL did not answer within 30 s" "$LOGS/server.log"
step "server answers (HTTP $code to a bare GET /)"

# --- 6. The smoke cases through each client.
set +e
step "typescript: running the smoke cases through the typescript-fetch client"
node "$TARGET/ts-build/ts/smoke.js" --cases "$CASES" --base-url "$BASE_URL" \
    --api-source "$TARGET/typescript-client/apis/TrafficMirrorApi.ts" \
    --reset-url "$RESET_URL" --admin-token "$ADMIN_TOKEN" > "$LOGS/typescript.log" 2>&1
TS_EXIT=$?
cat "$LOGS/typescript.log"
step "python: running the smoke cases through the python client"
PYTHONPATH="$PYTHONPATH_SMOKE" "$PYTHON" "$HERE/py/smoke.py" --cases "$CASES" --base-url "$BASE_URL" \
    --reset-url "$RESET_URL" --admin-token "$ADMIN_TOKEN" > "$LOGS/python.log" 2>&1
PY_EXIT=$?
cat "$LOGS/python.log"
set -e
stop_server

# --- 7. Tally: every language must pass at least a success, a 400, a 404 and a 409.
PASSED=0 FAILED=0 SKIPPED=0
tally() { # language log exit-code
    local language="$1" log="$2" exit_code="$3" p f s status
    p="$(awk -v l="$language:" '$1 == l && $3 == "PASS"' "$log" | wc -l)"
    f="$(awk -v l="$language:" '$1 == l && $3 == "FAIL"' "$log" | wc -l)"
    s="$(awk -v l="$language:" '$1 == l && $3 == "SKIP"' "$log" | wc -l)"
    if [ "$exit_code" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "$language: runner FAIL exited $exit_code"
        f=$((f + 1))
    fi
    for status in 200 400 404 409; do
        if ! awk -v l="$language:" '$1 == l && $3 == "PASS"' "$log" | grep -q " status=$status "; then
            echo "$language: coverage FAIL no smoke case passed with status $status through this client"
            f=$((f + 1))
        fi
    done
    PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
}
tally typescript "$LOGS/typescript.log" "$TS_EXIT"
tally python "$LOGS/python.log" "$PY_EXIT"
step "done"
if [ "$SKIPPED" -gt 0 ]; then
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
else
    echo "$PASSED passed, $FAILED failed"
fi
[ "$FAILED" -eq 0 ]
