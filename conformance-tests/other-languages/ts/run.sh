#!/usr/bin/env bash
# TypeScript: generates the typescript-fetch client from api-spec/openapi.yaml with the stock
# openapi-generator (generators/typescript-fetch.yaml), builds it and `npm pack`s it as its package.json
# says, installs the tarball into a consumer project (this folder's package.json + package-lock.json:
# typescript, @types/node, @volcengine/openapi, yaml, all pinned), compiles the consumer (the signing
# Middleware, the tags helper, the checks and the generated client's surface in src/; the case runner
# is ../../lib/node) with tsc --strict, then runs it.
# Usage (see ../README.md):
#   bash run.sh <endpoint> <admin-token> <cases.json>
# Everything lands in ts/target/ (the generator jar in other-languages/target/tools/).
set -euo pipefail
# The folders, the arguments, the progress lines and the generator jar: ../../lib/suite.sh.
source "$(dirname "${BASH_SOURCE[0]}")/../../lib/suite.sh"
suite_member "other-languages ts" --stderr -- "$@"
LANGUAGES="$(cd "$HERE/.." && pwd)"
CASES="$(cd "$(dirname "$3")" && pwd)/$(basename "$3")"
VECTORS="${INTEROP_SIGNING_VECTORS:-$(dirname "$CASES")/signing-vectors.jsonl}"
MUTANT="${INTEROP_SIGNING_MUTANT:-$(dirname "$CASES")/signing-vectors-mutant.jsonl}"

fail() { # what log
    [ -f "$2" ] && tail -n 30 "$2" >&2
    echo "other-languages ts: build FAIL $1 (log: ${2#"$ROOT"/})"
    echo "other-languages ts: 0 passed, 1 failed, 0 skipped"
    exit 1
}

rm -rf "$TARGET/typescript-client" "$TARGET/consumer" "$TARGET"/tmkit-client-*.tgz
mkdir -p "$LOGS"

# --- The stock generator, at the version the root pom manages, fetched through Maven once.
suite_openapi_generator "$LOGS/fetch-generator.log" || fail "$SUITE_WHY" "$LOGS/fetch-generator.log"

step "generating the typescript-fetch client (openapi-generator $VERSION, generators/typescript-fetch.yaml)"
(cd "$LANGUAGES" && java -jar "$GENERATOR" batch --fail-fast --root-dir . generators/typescript-fetch.yaml) \
    > "$LOGS/generate.log" 2>&1 || fail "generation failed" "$LOGS/generate.log"
CLIENT="$TARGET/typescript-client"

# --- The consumer project's pinned toolchain and libraries (npm ci from the committed lock file).
CONSUMER="$TARGET/consumer"
mkdir -p "$CONSUMER"
cp "$HERE/package.json" "$HERE/package-lock.json" "$HERE/tsconfig.json" "$CONSUMER/"
cp -r "$HERE/src" "$CONSUMER/src"
step "npm ci (the consumer: typescript, @types/node, @volcengine/openapi, yaml as package-lock.json pins them)"
npm ci --prefix "$CONSUMER" --no-audit --no-fund --loglevel=error > "$LOGS/npm-ci.log" 2>&1 \
    || fail "npm ci failed (is the npm registry reachable?)" "$LOGS/npm-ci.log"
TSC="$CONSUMER/node_modules/.bin/tsc"

# --- The generated package: its sources must pass --strict too; then its own build and npm pack.
step "tsc --strict --noEmit over the generated sources ($("$TSC" --version))"
"$TSC" -p "$CLIENT/tsconfig.json" --strict --noEmit > "$LOGS/tsc-generated.log" 2>&1 \
    || fail "the generated client does not compile with --strict" "$LOGS/tsc-generated.log"
# npm pack runs the package's "prepare" script (npm run build: tsc, then tsc -p tsconfig.esm.json); its
# devDependency typescript is the consumer's pinned one, put first on PATH instead of an unpinned install.
step "npm pack the generated client (its prepare script builds dist/ and dist/esm/)"
(cd "$CLIENT" && PATH="$CONSUMER/node_modules/.bin:$PATH" npm pack --pack-destination "$TARGET" --loglevel=error) \
    > "$LOGS/npm-pack.log" 2>&1 || fail "npm pack of the generated client failed" "$LOGS/npm-pack.log"
TARBALL="$(ls "$TARGET"/tmkit-client-*.tgz)"

step "npm install ${TARBALL#"$TARGET"/} into the consumer"
(cd "$CONSUMER" && npm install --no-save --no-audit --no-fund --loglevel=error "$TARBALL") > "$LOGS/npm-install.log" 2>&1 \
    || fail "installing the packed client failed" "$LOGS/npm-install.log"

# The case runner shared with interop/node (conformance-tests/lib/node, package tmkit-cases: CommonJS and
# its index.d.ts, no dependencies), copied in as an installed package after the npm steps (npm would
# prune a package that its lock file does not name).
rm -rf "$CONSUMER/node_modules/tmkit-cases"
cp -R "$ROOT/conformance-tests/lib/node" "$CONSUMER/node_modules/tmkit-cases"

step "tsc --strict: the consumer against the installed package"
"$TSC" -p "$CONSUMER/tsconfig.json" --strict > "$LOGS/tsc.log" 2>&1 \
    || fail "the consumer does not compile with --strict" "$LOGS/tsc.log"

step "running: signing checks, then the client cases through the installed client"
exec node "$CONSUMER/build/main.js" "$1" "$2" "$CASES" "$ROOT/api-spec/openapi.yaml" "$VECTORS" "$MUTANT"
