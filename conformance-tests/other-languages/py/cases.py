"""The client-applicable conformance cases through the generated python client, signatures on.

A case comes from the conformance export (cases.json) with its request, preconditions and expected
answer; nothing about a case is written here. Each runs as a user of the installed packages would:
`TrafficMirrorApi(SigningApiClient(configuration, credentials, region))`, tags through `tag_parameters`,
the case's other parameters bound to the generated method's keywords by the generated serialiser's own
table (`_query_params.append(('Tags.1.Key', tags_1_key))`), never by a guess of the generator's naming.

A request the generated method's `validate_call` refuses before sending (bounds, lengths, a missing
required argument) is, by default, sent through the same method with validation off (`raw_function`, pydantic's documented way to call the undecorated function), as the
Java client surface (ClientSurface: validation off) sends every case, and the server's answer is
checked; a local refusal of a case that expects a success is a FAIL either way. With
OTHER_LANGUAGES_PY_SEND_REFUSED=0 a refused request is a SKIP with pydantic's reason instead, as the
TypeScript and Go clients (which cannot switch their checks off) count theirs. No retries either way: the generated client's urllib3 retries no HTTP status.
"""
import inspect
import re
import threading
import typing
from urllib.parse import parse_qsl, urlsplit

import pydantic
import tmkit_client
from tmkit_client.api.traffic_mirror_api import TrafficMirrorApi
from tmkit_client_volcengine import Credentials, SigningApiClient, tag_parameters
from tmkit_cases import Answer, NotSent

ACTION = TrafficMirrorApi.create_traffic_mirror_session_with_http_info
TAG_NAME = re.compile(r"Tags\.([1-9][0-9]*)\.(Key|Value)")
WHOLE = re.compile(r"-?(0|[1-9][0-9]*)")


def client_parameters():
    """Wire name -> (keyword, whether the client types it int, whether it is required), read from the
    generated client: its serialiser's `_query_params.append(('Name', keyword))` lines and its signature."""
    source = inspect.getsource(TrafficMirrorApi._create_traffic_mirror_session_serialize)
    signature = inspect.signature(ACTION)
    parameters = {}
    for wire, keyword in re.findall(r"_query_params\.append\(\('([^']+)', (\w+)\)\)", source):
        p = signature.parameters[keyword]
        parameters[wire] = (keyword, _is_int(p.annotation), p.default is inspect.Parameter.empty)
    if not parameters:
        raise RuntimeError("no query parameters found in the generated serialiser")
    return parameters


def _is_int(annotation):
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union:
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation is int


class RecordingApiClient(SigningApiClient):
    """The hook as shipped, plus a record of the URL it signs and sends unchanged (observation only)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent = threading.local()  # per thread: a request in flight runs beside the case's own

    def call_api(self, method, url, header_params=None, body=None, post_params=None, _request_timeout=None):
        self.sent.url = url
        return super().call_api(method, url, header_params, body, post_params, _request_timeout)


class Client:
    """The surface of the shared runner (tmkit_cases.Runner): one generated client per key pair, as a
    user configures it."""

    def __init__(self, endpoint, send_refused=False):
        self.send_refused = send_refused
        parts = urlsplit(endpoint)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1") or not parts.port:
            raise ValueError(f"the endpoint must be http://127.0.0.1:PORT (only loopback may get traffic), "
                             f"not {endpoint!r}")
        self.endpoint = endpoint.rstrip("/")
        self.parameters = client_parameters()
        self.apis = {}

    def api(self, signing):
        key = (signing["accessKey"], signing["secretKey"], signing["region"])
        if key not in self.apis:
            configuration = tmkit_client.Configuration(host=self.endpoint)
            api_client = RecordingApiClient(configuration, Credentials(signing["accessKey"], signing["secretKey"]),
                                            signing["region"])
            self.apis[key] = TrafficMirrorApi(api_client)
        return self.apis[key]

    def why_not(self, request):
        reason = self.cannot_send(request)
        return None if reason is None else f"the generated client cannot send it: {reason}"

    def cannot_send(self, request):
        """None when the generated client can send the request, else why not (the Java client surface's
        words where it has a reason for the same thing: TypedRequestShape)."""
        if request["method"] != "GET" or request["body"] != "query":
            return f"method {request['method']}" + (" with a form body" if request["body"] == "form" else "")
        if request["rawQuery"] is not None:
            return "a raw query string"
        if request["signing"]["kind"] not in ("signed", "unknown-key", "wrong-secret"):
            return f"signing {request['signing']['kind']}"
        names = [n for n, _ in request["params"]]
        for name in names:
            if names.count(name) > 1:
                return f"{name} given twice"
        tags = []
        for name, value in request["params"]:
            if TAG_NAME.fullmatch(name):
                tags.append(name)
            elif name not in self.parameters:
                return f"unknown parameter {name}"
            elif self.parameters[name][1] and not WHOLE.fullmatch(value):
                return f"{name}={value} is not a Python int (the client types it int)"
        indices = sorted({int(TAG_NAME.fullmatch(n).group(1)) for n in tags})
        if indices and indices[-1] != len(indices):
            return f"tag indices {indices} are not 1..N"
        try:
            tag_parameters([(None, None)] * len(indices))
        except ValueError as e:
            return str(e)
        return None

    def keywords(self, request):
        """The generated method's keyword arguments for the request; tags through tag_parameters."""
        kwargs, tags = {}, {}
        for name, value in request["params"]:
            m = TAG_NAME.fullmatch(name)
            if m:
                tags.setdefault(int(m.group(1)), {})[m.group(2)] = value
            else:
                keyword, is_int, _ = self.parameters[name]
                kwargs[keyword] = int(value) if is_int else value
        kwargs.update(tag_parameters([{"Key": t.get("Key"), "Value": t.get("Value")}
                                      for _, t in sorted(tags.items())]))
        return kwargs

    def send(self, request, case=None):
        """One call through the generated client. For the case's own request, a local refusal of a
        request the contract accepts is a FAIL, and the query sent must be exactly the case's."""
        api = self.api(request["signing"])
        kwargs, notes, problems = self.keywords(request), [], []
        accepted = case is not None and case["expect"]["status"] == 200
        api.api_client.sent.url = None
        try:
            try:
                answer = ACTION(api, **kwargs)
            except pydantic.ValidationError as refused:
                error = refused.errors()[0]
                why = f"{'.'.join(map(str, error['loc']))}: {error['msg']}"
                if not self.send_refused:
                    if accepted:
                        raise NotSent("FAIL", f"the client refused locally a request the contract accepts: {why}") \
                            from refused
                    raise NotSent("SKIP", f"client refused locally: {why} (validate_call, before sending; the Java "
                                          f"client surface sends it with validation off)") from refused
                notes.append(f" (refused locally: {why}; sent with validation off)")
                # A required argument the case leaves out is passed as None, which the serialiser leaves out.
                for keyword, _, required in self.parameters.values():
                    if required:
                        kwargs.setdefault(keyword, None)
                answer = ACTION.raw_function(api, **kwargs)
            data = answer.data
            status, code, message, session = answer.status_code, None, None, data.result.traffic_mirror_session_id
            if data.result.request_id != data.response_metadata.request_id:
                problems.append(f"Result.RequestId {data.result.request_id} is not ResponseMetadata.RequestId "
                                f"{data.response_metadata.request_id}")
        except tmkit_client.ApiException as e:
            if e.data is None:
                raise RuntimeError(f"status {e.status} not typed by the client (undocumented?): {e.body}") from e
            error = e.data.response_metadata.error
            status, code, message, session = e.status, error.code, error.message, None
        if notes and accepted:
            problems.append("the client refused locally a request the contract accepts")
        drift = query_drift(api.api_client.sent.url, request)
        if drift:
            problems.append(drift)
        return Answer(status, code, message, session, tuple(problems), tuple(notes))


def query_drift(url, request):
    """The query the client sent must be exactly the case's parameters (order aside)."""
    got = sorted(parse_qsl(urlsplit(url or "").query, keep_blank_values=True))
    wanted = sorted((n, v) for n, v in request["params"])
    return None if got == wanted else f"the client sent {got}, the case has {wanted}"
