#!/usr/bin/env bash
# Go interop program: the export's cases through Volcengine's Go SDK (github.com/volcengine/
# volcengine-go-sdk v1.1.35, service/vpc, pinned with its signer volc-sdk-golang v1.0.23 in go.mod and
# go.sum), then the differential signing check of its signer. Downloads the modules from the Go module
# proxy (go mod download, checked against go.sum) into the module cache and builds into target/,
# quietly; the log is target/build.log.
#   run.sh <endpoint> <admin-token> <cases.json>
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -ne 3 ]; then
    echo "usage: run.sh <endpoint> <admin-token> <cases.json>" >&2
    exit 2
fi
mkdir -p "$HERE/target"
if ! (cd "$HERE" && export GOFLAGS=-mod=readonly && go mod download && go build -o target/interop-go .) > "$HERE/target/build.log" 2>&1; then
    echo "interop go: runner FAIL the build of interop/go failed (target/build.log):"
    tail -n 20 "$HERE/target/build.log"
    echo "interop go: 0 passed, 1 failed, 0 skipped"
    exit 1
fi
exec "$HERE/target/interop-go" "$@"
