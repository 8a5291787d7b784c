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

# The folders, the server, the members' loop and the closing lines: ../lib/suite.sh.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/suite.sh"
suite_init other-languages
CASES="${OTHER_LANGUAGES_CASES:-$ROOT/conformance-tests/target/cases.json}"
SERVER_JAR="${OTHER_LANGUAGES_SERVER_JAR:-$ROOT/generated-server/target/traffic-mirror-server.jar}"
# The differential signing vectors and their planted mutants, under the names the interop programs read.
CASES_DIR="$(dirname "$CASES")"
export INTEROP_SIGNING_VECTORS="${INTEROP_SIGNING_VECTORS:-$CASES_DIR/signing-vectors.jsonl}"
export INTEROP_SIGNING_MUTANT="${INTEROP_SIGNING_MUTANT:-$CASES_DIR/signing-vectors-mutant.jsonl}"
export INTEROP_SDK_SIGNING_VECTORS="${INTEROP_SDK_SIGNING_VECTORS:-$CASES_DIR/sdk-signing-vectors.jsonl}"
export INTEROP_SDK_SIGNING_MUTANT="${INTEROP_SDK_SIGNING_MUTANT:-$CASES_DIR/sdk-signing-vectors-mutant.jsonl}"

suite_need_build "cases export" "$CASES" "server jar" "$SERVER_JAR"
mkdir -p "$LOGS"
suite_members "$@"

TOKEN="other-languages-$RANDOM$RANDOM$RANDOM"
suite_start_server "$SERVER_JAR" "$LOGS/server.log" "$TOKEN"
step "reference server on $ENDPOINT (signatures on, admin API on); $(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); print(len(c), "cases,", sum("client" in x["appliesTo"] for x in c), "for the client surface")' "$CASES") in ${CASES#"$ROOT"/}"

# --- Each language's run; its output goes to the console and to target/logs/<lang>.log.
suite_run_members other-languages "$ENDPOINT" "$TOKEN" "$CASES" --timed
