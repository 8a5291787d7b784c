"""Presigns requests with Volcengine's official Python SDK (volcenginesdkcore.signv4.SignerV4.sign_url).

Reads a JSON list of requests on stdin; each has method, query (a list of [name, value]), accessKey,
secretKey, region, service, and optionally host (to sign the Host header), sessionToken, and at (UTC
epoch seconds). Prints a JSON list with the query string sign_url returned for each.

The SDK is used as published. Only with "at" is its clock replaced, by setting the `datetime` name that
signv4 reads: so that the caller can compute the same signature for the same second.
"""
import datetime
import json
import sys
import types

from volcenginesdkcore import signv4


def fixed_clock(at):
    moment = datetime.datetime.fromtimestamp(at, datetime.timezone.utc).replace(tzinfo=None)
    return types.SimpleNamespace(datetime=types.SimpleNamespace(utcnow=lambda: moment))


def presign(request):
    own_clock = signv4.datetime
    if request.get("at") is not None:
        signv4.datetime = fixed_clock(request["at"])
    try:
        return signv4.SignerV4.sign_url(
            "/", request["method"], dict(request["query"]), request["accessKey"], request["secretKey"],
            request["region"], request["service"], session_token=request.get("sessionToken"),
            host=request.get("host"))
    finally:
        signv4.datetime = own_clock


def main():
    requests = json.load(sys.stdin)
    json.dump([presign(r) for r in requests], sys.stdout)


if __name__ == "__main__":
    main()
