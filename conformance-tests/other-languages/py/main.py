"""The python consumer of the generated client: the signing hook's checks, then every case of the export
that applies to the client surface, through the installed wheels, against a server with signatures on.

    python main.py <endpoint> <admin-token> <cases.json>

One line per check and per case: `other-languages py: <id> PASS|FAIL|SKIP <detail>`; last the tally
`other-languages py: N passed, N failed, N skipped`; exit status 1 on any failure. The differential
vectors are OTHER_LANGUAGES_SIGNING_VECTORS, else INTEROP_SIGNING_VECTORS, else signing-vectors.jsonl
beside the export.
"""
import json
import os
import sys
from importlib.metadata import version

from tmkit_cases import Admin, Runner, Tally

LANGUAGE = "py"
CONTRACT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "api-spec", "openapi.yaml")
TALLY = Tally(f"other-languages {LANGUAGE}")
report = TALLY.report


def main(endpoint, token, cases_file):
    import checks
    from cases import Client
    from tmkit_client_volcengine import __file__ as hook_file

    with open(cases_file, encoding="utf-8") as f:
        every = json.load(f)
    client_cases = [c for c in every if "client" in c["appliesTo"]]
    print(f"other-languages {LANGUAGE}: tmkit-client {version('tmkit_client')} (openapi-generator python), "
          f"tmkit-client-volcengine {version('tmkit-client-volcengine')} (from {os.path.dirname(hook_file)}), volcenginesdk-core "
          f"{version('volcenginesdk-core')}; {len(client_cases)} of {len(every)} cases apply to the client; "
          f"endpoint {endpoint}", flush=True)
    vectors = (os.environ.get("OTHER_LANGUAGES_SIGNING_VECTORS") or os.environ.get("INTEROP_SIGNING_VECTORS")
               or os.path.join(os.path.dirname(os.path.abspath(cases_file)), "signing-vectors.jsonl"))
    try:
        checks.run(os.path.normpath(CONTRACT), vectors, report)
    except Exception as e:  # noqa: BLE001 - the checks' failure, not the runner's
        report("signing-checks", "FAIL", f"{type(e).__name__}: {e}")
    # Sent with validation off by default, as the Java client surface sends every case; "0" skips them.
    send_refused = os.environ.get("OTHER_LANGUAGES_PY_SEND_REFUSED", "1") != "0"
    runner = Runner(Client(endpoint, send_refused), Admin(endpoint.rstrip("/"), token))
    refused = 0
    for case in client_cases:
        outcome, detail = runner.verdict(case)
        refused += "refused locally:" in detail
        report(case["id"], outcome, detail)
    print(f"other-languages {LANGUAGE}: {refused} of {len(client_cases)} cases refused locally by the generated "
          f"method's validate_call, " + ("then sent with validation off"
                                         if send_refused else "skipped (OTHER_LANGUAGES_PY_SEND_REFUSED=0)"), flush=True)
    return TALLY.close()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print("usage: python main.py <endpoint> <admin-token> <cases.json>", file=sys.stderr)
        sys.exit(2)
    try:
        sys.exit(main(*sys.argv[1:4]))
    except Exception as e:  # noqa: BLE001 - one clear line and a tally that counts it, not a stack trace
        report("runner", "FAIL", f"{type(e).__name__}: {e}")
        print(TALLY.line())
        sys.exit(1)
