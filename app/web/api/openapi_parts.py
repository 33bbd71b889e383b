"""Building blocks of the OpenAPI document: the documented error responses and bounded parameters."""
from ...domain.input import MAX_ID

#: What each error status means on this API; every operation lists the ones it can answer.
ERRORS = {
    400: "Ongeldig verzoek (bij een sessie: het CSRF-token ontbreekt of is verlopen)",
    401: "Niet ingelogd: geen of een onbekende API-sleutel",
    403: "Geen toegang voor deze gebruiker",
    404: "Niet gevonden (ook een id buiten 1 tot en met 2147483647, of iets van een ander)",
    409: "Conflict: de taak is al afgerond of tegelijk gewijzigd",
    413: "Het verzoek is te groot",
    415: "Verkeerd formaat van de body",
    422: "Onverwerkbare invoer; invalid_params noemt elk veld met de reden",
}
READ = (401, 403, 404)
WRITE = (400, 401, 403, 404, 413, 422)


def problems(*codes: int) -> dict:
    """The documented error responses `codes`, each an RFC 9457 problem in Dutch."""
    return {str(code): {"description": ERRORS[code], "content": {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}} for code in codes}


def id_param(name: str = "id") -> dict:
    return {"name": name, "in": "path", "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}


def int_query(name: str, minimum: int, maximum: int, default: int) -> dict:
    return {"name": name, "in": "query",
            "schema": {"type": "integer", "minimum": minimum, "maximum": maximum, "default": default}}


def enum_query(name: str, values) -> dict:
    return {"name": name, "in": "query", "schema": {"type": "string", "enum": list(values)}}
