#!/usr/bin/env bash
# The conformance cases through Volcengine's official Node SDK (@volcengine/openapi, pinned by
# package-lock.json), installed with `npm ci` under target/. Usage (see ../README.md):
#   bash run.sh <endpoint> <admin-token> <cases.json>
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$HERE/target"
[ $# -eq 3 ] || { echo "usage: run.sh <endpoint> <admin-token> <cases.json>" >&2; exit 2; }
mkdir -p "$TARGET/npm"
# npm ci from the committed lock file, in target/ so that nothing installed sits beside the sources.
cp "$HERE/package.json" "$HERE/package-lock.json" "$TARGET/npm/"
if ! npm ci --prefix "$TARGET/npm" --no-audit --no-fund --loglevel=error > "$TARGET/npm-ci.log" 2>&1; then
    tail -n 20 "$TARGET/npm-ci.log" >&2
    echo "interop node: runner FAIL npm ci failed (is the npm registry reachable?)"
    echo "interop node: 0 passed, 1 failed, 0 skipped"
    exit 1
fi
NODE_PATH="$TARGET/npm/node_modules" exec node "$HERE/interop.js" "$@"
