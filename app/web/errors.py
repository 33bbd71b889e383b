"""Error pages in Dutch for the web pages; the API has its own problem-details handler."""
from flask import Flask, abort, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import NotFound as NotFoundPage

from ..services.errors import NotFound as ServiceNotFound

from .api.problems import problem


def refuse(decision, reason: str | None = None):
    """Stop the request with the policy's refusal: a 404 for an object of a gemeente the user does not work for
    (nothing about it is said), else a 403 with the policy's reason (or `reason`)."""
    if decision.hidden:
        abort(404)
    abort(403, decision.reason or reason)


def register_error_pages(app: Flask) -> None:
    for code in (403, 404, 429, 500):
        app.register_error_handler(code, _handler(code))
    app.register_error_handler(413, _too_large)
    app.register_error_handler(ServiceNotFound, lambda error: _handler(404)(NotFoundPage(str(error))))
    app.register_error_handler(HTTPException, _any_http_error)

    from flask_wtf.csrf import CSRFError

    @app.errorhandler(CSRFError)
    def _csrf(error):
        if request.path.startswith("/api/"):
            return problem(400, "Ongeldig verzoek", "Het CSRF-token ontbreekt of is verlopen.")
        return render_template("errors/403.html", verlopen=True, message="Het formulier is verlopen. "
                               "Ga terug, laad de pagina opnieuw en probeer het nog eens."), 400


def _handler(code: int):
    def handle(error):
        message = _own_description(error)
        if request.path.startswith("/api/"):
            return problem(code, detail=message or "")
        return render_template(f"errors/{code}.html", message=message), code
    return handle


def _too_large(error):
    """A body over the request's cap (app/web/request_limits.py), refused before it was read."""
    limit = request.max_content_length
    size = f" dan {limit // (1024 * 1024)} MB" if limit else ""
    detail = f"Het verzoek is groter{size} en is niet aangenomen; er is niets opgeslagen."
    if request.path.startswith("/api/"):
        return problem(413, "Verzoek te groot", detail)
    return render_template("errors/413.html", message=detail), 413


def _any_http_error(error: HTTPException):
    """Every other HTTP error (400, 405, 413, 415, ...): on the API as problem details, like the rest."""
    if request.path.startswith("/api/"):
        return problem(error.code or 500, detail=_own_description(error) or "")
    return error


def _own_description(error) -> str | None:
    """Our Dutch reason given to abort(); werkzeug's English default text is never shown."""
    description = getattr(error, "description", None)
    return description if description and description != type(error).description else None
