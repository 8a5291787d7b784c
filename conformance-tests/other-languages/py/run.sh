#!/usr/bin/env bash
# The python client generated from api-spec/openapi.yaml (openapi-generator's `python` generator, the
# options of ../generators/python.yaml), built into a wheel with the hand-written signing hook
# (tmkit-client-volcengine/) beside it, both installed into a fresh venv with pinned, hashed
# requirements, then main.py: the hook's checks and every client case of the export, signatures on.
#   bash run.sh <endpoint> <admin-token> <cases.json>
# Ends with `other-languages py: N passed, N failed, N skipped`; exits non-zero on any failure.
# Everything it writes is under py/target/ and ../target/ (git-ignored). See ../README.md, "Python".
set -euo pipefail
# The folders, the arguments, the progress lines and the generator jar: ../../lib/suite.sh.
source "$(dirname "${BASH_SOURCE[0]}")/../../lib/suite.sh"
suite_member "other-languages py" -- "$@"
OTHER="$(cd "$HERE/.." && pwd)"
PYTHON="${OTHER_LANGUAGES_PYTHON:-python3}"
PIP=(--disable-pip-version-check --no-input --quiet)

die() {
    if [ $# -gt 1 ] && [ -f "$2" ]; then tail -n 20 "$2" >&2; fi
    echo "other-languages py: setup FAIL $1"
    echo "other-languages py: 0 passed, 1 failed, 0 skipped"
    exit 1
}

# --- 1. The stock generator at the version the root pom manages (fetched by Maven, once).
suite_openapi_generator "$LOGS/fetch-generator.log" || die "$SUITE_WHY" "$LOGS/fetch-generator.log"

# --- 2. Generate the client (again whenever the contract, the options or the generator changed).
CLIENT="$OTHER/target/python-client"
WANT="$(cat "$ROOT/api-spec/openapi.yaml" "$OTHER/generators/python.yaml" | sha256sum | cut -d' ' -f1) $VERSION"
if [ "$(cat "$CLIENT/.tmkit-generated" 2>/dev/null || true)" != "$WANT" ]; then
    step "generating the python client with openapi-generator $VERSION (generators/python.yaml)"
    rm -rf "$CLIENT"
    (cd "$OTHER" && java -jar "$GENERATOR" batch --fail-fast --root-dir . generators/python.yaml) \
        > "$LOGS/generate.log" 2>&1 || die "generation failed" "$LOGS/generate.log"
    echo "$WANT" > "$CLIENT/.tmkit-generated"
fi

# --- 3. Both wheels, built by pip with the pinned build backend and nothing fetched.
STAMP="$TARGET/build-venv/.requirements.sha256"
WANT="$(sha256sum "$HERE/build-requirements.txt" | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
    step "build venv: $("$PYTHON" --version 2>&1), build-requirements.txt (setuptools, hashed)"
    rm -rf "$TARGET/build-venv"
    "$PYTHON" -m venv "$TARGET/build-venv" > "$LOGS/build-venv.log" 2>&1 || die "python -m venv failed" "$LOGS/build-venv.log"
    "$TARGET/build-venv/bin/python" -m pip install "${PIP[@]}" --timeout 30 --require-hashes --only-binary :all: \
        -r "$HERE/build-requirements.txt" >> "$LOGS/build-venv.log" 2>&1 \
        || die "pip could not install build-requirements.txt (is PyPI reachable?)" "$LOGS/build-venv.log"
    echo "$WANT" > "$STAMP"
fi
step "pip wheel: the generated tmkit-client and the hook tmkit-client-volcengine"
# The hook is built from a copy, so that setuptools' build/ and egg-info land in target/, not beside the sources.
rm -rf "$TARGET/dist" "$TARGET/src" "$CLIENT/build"
mkdir -p "$TARGET/src"
cp -R "$HERE/tmkit-client-volcengine" "$TARGET/src/"
"$TARGET/build-venv/bin/python" -m pip wheel "${PIP[@]}" --no-build-isolation --no-deps --no-index \
    -w "$TARGET/dist" "$CLIENT" "$TARGET/src/tmkit-client-volcengine" > "$LOGS/wheel.log" 2>&1 \
    || die "pip wheel failed" "$LOGS/wheel.log"

# --- 4. A fresh venv: the pinned requirements (hashed), then the two wheels, then pip check.
step "fresh venv: requirements.txt (hashed), then $(cd "$TARGET/dist" && echo *.whl)"
rm -rf "$TARGET/venv"
"$PYTHON" -m venv "$TARGET/venv" > "$LOGS/venv.log" 2>&1 || die "python -m venv failed" "$LOGS/venv.log"
VENV_PY="$TARGET/venv/bin/python"
"$VENV_PY" -m pip install "${PIP[@]}" --timeout 30 --require-hashes --only-binary :all: -r "$HERE/requirements.txt" \
    >> "$LOGS/venv.log" 2>&1 || die "pip could not install requirements.txt (is PyPI reachable?)" "$LOGS/venv.log"
"$VENV_PY" -m pip install "${PIP[@]}" --no-deps --no-index "$TARGET"/dist/*.whl >> "$LOGS/venv.log" 2>&1 \
    || die "pip could not install the wheels" "$LOGS/venv.log"
"$VENV_PY" -m pip check >> "$LOGS/venv.log" 2>&1 || die "pip check: the venv's requirements do not fit" "$LOGS/venv.log"

# --- 5. The consumer: the hook's checks, then the cases.
# The case runner shared with interop/python (conformance-tests/lib/python/tmkit_cases) is put on the path
# as it is in the tree: it is the suites' own code, not a package of the client's users.
step "python main.py $1 <admin-token> ${3#"$ROOT"/}"
set +e
PYTHONPATH="$ROOT/conformance-tests/lib/python" "$VENV_PY" "$HERE/main.py" "$@"
code=$?
set -e
step "done"
exit $code
