"""Volcengine's official Python signer (volcenginesdkcore.signv4.SignerV4) at a vector's X-Date, for the
differential signing checks of both Python suites. SignerV4 reads the clock itself and keeps its canonical
request to itself, so while it signs, the `datetime` and `hashlib` names of its module are replaced by a
fixed clock and by a hashlib that records what it hashes (the last input is the canonical request).
Imported only by code that has volcenginesdk-core installed."""
import hashlib
import json

import volcenginesdkcore.signv4 as signv4
from volcenginesdkcore.signv4 import SignerV4


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
        if data:  # hmac.new(key, msg, hashlib.sha256) calls it without data, as a digest constructor
            self.inputs.append(data[0])
        return hashlib.sha256(*data)


def official(vectors_path, token=None):
    """[(vector, SignerV4's headers, its canonical request)], one per vector of the JSON lines file,
    signed at the vector's X-Date, with `token` as STS session token when given."""
    clock, recorder = FixedClock(signv4.datetime), RecordingHashlib()
    real_datetime, real_hashlib = signv4.datetime, signv4.hashlib
    signv4.datetime, signv4.hashlib = clock, recorder
    signed = []
    try:
        with open(vectors_path, encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                v = json.loads(line)
                clock.at = real_datetime.datetime.strptime(v["xDate"], "%Y%m%dT%H%M%SZ")
                # SignerV4 adds these itself.
                headers = {k: h for k, h in v["headers"].items() if k not in ("X-Date", "X-Content-Sha256")}
                recorder.inputs.clear()
                SignerV4.sign(v["path"], v["method"], headers, v["body"], None, v["query"],
                              v["accessKey"], v["secretKey"], v["region"], v["service"], session_token=token)
                signed.append((v, headers, recorder.inputs[-1].decode("utf-8")))
    finally:
        signv4.datetime, signv4.hashlib = real_datetime, real_hashlib
    return signed
