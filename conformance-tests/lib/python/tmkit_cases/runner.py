"""One conformance case of the export (conformance-tests/target/cases.json), run through a surface.

A surface is the one thing a suite writes: how its library (an official SDK, a generated client) sends
a request of the export and what it answered. It has two methods:

    why_not(request) -> None, or the SKIP detail: why the surface cannot send that request at all
    send(request, case=None) -> Answer; `case` is given for the case's own request (not for a
        precondition's), so that the surface can set itself up for that case and name its own problems.
        It raises NotSent when it decides, after all, not to send (a local refusal).

Everything else is here, once: resets, preconditions (prior requests, a request in flight, faults),
the judge (status, code, exact message; for a success the session ID, sameSessionAs, sessionsCreated and
the stored values through the admin API) and the words of each verdict.
"""
import threading
import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Answer:
    """What one call gave: the HTTP status, the error's code and message or the session ID; `problems`
    the surface found in its own call (each a FAIL of the case's request), `notes` the text it adds to a
    PASS line (each with its leading space)."""
    status: int
    code: str = None
    message: str = None
    session: str = None
    problems: tuple = field(default=())
    notes: tuple = field(default=())


class NotSent(Exception):
    """The surface did not send the request: the case ends with `outcome` (SKIP or FAIL) and `detail`."""

    def __init__(self, outcome, detail):
        super().__init__(detail)
        self.outcome, self.detail = outcome, detail


def stored_drift(session, stored):
    """What differs between a session the admin API lists and the case's expect.stored."""
    drift = []
    for name, want in stored.items():
        if name == "tags":
            got = [{"key": t["key"], "value": t["value"]} for t in session.get("tags", [])]
            if got != want:
                drift.append(f"tags {got}, sent {want}")
        elif session.get(name) is None or str(session[name]) != want:
            drift.append(f"{name} {session.get(name)!r}, sent {want!r}")
    return drift


class Runner:
    def __init__(self, surface, admin):
        self.surface, self.admin, self.dirty = surface, admin, True

    def verdict(self, case):
        """(outcome, detail) of one case; an exception is that case's FAIL, not the run's."""
        try:
            return self.run(case)
        except Exception as e:  # noqa: BLE001 - one case's failure, not the runner's
            return "FAIL", f"{type(e).__name__}: {e}"

    def run(self, case):
        requests = [case["request"]] + [p["request"] for p in case["preconditions"] if "request" in p]
        reason = next((r for r in map(self.surface.why_not, requests) if r), None)
        if reason:
            return "SKIP", reason
        if case["resetBefore"] or self.dirty:
            self.admin.reset()
        self.dirty = case["resetBefore"]
        named, in_flight = {}, []
        for p in case["preconditions"]:
            if p["kind"] == "priorRequest":
                try:
                    got = self.surface.send(p["request"])
                except NotSent as e:
                    self.dirty = True
                    return e.outcome, f"precondition {p['as']}: {e.detail}"
                if got.status != p["expectStatus"]:
                    return "FAIL", f"precondition {p['as']} answered {got.status} {got.code}, expected {p['expectStatus']}"
                named[p["as"]] = got.session
            elif p["kind"] == "inFlight":
                box = {}
                thread = threading.Thread(target=lambda r=p["request"], b=box: b.update(answer=self.surface.send(r)))
                thread.start()
                in_flight.append((thread, box))
                time.sleep(p["settleMs"] / 1000)
            elif p["kind"] == "fault":
                self.admin.fault(p)
            else:
                return "FAIL", f"unknown precondition {p['kind']}"
        expect = case["expect"]
        counting = expect["sessionsCreated"] is not None and case["accountId"] is not None
        before = len(self.admin.sessions(case["accountId"])) if counting else 0
        try:
            got = self.surface.send(case["request"], case)
        except NotSent as e:
            for thread, _ in in_flight:
                thread.join(30)
            self.dirty = True
            return e.outcome, e.detail
        after = len(self.admin.sessions(case["accountId"])) if counting else 0
        faults = list(got.problems)
        if got.status != expect["status"]:
            faults.append(f"status {got.status}, expected {expect['status']}")
        if got.code != expect["code"]:
            faults.append(f"code {got.code}, expected {expect['code']}")
        if got.message != expect["message"]:
            faults.append(f"message {got.message!r}, expected {expect['message']!r}")
        if expect["code"] is None and not faults:
            session = got.session
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
            answered = box["answer"].status if "answer" in box else None
            if answered != 200:
                faults.append(f"the request in flight answered {answered}, expected 200")
        if faults:
            return "FAIL", "; ".join(faults)
        detail = f"status={got.status} " + (f"TrafficMirrorSessionId={got.session}" if got.code is None
                                            else f"code={got.code} message ok")
        if expect["stored"] is not None:
            detail += " stored values byte-exact"
        if expect["sameSessionAs"] is not None:
            detail += f" same session as {expect['sameSessionAs']}"
        return "PASS", detail + "".join(got.notes)
