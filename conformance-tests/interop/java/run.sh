#!/usr/bin/env bash
# Java interop program: the export's cases through Volcengine's Java SDK core (com.volcengine:
# volcengine-java-sdk-core 2.0.11 from Maven Central, pinned in pom.xml), then the differential signing
# check of its signer. Builds this folder's own Maven project into target/ (the SDK and every plugin
# pinned there), quietly; the build log is target/build.log.
#   run.sh <endpoint> <admin-token> <cases.json>
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -ne 3 ]; then
    echo "usage: run.sh <endpoint> <admin-token> <cases.json>" >&2
    exit 2
fi
mkdir -p "$HERE/target"
if ! mvn -B -f "$HERE/pom.xml" -DskipTests package > "$HERE/target/build.log" 2>&1; then
    echo "interop java: runner FAIL the build of interop/java failed (target/build.log):"
    tail -n 20 "$HERE/target/build.log"
    echo "interop java: 0 passed, 1 failed, 0 skipped"
    exit 1
fi
exec java -jar "$HERE/target/interop-java.jar" "$@"
