#!/usr/bin/env bash
# Lints the contract and renders its HTML reference. Exits non-zero on any finding.
#   1. Spectral: spectral:oas (all rules) + the project rules of .spectral.yaml; any severity fails.
#   2. Project rules: each fires on its fixture (fixtures/<rule>.yaml), none on fixtures/conforming.yaml.
#   3. Redocly lint (redocly.yaml): zero errors and zero warnings.
#   4. Redocly build-docs: one self-contained HTML file, api-spec/target/docs/index.html, with the CJK
#      font subset embedded and nothing loaded from the network (api-spec/reference/embed-font.mjs).
# Usage: api-spec/lint/lint.sh [document]   (default: api-spec/openapi.yaml; run from anywhere)
set -uo pipefail

lint_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$lint_dir/../.." && pwd)"
spec="$(realpath "${1:-$repo/api-spec/openapi.yaml}")"
tools="$repo/tools"
bin="$tools/node_modules/.bin"
docs="$repo/api-spec/target/docs"
work="$repo/api-spec/target/lint"

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true SCARF_ANALYTICS=false
# Redocly prints a boxed notice about Node 20's end of life on every run; keep the log readable.
quiet_notice() { grep -v '[║╔╚]' || true; }

failed=0
started=$(date +%s%N)
step() { # name, status, detail: one summary line per step, with the step's time
  local now; now=$(date +%s%N)
  printf '%-9s %-4s %5.1fs  %s\n' "$1" "$2" "$(( (now - started) / 1000000 ))e-3" "$3"
  started=$now
  [ "$2" = ok ] || failed=1
}

cd "$repo" || exit 2
# node_modules/.tmkit-lock is a copy of the lock file it was installed from: reinstall when it differs.
if [ ! -x "$bin/spectral" ] || [ ! -x "$bin/redocly" ] \
    || ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.tmkit-lock" 2>/dev/null; then
  echo "== installing the pinned tools (npm ci --prefix tools)"
  mkdir -p "$work"
  npm ci --prefix tools --no-audit --no-fund --loglevel=error >"$work/npm-ci.log" 2>&1 \
    || { cat "$work/npm-ci.log"; step tools FAIL "npm ci failed"; echo "lint: FAILED"; exit 1; }
  cp "$tools/package-lock.json" "$tools/node_modules/.tmkit-lock"
  step tools ok "npm ci --prefix tools"
fi
mkdir -p "$docs" "$work"

echo "== spectral $("$bin/spectral" --version) on ${spec#"$repo"/}"
"$bin/spectral" lint --ruleset "$lint_dir/.spectral.yaml" --fail-severity=hint --display-only-failures "$spec"
rc=$?
if [ $rc -eq 0 ]; then
  step spectral ok "spectral:oas (all) + project rules: no results"
else
  step spectral FAIL "findings above (exit $rc)"
fi

echo "== project rules against their fixtures"
if node "$lint_dir/check-fixtures.mjs"; then
  step fixtures ok "every project rule fires on its fixture"
else
  step fixtures FAIL "see above"
fi

echo "== redocly lint $("$bin/redocly" --version 2>/dev/null | quiet_notice | tr -d '[:space:]')"
"$bin/redocly" lint --config "$lint_dir/redocly.yaml" --lint-config=error --format=json "$spec" \
  >"$work/redocly.json" 2>"$work/redocly.stderr"
rc=$?
totals="$(node -e '
  const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).totals;
  console.log(`${t.errors} ${t.warnings} ${t.ignored}`);' "$work/redocly.json" 2>/dev/null)"
read -r errors warnings ignored <<<"${totals:-? ? ?}"
if [ $rc -eq 0 ] && [ "$errors" = 0 ] && [ "$warnings" = 0 ] && [ "$ignored" = 0 ]; then
  step redocly ok "0 errors, 0 warnings, 0 ignored"
else
  # The readable report (the JSON one decided); stderr too when even the JSON report is missing.
  "$bin/redocly" lint --config "$lint_dir/redocly.yaml" --lint-config=error "$spec" 2>&1 | quiet_notice
  [ -n "$totals" ] || quiet_notice <"$work/redocly.stderr"
  step redocly FAIL "$errors errors, $warnings warnings, $ignored ignored (exit $rc)"
fi

echo "== redocly build-docs"
rm -f "$docs/index.html"
"$bin/redocly" build-docs "$spec" --config "$lint_dir/redocly.yaml" --inlineBundle \
  -o "$docs/index.html" >"$work/build-docs.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ -s "$docs/index.html" ]; then
  # The page as Redocly renders it: check-reference.sh proves its check fails on it (tofu, CDN logo).
  mkdir -p "$repo/api-spec/target/reference-check"
  cp "$docs/index.html" "$repo/api-spec/target/reference-check/index.redocly.html"
  # Embed the CJK font subset, inline the CDN logo, refuse any remaining remote load.
  if modules="$(bash "$repo/api-spec/reference/install-tools.sh")" \
      && node "$repo/api-spec/reference/embed-font.mjs" "$docs/index.html" "$spec" "$modules" >"$work/embed-font.log" 2>&1; then
    step docs ok "${docs#"$repo"/}/index.html ($(( $(wc -c <"$docs/index.html") / 1024 )) KiB, self-contained; $(sed -n 's/^embed-font: //p' "$work/embed-font.log"))"
  else
    cat "$work/embed-font.log" 2>/dev/null
    rm -f "$docs/index.html"
    step docs FAIL "the CJK font or the offline check of the page failed"
  fi
else
  quiet_notice <"$work/build-docs.log"
  step docs FAIL "build-docs failed (exit $rc)"
fi

if [ $failed -ne 0 ]; then
  echo "lint: FAILED"
  exit 1
fi
echo "lint: passed"
