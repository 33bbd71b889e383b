"""W3C Trace Context: take `traceparent` from the request (or start one) for the processing log."""
import re

from flask import Flask, request

from ..services.trace import start_trace

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")


def register_tracing(app: Flask) -> None:
    @app.before_request
    def _trace():
        match = _TRACEPARENT.match(request.headers.get("traceparent", ""))
        start_trace(match.group(1) if match else None)
