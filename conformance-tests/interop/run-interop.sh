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

# The folders, the server, the members' loop and the closing lines: ../lib/suite.sh.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/suite.sh"
suite_init interop
CASES="${INTEROP_CASES:-$ROOT/conformance-tests/target/cases.json}"
SERVER_JAR="${INTEROP_SERVER_JAR:-$ROOT/generated-server/target/traffic-mirror-server.jar}"
# The differential signing vectors (ours and a planted mutant's), written by the same build step.
export INTEROP_SIGNING_VECTORS="${INTEROP_SIGNING_VECTORS:-$(dirname "$CASES")/signing-vectors.jsonl}"
export INTEROP_SIGNING_MUTANT="${INTEROP_SIGNING_MUTANT:-$(dirname "$CASES")/signing-vectors-mutant.jsonl}"

suite_need_build "cases export" "$CASES" "server jar" "$SERVER_JAR"
mkdir -p "$LOGS"
suite_members "$@"

TOKEN="interop-$RANDOM$RANDOM$RANDOM"
suite_start_server "$SERVER_JAR" "$LOGS/server.log" "$TOKEN"
step "reference server on $ENDPOINT (signatures on, admin API on); $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$CASES") cases in ${CASES#"$ROOT"/}"

# --- Each SDK's program; its output goes to the console and to target/logs/<sdk>.log.
suite_run_members interop "$ENDPOINT" "$TOKEN" "$CASES"
