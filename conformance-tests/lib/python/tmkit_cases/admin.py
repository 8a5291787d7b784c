import json
import urllib.request


class Admin:
    """The reference server's admin API (/_admin), authorised by the run's admin token."""

    def __init__(self, endpoint, token):
        self.endpoint, self.token = endpoint.rstrip("/"), token

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        headers = {"X-Admin-Token": self.token}
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(f"{self.endpoint}/_admin/{path}", data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read().decode("utf-8"))

    def reset(self):
        self.call("POST", "reset")

    def fault(self, precondition):
        self.call("POST", "faults", {k: precondition[k] for k in ("accountId", "code", "phase", "times")})

    def sessions(self, account_id):
        return self.call("GET", f"sessions?accountId={account_id}")
