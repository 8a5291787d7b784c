"""Runs the smoke conformance cases through the stock `python` client generated from the contract.

The cases, their requests and their expected status/code/message come from the conformance build's
export (cases.json); nothing about a case is written here.
"""
import argparse
import datetime
import inspect
import json
import re
import sys
import typing
import urllib.parse
import urllib.request

import pydantic
import tmkit_client
from tmkit_client.api.traffic_mirror_api import TrafficMirrorApi

LANGUAGE = "python"


def client_parameters():
    """Wire name -> (keyword, whether the client types it int), read from the generated client itself,
    so that `Tags.1.Key` reaches `tags_1_key` by the generator's own rule rather than by a guess of it."""
    source = inspect.getsource(TrafficMirrorApi._create_traffic_mirror_session_serialize)
    signature = inspect.signature(TrafficMirrorApi.create_traffic_mirror_session)
    parameters = {}
    for wire, keyword in re.findall(r"_query_params\.append\(\('([^']+)', (\w+)\)\)", source):
        parameters[wire] = (keyword, _is_int(signature.parameters[keyword].annotation))
    if not parameters:
        raise RuntimeError("no query parameters found in the generated API")
    return parameters


def _is_int(annotation):
    """Unwraps Annotated[...] and Optional[...] down to the base type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union:
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation is int


def bind(case, parameters):
    """The case's wire parameters as keyword arguments of the client, or why it cannot express them."""
    kwargs, notes = {}, []
    for name, value in case["request"]["params"]:
        if name not in parameters:
            return None, [f"the client has no parameter {name}"]
        keyword, is_int = parameters[name]
        if keyword in kwargs:
            return None, [f"the client takes {name} once"]
        if is_int and re.fullmatch(r"-?(0|[1-9][0-9]*)", value):
            kwargs[keyword] = int(value)
        else:
            kwargs[keyword] = value
            if is_int:
                notes.append(f"{name} sent as text, the client types it int")
    return kwargs, notes


def authorization(access_key, region):
    if access_key is None:
        return None
    # The server runs with signatures off; it picks the account by the access key of a well-formed header.
    day = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d")
    return (f"HMAC-SHA256 Credential={access_key}/{day}/{region}/vpc/request, "
            f"SignedHeaders=host;x-date, Signature={'0' * 64}")


def _text(value):
    return "null" if value is None else value


def compare(case, status, code, message, extra):
    expect, faults = case["expect"], []
    if status != expect["status"]:
        faults.append(f"status={status} expected {expect['status']}")
    if code != expect["code"]:
        faults.append(f"code={_text(code)} expected {_text(expect['code'])}")
    if message != expect["message"]:
        faults.append(f"message {json.dumps(message)} expected {json.dumps(expect['message'])}")
    if faults:
        return "FAIL", "; ".join(faults) + extra
    said = "code=- message=-" if code is None else f"code={code} message ok"
    return "PASS", f"status={status} {said}{extra}"


def query_drift(api, kwargs, params):
    """The query the client would send, built by its own serialiser, must be exactly the case's
    parameters: proves the binding. Returns what differs, or None."""
    keywords = [k for k in inspect.signature(TrafficMirrorApi._create_traffic_mirror_session_serialize).parameters
                if k != "self" and not k.startswith("_")]
    _, url, _, _, _ = api._create_traffic_mirror_session_serialize(
        **{k: kwargs.get(k) for k in keywords},
        _request_auth=None, _content_type=None, _headers=None, _host_index=0)
    sent = sorted(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query, keep_blank_values=True))
    wanted = sorted((name, value) for name, value in params)
    return None if sent == wanted else f"client would send {sent}, case has {wanted}"


def run(case, parameters, base_url, region):
    if case.get("preconditions"):
        return "SKIP", "needs preconditions that this runner does not set up"
    if case["request"]["method"] != "GET":
        return "SKIP", f"the client sends GET, the case {case['request']['method']}"
    kwargs, notes = bind(case, parameters)
    if kwargs is None:
        return "SKIP", notes[0]
    configuration = tmkit_client.Configuration(host=base_url)
    key = authorization(case["accessKey"], region)
    if key is not None:
        configuration.api_key["volcengineSignature"] = key
    api = TrafficMirrorApi(tmkit_client.ApiClient(configuration))
    call = api.create_traffic_mirror_session_with_http_info
    drift = query_drift(api, kwargs, case["request"]["params"])
    if drift is not None:
        return "FAIL", drift
    try:
        try:
            answer = call(**kwargs)
        except pydantic.ValidationError as refused:
            # The client judged the case locally (its annotations carry the contract's bounds). Say so,
            # then send it with that check off, so the server's answer is still read through the client.
            first = refused.errors()[0]
            if first["type"] == "missing_argument":
                return "SKIP", f"client refused locally: {first['loc'][-1]}: {first['msg']}"
            notes.append(f"client refused locally first: {'.'.join(map(str, first['loc']))}: {first['msg']}"
                         f"; sent with validate_call off")
            answer = call.raw_function(api, **kwargs)
    except tmkit_client.ApiException as e:
        extra = f" ({'; '.join(notes)})" if notes else ""
        if e.data is None:
            return "FAIL", f"status={e.status} is not documented by the contract: {e.body}"
        error = e.data.response_metadata.error
        return compare(case, e.status, error.code, error.message, extra)
    except Exception as e:  # noqa: BLE001 - any other failure is this case's failure, not the runner's
        return "FAIL", f"client error: {type(e).__name__}: {e}"
    extra = f" ({'; '.join(notes)})" if notes else ""
    outcome, detail = compare(case, answer.status_code, None, None, extra)
    if outcome == "PASS":
        result = answer.data.result
        if not result.traffic_mirror_session_id.startswith("tms-") \
                or result.request_id != answer.data.response_metadata.request_id:
            return "FAIL", f"unexpected Result {result.to_json()}"
        detail += f" TrafficMirrorSessionId={result.traffic_mirror_session_id}"
    return outcome, detail


def reset(reset_url, token):
    if not reset_url:
        return
    request = urllib.request.Request(reset_url, method="POST", headers={"X-Admin-Token": token})
    with urllib.request.urlopen(request, timeout=10) as answer:
        if answer.status >= 300:
            raise RuntimeError(f"reset answered {answer.status}")


def main():
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--cases", required=True)
    arguments.add_argument("--base-url", required=True)
    arguments.add_argument("--region", default="cn-beijing")
    arguments.add_argument("--reset-url", default="")
    arguments.add_argument("--admin-token", default="")
    options = arguments.parse_args()
    with open(options.cases, encoding="utf-8") as f:
        # Cases for the client surface only: the others need what a typed client cannot send.
        smoke = [c for c in json.load(f) if "smoke" in c["tags"] and "client" in c["appliesTo"]]
    parameters = client_parameters()
    base_url = options.base_url.rstrip("/")
    failed = 0
    for case in smoke:
        reset(options.reset_url, options.admin_token)
        outcome, detail = run(case, parameters, base_url, options.region)
        failed += outcome == "FAIL"
        print(f"{LANGUAGE}: {case['id']} {outcome} {detail}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # noqa: BLE001
        print(f"{LANGUAGE}: runner FAIL {type(e).__name__}: {e}")
        sys.exit(1)
