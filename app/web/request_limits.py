"""Request body limits: every request is capped before its body is read.

The default cap (`MAX_CONTENT_LENGTH`, 1 MB) holds for every form and JSON call. A view that
takes files declares its own cap with `@body_limit(...)`; the hook below raises the limit for that
request only, and runs before anything (CSRF, login) reads the body. Werkzeug then refuses a
larger body with 413 on its Content-Length, and stops reading a chunked one at the cap.
"""
from flask import Flask, current_app, request

MB = 1024 * 1024
#: An iWmo/iJw bericht may be 25 MB (OP179); an upload form or envelope adds a little around it.
BERICHT_BODY = 26 * MB
#: A StUF-GGk envelope carries the bericht base64-encoded: 4/3 of 25 MB plus the envelope.
ENVELOPE_BODY = 35 * MB


def body_limit(max_bytes: int):
    """Mark a view as accepting a request body of up to `max_bytes`."""
    def mark(view):
        view.max_body_bytes = max_bytes
        return view
    return mark


def register_request_limits(app: Flask) -> None:
    """Install the per-view cap; call before extensions that read the body (CSRF)."""
    app.before_request(_apply_view_limit)


def _apply_view_limit() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    limit = getattr(view, "max_body_bytes", None)
    if limit is not None:
        request.max_content_length = limit
