"""Proefdraaien (#10 point 8): a concept runs in memory with a scenario — the path on the diagram, the user tasks
per role, the timers it would set, where it ends or gets stuck — touching no zaak, task, termijn or beschikking;
a scenario saved with its path runs again against a changed model and says where the path parts."""
import html as markup
import io
import json
import re
from pathlib import Path

from sqlalchemy import func, select

from app import db
from app.models import AuditRecord, Beschikking, HumanTask, ProcessConcept, ProcessScenario, Termijn, Zaak
from app.services import proefrit
from case_data import form_data

ROOT = Path(__file__).resolve().parents[2]
WMO = (ROOT / "bpmn" / "wmo.bpmn").read_bytes()
#: The vier-ogen rule of wmo.bpmn is its DMN table (#10 point 7); a changed threshold cell sends every besluit to
#: the beoordelaar.
VIER_OGEN = (ROOT / "bpmn" / "wmo_vier_ogen.dmn").read_text()
EVERY_BESLUIT = VIER_OGEN.replace("&gt; vier_ogen_drempel", "&gt;= 0")
STEPS = ("triage", "onderzoek_gesprek", "onderzoek_verslag", "aanvraag_registreren", "besluit_voorbereiden")


def _answers(**changes) -> dict:
    answers = {step: form_data(step) for step in STEPS}
    answers["aanvraag_registreren"]["productcode"] = "01A03"
    return answers | changes


def _counts() -> tuple:
    db.session.expire_all()
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (Zaak, HumanTask, Termijn, Beschikking))


def _scenario(**answers) -> str:
    return json.dumps({"antwoorden": answers})


def _csrf(client, url: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _concept(client, xml: bytes = WMO) -> int:
    response = client.post("/ontwerpen/uploaden", content_type="multipart/form-data",
                           data={"csrf_token": _csrf(client, "/ontwerpen/"), "bestand": (io.BytesIO(xml), "wmo.bpmn")})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def _run(concept_id: int, answers: dict) -> proefrit.Result:
    from app.models import User
    user = db.session.scalar(select(User).where(User.username == "procesontwerper"))
    return proefrit.run_concept(user, concept_id, json.dumps({"antwoorden": answers}))


def test_a_toekenning_runs_to_the_end_and_stores_nothing(client_as):
    concept_id = _concept(client_as("procesontwerper"))
    before = _counts()
    run = _run(concept_id, _answers()).run
    assert run.error is None and run.completed and run.end_id
    ids = run.path_ids
    order = [ids.index(step) for step in (*STEPS, "beschikkingstermijn_berekenen", "beschikking_vaststellen")]
    assert order[:4] == sorted(order[:4]) and ids.index("beschikkingstermijn_berekenen") < ids.index("besluit_voorbereiden")
    assert "vier_ogen_toets" not in ids  # € 2.400 per year is below the threshold
    assert {s.lane for s in run.path if s.kind == "gebruikerstaak"} == {"consulent"}
    # the onderzoek timer from the start data and the beschikking timer from the preview of bereken_termijn
    assert {"termijn_onderzoek_triage", "termijn_beschikking_besluit"} <= {t.element_id for t in run.timers}
    notes = {s.element_id: s.note for s in run.services}
    assert "zonder gevolgen" in notes["beschikkingstermijn_berekenen"] and "zonder gevolgen" in notes["beschikking_vaststellen"]
    assert _counts() == before


def test_an_afwijzing_goes_past_the_beoordelaar_and_an_unanswered_step_is_where_it_waits(client_as):
    concept_id = _concept(client_as("procesontwerper"))
    afwijzing = _answers(besluit_voorbereiden=form_data("besluit_voorbereiden", besluit="afwijzen"))
    result = _run(concept_id, afwijzing)
    assert not result.run.completed and result.run.error is None
    waiting = [s for s in result.run.waiting if s.kind == "gebruikerstaak"]
    assert [(s.element_id, s.lane) for s in waiting] == [("vier_ogen_toets", "beoordelaar")]
    assert "toets" in result.fields["vier_ogen_toets"]  # the form's fields, for the next answer
    done = _run(concept_id, afwijzing | {"vier_ogen_toets": form_data("vier_ogen_toets")}).run
    assert done.completed and "vier_ogen_toets" in done.path_ids
    # sent back once, then approved: the list gives one answer per visit
    twice = _run(concept_id, afwijzing | {
        "vier_ogen_toets": [form_data("vier_ogen_toets", toets="niet_akkoord"), form_data("vier_ogen_toets")],
        "besluit_voorbereiden": [afwijzing["besluit_voorbereiden"]] * 2}).run
    assert twice.completed and twice.path_ids.count("vier_ogen_toets") == 2


def test_the_page_shows_the_path_and_a_bad_scenario_gets_its_reason(client_as):
    web = client_as("procesontwerper")
    concept_id = _concept(web)
    url = f"/ontwerpen/concepten/{concept_id}/proefrit"
    page = web.get(url).get_data(as_text=True)
    assert "onderzoek_deadline" in page  # the start data a new melding gets
    shown = web.post(url, data={"csrf_token": _csrf(web, url), "scenario": json.dumps({"antwoorden": _answers()})})
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200 and "Het proces bereikt het einde" in html and 'data-done="' in html
    assert "Keukentafelgesprek voeren" in html and "Gebruikerstaken per rol" in html
    for text, reason in (("{niet json", "geen geldige JSON: regel 1"),
                         ('{"antwoorden": {"triage": {},}}', "kolom 30: hier hoort een naam tussen dubbele"),
                         ('{"start": {"a": "\\q"}}', "kolom 18: een backslash die hier niet mag"),
                         ('{"antwoorden": {"triage": 3}}', "Het antwoord voor 'triage' moet een object zijn"),
                         ('{"stappen": {}}', "Onbekend onderdeel 'stappen'"), ("[]", "JSON-object")):
        refused = web.post(url, data={"csrf_token": _csrf(web, url), "scenario": text})
        assert refused.status_code == 400 and reason in markup.unescape(refused.get_data(as_text=True)), text
    stuck = web.post(url, data={"csrf_token": _csrf(web, url), "scenario": json.dumps(
        {"start": {"domein": "wmo"}, "antwoorden": {}})}).get_data(as_text=True)
    assert "De proefrit loopt vast" in stuck and "onderzoek_deadline" in stuck  # a timer without its date
    assert client_as("consulent").get(url).status_code == 403


def test_a_saved_scenario_holds_for_the_same_model_and_names_where_a_changed_one_parts(client_as):
    web = client_as("procesontwerper")
    concept_id = _concept(web)
    url = f"/ontwerpen/concepten/{concept_id}/proefrit"
    text = json.dumps({"antwoorden": _answers()})
    empty_name = web.post(f"/ontwerpen/concepten/{concept_id}/scenarios",
                          data={"csrf_token": _csrf(web, url), "naam": " ", "scenario": text})
    assert empty_name.status_code == 400 and "Geef het scenario een naam" in empty_name.get_data(as_text=True)
    saved = web.post(f"/ontwerpen/concepten/{concept_id}/scenarios",
                     data={"csrf_token": _csrf(web, url), "naam": "Toekenning zonder vier ogen", "scenario": text})
    assert saved.status_code == 302
    scenario = db.session.scalar(select(ProcessScenario).where(ProcessScenario.naam == "Toekenning zonder vier ogen"))
    assert scenario.verwacht_einde and "beschikking_vaststellen" in scenario.verwacht_pad
    assert db.session.scalar(select(AuditRecord).where(AuditRecord.object_type == "process_scenario",
                                                       AuditRecord.object_id == scenario.id)).action == "scenario_vastgelegd"
    assert proefrit.scenario_failures("wmo", WMO, {"vier_ogen": VIER_OGEN}) == []
    # a model whose threshold condition sends every besluit to the beoordelaar parts from the saved path
    assert EVERY_BESLUIT != VIER_OGEN
    failures = proefrit.scenario_failures("wmo", WMO, {"vier_ogen": EVERY_BESLUIT})
    assert len(failures) == 1 and "Toekenning zonder vier ogen" in failures[0] and "vier_ogen_toets" in failures[0]
    scenario_id = scenario.id
    deleted = web.post(f"/ontwerpen/scenarios/{scenario_id}/verwijderen", data={"csrf_token": _csrf(web, url)})
    db.session.expire_all()
    assert deleted.status_code == 302 and db.session.get(ProcessScenario, scenario_id) is None
    assert db.session.get(ProcessConcept, concept_id) is not None


def test_a_publication_is_refused_while_a_saved_scenario_does_not_hold(client_as):
    import pytest

    from app.models import User
    from app.services import publicatie
    from app.services.errors import InvalidInput
    web = client_as("procesontwerper")
    concept_id = _concept(web)
    url = f"/ontwerpen/concepten/{concept_id}/proefrit"
    assert web.post(f"/ontwerpen/concepten/{concept_id}/scenarios", data={
        "csrf_token": _csrf(web, url), "naam": "Gewone toekenning",
        "scenario": json.dumps({"antwoorden": _answers()})}).status_code == 302
    user = db.session.scalar(select(User).where(User.username == "procesontwerper"))
    from app.services import process_decisions
    changed, _key = process_decisions.upload_table(user, _concept(web, WMO.replace(b"Vier-ogen bepalen", b"Vier ogen")),
                                                   "vier_ogen.dmn", EVERY_BESLUIT.encode("utf-8"))
    changed = changed.id
    with pytest.raises(InvalidInput) as refused:
        publicatie.request_publication(user, changed)
    assert "Gewone toekenning" in refused.value.errors["publiceren"] and "vier_ogen_toets" in refused.value.errors["publiceren"]
    from app.models import PublicatieVerzoek
    assert db.session.scalar(select(func.count()).select_from(PublicatieVerzoek)
                             .where(PublicatieVerzoek.concept_id == changed)) == 0


def test_an_algemene_voorziening_waits_for_the_aanvraag_and_spoed_adds_the_tijdelijke_voorziening(client_as):
    concept_id = _concept(client_as("procesontwerper"))
    doorverwezen = _run(concept_id, {"triage": form_data("triage") | {"vervolg": "algemene_voorziening"}}).run
    assert doorverwezen.error is None and not doorverwezen.completed
    assert any("recht_op_aanvraag_melden: voorbeeld" in s.note for s in doorverwezen.services)
    assert {s.note for s in doorverwezen.waiting} >= {"wacht op een bericht"}  # the inwoner's aanvraag
    spoed = _run(concept_id, {"triage": form_data("triage") | {"spoed": True}}).run
    waiting = {s.element_id for s in spoed.waiting if s.kind == "gebruikerstaak"}
    assert "onderzoek_gesprek" in waiting and len(waiting) == 2  # the onderzoek and, beside it, the spoed task
