"""The URL converters: `<id:...>`, which every route with an id uses — digits that fit a stored id (1 up to
PostgreSQL's `integer`), so an id out of range or negative is 'not found' before any query runs — and
`<key:...>` for a process key (the id of a BPMN process: an XML name of at most 100 characters) and
`<gemeente:...>` for a gemeente's CBS code (four digits) in a public address such as the sociale kaart's."""
from flask import Flask
from werkzeug.routing import BaseConverter, IntegerConverter

from ..domain.input import MAX_ID


class IdConverter(IntegerConverter):
    """Like `int`, but bounded: 0, -1 and 2**31 match no route (404), they never reach the database."""

    regex = r"\d{1,10}"

    def __init__(self, map, **_kwargs):
        super().__init__(map, min=1, max=MAX_ID)


class ProcessKeyConverter(BaseConverter):
    """A process key such as 'wmo': letters, digits, '_', '.' and '-', starting with a letter or '_'."""

    regex = r"[A-Za-z_][A-Za-z0-9_.\-]{0,99}"


class GemeenteCodeConverter(BaseConverter):
    """A CBS gemeentecode: four digits ('0632'); anything else matches no route (404)."""

    regex = r"[0-9]{4}"


def register_converters(app: Flask) -> None:
    """Call before the blueprints are registered: their rules are compiled with the map's converters."""
    app.url_map.converters["id"] = IdConverter
    app.url_map.converters["key"] = ProcessKeyConverter
    app.url_map.converters["gemeente"] = GemeenteCodeConverter
