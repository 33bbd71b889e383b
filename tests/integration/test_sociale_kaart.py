"""The public sociale kaart (#12 point 4): searching a gemeente's entries by need in plain words, wijk,
Wmo/Jeugd and kind; each entry's page with schema.org JSON-LD that parses; the open data (JSON valid against
its published JSON Schema, CSV with the same entries); and the contractmanager's keeper pages — policy, audit,
and bad input named in Dutch beside its field with nothing stored."""
import csv
import io
import json
import re

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import func, select

from app import db
from app.models import KaartDienst
from app.services.demo_data import OUDEWATER, WOERDEN
from kaart_data import demo_kaart, entry_named

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def kaart(app):
    return demo_kaart()


def _names(response) -> set[str]:
    assert response.status_code == 200
    return set(re.findall(r'<h3 class="utrecht-heading-3"><a [^>]*>([^<]+)</a>', response.get_data(as_text=True)))


def test_a_need_in_plain_words_finds_the_entries_of_its_categories(app, kaart):
    found = _names(app.test_client().get(f"/sociale-kaart/{WOERDEN}/?behoefte=mantelzorg"))
    assert {"Mantelzorgsteunpunt (demo)", "Logeeropvang voor mantelzorgers (demo)"} <= found
    assert "Hulp bij het huishouden (demo)" not in found
    page = app.test_client().get(f"/sociale-kaart/{WOERDEN}/").get_data(as_text=True)
    assert "Steun als u voor iemand zorgt (mantelzorg)" in page  # the need as the inwoner reads it


def test_wijk_domein_and_soort_narrow_the_results(app, kaart):
    client = app.test_client()
    everything = _names(client.get(f"/sociale-kaart/{WOERDEN}/"))
    repair = entry_named("Repair Café (demo)")  # serves one wijk only
    [own_wijk] = repair.wijk_namen
    other_wijk = next(w for w in ("Centrum", "Molenvliet", "Schilderskwartier") if w != own_wijk)
    assert "Repair Café (demo)" in _names(client.get(f"/sociale-kaart/{WOERDEN}/?wijk={own_wijk}&soort=initiatief"))
    in_other = _names(client.get(f"/sociale-kaart/{WOERDEN}/?wijk={other_wijk}"))
    assert "Repair Café (demo)" not in in_other and "Regiotaxi (demo)" in in_other  # the whole gemeente's stays
    jeugd = _names(client.get(f"/sociale-kaart/{WOERDEN}/?domein=jeugd"))
    assert "Opvoedapp (demo)" in jeugd and "Sociaal wijkteam (demo)" in jeugd  # 'beide' counts for jeugd
    assert "Regiotaxi (demo)" not in jeugd
    apps = _names(client.get(f"/sociale-kaart/{WOERDEN}/?soort=digitaal"))
    assert apps and all(entry_named(n).soort == "digitaal" for n in apps) and apps < everything


def test_an_unknown_wijk_or_need_in_the_address_shows_everything_and_says_so(app, kaart):
    response = app.test_client().get(f"/sociale-kaart/{WOERDEN}/?wijk=Atlantis&behoefte=%3Cscript%3E")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<script>" not in body
    assert "&#39;Wijk&#39;: deze keuze kennen we niet" in body
    assert "&#39;Waar zoekt u hulp bij&#39;: deze keuze kennen we niet" in body
    total = db.session.scalar(select(func.count()).select_from(KaartDienst).where(
        KaartDienst.gemeente_id == kaart[WOERDEN].id))
    assert f"{total} resultaten" in body


def test_one_gemeentes_kaart_never_shows_the_others_entries(app, kaart):
    client = app.test_client()
    theirs = entry_named("Buurthuis De Brug (demo)", OUDEWATER)
    assert client.get(f"/sociale-kaart/{OUDEWATER}/{theirs.id}").status_code == 200
    assert client.get(f"/sociale-kaart/{WOERDEN}/{theirs.id}").status_code == 404
    ids = set(re.findall(rf'/sociale-kaart/{WOERDEN}/(\d+)"', client.get(f"/sociale-kaart/{WOERDEN}/").get_data(
        as_text=True)))
    assert ids and all(db.session.get(KaartDienst, int(i)).gemeente_id == kaart[WOERDEN].id for i in ids)
    assert client.get("/sociale-kaart/0000/").status_code == 404


@pytest.mark.parametrize("naam, kind", [("Hulp bij het huishouden (demo)", "GovernmentService"),
                                        ("Buurthuis De Brug (demo)", "Service")])
def test_an_entry_page_carries_schema_org_json_ld_that_parses(app, kaart, naam, kind):
    entry = entry_named(naam)
    body = app.test_client().get(f"/sociale-kaart/{WOERDEN}/{entry.id}").get_data(as_text=True)
    [block] = JSON_LD.findall(body)
    data = json.loads(block)
    assert data["@context"] == "https://schema.org" and data["@type"] == kind and data["name"] == naam
    assert data["provider"]["name"] == entry.organisatie.naam and data["dateModified"] == entry.gecontroleerd_op.isoformat()
    assert "aggregateRating" not in data  # no ratings yet: none is published
    assert ("beschikking van de gemeente nodig" in body) == entry.beschikking_nodig


def test_text_that_would_close_the_script_element_stays_data(app, kaart):
    """An entry written to the database some other way than the keeper's form (which refuses HTML)."""
    entry = entry_named("Buurthuis De Brug (demo)")
    entry.beschrijving = 'Koffie </script><script>alert("x")</script> & meer'
    db.session.commit()
    body = app.test_client().get(f"/sociale-kaart/{WOERDEN}/{entry.id}").get_data(as_text=True)
    assert "<script>alert" not in body
    assert json.loads(JSON_LD.findall(body)[0])["description"] == entry.beschrijving


def test_the_open_data_validates_against_its_published_schema_and_the_csv_holds_the_same(app, kaart):
    client = app.test_client()
    schema = client.get("/sociale-kaart/open-data/schema.json").json
    Draft202012Validator.check_schema(schema)
    document = client.get(f"/sociale-kaart/open-data/{WOERDEN}.json").json
    errors = sorted(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
                    .iter_errors(document), key=str)
    assert errors == []
    entries = db.session.scalars(select(KaartDienst).where(KaartDienst.gemeente_id == kaart[WOERDEN].id)).all()
    assert {s["id"] for s in document["services"]} == {str(e.id) for e in entries}
    maatwerk = next(s for s in document["services"] if s["nl_soort"] == "maatwerk")
    assert maatwerk["organization"]["nl_agb_code"] and maatwerk["nl_beschikking_nodig"] is True
    rows = list(csv.DictReader(io.StringIO(client.get(f"/sociale-kaart/open-data/{WOERDEN}.csv").get_data(
        as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert {r["id"] for r in rows} == {s["id"] for s in document["services"]}
    page = client.get("/sociale-kaart/open-data").get_data(as_text=True)
    assert all(f"<code>{name}</code>" in page for name in ("assured_date", "nl_soort", "gecontroleerd_op"))


def test_the_schema_check_notices_a_wrong_export(app, kaart):
    client = app.test_client()
    validator = Draft202012Validator(client.get("/sociale-kaart/open-data/schema.json").json)
    document = client.get(f"/sociale-kaart/open-data/{WOERDEN}.json").json
    document["services"][0]["nl_soort"] = "onbekend"
    del document["services"][1]["assured_date"]
    assert len(list(validator.iter_errors(document))) == 2


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_quoted(app, kaart):
    entry = entry_named("Repair Café (demo)")
    entry.kosten = "=HYPERLINK(\"http://x\")"
    db.session.commit()
    text = app.test_client().get(f"/sociale-kaart/open-data/{WOERDEN}.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text
