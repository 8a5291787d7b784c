"""The conformance cases through Volcengine's official Python SDK (volcenginesdkvpc + volcenginesdkcore),
used as its README shows: a Configuration with ak/sk/region/host/scheme, `VPCApi(ApiClient(configuration))`
and `create_traffic_mirror_session(CreateTrafficMirrorSessionRequest(...))`. Cases and expectations come
from the conformance export (cases.json); nothing about a case is written here. Also compares the SDK's
`SignerV4` with our signer on the differential vectors. What is done around a call (admin resets,
preconditions, the judge, the tally) is the runner shared with other-languages/py,
conformance-tests/lib/python/tmkit_cases (run.sh puts it on PYTHONPATH); this file is its surface.

    python3 interop.py <endpoint> <admin-token> <cases.json>

A success returns the typed response (`traffic_mirror_session_id`); an error raises
`volcenginesdkcore.rest.ApiException`, whose `status` is the HTTP status and whose `body` holds the
error envelope (code and message read from it). The SDK retries 429 itself (its DefaultRetryCondition);
the HTTP requests of one call are counted by wrapping its REST client's `request` (observation only).
"""
import json
import re
import sys
from urllib.parse import urlsplit

import volcenginesdkcore
import volcenginesdkcore.rest as rest
import volcenginesdkvpc
from volcenginesdkcore.rest import ApiException
from tmkit_cases import Admin, Answer, Runner, Tally
from tmkit_cases.signerv4 import official

SDK = "python"
ACTION, VERSION = "CreateTrafficMirrorSession", "2020-04-01"
MODEL = volcenginesdkvpc.CreateTrafficMirrorSessionRequest
TAG = volcenginesdkvpc.TagForCreateTrafficMirrorSessionInput
FIELDS = {wire: attr for attr, wire in MODEL.attribute_map.items() if wire != "Tags"}
INTEGERS = {wire for wire, attr in FIELDS.items() if MODEL.swagger_types[attr] == "int"}
TAG_NAME = re.compile(r"Tags\.([1-9][0-9]*)\.(Key|Value)")
WHOLE = re.compile(r"-?(0|[1-9][0-9]*)")
TALLY = Tally(f"interop {SDK}")

# --- Every HTTP request the SDK's REST client sends: (method, query params).
SENT = []
_request = rest.RESTClientObject.request


def _counting(self, method, url, query_params=None, *args, **kwargs):
    SENT.append((method, list(query_params or [])))
    return _request(self, method, url, query_params, *args, **kwargs)


rest.RESTClientObject.request = _counting


def model_of(request):
    kwargs, tags = {}, {}
    for name, value in request["params"]:
        m = TAG_NAME.fullmatch(name)
        if m:
            tags.setdefault(int(m.group(1)), {})[m.group(2).lower()] = value
        elif name in FIELDS:
            kwargs[FIELDS[name]] = int(value) if name in INTEGERS else value
    if tags:
        kwargs["tags"] = [TAG(**tags[i]) for i in sorted(tags)]
    return MODEL(**kwargs)


def query_drift(sent, request):
    """The SDK's flattened query must be exactly the case's parameters (as text)."""
    got = sorted((str(k), str(v)) for k, v in sent)
    wanted = sorted((n, v) for n, v in request["params"] if n not in ("Action", "Version"))
    extra = [p for p in got if p[0] not in ("Action", "Version")]
    return None if extra == wanted else f"the SDK sent {extra}, the case has {wanted}"


class Sdk:
    """The surface of the shared runner (tmkit_cases.Runner): the official SDK as its README shows it."""

    def __init__(self, endpoint):
        parts = urlsplit(endpoint)
        # The SDK falls back to Volcengine's public endpoint without a host: only loopback may get traffic.
        if parts.hostname not in ("127.0.0.1", "localhost", "::1") or not parts.port:
            raise SystemExit(f"interop {SDK}: the endpoint must be http://127.0.0.1:PORT, not {endpoint!r}")
        self.host = parts.netloc
        self.clients = {}

    def why_not(self, request):
        """None when the SDK can send the request, else why not."""
        kind = request["signing"]["kind"]
        if kind not in ("signed", "wrong-secret", "unknown-key"):
            return f"the SDK signs every request itself: cannot send {kind}"
        if request["rawQuery"] is not None:
            return "the SDK builds the query from its request model: cannot send a raw query"
        if request["method"] != "GET" or request["body"] != "query":
            return f"the SDK sends this action as GET with a query, not {request['method']} with {request['body']}"
        names = [n for n, _ in request["params"]]
        for name in names:
            if names.count(name) > 1:
                return f"the SDK's request model takes {name} once: cannot send it twice"
        for name, value in request["params"]:
            if name == "Action" and value != ACTION or name == "Version" and value != VERSION:
                return f"the SDK always sends {name}={ACTION if name == 'Action' else VERSION}: cannot send {value!r}"
            if name in ("Action", "Version") or TAG_NAME.fullmatch(name):
                continue
            if name not in FIELDS:
                return f"the SDK's request model has no parameter {name}"
            if name in INTEGERS and not WHOLE.fullmatch(value):
                return f"the SDK types {name} as int: cannot send {value!r}"
        for fixed in ("Action", "Version"):
            if fixed not in names:
                return f"the SDK always sends {fixed}: cannot leave it out"
        tags = {}
        for name, value in request["params"]:
            m = TAG_NAME.fullmatch(name)
            if m:
                tags.setdefault(int(m.group(1)), {})[m.group(2)] = value
            elif name.startswith("Tags"):
                return f"the SDK sends tags as a list (Tags.N.Key/Value): cannot send {name}"
        if sorted(tags) != list(range(1, len(tags) + 1)):
            return "the SDK numbers tags by their place in the list: cannot send indices " + ",".join(map(str, sorted(tags)))
        if any("Key" not in t for t in tags.values()):
            return "a tag of the SDK's model without a key is not sent as Tags.N.Value alone"
        try:
            model_of(request)
        except ValueError as refused:
            return f"the SDK refuses it locally: {refused}"
        return None

    def api(self, signing, auto_retry=True):
        key = (signing["accessKey"], signing["secretKey"], signing["region"], auto_retry)
        if key not in self.clients:
            self.clients[key] = self._api(signing, auto_retry)
        return self.clients[key]

    def _api(self, signing, auto_retry):
        configuration = volcenginesdkcore.Configuration()
        configuration.ak = signing["accessKey"]
        configuration.sk = signing["secretKey"]
        configuration.region = signing["region"]
        configuration.host = self.host
        configuration.scheme = "http"
        # The SDK's own retry stays on (429, 5xx); shorter pauses keep the run fast.
        configuration.min_retry_delay_ms = 10
        configuration.max_retry_delay_ms = 50
        configuration.auto_retry = auto_retry
        return volcenginesdkvpc.VPCApi(volcenginesdkcore.ApiClient(configuration))

    def send(self, request, case=None):
        # A fault armed for a number of requests is meant for exactly that many: the SDK's own retry of
        # a 5xx would take it away, so such a case runs with auto_retry off (a user's setting).
        once = case is not None and any(p["kind"] == "fault" and p["times"] > 0 for p in case["preconditions"])
        api = self.api(request["signing"], auto_retry=not once)
        first = len(SENT)
        try:
            answer = api.create_traffic_mirror_session(model_of(request))
            status, code, message, session = 200, None, None, answer.traffic_mirror_session_id
        except ApiException as e:
            error = json.loads(e.body)["ResponseMetadata"]["Error"]
            status, code, message, session = e.status, error["Code"], error["Message"], None
        sent = SENT[first:]
        problems, notes = [], []
        drift = query_drift(sent[-1][1] if sent else [], request)
        if drift:
            problems.append(drift)
        if once:
            notes.append(" (auto_retry off: the fault is armed for one request)")
        if status == 429:
            if len(sent) < 2:
                problems.append(f"status 429 after {len(sent)} HTTP request(s): the SDK did not retry")
            notes.append(f" after {len(sent)} HTTP requests (the SDK's own retry)")
        return Answer(status, code, message, session, tuple(problems), tuple(notes))


# --- Differential signing: SignerV4 against our signer's vectors.
def compare_vectors(path):
    result = {"total": 0, "mismatched": 0, "mutated": 0, "first": None, "lists": {}}
    for v, headers, canonical in official(path):
        result["total"] += 1
        result["mutated"] += bool(v["mutated"])
        auth = headers["Authorization"]
        signed = re.search(r"SignedHeaders=([^,]*)", auth).group(1)
        signature = re.search(r"Signature=([0-9a-f]+)$", auth).group(1)
        result["lists"][signed] = result["lists"].get(signed, 0) + 1
        ours = v["ours"].get(signed)
        problem = None
        if ours is None:
            problem = f"no vector for SignedHeaders={signed}"
        elif canonical != ours["canonicalRequest"]:
            problem = f"canonical request differs: SDK {canonical!r} ours {ours['canonicalRequest']!r}"
        elif signature != ours["signature"]:
            problem = f"signature differs: SDK {signature} ours {ours['signature']}"
        if problem:
            result["mismatched"] += 1
            result["first"] = result["first"] or f"{v['id']}: {problem}"
    return result


def differential(vectors, mutant):
    import os
    if not vectors or not os.path.exists(vectors) or not mutant or not os.path.exists(mutant):
        return "FAIL", f"no signing vectors at {vectors} / {mutant} (built by mvn package of conformance-tests)"
    real, planted = compare_vectors(vectors), compare_vectors(mutant)
    if real["total"] < 1000:
        return "FAIL", f"only {real['total']} vectors"
    if real["mismatched"]:
        return "FAIL", f"{real['mismatched']} of {real['total']} vectors differ; first {real['first']}"
    if planted["mutated"] == 0 or planted["mismatched"] != planted["mutated"]:
        return "FAIL", (f"the planted mutant (* left bare) changed {planted['mutated']} vectors "
                        f"but {planted['mismatched']} were caught")
    lists = ", ".join(f"{k} {n}" for k, n in sorted(real["lists"].items()))
    return "PASS", (f"{real['total']} vectors: canonical request and signature identical (SignedHeaders chosen by "
                    f"SignerV4: {lists}); planted mutant (* left bare in our canonical query) caught on "
                    f"{planted['mismatched']} of {planted['mutated']} changed vectors")


def main():
    import os
    endpoint, token, cases_file = sys.argv[1:4]
    with open(cases_file, encoding="utf-8") as f:
        cases = json.load(f)
    from importlib.metadata import version
    print(f"interop {SDK}: volcenginesdk-vpc {version('volcenginesdk-vpc')}, volcenginesdk-core "
          f"{version('volcenginesdk-core')}, {len(cases)} cases, endpoint {endpoint}", flush=True)
    runner = Runner(Sdk(endpoint), Admin(endpoint, token))
    for case in cases:
        TALLY.report(case["id"], *runner.verdict(case))
    try:
        TALLY.report("signing-vectors", *differential(os.environ.get("INTEROP_SIGNING_VECTORS"),
                                                      os.environ.get("INTEROP_SIGNING_MUTANT")))
    except Exception as e:  # noqa: BLE001
        TALLY.report("signing-vectors", "FAIL", f"{type(e).__name__}: {e}")
    return TALLY.close()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print("usage: python3 interop.py <endpoint> <admin-token> <cases.json>", file=sys.stderr)
        sys.exit(2)
    sys.exit(main())
