"""The trace id of the current request or job, for the processing log (W3C Trace Context)."""
import secrets
from contextvars import ContextVar

_trace_id: ContextVar[str | None] = ContextVar("trace_id", default=None)


def start_trace(trace_id: str | None = None) -> str:
    value = trace_id or secrets.token_hex(16)
    _trace_id.set(value)
    return value


def current_trace() -> str:
    return _trace_id.get() or start_trace()


def new_span() -> str:
    return secrets.token_hex(8)
