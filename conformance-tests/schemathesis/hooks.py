"""Schemathesis hooks for the reference server of CreateTrafficMirrorSession.

Two jobs, both explained in conformance-tests/README.md ("Schemathesis"):

1. Sign every request with Volcengine's own Python signer (volcenginesdkcore.signv4.SignerV4, the
   signer of the official Python SDK), through Schemathesis's auth hook. It signs the prepared request,
   the exact URL and headers that go on the wire, at the moment they are sent.
2. Give schema-valid data the meaning the schema cannot carry (map_case), so that a schema-valid
   request is one the server must accept with 200:
   - a well-formed ID or project name stands for one that exists in the run's world (world.yaml);
   - a Priority already used in this world is replaced by a free one (priorities are unique);
   - a ClientToken already used is replaced by a fresh one of the same length (a reused token with
     other parameters is IdempotentParameterMismatch);
   - the indexed tags are made into a list that satisfies x-tag-list (no gaps, no value without its
     key, no repeated key), rules that no JSON Schema of one parameter can say.
   A value that violates its own schema (what a negative case is about) is never touched.
   When the world's priorities are all used, the world is reset through the admin API.

Configuration comes from the environment (run.sh sets it): TM_SPEC, TM_WORLD, TM_CREDENTIALS,
TM_ADMIN_URL, TM_ADMIN_TOKEN, TM_STATS.
"""

from __future__ import annotations

import atexit
import collections
import json
import os
import re
import threading
import zlib
from urllib.parse import parse_qsl, urlsplit

import jsonschema_rs
import requests
import requests.auth
import schemathesis
import yaml
from volcenginesdkcore.signv4 import SignerV4


def _load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


SPEC = _load_yaml(os.environ["TM_SPEC"])
WORLD = _load_yaml(os.environ["TM_WORLD"])
ADMIN_URL = os.environ["TM_ADMIN_URL"]
ADMIN_TOKEN = os.environ["TM_ADMIN_TOKEN"]
STATS_PATH = os.environ["TM_STATS"]

OPERATION = SPEC["paths"]["/"]["get"]
SIGNING = SPEC["components"]["securitySchemes"]["volcengineSignature"]["x-signing"]
ACCOUNT = WORLD["accounts"][0]
REGION = WORLD["region"]

# The access key of the world's account, from the server's credentials file (never retyped here).
with open(os.environ["TM_CREDENTIALS"], encoding="utf-8") as _handle:
    _KEY = next(c for c in json.load(_handle)["credentials"]
                if c["accountId"] == ACCOUNT["accountId"] and "*" in c["allowedActions"])


# --- 1. Signing ----------------------------------------------------------------------------------

class VolcengineSignature(requests.auth.AuthBase):
    """Signs a prepared request as the official Python SDK does (its SignRequestInterceptor).

    The SDK hands the signer its header map with Host in it and the query as a dict. The query is
    read back from the URL that `requests` built, so what is signed is what is sent, and the headers
    the signer sets (X-Date, X-Content-Sha256, Authorization) are added to the request. Two things
    the SDK does that would change the request under test are left out:
    - on a method other than GET without a Content-Type, the signer would add a form Content-Type;
      it is given an empty one instead, which it signs, and which the server takes for the absent
      header (volcengineSignature: "a listed header that is absent counts as the empty value");
    - a dict cannot hold a repeated name: such a request (the coverage phase's duplicate-parameter
      probes; Volcengine's SDKs never send one) is signed over the name's last value, so the server
      answers it SignatureDoesNotMatch (401) rather than the InvalidParameter (400) it gives a
      repeated name with a valid signature (conformance case `repeated-parameter`).
    """

    SET_BY_SIGNER = ("X-Date", "X-Content-Sha256", "X-Security-Token", "Authorization")

    def __call__(self, request):
        url = urlsplit(request.url)
        headers = {"Host": url.netloc}
        if "Content-Type" in request.headers:
            headers["Content-Type"] = request.headers["Content-Type"]
        elif request.method != "GET":
            headers["Content-Type"] = ""
        body = request.body or ""
        if isinstance(body, bytes):
            body = body.decode("utf-8", "surrogateescape")
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        SignerV4.sign(url.path or "/", request.method, headers, body, None, query,
                      _KEY["accessKey"], _KEY["secretKey"], REGION, SIGNING["service"])
        for name in self.SET_BY_SIGNER:
            if name in headers:
                request.headers[name] = headers[name]
        return request


@schemathesis.auth(refresh_interval=None, retry_on=[])
class SignEveryRequest:
    """Schemathesis's custom auth hook: a fresh signature for every request, nothing cached.

    `retry_on=[]`: a 401 is an answer under test, not an expired token to refresh.
    """

    def get(self, case, context):
        return VolcengineSignature()

    def set(self, case, data, context):
        # The attribute through which Schemathesis's own requests-auth provider (auths.RequestsAuth)
        # hands a requests.auth.AuthBase to the transport, which applies it to the prepared request.
        case._auth = data


# --- 2. Semantics the schema cannot carry --------------------------------------------------------

def _resolve(node):
    while isinstance(node, dict) and "$ref" in node:
        target = SPEC
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


PARAMETERS = {p["name"]: p for p in (_resolve(ref) for ref in OPERATION["parameters"])}
VALIDATORS = {name: jsonschema_rs.Draft4Validator(_resolve(p["schema"])) for name, p in PARAMETERS.items()}
TAG_ITEMS = {name: p["x-list-item"] for name, p in PARAMETERS.items() if "x-list-item" in p}
TAG_LIST = OPERATION["x-tag-list"]
PRIORITY = _resolve(PARAMETERS["Priority"]["schema"])
PRIORITIES = range(PRIORITY["minimum"], PRIORITY["maximum"] + 1)
TOKEN_ALPHABET = "".join(chr(c) for c in range(0x21, 0x7F))  # the schema's ^[!-~]+$

_behind_targets = {t["instanceId"] for t in ACCOUNT["trafficMirrorTargets"]}
EXISTING = {
    "NetworkInterfaceId": [e["networkInterfaceId"] for e in ACCOUNT["networkInterfaces"]
                           if e["networkInterfaceId"] not in _behind_targets],
    "TrafficMirrorTargetId": [t["trafficMirrorTargetId"] for t in ACCOUNT["trafficMirrorTargets"]],
    "TrafficMirrorFilterId": [f["trafficMirrorFilterId"] for f in ACCOUNT["trafficMirrorFilters"]],
    "ProjectName": list(ACCOUNT["projects"]),
}


WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")  # the contract's integer form on the wire (info.description)


def _typed(name, value):
    """The value as the server reads it: the coverage phase gives query values as wire strings."""
    if (isinstance(value, str) and _resolve(PARAMETERS[name]["schema"]).get("type") == "integer"
            and WHOLE_NUMBER.fullmatch(value)):
        return int(value)
    return value


def _valid(name, value):
    validator = VALIDATORS.get(name)
    if validator is None:
        return False
    try:
        return validator.is_valid(_typed(name, value))
    except (ValueError, TypeError, UnicodeError):
        return False


class WorldLedger:
    """What the run has used of the world since its last reset: priorities and ClientTokens.

    The world is reset before the first request too, so that the ledger starts from what world.yaml
    holds even on a server that has served other requests.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.priorities = set()
        self.tokens = set()
        self.cursor = PRIORITIES.start
        self.token_counter = 0
        self.resets = 0
        self.started = False

    def begin(self):
        if not self.started:
            self._reset()
            self.started = True

    def priority(self, wanted):
        if wanted not in self.priorities:
            self.priorities.add(wanted)
            return wanted
        if len(self.priorities) >= len(PRIORITIES):
            self._reset()
        while self.cursor in self.priorities:
            self.cursor = PRIORITIES.start + (self.cursor + 1 - PRIORITIES.start) % len(PRIORITIES)
        self.priorities.add(self.cursor)
        return self.cursor

    def token(self, wanted):
        while wanted in self.tokens:
            wanted = self._fresh_token(len(wanted))
        self.tokens.add(wanted)
        return wanted

    def _fresh_token(self, length):
        """A token not used before: a counter in the schema's alphabet, padded to `length` where it fits."""
        self.token_counter += 1
        digits, n = "", self.token_counter
        while n:
            n, d = divmod(n, len(TOKEN_ALPHABET))
            digits = TOKEN_ALPHABET[d] + digits
        return digits.rjust(length, TOKEN_ALPHABET[-1])

    def _reset(self):
        answer = requests.post(ADMIN_URL + "reset", headers={"X-Admin-Token": ADMIN_TOKEN}, timeout=30)
        answer.raise_for_status()
        self.priorities = set(s["priority"] for s in ACCOUNT.get("trafficMirrorSessions", []))
        self.tokens.clear()
        self.resets += 1


LEDGER = WorldLedger()


def _existing(name, value):
    choices = EXISTING[name]
    return choices[zlib.crc32(value.encode("utf-8", "surrogatepass")) % len(choices)]


def _tags_made_consistent(query):
    """The tags of `query` as one list that satisfies x-tag-list, renumbered from 1."""
    by_index = collections.defaultdict(dict)
    for name, item in TAG_ITEMS.items():
        if name in query:
            by_index[item["index"]][item["field"]] = query.pop(name)
    seen_keys, index = set(), 0
    for _, fields in sorted(by_index.items()):
        key = fields.get("Key")
        if key is None or key in seen_keys:      # valueWithoutKey, duplicateKey
            continue
        seen_keys.add(key)
        index += 1
        query[TAG_LIST["parameterPattern"].format(N=index, Field="Key")] = key
        if "Value" in fields:
            query[TAG_LIST["parameterPattern"].format(N=index, Field="Value")] = fields["Value"]


@schemathesis.hook
def map_case(context, case):
    _give_meaning(case)
    return case


@schemathesis.hook
def before_add_examples(context, examples):
    # The examples phase builds its cases from the contract's examples and runs no map_case.
    for case in examples:
        _give_meaning(case)


def _give_meaning(case):
    query = case.query
    if not isinstance(query, dict):
        return
    with LEDGER.lock:
        LEDGER.begin()
        for name in EXISTING:
            if name in query and _valid(name, query[name]):
                query[name] = _existing(name, query[name])
        if "Priority" in query and _valid("Priority", query["Priority"]):
            wanted = query["Priority"]
            free = LEDGER.priority(_typed("Priority", wanted))
            query["Priority"] = str(free) if isinstance(wanted, str) else free
        if "ClientToken" in query and _valid("ClientToken", query["ClientToken"]):
            query["ClientToken"] = LEDGER.token(query["ClientToken"])
        tags = [name for name in query if name in TAG_ITEMS]
        if tags and all(_valid(name, query[name]) for name in tags):
            _tags_made_consistent(query)


# --- What was sent and answered, for run.sh's closing lines -----------------------------------------

STATS = {"requests": 0, "answers": collections.Counter(), "maxValidQueryBytes": 0}
_stats_lock = threading.Lock()


@schemathesis.hook
def after_call(context, case, response):
    try:
        code = response.json()["ResponseMetadata"].get("Error", {}).get("Code", "OK")
    except Exception:  # not our envelope: the checks report it
        code = "(no envelope)"
    meta = case.meta
    mode = meta.generation.mode.value if meta else "explicit"
    phase = meta.phase.name.value if meta else "explicit"
    with _stats_lock:
        STATS["requests"] += 1
        STATS["answers"][f"{phase} {mode} {response.status_code} {code}"] += 1
        if mode == "positive":
            query = urlsplit(response.request.url).query
            STATS["maxValidQueryBytes"] = max(STATS["maxValidQueryBytes"], len(query))


@atexit.register
def _write_stats():
    with _stats_lock:
        data = dict(STATS, answers=dict(STATS["answers"].most_common()), worldResets=LEDGER.resets)
    with open(STATS_PATH, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, ensure_ascii=False)
