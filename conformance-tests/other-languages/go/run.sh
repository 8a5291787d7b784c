#!/usr/bin/env bash
# Go: generates the client with the stock `go` generator (generators/go.yaml), uses it as a module
# from the consumer module in this folder (go.mod replaces tmkit.io/generated/tmclient with
# ../target/go-client), vets both, runs the signing hook's tests (the contract's test vector, the
# differential against Volcengine's Go signer, planted mutants) and the tags helper's, then every
# case of the export whose appliesTo lists `client` through the generated client, signatures on.
#   run.sh <endpoint> <admin-token> <cases.json>
# One line per check and case, then `other-languages go: N passed, N failed, N skipped`; exit 1 on
# any failure. The differential vectors are read beside the export unless TMKIT_SIGNING_VECTORS /
# TMKIT_SDK_SIGNING_VECTORS name other files. Downloads go to the Go module cache (go mod download,
# checked against go.sum, as interop/go does); builds and logs go to go/target/, the generated
# client to ../target/go-client.
set -euo pipefail
# The folders, the arguments, the progress lines and the generator jar: ../../lib/suite.sh.
source "$(dirname "${BASH_SOURCE[0]}")/../../lib/suite.sh"
suite_member "other-languages go" --stderr -- "$@"
LANGS="$(cd "$HERE/.." && pwd)"
ENDPOINT="${1%/}" TOKEN="$2" CASES="$3"
OPENAPI="$ROOT/api-spec/openapi.yaml"
CASES_DIR="$(cd "$(dirname "$CASES")" && pwd)"
export GOFLAGS=-mod=readonly

PASSED=0 FAILED=0 SKIPPED=0
line() { # id word detail
    printf 'other-languages go: %s %s %s\n' "$1" "$2" "$3"
    case "$2" in PASS) PASSED=$((PASSED + 1)) ;; FAIL) FAILED=$((FAILED + 1)) ;; *) SKIPPED=$((SKIPPED + 1)) ;; esac
}
finish() {
    printf 'other-languages go: [%ds] done\n' "$((SECONDS - STARTED))" >&2
    echo "other-languages go: $PASSED passed, $FAILED failed, $SKIPPED skipped"
    [ "$FAILED" -eq 0 ]
    exit
}
# A build step that fails is one FAIL line with its log's tail, and ends the run.
build() { # id log command...
    local id="$1" log="$2"
    shift 2
    if ! "$@" > "$log" 2>&1; then
        line "$id" FAIL "$* failed (${log#"$LANGS"/}):"
        tail -n 20 "$log" | sed 's/^/    /'
        finish
    fi
}

# --- The stock generator, at the version the root pom manages (fetched through Maven once).
if ! suite_openapi_generator "$LOGS/fetch-generator.log"; then
    line fetch-generator FAIL "$SUITE_WHY (${LOGS#"$LANGS"/}/fetch-generator.log):"
    tail -n 20 "$LOGS/fetch-generator.log" 2>/dev/null | sed 's/^/    /'
    finish
fi
step "generating the go client (generators/go.yaml) with openapi-generator $VERSION"
rm -rf "$LANGS/target/go-client"
build generate "$LOGS/generate.log" bash -c "cd '$LANGS' && java -jar '$GENERATOR' batch --fail-fast --root-dir . generators/go.yaml"
MODULE="$(sed -n 's/^module //p' "$LANGS/target/go-client/go.mod")"
line generate PASS "module $MODULE in other-languages/target/go-client ($(ls "$LANGS/target/go-client"/*.go | wc -l) files, none edited)"

# --- The consumer module: pinned dependencies (go.sum), vet of both modules, the programs.
step "go mod download; go vet (consumer and generated); go build"
build go-mod-download "$LOGS/go-mod-download.log" bash -c "cd '$HERE' && go mod download && go mod verify"
# The generated module's own package; its test/ stub imports testify, which the generated go.mod
# does not require, so `go vet ./...` there stops at the missing module rather than at a finding.
build go-vet-generated "$LOGS/go-vet-generated.log" bash -c "cd '$LANGS/target/go-client' && go vet ."
build go-vet-consumer "$LOGS/go-vet-consumer.log" bash -c "cd '$HERE' && go vet ./... && go vet $MODULE"
build go-build "$LOGS/go-build.log" bash -c "cd '$HERE' && go build -o target/tmcases ./cmd/tmcases && go build -o target/quickstart ./cmd/quickstart"
line go-vet PASS "go vet clean: $MODULE and tmkit.io/other-languages/go/... ($(go version | cut -d' ' -f3))"

# --- The hook's tests and the tags helper's: each test's verdict and its figures line.
step "go test ./volcsign ./tmtags"
set +e
(cd "$HERE" && TMKIT_OPENAPI="$OPENAPI" TMKIT_SIGNING_VECTORS="${TMKIT_SIGNING_VECTORS:-$CASES_DIR/signing-vectors.jsonl}" \
    TMKIT_SDK_SIGNING_VECTORS="${TMKIT_SDK_SIGNING_VECTORS:-$CASES_DIR/sdk-signing-vectors.jsonl}" \
    go test -count=1 -v ./volcsign ./tmtags) > "$LOGS/go-test.log" 2>&1
TEST_EXIT=$?
set -e
for pair in signing-contract-vector:TestContractVector signing-differential:TestDifferentialAgainstTheGoSigner \
    signing-transport:TestTransportLeavesTheRequestAsItWas tags-helper:TestApplySetsIndexedTagParameters \
    tags-helper-limit:TestApplyRefusesMoreTagsThanTheClientHas; do
    id="${pair%%:*}" test="${pair#*:}"
    figures="$(awk -v t="$test" '$1 == "===" && $3 == t {on = 1; next} $1 == "---" || $1 == "===" {on = 0} on' "$LOGS/go-test.log" \
        | sed -n 's/^ *[a-z_]*\.go:[0-9]*: figures: //p' | head -n 1)"
    if grep -q -- "^--- PASS: $test " "$LOGS/go-test.log"; then
        line "$id" PASS "${figures:-$test}"
    else
        line "$id" FAIL "$test did not pass (go/target/logs/go-test.log):"
        awk -v t="$test" '$1 == "===" && $3 == t {on = 1} $1 == "---" && $3 == t {print; on = 0} on' "$LOGS/go-test.log" | head -n 30 | sed 's/^/    /'
    fi
done
if [ "$TEST_EXIT" -ne 0 ] && ! grep -q -- "^--- FAIL" "$LOGS/go-test.log"; then
    line go-test FAIL "go test exited $TEST_EXIT without a failing test:"
    tail -n 20 "$LOGS/go-test.log" | sed 's/^/    /'
fi

# --- Every client case through the generated client, signed by the hook.
step "the client cases of ${CASES#"$ROOT"/} through the generated client against $ENDPOINT"
set +e
"$TARGET/tmcases" "$ENDPOINT" "$TOKEN" "$CASES" "$OPENAPI" > "$LOGS/cases.log" 2> "$LOGS/cases.err"
CASES_EXIT=$?
set -e
while IFS= read -r l; do
    rest="${l#other-languages go: }"
    id="${rest%% *}" rest="${rest#* }"
    line "$id" "${rest%% *}" "${rest#* }"
done < <(grep '^other-languages go: ' "$LOGS/cases.log")
if [ "$CASES_EXIT" -ne 0 ] && ! grep -q '^other-languages go: [^ ]* FAIL ' "$LOGS/cases.log"; then
    line cases FAIL "tmcases exited $CASES_EXIT without a failing case: $(tail -n 3 "$LOGS/cases.err" | tr '\n' ' ')"
fi

# --- The README's quick start, as a program: a success, then the conflict it reads as an error.
QS_ARGS="$(python3 - "$CASES" <<'PY'
import json, shlex, sys
cases = json.load(open(sys.argv[1], encoding="utf-8"))
ok = next(c for c in cases if c["plain"] and c["expect"]["status"] == 200 and not c["preconditions"])
p = dict(ok["request"]["params"])
print(" ".join(shlex.quote(a) for a in ["-ak", ok["accessKey"], "-sk", ok["secretKey"], "-region",
      ok["request"]["signing"]["region"], "-eni", p["NetworkInterfaceId"], "-target", p["TrafficMirrorTargetId"],
      "-filter", p["TrafficMirrorFilterId"], "-priority", "7"]))
PY
)"
set +e
first="$(eval "'$TARGET/quickstart' -endpoint '$ENDPOINT' $QS_ARGS" 2>&1)"
first_exit=$?
second="$(eval "'$TARGET/quickstart' -endpoint '$ENDPOINT' $QS_ARGS" 2>&1)"
second_exit=$?
set -e
curl -fsS -X POST -H "X-Admin-Token: $TOKEN" "$ENDPOINT/_admin/reset" > /dev/null 2>&1 || true
if [ "$first_exit" -eq 0 ] && [[ "$first" == "created tms-"* ]] && [ "$second_exit" -eq 1 ] && [[ "$second" == "409 "?*" "?* ]]; then
    line quickstart PASS "$first; again: $second"
else
    line quickstart FAIL "first run (exit $first_exit): $first; second (exit $second_exit): $second"
fi
finish
