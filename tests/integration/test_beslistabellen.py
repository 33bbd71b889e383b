"""Beslistabellen (#10 point 7) in the platform: cases running on the Wmo model from before its vier-ogen table
move to the version with it (the preview says yes) and then run the table; a concept's changed table is published
with the model by vier-ogen (a new version that carries it, downloadable); a table is edited, uploaded and refused
with a Dutch error, nothing half-saved."""
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app import db
from app.models import HumanTask, ProcessConcept, ProcessDefinition, ProcessInstance, Zaak
from app.services import process_concepts, process_decisions, process_lint, process_migration, publicatie
from app.services.errors import Forbidden, InvalidInput
from app.services.uow import unit_of_work
from app.engine import deploy_model
from case_flow import WMO_STEPS, complete_steps, open_task_of, start_case
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture

ROOT = Path(__file__).resolve().parents[2]
OLD_WMO = (ROOT / "tests" / "data" / "bpmn" / "wmo_voor_beslistabel.bpmn").read_bytes()
WMO = (ROOT / "bpmn" / "wmo.bpmn").read_bytes()
VIER_OGEN = (ROOT / "bpmn" / "wmo_vier_ogen.dmn").read_text()


def _deploy(xml: bytes, tables: dict | None = None) -> int:
    with unit_of_work() as session:
        definition, is_new = deploy_model(session, xml, None, tables)
        assert is_new
        version = definition.version
    db.session.remove()
    return version


def _person_bsn(skip: int) -> str:
    from app.models import Person
    return db.session.scalars(select(Person.bsn).order_by(Person.id).offset(skip).limit(1)).one()


def test_cases_on_the_model_before_the_table_move_to_it_and_then_run_it(api_as, client_as, users):
    old = _deploy(OLD_WMO)
    consulent, beoordelaar = api_as("consulent"), api_as("beoordelaar")
    at_besluit = start_case(consulent, _person_bsn(1))["id"]
    complete_steps(consulent, at_besluit, WMO_STEPS[:-1], kosten=10 ** 6)  # waits at besluit_voorbereiden
    at_toets = start_case(consulent, _person_bsn(2))["id"]
    complete_steps(consulent, at_toets, WMO_STEPS, besluit="afwijzen")  # waits at vier_ogen_toets
    new = _deploy(WMO.replace(b"gaat naar een beoordelaar.</bpmn:documentation>",
                              b"gaat naar een beoordelaar (tabel).</bpmn:documentation>"), {"vier_ogen": VIER_OGEN})
    assert new == old + 1

    preview = process_migration.preview(users["procesontwerper"], "wmo", old, new)
    rows = {row.zaaknummer: row.check for row in preview.rows}
    numbers = {zaak_id: db.session.get(Zaak, zaak_id).zaaknummer for zaak_id in (at_besluit, at_toets)}
    assert rows[numbers[at_besluit]].can_move, rows[numbers[at_besluit]].reasons
    assert rows[numbers[at_toets]].can_move, rows[numbers[at_toets]].reasons

    web = client_as("procesontwerper")  # the run starts from the preview page; the test client waits for its job
    url = f"/ontwerpen/modellen/wmo/versies/{old}/verplaatsen"
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', web.get(url).get_data(as_text=True)).group(1)
    started = web.post(url, data={"csrf_token": csrf, "naar": new})
    assert started.status_code == 302, started.get_data(as_text=True)[:2000]
    web.get(started.headers["Location"])
    db.session.remove()
    for zaak_id in numbers:
        instance = db.session.scalar(select(ProcessInstance).where(ProcessInstance.zaak_id == zaak_id))
        assert instance.definition.version == new
    # the moved case at the besluit runs the table: a cost above the threshold goes to the beoordelaar
    complete_steps(consulent, at_besluit, ("besluit_voorbereiden",))
    db.session.remove()
    assert db.session.scalar(select(HumanTask.spec_name).where(HumanTask.zaak_id == at_besluit,
                                                               HumanTask.status == "open")) == "vier_ogen_toets"
    # the moved case at the toets, sent back, comes back to the toets through the table (rule 3)
    task = [t for t in beoordelaar.get("/api/v1/taken?rol=beoordelaar").json["results"] if t["zaak_id"] == at_toets][0]
    from case_data import form_data
    answer = beoordelaar.post(f"/api/v1/taken/{task['id']}/voltooien",
                              json={"gegevens": form_data("vier_ogen_toets", toets="niet_akkoord")})
    assert answer.status_code == 200, answer.json
    assert open_task_of(consulent, at_toets)["taak"] == "besluit_voorbereiden"
    complete_steps(consulent, at_toets, ("besluit_voorbereiden",))
    db.session.remove()
    assert db.session.scalar(select(HumanTask.spec_name).where(HumanTask.zaak_id == at_toets,
                                                               HumanTask.status == "open")) == "vier_ogen_toets"


def test_a_changed_table_is_published_with_the_model_by_vier_ogen(client_as, users):
    ontwerper, beheerder = users["procesontwerper"], users["beheerder"]
    concept = process_concepts.concept_from_version(ontwerper, "wmo")
    assert process_decisions.tables_of(concept) == {"vier_ogen": VIER_OGEN}  # the live version's table
    changed = VIER_OGEN.replace("&gt; vier_ogen_drempel", "&gt; vier_ogen_drempel * 2")
    before = concept.sha256
    saved = process_decisions.save_table(ontwerper, concept.id, "vier_ogen", changed.encode())
    assert saved.sha256 != before  # the table is part of the concept's content
    verzoek = publicatie.request_publication(ontwerper, concept.id, "Drempel verdubbeld.")
    with pytest.raises(Forbidden):
        publicatie.approve(ontwerper, verzoek.id)  # vier ogen: not the one who asked
    approval = publicatie.approve(beheerder, verzoek.id)
    db.session.remove()
    definition = db.session.get(ProcessDefinition, approval.definition.id)
    assert definition.beslistabellen == {"vier_ogen": changed}
    web = client_as("procesontwerper")
    page = web.get(f"/ontwerpen/modellen/wmo/versies/{definition.version}").get_data(as_text=True)
    link = f"/ontwerpen/modellen/wmo/versies/{definition.version}/beslistabellen/vier_ogen/tabel.dmn"
    assert link in page
    assert "Gewijzigd: de beslistabel." in page  # the business rule task that runs it, and the table by name
    assert re.search(r'id="tabellen-kop">Beslistabellen gewijzigd</h3>\s*<ul[^>]*>\s*<li>vier_ogen</li>', page)
    download = web.get(link)
    assert download.status_code == 200 and "vier_ogen_drempel * 2" in download.get_data(as_text=True)
    assert "attachment" in download.headers["Content-Disposition"]


def test_a_table_is_saved_uploaded_and_refused_in_dutch(client_as, users):
    web = client_as("procesontwerper")
    ontwerper = users["procesontwerper"]
    concept = process_concepts.concept_from_version(ontwerper, "wmo")
    live_tables = dict(concept.beslistabellen)
    url = f"/ontwerpen/concepten/{concept.id}/beslistabellen/vier_ogen"
    page = web.get(url)
    assert page.status_code == 200 and "Beslistabel vier_ogen van concept" in page.get_data(as_text=True)
    csrf = re.search(r'data-csrf="([^"]+)"', page.get_data(as_text=True)).group(1)
    headers = {"X-CSRFToken": csrf, "Content-Type": "application/xml"}
    renamed = web.put(url, data=VIER_OGEN.replace('decision id="vier_ogen"', 'decision id="ander"'), headers=headers)
    assert renamed.status_code == 400 and "Laat de id van de beslissing 'vier_ogen'" in renamed.json["fout"]
    bomb = '<!DOCTYPE d [<!ENTITY a "aaaa">]><definitions>&a;</definitions>'
    refused = web.put(url, data=bomb, headers=headers)
    assert refused.status_code == 400 and refused.json["fout"]
    db.session.expire_all()
    assert db.session.get(ProcessConcept, concept.id).beslistabellen == live_tables  # nothing stored
    ok = web.put(url, data=VIER_OGEN.replace("&gt; vier_ogen_drempel", "&gt; (").encode(), headers=headers)
    assert ok.status_code == 200 and ok.json["fouten"] == 1
    assert [f["rule"] for f in ok.json["bevindingen"] if f["severity"] == "error"] == ["dmn-cell"]
    # an uploaded .dmn adds a table to the concept (an unknown one is listed; nothing calls it yet)
    other = VIER_OGEN.replace('decision id="vier_ogen"', 'decision id="extra_toets"')
    uploaded = web.post(f"/ontwerpen/concepten/{concept.id}/beslistabellen", content_type="multipart/form-data",
                        data={"csrf_token": csrf, "dmn": (io.BytesIO(other.encode()), "extra.dmn")})
    assert uploaded.status_code == 302
    concept_page = web.get(f"/ontwerpen/concepten/{concept.id}").get_data(as_text=True)
    assert "Beslistabel extra_toets bewerken" in concept_page
    wrong = web.post(f"/ontwerpen/concepten/{concept.id}/beslistabellen", content_type="multipart/form-data",
                     data={"csrf_token": csrf, "dmn": (io.BytesIO(b"geen xml"), "tabel.txt")})
    assert wrong.status_code == 400 and 'id="field-dmn-error"' in wrong.get_data(as_text=True)
    assert "is geen DMN-bestand" in wrong.get_data(as_text=True)
    with pytest.raises(InvalidInput):
        process_decisions.upload_table(ontwerper, concept.id, "x.dmn", b"")


def test_a_new_empty_table_is_made_for_the_concept_and_opens_in_the_editor(client_as, users):
    """A procesontwerper who adds a business rule task starts its table on the concept page: a bad or taken id is
    refused beside the field with what was typed kept, a good one makes a table that reads and lints clean."""
    from app.domain.lege_beslistabel import empty_table
    from app.engine.decisions import decision_id
    web = client_as("procesontwerper")
    concept = process_concepts.concept_from_version(users["procesontwerper"], "wmo")
    page = web.get(f"/ontwerpen/concepten/{concept.id}").get_data(as_text=True)
    assert "Nieuwe, lege beslistabel maken" in page
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    url = f"/ontwerpen/concepten/{concept.id}/nieuwe-beslistabel"
    bad = web.post(url, data={"csrf_token": csrf, "id": "Voorrang Spoed", "naam": "Voorrang"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "Een id heeft alleen kleine letters" in text and 'value="Voorrang Spoed"' in text
    taken = web.post(url, data={"csrf_token": csrf, "id": "vier_ogen", "naam": ""})
    assert taken.status_code == 400 and "heeft al een beslistabel &#39;vier_ogen&#39;" in taken.get_data(as_text=True)
    made = web.post(url, data={"csrf_token": csrf, "id": "voorrang", "naam": "Voorrang bij spoed"})
    assert made.status_code == 302 and made.headers["Location"].endswith(f"/concepten/{concept.id}/beslistabellen/voorrang")
    db.session.expire_all()
    tables = db.session.get(ProcessConcept, concept.id).beslistabellen
    assert set(tables) == {"vier_ogen", "voorrang"} and tables["voorrang"] == empty_table("voorrang", "Voorrang bij spoed")
    assert decision_id(tables["voorrang"]) == "voorrang"
    editor = web.get(made.headers["Location"])
    assert editor.status_code == 200 and "Beslistabel voorrang van concept" in editor.get_data(as_text=True)
    check = process_lint.concept_check(users["procesontwerper"], concept.id)
    assert not [f for f in check.errors if "voorrang" in (f.element_id or "") + f.message]
