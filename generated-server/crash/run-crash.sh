#!/usr/bin/env bash
# The crash test of issue 14 (generated-server/crash/CrashTest.java): the server jar with --data as a
# child process, creates with ClientTokens from 8 threads, kill -9 mid-load, restart on the same
# directory, checks. Prints one line per kill point, then
#   crash: acknowledged N, survived N, retries N same id (of N), lost 0, duplicates 0 over K kill points
#   K passed, 0 failed
# and exits non-zero on any failure.
# Usage: generated-server/crash/run-crash.sh [kill points, default 5]   (after mvn package)
set -euo pipefail
CRASH_DIR="$(cd "$(dirname "$0")" && pwd)"
JAR="$(dirname "$CRASH_DIR")/target/traffic-mirror-server.jar"
[ -f "$JAR" ] || { echo "no $JAR: run mvn -pl generated-server -am package first" >&2; exit 1; }
# The single-file program compiles against the jar, which brings Jackson for reading the admin answers.
exec java -cp "$JAR" "$CRASH_DIR/CrashTest.java" "$JAR" "${1:-5}"
