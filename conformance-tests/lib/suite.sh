# Sourced (never run) by the conformance suites' shell scripts: the drivers (interop/run-interop.sh,
# other-languages/run-other-languages.sh, schemathesis/run.sh) and the other-languages/<lang>/run.sh
# they start. What they all did alike: the folders, the progress lines, the reference server on a free
# loopback port, the members' tally lines, the generator jar. Each script keeps what is its own.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/../lib/suite.sh"     # sets HERE, ROOT, TARGET, LOGS
#   suite_init NAME [--stderr]    # progress lines "NAME: [  3s] ..." (on stderr with --stderr)

# HERE: the folder of the script that sources this file; ROOT: the repository.
HERE="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARGET="$HERE/target"
LOGS="$TARGET/logs"
STARTED=$SECONDS
SUITE_NAME="$(basename "$HERE")"
SUITE_STEP_FD=1

suite_init() { # NAME [--stderr]
    SUITE_NAME="$1"
    STARTED=$SECONDS
    if [ "${2:-}" = "--stderr" ]; then SUITE_STEP_FD=2; else SUITE_STEP_FD=1; fi
}

step() { printf '%s: [%3ds] %s\n' "$SUITE_NAME" "$((SECONDS - STARTED))" "$*" >&"$SUITE_STEP_FD"; }

# A driver's end on a broken setup: one line, the log's tail. (A member, whose every end must be a
# tally line, has its own.)
die() { # message [log]
    printf '%s: FAILED: %s\n' "$SUITE_NAME" "$1" >&2
    if [ $# -gt 1 ] && [ -f "$2" ]; then tail -n 40 "$2" >&2; fi
    exit 1
}

# --- A member's start: `run.sh <endpoint> <admin-token> <cases.json>`, nothing else; its logs folder.
suite_member() { # NAME [--stderr] -- "$@"
    local name="$1" fd=""
    shift
    if [ "${1:-}" = "--stderr" ]; then fd="--stderr"; shift; fi
    [ "${1:-}" = "--" ] && shift
    if [ $# -ne 3 ]; then
        echo "usage: run.sh <endpoint> <admin-token> <cases.json>" >&2
        exit 2
    fi
    suite_init "$name" $fd
    mkdir -p "$LOGS"
}

# --- The stock openapi-generator at the version the root pom manages, fetched through Maven once into
# other-languages/target/tools/. Sets VERSION and GENERATOR; on failure returns 1 with SUITE_WHY set.
suite_openapi_generator() { # log
    VERSION="$(sed -n 's:.*<openapi-generator.version>\(.*\)</openapi-generator.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)"
    if [ -z "$VERSION" ]; then
        SUITE_WHY="no <openapi-generator.version> in $ROOT/pom.xml"
        return 1
    fi
    local tools="$ROOT/conformance-tests/other-languages/target/tools"
    GENERATOR="$tools/openapi-generator-cli-$VERSION.jar"
    [ -f "$GENERATOR" ] && return 0
    step "fetching org.openapitools:openapi-generator-cli:$VERSION through Maven"
    if ! mvn -B -q -N -f "$ROOT/pom.xml" dependency:copy \
            "-Dartifact=org.openapitools:openapi-generator-cli:$VERSION" "-DoutputDirectory=$tools" > "$1" 2>&1; then
        SUITE_WHY="Maven could not fetch the generator"
        return 1
    fi
}

# --- A driver's inputs, written by `mvn -B -DskipTests package`.
suite_need_build() { # what path [what path ...]
    while [ $# -gt 1 ]; do
        [ -f "$2" ] || die "no $1 at $2: run mvn -B -DskipTests package first"
        shift 2
    done
}

# --- The reference server on any free loopback port, which its ready line reports
# ("traffic-mirror-server listening on http://127.0.0.1:PORT/ ..."). Sets SERVER_PID and ENDPOINT
# (http://127.0.0.1:PORT); the server is stopped when the script ends.
SERVER_PID=""
suite_stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}
suite_start_server() { # jar log admin-token [server options ...]
    local jar="$1" log="$2" token="$3"
    shift 3
    trap suite_stop_server EXIT
    trap 'exit 130' INT TERM
    java -jar "$jar" --host 127.0.0.1 --port 0 --admin-token "$token" --quiet "$@" > "$log" 2>&1 &
    SERVER_PID=$!
    ENDPOINT=""
    for _ in $(seq 1 300); do
        kill -0 "$SERVER_PID" 2>/dev/null || die "the server stopped while starting" "$log"
        ENDPOINT="$(sed -n 's#^traffic-mirror-server listening on \(http://[^/ ]*\)/.*#\1#p' "$log" | head -n 1)"
        [ -n "$ENDPOINT" ] && return 0
        sleep 0.1
    done
    die "the server printed no ready line within 30 s" "$log"
}

# --- A driver's members: the folders named, or every folder beside the driver with a run.sh. Sets MEMBERS.
suite_members() { # [name ...]
    MEMBERS=()
    if [ $# -gt 0 ]; then
        MEMBERS=("$@")
    else
        local dir
        for dir in "$HERE"/*/; do
            [ -f "$dir/run.sh" ] && MEMBERS+=("$(basename "$dir")")
        done
    fi
    [ ${#MEMBERS[@]} -gt 0 ] || die "no ${HERE#"$ROOT"/conformance-tests/}/<member>/run.sh found"
    local m
    for m in "${MEMBERS[@]}"; do
        [ -f "$HERE/$m/run.sh" ] || die "no $HERE/$m/run.sh"
    done
}

# --- Runs each member `run.sh <endpoint> <admin-token> <cases.json>` (its output to the console and
# to target/logs/<member>.log), reads its closing line "<prefix> <member>: N passed, N failed, N
# skipped", then stops the server and prints every member's tally and the sum; returns 1 when
# anything failed. A member without a tally line, or that exits non-zero with no failure, counts one.
# --timed: each member's tally also says how long it took.
suite_run_members() { # prefix endpoint token cases [--timed]
    local prefix="$1" endpoint="$2" token="$3" cases="$4" timed="${5:-}"
    local m started code tally p f s took
    PASSED=0 FAILED=0 SKIPPED=0 TALLIES=()
    for m in "${MEMBERS[@]}"; do
        step "$m: bash ${HERE#"$ROOT"/}/$m/run.sh $endpoint <admin-token> ${cases#"$ROOT"/}"
        started=$SECONDS
        set +e
        bash "$HERE/$m/run.sh" "$endpoint" "$token" "$cases" 2>&1 | tee "$LOGS/$m.log"
        code=${PIPESTATUS[0]}
        set -e
        tally="$(grep -E "^$prefix $m: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$" "$LOGS/$m.log" | tail -n 1 || true)"
        if [ -z "$tally" ]; then
            echo "$prefix $m: runner FAIL printed no tally line (exit code $code)"
            TALLIES+=("$prefix $m: 0 passed, 1 failed, 0 skipped (no tally line)")
            FAILED=$((FAILED + 1))
            continue
        fi
        read -r p f s < <(echo "$tally" | sed -E 's/^[^:]+: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/\1 \2 \3/')
        if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
            echo "$prefix $m: runner FAIL exited $code"
            f=1
        fi
        took=""
        [ "$timed" = "--timed" ] && took=" ($((SECONDS - started)) s)"
        TALLIES+=("$prefix $m: $p passed, $f failed, $s skipped$took")
        PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
    done
    suite_stop_server

    step "done"
    printf '%s\n' "${TALLIES[@]}"
    if [ "$SKIPPED" -gt 0 ]; then
        echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
    else
        echo "$PASSED passed, $FAILED failed"
    fi
    [ "$FAILED" -eq 0 ]
}
