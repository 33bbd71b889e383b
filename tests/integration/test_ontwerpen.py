"""The procesontwerper's models page (#10 point 1): every process with its versions, who published each and
when, running cases per version and open concepts; any version downloads as the stored .bpmn; an upload from
another tool becomes a concept with who and when, checked like a deploy — a file that is not BPMN, hostile XML,
too large, two executable processes or a script that escapes the sandbox is refused in Dutch, storing nothing."""
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import db
from app.models import AuditRecord, ProcessConcept, ProcessDefinition
from case_flow import start_case
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture

ROOT = Path(__file__).resolve().parents[2]
WMO = (ROOT / "bpmn" / "wmo.bpmn").read_bytes()


def _csrf(client, url: str = "/ontwerpen/") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _upload(client, data: bytes, filename: str = "wmo.bpmn"):
    return client.post("/ontwerpen/uploaden", data={"csrf_token": _csrf(client),
                                                   "bestand": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def _concepts() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(ProcessConcept))


def _latest(key: str) -> ProcessDefinition:
    return db.session.scalar(select(ProcessDefinition).where(ProcessDefinition.key == key)
                             .order_by(ProcessDefinition.version.desc()).limit(1))


def test_the_procesontwerper_lands_on_the_models_with_versions_and_running_cases(client_as, api_as, person):
    start_case(api_as("consulent"), person.bsn)
    web = client_as("procesontwerper")
    landing = web.get("/")
    assert landing.status_code == 302 and landing.headers["Location"].endswith("/ontwerpen/")
    page = web.get("/ontwerpen/").get_data(as_text=True)
    wmo = _latest("wmo")
    assert wmo.name in page and "Procesmodellen" in page
    detail = web.get("/ontwerpen/modellen/wmo").get_data(as_text=True)
    assert f"Nieuwe zaken lopen op versie {wmo.version}" in detail and "Er loopt 1 zaak op dit proces" in detail
    assert "(meegeleverd met Cumulus)" in detail  # deployed by `flask deploy`, not by a person


def test_a_version_downloads_as_the_stored_bpmn(client_as):
    wmo = _latest("wmo")
    response = client_as("procesontwerper").get(f"/ontwerpen/modellen/wmo/versies/{wmo.version}.bpmn")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="wmo-v{wmo.version}.bpmn"'
    assert response.data.decode() == db.session.get(ProcessDefinition, wmo.id).bpmn_xml
    assert client_as("procesontwerper").get("/ontwerpen/modellen/wmo/versies/999.bpmn").status_code == 404
    assert client_as("procesontwerper").get("/ontwerpen/modellen/bestaat-niet").status_code == 404


def test_an_upload_becomes_a_concept_with_who_and_when_and_downloads_again(client_as, users):
    web = client_as("procesontwerper")
    changed = WMO.replace(b"</bpmn:definitions>", b"<!-- aangepast in Camunda Modeler --></bpmn:definitions>")
    changed = changed.replace(b'name="Contact met inwoner"', b'name="Contact met de inwoner"', 1) \
        if b'name="Contact met inwoner"' in changed else changed + b"\n"
    response = _upload(web, changed, "wmo-aangepast.bpmn")
    concept = db.session.scalar(select(ProcessConcept))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/ontwerpen/concepten/{concept.id}")
    assert (concept.key, concept.status, concept.herkomst) == ("wmo", "concept", "upload")
    assert concept.created_by_id == users["procesontwerper"].id and concept.based_on_id == _latest("wmo").id
    page = web.get("/ontwerpen/modellen/wmo").get_data(as_text=True)
    assert f"Concept {concept.id} downloaden" in page and "wmo-aangepast.bpmn" in page
    assert web.get(f"/ontwerpen/concepten/{concept.id}.bpmn").data == changed
    audit = db.session.scalar(select(AuditRecord).where(AuditRecord.object_type == "process_concept"))
    assert audit.action == "concept_geupload" and audit.actor_id == users["procesontwerper"].id
    assert "wmo" in web.get("/ontwerpen/").get_data(as_text=True)
    again = _upload(web, changed, "wmo-aangepast.bpmn")  # the same file twice is one concept
    assert again.status_code == 400 and "staat al als concept" in again.get_data(as_text=True)
    assert _concepts() == 1


TWO_PROCESSES = WMO.replace(b"</bpmn:definitions>", b'<bpmn:process id="tweede" isExecutable="true">'
                            b'<bpmn:startEvent id="s2"/></bpmn:process></bpmn:definitions>')
ESCAPE = (ROOT / "tests" / "data" / "bpmn" / "simple.bpmn").read_bytes().replace(
    b"bedrag &gt; 1000", b"().__class__.__bases__[0].__subclasses__()", 1)
BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
        b'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol2;</bpmn:definitions>')


@pytest.mark.parametrize("data, filename, says", [
    (b"", "leeg.bpmn", "Kies een BPMN-bestand"),
    (b"Dit is een brief.", "brief.txt", "geen BPMN-bestand"),
    (b"<bpmn:definitions", "kapot.bpmn", "geen geldige XML"),
    (BOMB, "bom.bpmn", "DTD"),
    (b"\xff\xfe" + "<a/>".encode("utf-16-le"), "utf16.bpmn", "UTF-8"),
    (TWO_PROCESSES, "twee.bpmn", "precies één uitvoerbaar proces"),
    (ESCAPE, "ontsnap.bpmn", "__class__"),
    (b"<x/>" + b" " * (5 * 1024 * 1024), "groot.bpmn", "hoogstens 5 MB"),
], ids=["leeg", "geen-bpmn", "kapotte-xml", "entiteiten", "geen-utf8", "twee-processen", "sandbox", "te-groot"])
def test_a_bad_file_is_refused_in_dutch_and_nothing_is_stored(client_as, data, filename, says):
    response = _upload(client_as("procesontwerper"), data, filename)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and says in page, page[-3000:]
    assert "Nog niet alles is goed ingevuld" in page and 'aria-invalid="true"' in page
    assert _concepts() == 0


def test_a_body_above_the_cap_gets_the_413_page(client_as):
    response = _upload(client_as("procesontwerper"), b" " * (7 * 1024 * 1024))
    assert response.status_code == 413 and _concepts() == 0


def test_only_designers_reach_the_pages_and_only_a_procesontwerper_uploads(client_as):
    assert client_as("consulent").get("/ontwerpen/").status_code == 403
    assert client_as("inwoner").get("/ontwerpen/modellen/wmo").status_code == 403
    assert client_as("aanbieder").get(f"/ontwerpen/modellen/wmo/versies/{_latest('wmo').version}.bpmn").status_code == 403
    beheerder = client_as("beheerder")
    page = beheerder.get("/ontwerpen/").get_data(as_text=True)
    assert "Procesmodellen" in page and "Uploaden als concept" not in page
    assert _upload(beheerder, WMO + b"\n").status_code == 403 and _concepts() == 0


def _concept_page(web, concept_id: int) -> str:
    response = web.get(f"/ontwerpen/concepten/{concept_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_concept_page_lists_the_findings_by_element_and_marks_them_on_the_diagram(client_as):
    """An upload that parses but has lint errors still becomes a concept; its page says what is wrong where."""
    web = client_as("procesontwerper")
    broken = WMO.replace(b'<spiffworkflow:property name="formKey" value="triage" />', b"", 1) \
                .replace(b'value="onderzoek_verslag"', b'value="verslag_bestaat_niet"', 1)
    response = _upload(web, broken, "wmo-zonder-formulier.bpmn")
    concept = db.session.scalar(select(ProcessConcept))
    assert response.status_code == 302 and concept is not None
    page = _concept_page(web, concept.id)
    assert "2 fouten: zolang er een fout is, kan dit concept niet worden gepubliceerd" in page
    assert "Taak &#39;Triage van de melding&#39; (triage) heeft geen formulier" in page
    assert "&#39;verslag_bestaat_niet&#39;, maar dat formulier bestaat niet" in page
    assert 'data-element-id="triage"' in page and 'data-element-id="onderzoek_verslag"' in page
    markers = re.search(r'data-lint-errors="([^"]*)"', page).group(1)
    assert "triage" in markers and "onderzoek_verslag" in markers
    assert f'href="/ontwerpen/concepten/{concept.id}"' in web.get("/ontwerpen/modellen/wmo").get_data(as_text=True)
    body = web.get(f"/ontwerpen/concepten/{concept.id}/bevindingen").get_json()
    assert (body["fouten"], body["publiceerbaar"]) == (2, False)
    assert {(f["rule"], f["element_id"]) for f in body["bevindingen"]} == {
        ("form-missing", "triage"), ("form-unknown", "onderzoek_verslag")}


def test_a_clean_concept_says_it_can_be_published_and_an_unknown_one_is_404(client_as):
    web = client_as("procesontwerper")
    _upload(web, WMO + b"\n")
    concept = db.session.scalar(select(ProcessConcept))
    assert "De controle vond niets: dit concept kan worden gepubliceerd." in _concept_page(web, concept.id)
    assert "De controle vond niets" in _concept_page(client_as("beheerder"), concept.id)
    assert web.get("/ontwerpen/concepten/99999").status_code == 404
    assert client_as("consulent").get(f"/ontwerpen/concepten/{concept.id}").status_code == 403


def test_flask_deploy_refuses_a_model_with_lint_errors_and_deploys_nothing(app, tmp_path):
    from app.engine import InvalidModel
    from app.services import deployment
    (tmp_path / "a_goed.bpmn").write_bytes((ROOT / "bpmn" / "verzoek.bpmn").read_bytes())
    (tmp_path / "b_fout.bpmn").write_bytes(WMO.replace(b'value="triage" />', b'value="bestaat_niet" />', 1))
    (tmp_path / "wmo_vier_ogen.dmn").write_bytes((ROOT / "bpmn" / "wmo_vier_ogen.dmn").read_bytes())
    before = db.session.scalar(select(func.count()).select_from(ProcessDefinition))
    with pytest.raises(InvalidModel, match=r"b_fout.bpmn heeft 1 fout\(en\).*triage.*bestaat_niet"):
        deployment.deploy_directory(tmp_path)
    shipped, app.config["BPMN_DIR"] = app.config["BPMN_DIR"], tmp_path
    try:
        result = app.test_cli_runner().invoke(args=["deploy"])
    finally:
        app.config["BPMN_DIR"] = shipped
    assert result.exit_code != 0 and "b_fout.bpmn heeft 1 fout(en) en wordt niet gepubliceerd" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(ProcessDefinition)) == before
