"""The case runner shared by the Python suites of conformance-tests: interop/python (Volcengine's official
SDK) and other-languages/py (the generated client). It holds what both do around a call: the admin API,
preconditions and resets, the judge (status, code, message, session ID, sameSessionAs, sessionsCreated,
stored values) and the tally lines. Each suite supplies only its surface: whether it can send a request,
and how it sends one and reads the answer (see Surface in runner.py).
"""
from .admin import Admin
from .runner import Answer, NotSent, Runner, stored_drift
from .tally import Tally

__all__ = ["Admin", "Answer", "NotSent", "Runner", "Tally", "stored_drift"]
