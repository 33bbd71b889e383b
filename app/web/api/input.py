"""Read the parts of an API request that are not path ids: the JSON body and query parameters, each
checked before use; a wrong value is InvalidInput naming the parameter (a 422 problem)."""
from flask import request

from ...domain.input import text_problem
from ...services.errors import InvalidInput


def json_object() -> dict:
    """The JSON object in the body (NaN, bad UTF-8 and overly deep nesting count as no JSON)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidInput("Stuur een JSON-object mee (Content-Type: application/json).")
    return body


def query_int(name: str, default: int, minimum: int, maximum: int) -> int:
    """Query parameter `name` as a whole number from `minimum` to `maximum`; absent or empty gives `default`."""
    raw = request.args.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw) if len(raw) <= 12 else None
    except ValueError:
        value = None
    if value is None or not minimum <= value <= maximum:
        raise InvalidInput(f"Parameter '{name}' moet een geheel getal van {minimum} tot en met {maximum} zijn.",
                           errors={name: f"Geef een geheel getal van {minimum} tot en met {maximum}."})
    return value


def query_text(name: str, default: str | None = None) -> str | None:
    """Query parameter `name` as text without control characters."""
    value = request.args.get(name, default)
    problem = text_problem(value, name)
    if problem:
        raise InvalidInput(problem, errors={name: problem})
    return value
