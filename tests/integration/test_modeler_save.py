"""The modeler's save (#10 point 2): "Bewerken" on a process makes a concept of its latest version; the modeler
PUTs the XML with the CSRF token and gets who saved it when and the server's lint findings; a file that is no
BPMN, malformed or hostile XML, too large, or with another process id is refused with a Dutch message naming
the problem, storing nothing; a stale save is refused; only a procesontwerper saves; the form preview draws a
task form."""
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app import db
from app.models import AuditRecord, ProcessConcept, ProcessDefinition

ROOT = Path(__file__).resolve().parents[2]
WMO = (ROOT / "bpmn" / "wmo.bpmn").read_text(encoding="utf-8")
#: A user task added in the consulent lane, without a form (and without a shape: both are findings).
NEW_TASK = '<bpmn:userTask id="nieuwe_taak" name="Nieuwe taak" />'


def _csrf(client, url: str) -> str:
    return re.search(r'data-csrf="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _new_concept(web) -> int:
    token = re.search(r'name="csrf_token" value="([^"]+)"', web.get("/ontwerpen/").get_data(as_text=True)).group(1)
    response = web.post("/ontwerpen/modellen/wmo/bewerken", data={"csrf_token": token})
    assert response.status_code == 302
    return int(re.search(r"/concepten/(\d+)/bewerken$", response.headers["Location"]).group(1))


def _put(web, concept_id: int, body, token: str, version: str | None = None):
    headers = {"X-CSRFToken": token, "Content-Type": "application/xml"}
    if version is not None:
        headers["X-Concept-Versie"] = version
    return web.put(f"/ontwerpen/concepten/{concept_id}/model", data=body, headers=headers)


def _stored(concept_id: int) -> ProcessConcept:
    db.session.expire_all()
    return db.session.get(ProcessConcept, concept_id)


@pytest.fixture
def concept(client_as):
    web = client_as("procesontwerper")
    concept_id = _new_concept(web)
    return web, concept_id, _csrf(web, f"/ontwerpen/concepten/{concept_id}/bewerken")


def test_bewerken_opens_a_concept_of_the_latest_version_in_the_modeler(concept):
    web, concept_id, _token = concept
    stored = _stored(concept_id)
    latest = db.session.scalar(select(ProcessDefinition).where(ProcessDefinition.key == "wmo")
                               .order_by(ProcessDefinition.version.desc()).limit(1))
    assert stored.herkomst == "modeler" and stored.based_on_id == latest.id and stored.bpmn_xml == latest.bpmn_xml
    page = web.get(f"/ontwerpen/concepten/{concept_id}/bewerken").get_data(as_text=True)
    assert "build/modeler.js" in page and "<script>" not in page  # loaded as a file: the CSP allows no inline script
    assert "vier_ogen_toets" in page  # the forms list the panel offers
    assert "bereken_termijn" in page and "retour_toewijzing" in page and "consulent" in page


def test_a_save_stores_the_xml_with_who_and_when_and_answers_the_findings(concept):
    web, concept_id, token = concept
    before = _stored(concept_id)
    version, updated_at = before.lock_version, before.updated_at
    xml = WMO.replace("<bpmn:flowNodeRef>triage</bpmn:flowNodeRef>",
                      "<bpmn:flowNodeRef>triage</bpmn:flowNodeRef><bpmn:flowNodeRef>nieuwe_taak</bpmn:flowNodeRef>")
    xml = xml.replace('<bpmn:startEvent id="start_melding"', NEW_TASK + '<bpmn:startEvent id="start_melding"')
    response = _put(web, concept_id, xml.encode(), token, str(version))
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    missing_form = [f for f in body["bevindingen"] if f["element_id"] == "nieuwe_taak" and f["rule"] == "form-missing"]
    assert missing_form and missing_form[0]["severity"] == "error" and "formulier" in missing_form[0]["message"].lower()
    stored = _stored(concept_id)
    assert "nieuwe_taak" in stored.bpmn_xml and stored.lock_version == body["versie"] == version + 1
    assert stored.updated_at >= updated_at and body["opgeslagen_door"] == stored.updated_by.display_name
    assert stored.updated_by.has_role("procesontwerper")
    audit = db.session.scalars(select(AuditRecord).where(AuditRecord.object_type == "process_concept",
                                                         AuditRecord.object_id == concept_id,
                                                         AuditRecord.action == "concept_opgeslagen")).all()
    assert len(audit) == 1 and audit[0].actor_id == stored.updated_by_id


@pytest.mark.parametrize("body, words", [
    (b"", "geen model"),
    (b"<bpmn:definitions xmlns:bpmn='http://www.omg.org/spec/BPMN/20100524/MODEL'><bpmn:process", "geen geldige XML (regel 1)"),
    (b"<html><body>hallo</body></html>", "<html>"),
    (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>', "DTD"),
    (b"\xff\xfe<x/>", "UTF-8"),
    (WMO.replace('<bpmn:process id="wmo"', '<bpmn:process id="ander"').encode(), "'ander'"),
    (WMO.replace('isExecutable="true"', 'isExecutable="false"').encode(), "niet 0"),
    (b"<a>" + b"x" * (5 * 1024 * 1024 + 1) + b"</a>", "5 MB"),
])
def test_a_bad_model_is_refused_in_dutch_and_nothing_is_saved(concept, body, words):
    web, concept_id, token = concept
    before = _stored(concept_id)
    xml, version = before.bpmn_xml, before.lock_version
    response = _put(web, concept_id, body, token)
    assert response.status_code == 400
    message = response.get_json()["fout"]
    assert words in message and ("niets opgeslagen" in message or "5 MB" in message or "UTF-8" in message
                                 or "geen model" in message)
    after = _stored(concept_id)
    assert after.bpmn_xml == xml and after.lock_version == version


def test_a_save_over_a_newer_one_is_refused(concept):
    web, concept_id, token = concept
    version = str(_stored(concept_id).lock_version)
    assert _put(web, concept_id, WMO.encode(), token, version).status_code == 200
    stale = _put(web, concept_id, WMO.replace("Triage van de melding", "Triage").encode(), token, version)
    assert stale.status_code == 409 and "intussen opgeslagen" in stale.get_json()["fout"]
    assert "Triage van de melding" in _stored(concept_id).bpmn_xml


def test_a_save_needs_the_pages_csrf_token(app, concept):
    web, concept_id, _token = concept
    before = _stored(concept_id).lock_version
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        refused = web.put(f"/ontwerpen/concepten/{concept_id}/model", data=WMO.encode(),
                          headers={"Content-Type": "application/xml"})
        assert refused.status_code == 400 and _stored(concept_id).lock_version == before
        token = _csrf(web, f"/ontwerpen/concepten/{concept_id}/bewerken")
        assert _put(web, concept_id, WMO.encode(), token).status_code == 200
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


@pytest.mark.parametrize("role", ["beheerder", "consulent"])
def test_only_a_procesontwerper_saves(concept, client_as, role):
    _web, concept_id, _token = concept
    other = client_as(role)
    page = other.get(f"/ontwerpen/concepten/{concept_id}/bewerken")
    assert page.status_code == 403
    before = _stored(concept_id).lock_version
    headers = {"Content-Type": "application/xml"}  # (the test app checks no CSRF token; the browser walk does)
    response = other.put(f"/ontwerpen/concepten/{concept_id}/model", data=WMO.encode(), headers=headers)
    assert response.status_code == 403 and _stored(concept_id).lock_version == before
    assert other.post("/ontwerpen/modellen/wmo/bewerken", data={}).status_code in (400, 403)


def test_the_form_preview_draws_the_task_form(client_as):
    page = client_as("procesontwerper").get("/ontwerpen/formulieren/vier_ogen_toets")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="toets"' in html and "er wordt niets verstuurd" in html
    assert client_as("procesontwerper").get("/ontwerpen/formulieren/bestaat_niet").status_code == 404
