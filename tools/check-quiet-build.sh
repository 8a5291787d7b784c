#!/usr/bin/env bash
# The quiet build stays quiet: runs `mvn -B -q <goals>` (default: -DskipTests package) and fails on
# what -q is meant to hide and tools print anyway: ANSI escape codes (Maven 3.8's jansi reset,
# fixed by .mvn/jvm.config), openapi-generator's boxed donation banner (fixed by its "quiet" global
# property in the root pom), npm's install chatter, SLF4J's no-provider warning. The build's own
# one-line summaries may stay.
# Usage: tools/check-quiet-build.sh [maven arguments...]   Exit 0 quiet, 1 noisy or failed build.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-DskipTests package)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
mvn -B -q "${args[@]}" >"$log" 2>&1
rc=$?
noise="$(grep -n -a -E $'\x1b|Thanks for using OpenAPI Generator|opencollective|^#{20,}|^added [0-9]+ packages|npm (WARN|notice)|^SLF4J' "$log")"
lines=$(wc -l <"$log")
if [ $rc -ne 0 ]; then
  tail -40 "$log"
  echo "quiet build: FAILED (mvn -B -q ${args[*]} exited $rc)"
  exit 1
fi
if [ -n "$noise" ]; then
  printf '%s\n' "$noise" | cat -v | head -20
  echo "quiet build: NOISY ($(printf '%s\n' "$noise" | wc -l) of $lines lines above: banner or escape codes)"
  exit 1
fi
echo "quiet build: quiet (mvn -B -q ${args[*]}: $lines lines, no banner, no escape code)"
