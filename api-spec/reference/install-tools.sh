#!/usr/bin/env bash
# Installs the reference's pinned Node tools (package.json, package-lock.json beside this script) under
# api-spec/target/reference-tools/, with `npm ci`; again only when the lock file changed. Prints the
# node_modules folder. Used by lint.sh (embed-font.mjs) and check-reference.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$here/../target/reference-tools"
if ! cmp -s "$here/package-lock.json" "$dest/node_modules/.tmkit-lock" 2>/dev/null; then
  rm -rf "$dest"
  mkdir -p "$dest"
  cp "$here/package.json" "$here/package-lock.json" "$dest/"
  # puppeteer-core downloads no browser (check-reference.sh uses Debian's Chromium).
  (cd "$dest" && npm ci --no-audit --no-fund --loglevel=error >npm-ci.log 2>&1) \
    || { cat "$dest/npm-ci.log" >&2; echo "reference tools: npm ci failed" >&2; exit 1; }
  cp "$here/package-lock.json" "$dest/node_modules/.tmkit-lock"
fi
echo "$(cd "$dest" && pwd)/node_modules"
