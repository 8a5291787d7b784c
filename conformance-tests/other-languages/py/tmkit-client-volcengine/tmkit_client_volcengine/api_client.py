"""The signing hook: the generated `ApiClient` with Volcengine's signature on every request.

The generated client builds the whole request in `ApiClient.param_serialize` (URL with its query,
headers) and hands it to `ApiClient.call_api`, which sends it through its REST layer. This subclass
overrides `call_api` only: it signs exactly the URL and headers about to be sent, parsed back from
what the generated code wrote, so the request signed is the request sent. Nothing generated is edited.
"""
import datetime
from typing import Callable, Optional
from urllib.parse import parse_qsl, urlsplit

from tmkit_client import ApiClient, Configuration
from tmkit_client.exceptions import ApiValueError

from .signature import Credentials, VolcengineSigner


class SigningApiClient(ApiClient):
    """`TrafficMirrorApi(SigningApiClient(configuration, credentials, region))` signs every call."""

    def __init__(self, configuration: Optional[Configuration], credentials: Credentials, region: str,
                 clock: Callable[[], datetime.datetime] = lambda: datetime.datetime.now(datetime.timezone.utc),
                 **kwargs):
        super().__init__(configuration, **kwargs)
        self.signer = VolcengineSigner(credentials, region)
        self.clock = clock

    def call_api(self, method, url, header_params=None, body=None, post_params=None, _request_timeout=None):
        # This operation is a GET with every parameter in the query; for GET the generated REST layer
        # sends no body at all, so the empty body is what is signed. A body would be serialised later by
        # the REST layer, out of this hook's sight: refuse rather than sign bytes that are not sent.
        if method.upper() not in ("GET", "HEAD") or body is not None or post_params:
            raise ApiValueError(f"the Volcengine signing hook signs GET requests without a body, not {method}")
        target = urlsplit(url)
        # The generated code writes the query with urllib's quote (a space is %20, a plus %2B); the
        # server reads it as a form query. parse_qsl reads it the same way, empty values kept.
        parameters = parse_qsl(target.query, keep_blank_values=True, strict_parsing=False,
                               encoding="utf-8", errors="strict")
        headers = {name: value for name, value in (header_params or {}).items() if name.lower() != "authorization"}
        # Sent as signed: urllib3 sends a Host header given to it instead of its own.
        headers["Host"] = target.netloc
        headers.update(self.signer.sign(method, target.path or "/", parameters, headers, b"", self.clock()))
        return super().call_api(method, url, headers, body, post_params, _request_timeout)
