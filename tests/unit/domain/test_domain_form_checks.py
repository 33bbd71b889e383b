"""The checks a task form passes in the designer (#10 point 6): one schema that fails each check, with the Dutch
message the procesontwerper reads beside the text field; every shipped form passes them all."""
import doctest
import json
from pathlib import Path

import pytest

from app.domain import form_checks
from app.domain.form_checks import WHOLE, check_form_text

FORMS = Path(__file__).resolve().parents[3] / "forms"


def _form(**props) -> dict:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Verslag van het huisbezoek",
            "type": "object", "properties": props or {"verslag": {"type": "string", "title": "Verslag"}}}


def _problems(schema) -> dict:
    text = schema if isinstance(schema, str) else json.dumps(schema, indent=2)
    parsed, problems = check_form_text(text)
    assert parsed is None
    return problems


@pytest.mark.parametrize("path", sorted(FORMS.glob("*.json")), ids=lambda p: p.stem)
def test_every_shipped_form_passes_every_check(path):
    schema, problems = check_form_text(path.read_text(encoding="utf-8"))
    assert problems == {} and schema["properties"]


def test_no_json_names_the_line_and_column_in_dutch():
    text = '{\n  "title": "Verslag",\n  "type": "object",\n  "properties": {"a": {"type": "string",}}\n}'
    assert _problems(text) == {WHOLE: "Dit is geen geldige JSON: regel 4, kolom 41: hier hoort een naam tussen "
                                      "dubbele aanhalingstekens (staat er een komma te veel?)."}
    assert "regel 1, kolom 1: hier hoort een waarde" in _problems("title: Verslag")[WHOLE]
    assert _problems("   ")[WHOLE].startswith("Het formulier is leeg")
    assert "één JSON-object" in _problems("[1, 2]")[WHOLE]


def test_an_invalid_json_schema_is_refused_by_the_draft_2020_12_meta_schema():
    message = _problems(_form(verslag={"type": "tekst", "title": "Verslag"}))[WHOLE]
    assert message.startswith("Dit is geen geldig JSON Schema (Draft 2020-12): bij properties/verslag/type")
    negative = _problems(_form(verslag={"type": "string", "title": "Verslag", "minLength": -1}))[WHOLE]
    assert "bij properties/verslag/minLength: de waarde moet minstens 0 zijn." in negative


def test_a_field_without_a_label_is_named():
    assert _problems(_form(verslag={"type": "string"})) == {
        "verslag": "Het veld 'verslag' heeft geen label: geef het een 'title' in het Nederlands, zoals de medewerker "
                   "het leest."}


def test_an_english_or_technical_label_is_refused():
    assert "lijkt Engels" in _problems(_form(reden={"type": "string", "title": "Reason"}))["reden"]
    assert "technische naam" in _problems(_form(reden={"type": "string", "title": "reden_afwijzing"}))["reden"]


def test_a_form_needs_a_dutch_title_and_fields():
    assert "titel" in _problems({**_form(), "title": ""})[WHOLE]
    assert "minstens één veld" in _problems({**_form(), "properties": {}})[WHOLE]


def test_an_unknown_keuzelijst_is_named_with_the_ones_there_are():
    message = _problems(_form(product={"type": "string", "title": "Product", "x-keuzelijst": "diensten"}))["product"]
    assert "keuzelijst 'diensten'" in message and "'producten'" in message and "'aanbieders'" in message


def test_a_type_the_task_page_cannot_draw_is_refused():
    assert "toont alleen" in _problems(_form(lijst={"type": "array", "title": "Lijst van data"}))["lijst"]


def test_a_choice_without_a_label_is_refused():
    prop = {"type": "string", "title": "Oordeel", "oneOf": [{"const": "ja", "title": "Akkoord"}, {"const": "nee"}]}
    assert "keuze \"nee\"" in _problems(_form(oordeel=prop))["oordeel"]


def test_required_fields_must_exist_and_field_names_are_plain():
    assert "verslagg" in _problems({**_form(), "required": ["verslagg"]})[WHOLE]
    assert "kan niet" in _problems(_form(**{"Verslag Tekst": {"type": "string", "title": "Verslag"}}))["Verslag Tekst"]


def test_the_docstring_example_holds():
    assert doctest.testmod(form_checks).failed == 0


def test_a_deeply_nested_text_is_refused_not_crashed_on():
    deep = '{"title": "Diep", "type": "object", "properties": {"a": ' + '{"not": ' * 3000 + '{}' + '}' * 3000 + '}}'
    assert "te diep genest" in _problems(deep)[WHOLE]
