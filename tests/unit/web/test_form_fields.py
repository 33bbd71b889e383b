"""What colleagues recorded earlier is shown in Dutch: dates as '23 november 2026', amounts with a decimal comma."""
from app.web.form_fields import describe

SCHEMA = {"properties": {
    "ontvangen": {"type": "string", "format": "date", "title": "Aanvraag ontvangen op"},
    "kosten": {"type": "number", "title": "Kosten per jaar (euro)"},
    "omvang": {"type": "integer", "title": "Omvang"},
    "pgb": {"type": "boolean", "title": "Pgb uitgelegd"}}}


def test_dates_amounts_and_booleans_read_as_dutch():
    shown = dict(describe(SCHEMA, {"ontvangen": "2026-11-23", "kosten": 2400.0, "omvang": 3, "pgb": True}))
    assert shown == {"Aanvraag ontvangen op": "23 november 2026", "Kosten per jaar (euro)": "2400",
                     "Omvang": "3", "Pgb uitgelegd": "ja"}
    assert dict(describe(SCHEMA, {"kosten": 12345.5}))["Kosten per jaar (euro)"] == "12.345,50"


def test_a_value_that_is_not_a_date_is_shown_as_typed():
    assert describe(SCHEMA, {"ontvangen": "gisteren"}) == [("Aanvraag ontvangen op", "gisteren")]
