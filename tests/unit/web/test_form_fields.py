"""What colleagues recorded earlier is shown in Dutch: dates as '23 november 2026', amounts with a decimal comma."""
from pathlib import Path

from app.domain.forms import coerce_html, load_form
from app.web.form_fields import describe, fields_from_schema

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



def test_a_field_required_only_with_some_answers_is_not_labelled_optional():
    schema = load_form(Path(__file__).resolve().parents[3] / "forms", "aanvraag_registreren")
    fields = {f["name"]: f for f in fields_from_schema(schema, {}, {}, {})}
    assert fields["aanbieder"]["sometimes_required"] and not fields["aanbieder"]["required"]
    assert fields["einddatum"]["sometimes_required"]  # with a weekly toewijzing in natura (CD076)
    loose = {"type": "object", "properties": {"opmerking": {"type": "string", "title": "Opmerking"}}}
    [opmerking] = fields_from_schema(loose, {}, {}, {})
    assert not opmerking["sometimes_required"] and not opmerking["required"]  # truly optional: still marked so


def test_a_whole_number_typed_in_a_number_field_comes_back_as_typed():
    data = coerce_html({"properties": {"omvang": {"type": "number"}, "kosten": {"type": "number"}}},
                       {"omvang": "3", "kosten": "1.234,50"})
    assert data == {"omvang": 3, "kosten": 1234.5} and isinstance(data["omvang"], int)
