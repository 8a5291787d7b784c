#!/usr/bin/env bash
# Checks the HTML reference (api-spec/target/docs/index.html, built by api-spec/lint/lint.sh) in a
# headless browser: with no CJK font on the machine (fontconfig restricted to DejaVu) and the network
# refused, every CJK character it shows must come out as a glyph of the embedded font, not tofu, and
# the page must request nothing. The page as Redocly renders it (before embed-font.mjs) must fail the
# same check: the proof that the check can fail, on every run. Screenshots: api-spec/target/reference-check/.
#
# Chromium: $CHROMIUM, else chromium-headless-shell or chromium on PATH, else (as root, as in CI)
# Debian's chromium-headless-shell is installed with apt-get. Exit 0 passed, 1 failed, 2 cannot run.
# Usage: api-spec/reference/check-reference.sh
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$(cd "$here/.." && pwd)/target"
page="$target/docs/index.html"
raw="$target/reference-check/index.redocly.html"

if [ ! -s "$page" ] || [ ! -s "$raw" ]; then
  echo "check-reference: no $page or $raw: run api-spec/lint/lint.sh (or mvn -B verify) first" >&2
  exit 2
fi

chromium="${CHROMIUM:-$(command -v chromium-headless-shell || command -v chromium || true)}"
if [ -z "$chromium" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing Debian's chromium-headless-shell (apt-get)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium-headless-shell; } >"$target/apt-chromium.log" 2>&1 \
    || { echo "check-reference: apt-get install chromium-headless-shell failed (see $target/apt-chromium.log)" >&2; exit 2; }
  chromium="$(command -v chromium-headless-shell)"
fi
if [ -z "$chromium" ] || [ ! -x "$chromium" ]; then
  echo "check-reference: no Chromium${chromium:+ at $chromium}: install Debian's chromium-headless-shell (apt-get install chromium-headless-shell) or set CHROMIUM" >&2
  exit 2
fi

modules="$(bash "$here/install-tools.sh")" || exit 2
echo "== reference in $("$chromium" --version 2>/dev/null | head -1), no CJK font, network refused"
node "$here/check-reference.mjs" "$chromium" "$modules" "$target/reference-check" "$page" --expect-tofu "$raw"
