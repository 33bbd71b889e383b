"""Task forms: HTML input typed, validated against the shipped JSON Schemas, with Dutch messages."""
import re
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from app.domain.forms import EMPTY_MESSAGE, UnknownForm, coerce_html, load_form, validate

FORMS = Path(__file__).resolve().parents[3] / "forms"
#: How a message for an empty answer starts: it asks the user to do something.
PLAIN_VERBS = {"Kies", "Vul", "Schrijf", "Vink", "Geef"}
#: What a pgb aanvraag records besides (Wmo 2015 art. 2.3.6 lid 2): why a pgb, and the care it buys.
PGB = {"leveringsvorm": "pgb", "pgb_beheer": True, "pgb_motivering": "Een vaste hulp die zij kent.",
       "pgb_kwaliteit": True, "pgb_kwaliteit_toelichting": "Een zzp'er met VOG."}


def test_every_shipped_form_is_a_valid_schema_with_dutch_labels():
    for path in FORMS.glob("*.json"):
        schema = load_form(FORMS, path.stem)
        assert schema["properties"], path
        assert all("title" in prop for prop in schema["properties"].values()), path


def test_every_field_of_every_shipped_form_names_its_question_in_plain_words_when_left_empty():
    for path in FORMS.glob("*.json"):
        for name, prop in load_form(FORMS, path.stem)["properties"].items():
            message = prop.get(EMPTY_MESSAGE, "")
            assert message.endswith(".") and message.split()[0] in PLAIN_VERBS, (path.stem, name, message)
            assert not re.search(r"'[^']+'", message) and "_" not in message, (path.stem, name, message)  # no label in quotes, no technical name


def test_an_empty_answer_gets_the_fields_own_words_and_a_conditional_one_too():
    triage = load_form(FORMS, "triage")
    assert validate(triage, {"spoed": False}) == {"samenvatting": "Schrijf kort waar de inwoner hulp bij vraagt.",
                                                  "vervolg": "Kies wat er na de triage gebeurt."}
    errors = validate(triage, {"spoed": False, "samenvatting": "Hulp", "vervolg": "algemene_voorziening"})
    assert errors == {"vervolg_toelichting": "Schrijf naar welke algemene voorziening u verwijst en waarom die volstaat."}
    assert validate(load_form(FORMS, "retour_ontbreekt"), {"aanbieder_benaderd": False}) == {
        "aanbieder_benaderd": "Vink aan dat u de aanbieder heeft benaderd.",
        "ontbreekt_toelichting": "Schrijf wat u met de aanbieder heeft afgesproken."}


def test_a_form_name_cannot_walk_out_of_the_forms_folder():
    with pytest.raises(UnknownForm):
        load_form(FORMS, "../requirements")


def test_dutch_numbers_and_checkboxes_are_typed():
    schema = {"properties": {"bedrag": {"type": "number"}, "akkoord": {"type": "boolean"}, "naam": {"type": "string"}}}
    data = coerce_html(schema, MultiDict({"bedrag": "1.234,50", "akkoord": "on", "naam": "  "}))
    assert data == {"bedrag": 1234.5, "akkoord": True}


def test_each_wrong_field_gets_its_own_dutch_message():
    schema = load_form(FORMS, "besluit_voorbereiden")
    errors = validate(schema, {"besluit": "misschien"})
    assert "besluit" in errors and "mogelijkheden" in errors["besluit"]
    assert errors["motivering"] == "Schrijf waarom u dit besluit neemt."


def test_a_toelichting_is_required_only_when_the_toets_is_not_akkoord():
    schema = load_form(FORMS, "vier_ogen_toets")
    assert validate(schema, {"toets": "akkoord"}) == {}
    assert "toets_toelichting" in validate(schema, {"toets": "niet_akkoord"})


def test_a_pgb_aanvraag_records_why_and_what_care_is_bought():
    schema = load_form(FORMS, "aanvraag_registreren")
    choices = {"producten": ["01A03"], "aanbieders": ["42420001"]}
    base = {"aanvraag_ontvangen_op": "2026-11-02", "productcode": "01A03", "omvang": 3, "eenheid": "04",
            "frequentie": "per_week", "ingangsdatum": "2026-12-01", "kosten_per_jaar": 2400}
    assert set(validate(schema, {**base, "leveringsvorm": "pgb"}, choices)) == {"pgb_motivering",
                                                                                "pgb_kwaliteit_toelichting"}
    assert validate(schema, {**base, **PGB}, choices) == {}


def test_a_product_must_come_from_the_catalogue():
    schema = load_form(FORMS, "aanvraag_registreren")
    [field] = [n for n, p in schema["properties"].items() if p.get("x-keuzelijst") == "producten"]
    errors = validate(schema, {field: "99Z99"}, {"producten": ["01A03"]})
    assert "lijst" in errors[field]


def test_zorg_in_natura_needs_the_aanbieder_that_gets_the_toewijzing_and_a_pgb_does_not():
    schema = load_form(FORMS, "aanvraag_registreren")
    choices = {"producten": ["01A03"], "aanbieders": ["42420001"]}
    base = {"aanvraag_ontvangen_op": "2026-11-02", "productcode": "01A03", "omvang": 3, "eenheid": "04",
            "frequentie": "per_week", "ingangsdatum": "2026-12-01", "einddatum": "2027-11-30",
            "kosten_per_jaar": 2400}
    assert validate(schema, {**base, "leveringsvorm": "zin"}, choices) == {"aanbieder": "Kies welke aanbieder de zorg levert."}
    assert validate(schema, {**base, "leveringsvorm": "zin", "aanbieder": "42420001"}, choices) == {}
    assert validate(schema, {**base, **PGB}, choices) == {}


def test_a_weekly_toewijzing_or_a_budget_in_natura_needs_an_einddatum_and_says_why():
    """The 301 for it would break CD076 (per week) or CD075 (Budget) without one; a PGB sends no 301."""
    schema = load_form(FORMS, "aanvraag_registreren")
    choices = {"producten": ["01A03"], "aanbieders": ["42420001"]}
    weekly = {"aanvraag_ontvangen_op": "2026-11-02", "productcode": "01A03", "leveringsvorm": "zin",
              "aanbieder": "42420001", "omvang": 3, "eenheid": "04", "frequentie": "per_week",
              "ingangsdatum": "2026-12-01", "kosten_per_jaar": 2400}
    assert validate(schema, weekly, choices)["einddatum"].startswith("Een toewijzing per week heeft een einddatum nodig")
    budget = {**weekly, "eenheid": "83", "frequentie": "totaal_binnen_geldigheidsduur"}
    assert validate(schema, budget, choices)["einddatum"].startswith("Een budget in euro heeft een einddatum nodig")
    assert validate(schema, {**weekly, "frequentie": "per_maand"}, choices) == {}
    assert validate(schema, {**weekly, **PGB}, choices) == {}


def test_the_aanvraag_asks_for_what_the_toewijzing_needs_in_dutch():
    """Found by the outbound property test: an einddatum before the ingangsdatum (CS003), a part of a unit
    (a toewijzing counts whole units; 2,5 uur became 2) and a budget above the standard's maximum."""
    schema = load_form(FORMS, "aanvraag_registreren")
    choices = {"producten": ["01A03"], "aanbieders": ["42420001"]}
    base = {"aanvraag_ontvangen_op": "2026-11-02", "productcode": "01A03", "leveringsvorm": "zin",
            "aanbieder": "42420001", "omvang": 3, "eenheid": "04", "frequentie": "per_week",
            "ingangsdatum": "2026-12-01", "einddatum": "2027-11-30", "kosten_per_jaar": 2400}
    assert validate(schema, base, choices) == {}
    assert validate(schema, {**base, "einddatum": "2026-11-30"}, choices) == {
        "einddatum": "'Einddatum' mag niet vóór 'Ingangsdatum' liggen."}
    assert validate(schema, {**base, "einddatum": "2026-12-01"}, choices) == {}
    assert validate(schema, {**base, "omvang": 2.5}, choices)["omvang"].startswith("Een toewijzing telt hele eenheden")
    assert validate(schema, {**base, "omvang": 0}, choices)["omvang"].startswith("Een toewijzing telt hele eenheden")
    assert validate(schema, {**base, "omvang": 2.5, **PGB}, choices) == {}
    budget = {**base, "eenheid": "83", "frequentie": "totaal_binnen_geldigheidsduur", "omvang": 1250.50}
    assert validate(schema, budget, choices) == {}
    assert validate(schema, {**budget, "omvang": 1_000_000}, choices)["omvang"].startswith("Een budget in een toewijzing")
