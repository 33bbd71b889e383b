"""Read JSON request bodies strictly: NaN and Infinity (not JSON, and not storable) and nesting too
deep for the parser are refused like any malformed body, so the caller gets a clear 422, not a 500."""
import json

from flask.json.provider import DefaultJSONProvider


def _refuse_constant(name: str):
    raise ValueError(f"{name} is geen geldige JSON-waarde")


class StrictJSONProvider(DefaultJSONProvider):
    def loads(self, s, **kwargs):
        kwargs.setdefault("parse_constant", _refuse_constant)
        try:
            return json.loads(s, **kwargs)
        except RecursionError as exc:
            raise ValueError("De JSON is te diep genest.") from exc
