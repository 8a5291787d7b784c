"""Volcengine's HMAC-SHA256 request signature: the contract's `volcengineSignature` scheme.

The steps are those of the scheme's description in api-spec/openapi.yaml (components.securitySchemes.
volcengineSignature), after Volcengine's signing page (https://www.volcengine.com/docs/6369/67269).
The constants below are the scheme's `x-signing` values; the package's own check
(conformance-tests/other-languages/py/checks.py) reads `x-signing` from the contract and fails when
one of them differs, so they cannot drift from it.
"""
import datetime
import hashlib
import hmac
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Sequence, Tuple
from urllib.parse import quote

ALGORITHM = "HMAC-SHA256"
SERVICE = "vpc"
TERMINATOR = "request"
DATE_HEADER = "X-Date"
CONTENT_HASH_HEADER = "X-Content-Sha256"
SECURITY_TOKEN_HEADER = "X-Security-Token"
REQUIRED_SIGNED_HEADERS = ("x-date",)

# RFC 3986's unreserved characters besides letters and digits: only these stay bare. `quote` keeps
# A-Z a-z 0-9 and `_.-~` bare on its own; `safe` adds nothing (not even its default `/`).
_SAFE = ""
# Signed besides the headers `sign` adds, when the request carries them.
_SIGNED_WHEN_PRESENT = ("host", "content-type")


@dataclass(frozen=True)
class Credentials:
    """An access key pair; `session_token` for temporary (STS) credentials."""

    access_key: str
    secret_key: str
    session_token: Optional[str] = None


def encode(text: str) -> str:
    """Percent-encodes UTF-8 as RFC 3986 does: only A-Z a-z 0-9 - _ . ~ stay bare, a space is %20."""
    return quote(text, safe=_SAFE, encoding="utf-8", errors="strict")


def canonical_query(parameters: Iterable[Tuple[str, str]]) -> str:
    """Names and values encoded, sorted by encoded name (a stable sort: the values of a name given
    more than once keep their order in the request), joined as name=value with &."""
    encoded = [(encode(name), encode(value)) for name, value in parameters]
    encoded.sort(key=lambda pair: pair[0])
    return "&".join(f"{name}={value}" for name, value in encoded)


def x_date(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


class VolcengineSigner:
    """Signs one request with one access key pair, for one region and service. Immutable."""

    def __init__(self, credentials: Credentials, region: str, service: str = SERVICE):
        self.credentials, self.region, self.service = credentials, region, service

    def canonical_request(self, method: str, path: str, parameters: Sequence[Tuple[str, str]],
                          headers: Mapping[str, str], signed_headers: Sequence[str], body: bytes) -> str:
        """METHOD, path, CanonicalQuery, CanonicalHeaders, SignedHeaders and the body's hash, one a line.
        `signed_headers` are lower-case names; a listed header that is absent counts as empty."""
        by_name = {name.lower(): value for name, value in headers.items()}
        names = sorted(signed_headers)
        canonical_headers = "".join(f"{name}:{by_name.get(name, '').strip()}\n" for name in names)
        return "\n".join([method.upper(), path, canonical_query(parameters), canonical_headers,
                          ";".join(names), hashlib.sha256(body).hexdigest()])

    def scope(self, date: str) -> str:
        return f"{date[:8]}/{self.region}/{self.service}/{TERMINATOR}"

    def signature(self, canonical_request: str, date: str) -> str:
        string_to_sign = "\n".join([ALGORITHM, date, self.scope(date),
                                    hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()])
        key = self.credentials.secret_key.encode("utf-8")
        for part in (date[:8], self.region, self.service, TERMINATOR):
            key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
        return hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()

    def sign(self, method: str, path: str, parameters: Sequence[Tuple[str, str]], headers: Mapping[str, str],
             body: bytes, moment: datetime.datetime) -> dict:
        """The headers to add to the request: X-Date, X-Content-Sha256, X-Security-Token (with a session
        token) and Authorization. Signs x-date, x-content-sha256, the token and whichever of `host` and
        `content-type` the request carries (the project's clients sign host too; see the scheme)."""
        date = x_date(moment)
        added = {DATE_HEADER: date, CONTENT_HASH_HEADER: hashlib.sha256(body).hexdigest()}
        if self.credentials.session_token:
            added[SECURITY_TOKEN_HEADER] = self.credentials.session_token
        replaced = {name.lower() for name in added}
        every = {**{n: v for n, v in headers.items() if n.lower() not in replaced}, **added}
        signed = sorted({n.lower() for n in every if n.lower() in _SIGNED_WHEN_PRESENT}
                        | replaced | set(REQUIRED_SIGNED_HEADERS))
        canonical = self.canonical_request(method, path, parameters, every, signed, body)
        added["Authorization"] = (f"{ALGORITHM} Credential={self.credentials.access_key}/{self.scope(date)}, "
                                  f"SignedHeaders={';'.join(signed)}, Signature={self.signature(canonical, date)}")
        return added
