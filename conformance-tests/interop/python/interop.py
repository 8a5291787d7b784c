"""The conformance cases through Volcengine's official Python SDK (volcenginesdkvpc + volcenginesdkcore),
used as its README shows: a Configuration with ak/sk/region/host/scheme, `VPCApi(ApiClient(configuration))`
and `create_traffic_mirror_session(CreateTrafficMirrorSessionRequest(...))`. Cases and expectations come
from the conformance export (cases.json); nothing about a case is written here. Also compares the SDK's
`SignerV4` with our signer on the differential vectors.

    python3 interop.py <endpoint> <admin-token> <cases.json>

A success returns the typed response (`traffic_mirror_session_id`); an error raises
`volcenginesdkcore.rest.ApiException`, whose `status` is the HTTP status and whose `body` holds the
error envelope (code and message read from it). The SDK retries 429 itself (its DefaultRetryCondition);
the HTTP requests of one call are counted by wrapping its REST client's `request` (observation only).
"""
import hashlib
import json
import re
import sys
import time
import threading
import urllib.request
from urllib.parse import urlsplit

import volcenginesdkcore
import volcenginesdkcore.rest as rest
import volcenginesdkcore.signv4 as signv4
import volcenginesdkvpc
from volcenginesdkcore.rest import ApiException
from volcenginesdkcore.signv4 import SignerV4

SDK = "python"
ACTION, VERSION = "CreateTrafficMirrorSession", "2020-04-01"
MODEL = volcenginesdkvpc.CreateTrafficMirrorSessionRequest
TAG = volcenginesdkvpc.TagForCreateTrafficMirrorSessionInput
FIELDS = {wire: attr for attr, wire in MODEL.attribute_map.items() if wire != "Tags"}
INTEGERS = {wire for wire, attr in FIELDS.items() if MODEL.swagger_types[attr] == "int"}
TAG_NAME = re.compile(r"Tags\.([1-9][0-9]*)\.(Key|Value)")
WHOLE = re.compile(r"-?(0|[1-9][0-9]*)")

# --- Every HTTP request the SDK's REST client sends: (method, query params).
SENT = []
_request = rest.RESTClientObject.request


def _counting(self, method, url, query_params=None, *args, **kwargs):
    SENT.append((method, list(query_params or [])))
    return _request(self, method, url, query_params, *args, **kwargs)


rest.RESTClientObject.request = _counting

TALLY = {"PASS": 0, "FAIL": 0, "SKIP": 0}


def report(case_id, outcome, detail):
    TALLY[outcome] += 1
    print(f"interop {SDK}: {case_id} {outcome} {detail}", flush=True)


class Admin:
    def __init__(self, endpoint, token):
        self.endpoint, self.token = endpoint, token

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        headers = {"X-Admin-Token": self.token}
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(f"{self.endpoint}/_admin/{path}", data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read().decode("utf-8"))

    def sessions(self, account_id):
        return self.call("GET", f"sessions?accountId={account_id}")


def why_not(request):
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
    return None


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


class Sdk:
    def __init__(self, endpoint):
        parts = urlsplit(endpoint)
        # The SDK falls back to Volcengine's public endpoint without a host: only loopback may get traffic.
        if parts.hostname not in ("127.0.0.1", "localhost", "::1") or not parts.port:
            raise SystemExit(f"interop {SDK}: the endpoint must be http://127.0.0.1:PORT, not {endpoint!r}")
        self.host = parts.netloc
        self.clients = {}

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

    def send(self, request, auto_retry=True):
        """(status, code, message, session ID, HTTP requests, query sent) of one call."""
        api = self.api(request["signing"], auto_retry)
        first = len(SENT)
        try:
            answer = api.create_traffic_mirror_session(model_of(request))
            status, code, message, session = 200, None, None, answer.traffic_mirror_session_id
        except ApiException as e:
            error = json.loads(e.body)["ResponseMetadata"]["Error"]
            status, code, message, session = e.status, error["Code"], error["Message"], None
        sent = SENT[first:]
        return status, code, message, session, len(sent), (sent[-1][1] if sent else None)


def stored_drift(session, stored):
    drift = []
    for field, want in stored.items():
        if field == "tags":
            got = [{"key": t["key"], "value": t["value"]} for t in session.get("tags", [])]
            if got != want:
                drift.append(f"tags {got}, sent {want}")
        elif session.get(field) is None or str(session[field]) != want:
            drift.append(f"{field} {session.get(field)!r}, sent {want!r}")
    return drift


def query_drift(sent, request):
    """The SDK's flattened query must be exactly the case's parameters (as text)."""
    got = sorted((str(k), str(v)) for k, v in sent)
    wanted = sorted((n, v) for n, v in request["params"] if n not in ("Action", "Version"))
    extra = [p for p in got if p[0] not in ("Action", "Version")]
    return None if extra == wanted else f"the SDK sent {extra}, the case has {wanted}"


class Runner:
    def __init__(self, sdk, admin):
        self.sdk, self.admin, self.dirty = sdk, admin, True

    def run(self, case):
        reasons = [why_not(case["request"])] + [why_not(p["request"]) for p in case["preconditions"] if "request" in p]
        reason = next((r for r in reasons if r), None)
        if reason:
            return "SKIP", reason
        try:
            model_of(case["request"])
        except ValueError as refused:
            return "SKIP", f"the SDK refuses it locally: {refused}"
        if case["resetBefore"] or self.dirty:
            self.admin.call("POST", "reset")
        self.dirty = case["resetBefore"]
        named, in_flight = {}, []
        for p in case["preconditions"]:
            if p["kind"] == "priorRequest":
                status, code, _, session, _, _ = self.sdk.send(p["request"])
                if status != p["expectStatus"]:
                    return "FAIL", f"precondition {p['as']} answered {status} {code}, expected {p['expectStatus']}"
                named[p["as"]] = session
            elif p["kind"] == "inFlight":
                box = {}
                thread = threading.Thread(target=lambda r=p["request"], b=box: b.update(answer=self.sdk.send(r)))
                thread.start()
                in_flight.append((thread, box))
                time.sleep(p["settleMs"] / 1000)
            elif p["kind"] == "fault":
                self.admin.call("POST", "faults", {k: p[k] for k in ("accountId", "code", "phase", "times")})
            else:
                return "SKIP", f"unknown precondition {p['kind']}"
        expect = case["expect"]
        counting = expect["sessionsCreated"] is not None and case["accountId"] is not None
        before = len(self.admin.sessions(case["accountId"])) if counting else 0
        # A fault armed for a number of requests is meant for exactly that many: the SDK's own retry of
        # a 5xx would take it away, so such a case runs with auto_retry off (a user's setting).
        once = any(p["kind"] == "fault" and p["times"] > 0 for p in case["preconditions"])
        status, code, message, session, requests, sent = self.sdk.send(case["request"], auto_retry=not once)
        after = len(self.admin.sessions(case["accountId"])) if counting else 0
        faults = []
        drift = query_drift(sent or [], case["request"])
        if drift:
            faults.append(drift)
        if status != expect["status"]:
            faults.append(f"status {status}, expected {expect['status']}")
        if code != expect["code"]:
            faults.append(f"code {code}, expected {expect['code']}")
        if message != expect["message"]:
            faults.append(f"message {message!r}, expected {expect['message']!r}")
        if expect["code"] is None and not faults:
            if not (session or "").startswith("tms-"):
                faults.append(f"no session ID in the typed response ({session!r})")
            if expect["sameSessionAs"] is not None and session != named.get(expect["sameSessionAs"]):
                faults.append(f"session {session}, expected the session of {expect['sameSessionAs']} "
                              f"({named.get(expect['sameSessionAs'])})")
            if expect["stored"] is not None:
                listed = [s for s in self.admin.sessions(case["accountId"]) if s["trafficMirrorSessionId"] == session]
                faults.extend(stored_drift(listed[0], expect["stored"]) if listed else [f"{session} is not listed"])
        if counting and after - before != expect["sessionsCreated"]:
            faults.append(f"created {after - before} session(s), expected {expect['sessionsCreated']}")
        for thread, box in in_flight:
            thread.join(30)
            if box.get("answer", (0,))[0] != 200:
                faults.append(f"the request in flight answered {box.get('answer', (0,))[0]}, expected 200")
        if faults:
            return "FAIL", "; ".join(faults)
        detail = f"status={status} " + (f"TrafficMirrorSessionId={session}" if code is None else f"code={code} message ok")
        if expect["stored"] is not None:
            detail += " stored values byte-exact"
        if once:
            detail += " (auto_retry off: the fault is armed for one request)"
        if status == 429:
            if requests < 2:
                return "FAIL", f"status 429 after {requests} HTTP request(s): the SDK did not retry"
            detail += f" after {requests} HTTP requests (the SDK's own retry)"
        return "PASS", detail


# --- Differential signing: SignerV4 against our signer's vectors.
class FixedClock:
    """Stands in for the `datetime` module inside signv4, so that SignerV4 signs at the vector's X-Date."""

    def __init__(self, real):
        self.real, self.at = real, None
        outer = self

        class _DateTime:
            @staticmethod
            def utcnow():
                return outer.at

        self.datetime = _DateTime

    def __getattr__(self, name):
        return getattr(self.real, name)


class RecordingHashlib:
    """Stands in for `hashlib` inside signv4 and keeps what it hashes: the last is the canonical request."""

    def __init__(self):
        self.inputs = []

    def sha256(self, *data):
        # hmac.new(key, msg, hashlib.sha256) calls it without data, as a digest constructor.
        if data:
            self.inputs.append(data[0])
        return hashlib.sha256(*data)


def compare_vectors(path):
    clock, recorder = FixedClock(signv4.datetime), RecordingHashlib()
    real_datetime, real_hashlib = signv4.datetime, signv4.hashlib
    signv4.datetime, signv4.hashlib = clock, recorder
    result = {"total": 0, "mismatched": 0, "mutated": 0, "first": None, "lists": {}}
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                v = json.loads(line)
                result["total"] += 1
                result["mutated"] += bool(v["mutated"])
                clock.at = real_datetime.datetime.strptime(v["xDate"], "%Y%m%dT%H%M%SZ")
                headers = {k: h for k, h in v["headers"].items() if k not in ("X-Date", "X-Content-Sha256")}
                recorder.inputs.clear()
                SignerV4.sign(v["path"], v["method"], headers, v["body"], None, v["query"],
                              v["accessKey"], v["secretKey"], v["region"], v["service"])
                auth = headers["Authorization"]
                signed = re.search(r"SignedHeaders=([^,]*)", auth).group(1)
                signature = re.search(r"Signature=([0-9a-f]+)$", auth).group(1)
                canonical = recorder.inputs[-1].decode("utf-8")
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
    finally:
        signv4.datetime, signv4.hashlib = real_datetime, real_hashlib
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
        try:
            outcome, detail = runner.run(case)
        except Exception as e:  # noqa: BLE001 - one case's failure, not the runner's
            outcome, detail = "FAIL", f"{type(e).__name__}: {e}"
        report(case["id"], outcome, detail)
    try:
        report("signing-vectors", *differential(os.environ.get("INTEROP_SIGNING_VECTORS"),
                                                os.environ.get("INTEROP_SIGNING_MUTANT")))
    except Exception as e:  # noqa: BLE001
        report("signing-vectors", "FAIL", f"{type(e).__name__}: {e}")
    print(f"interop {SDK}: {TALLY['PASS']} passed, {TALLY['FAIL']} failed, {TALLY['SKIP']} skipped", flush=True)
    return 1 if TALLY["FAIL"] else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print("usage: python3 interop.py <endpoint> <admin-token> <cases.json>", file=sys.stderr)
        sys.exit(2)
    sys.exit(main())
