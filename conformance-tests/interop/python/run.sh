#!/usr/bin/env bash
# The conformance cases through Volcengine's official Python SDK (volcenginesdk-vpc and -core, pinned
# by requirements.txt), installed with pip into target/site-packages. Usage (see ../README.md):
#   bash run.sh <endpoint> <admin-token> <cases.json>
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$HERE/target"
PYTHON="${INTEROP_PYTHON:-python3}"
[ $# -eq 3 ] || { echo "usage: run.sh <endpoint> <admin-token> <cases.json>" >&2; exit 2; }
mkdir -p "$TARGET"
# Installed once per requirements.txt: the stamp holds the file's hash.
STAMP="$TARGET/site-packages/.requirements.sha256"
WANT="$(sha256sum "$HERE/requirements.txt" | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
    rm -rf "$TARGET/site-packages"
    if ! "$PYTHON" -m pip install --quiet --disable-pip-version-check --no-deps --timeout 30 \
            --target "$TARGET/site-packages" -r "$HERE/requirements.txt" > "$TARGET/pip.log" 2>&1; then
        tail -n 20 "$TARGET/pip.log" >&2
        echo "interop python: runner FAIL pip install failed (is PyPI reachable?)"
        echo "interop python: 0 passed, 1 failed, 0 skipped"
        exit 1
    fi
    echo "$WANT" > "$STAMP"
fi
PYTHONPATH="$TARGET/site-packages:$HERE/../../lib/python" exec "$PYTHON" "$HERE/interop.py" "$@"
