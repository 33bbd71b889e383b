"""Read JSON request bodies strictly: NaN, Infinity and numbers beyond a float (not storable) and nesting too
deep for the parser are refused like any malformed body, so the caller gets a clear 422, not a 500."""
import json
import math

from flask.json.provider import DefaultJSONProvider


def _refuse_constant(name: str):
    raise ValueError(f"{name} is geen geldige JSON-waarde")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):  # 1e400 would be Infinity, which no JSON column takes
        raise ValueError(f"{text} is te groot")
    return number


class StrictJSONProvider(DefaultJSONProvider):
    def loads(self, s, **kwargs):
        kwargs.setdefault("parse_constant", _refuse_constant)
        kwargs.setdefault("parse_float", _finite)
        try:
            return json.loads(s, **kwargs)
        except RecursionError as exc:
            raise ValueError("De JSON is te diep genest.") from exc
