"""RFC 9457 problem details: the one error shape of the API, with a Dutch message."""
from flask import jsonify

TITLES = {400: "Ongeldig verzoek", 401: "Niet ingelogd", 403: "Geen toegang", 404: "Niet gevonden",
          405: "Methode niet toegestaan", 409: "Conflict", 413: "Te groot", 415: "Verkeerd formaat", 422: "Onverwerkbare invoer",
          429: "Te veel verzoeken", 500: "Interne fout"}


def problem(status: int, title: str | None = None, detail: str = "", errors: dict | None = None, **extra):
    body = {"type": "about:blank", "title": title or TITLES.get(status, "Fout"), "status": status,
            "detail": detail or title or TITLES.get(status, "")}
    if errors:
        body["invalid_params"] = [{"name": name, "reason": reason} for name, reason in errors.items()]
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="cumulus"'
    return response
