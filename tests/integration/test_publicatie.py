"""Vier-ogen on publishing (#10 point 4): a procesontwerper asks to publish a concept, and only when someone else —
a procesontwerper or a beheerder — approves it does it become the next version. A refusal needs a reason and
leaves the concept editable; editing the concept withdraws the request; an approval re-checks the lint and that
the live version it was compared with is still live. Every step is on the request page."""
import re
import shutil

import pytest
from sqlalchemy import func, select

from app import db
from app.engine import latest_definition
from app.models import AuditRecord, ProcessConcept, ProcessDefinition, PublicatieVerzoek
from app.services import formulieren, process_concepts, publicatie
from app.services.errors import Conflict, Forbidden, InvalidInput
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from publicatie_flow import KEY, changed_model, concept, live, second_ontwerper, verzoek


def _csrf(client, url: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _post(client, url: str, page: str, **data):
    return client.post(url, data={"csrf_token": _csrf(client, page), **data})


def _versions() -> int:
    db.session.remove()
    return db.session.scalar(select(func.count()).select_from(ProcessDefinition).where(ProcessDefinition.key == KEY))


def test_a_request_approved_by_a_beheerder_is_deployed_as_the_next_version(client_as, users):
    before = live()
    concept_id = concept(users["procesontwerper"])
    ontwerper = client_as("procesontwerper")
    asked = _post(ontwerper, f"/ontwerpen/concepten/{concept_id}/publiceren", f"/ontwerpen/concepten/{concept_id}",
                  toelichting="De stap heet nu anders.")
    assert asked.status_code == 302
    verzoek_id = int(asked.headers["Location"].rsplit("/", 1)[1])
    assert _versions() == before.version  # asking deploys nothing
    assert "Wacht op beoordeling" in ontwerper.get(f"/ontwerpen/concepten/{concept_id}").get_data(as_text=True)

    beheerder = client_as("beheerder")
    page = beheerder.get(f"/ontwerpen/publicaties/{verzoek_id}").get_data(as_text=True)
    assert f"Vergelijking met versie {before.version}" in page and "De stap heet nu anders." in page
    assert 'data-diff-id="gesprek"' in page and "Taak voor een medewerker" in page and "De naam" in page
    assert f"Aanvraag {verzoek_id}" in beheerder.get("/ontwerpen/publicaties").get_data(as_text=True)
    approved = _post(beheerder, f"/ontwerpen/publicaties/{verzoek_id}/goedkeuren",
                     f"/ontwerpen/publicaties/{verzoek_id}", opmerking="Akkoord.")
    assert approved.status_code == 302

    new = latest_definition(db.session, KEY)
    assert new.version == before.version + 1 and new.deployed_by_id == users["beheerder"].id
    assert new.sha256 == db.session.get(ProcessConcept, concept_id).sha256
    done = verzoek(verzoek_id)
    assert done.status == "goedgekeurd" and done.deployed_definition_id == new.id and done.reden == "Akkoord."
    assert db.session.get(ProcessConcept, concept_id).status == "gepubliceerd"
    trail = beheerder.get(f"/ontwerpen/publicaties/{verzoek_id}").get_data(as_text=True)
    verloop = trail[trail.index('id="verloop"'):]
    assert "Publicatie aangevraagd" in verloop and "Goedgekeurd en gepubliceerd: versie" in verloop
    assert users["procesontwerper"].display_name in verloop and users["beheerder"].display_name in verloop
    assert "Akkoord." in verloop
    version_page = beheerder.get(f"/ontwerpen/modellen/{KEY}/versies/{new.version}").get_data(as_text=True)
    assert f"goedgekeurd door {users['beheerder'].display_name}" in version_page
    assert f'href="/ontwerpen/publicaties/{verzoek_id}"' in version_page


def test_the_one_who_asked_cannot_approve_and_nothing_is_deployed(client_as, users):
    before = live()
    verzoek_id = publicatie.request_publication(users["procesontwerper"], concept(users["procesontwerper"])).id
    ontwerper = client_as("procesontwerper")
    page = ontwerper.get(f"/ontwerpen/publicaties/{verzoek_id}").get_data(as_text=True)
    assert "U heeft deze publicatie zelf aangevraagd" in page and "Goedkeuren en publiceren" not in page
    response = ontwerper.post(f"/ontwerpen/publicaties/{verzoek_id}/goedkeuren", data={})
    assert response.status_code == 403 and "vier ogen" in response.get_data(as_text=True)
    with pytest.raises(Forbidden):
        publicatie.approve(users["procesontwerper"], verzoek_id)
    assert _versions() == before.version and verzoek(verzoek_id).status == "aangevraagd"


def test_another_procesontwerper_may_approve(users):
    before = live()
    verzoek_id = publicatie.request_publication(users["procesontwerper"], concept(users["procesontwerper"])).id
    outcome = publicatie.approve(second_ontwerper(), verzoek_id)
    assert outcome.definition.version == before.version + 1


def test_a_refusal_needs_a_reason_and_leaves_the_concept_editable(client_as, users):
    concept_id = concept(users["procesontwerper"])
    verzoek_id = publicatie.request_publication(users["procesontwerper"], concept_id).id
    beheerder = client_as("beheerder")
    page = f"/ontwerpen/publicaties/{verzoek_id}"
    empty = _post(beheerder, f"{page}/afwijzen", page, reden="  ")
    assert empty.status_code == 400
    assert "Schrijf waarom u de publicatie afwijst" in empty.get_data(as_text=True)
    assert verzoek(verzoek_id).status == "aangevraagd"

    assert _post(beheerder, f"{page}/afwijzen", page, reden="De naam is niet in B1.").status_code == 302
    assert verzoek(verzoek_id).status == "afgewezen"
    seen = client_as("procesontwerper").get(f"/ontwerpen/concepten/{concept_id}").get_data(as_text=True)
    assert "Afgewezen" in seen and "De naam is niet in B1." in seen and "Publicatie aanvragen" in seen
    model = client_as("procesontwerper").get(f"/ontwerpen/modellen/{KEY}").get_data(as_text=True)
    assert f'href="/ontwerpen/publicaties/{verzoek_id}">Afgewezen' in model
    saved = process_concepts.save_concept(users["procesontwerper"], concept_id, changed_model())
    assert saved.status == "concept"
    assert publicatie.request_publication(users["procesontwerper"], concept_id).status == "aangevraagd"


def test_editing_the_concept_withdraws_its_request(client_as, users):
    concept_id = concept(users["procesontwerper"])
    verzoek_id = publicatie.request_publication(users["procesontwerper"], concept_id).id
    modeler = client_as("procesontwerper").get(f"/ontwerpen/concepten/{concept_id}/bewerken").get_data(as_text=True)
    assert "wordt die aanvraag ingetrokken" in modeler
    saved = client_as("procesontwerper").put(f"/ontwerpen/concepten/{concept_id}/model", data=changed_model(),
                                             headers={"Content-Type": "application/xml"})
    assert saved.status_code == 200 and saved.json["aanvraag_ingetrokken"] == verzoek_id
    withdrawn = verzoek(verzoek_id)
    assert withdrawn.status == "ingetrokken" and "gewijzigd" in withdrawn.reden
    with pytest.raises(Conflict):
        publicatie.approve(users["beheerder"], verzoek_id)
    actions = db.session.scalars(select(AuditRecord.action).where(AuditRecord.object_type == "publicatie_verzoek",
                                                                   AuditRecord.object_id == verzoek_id)).all()
    assert sorted(actions) == ["publicatie_aangevraagd", "publicatie_ingetrokken"]


def test_an_approval_against_an_outdated_live_version_deploys_nothing_and_asks_for_a_new_review(client_as, users):
    before = live()
    first = publicatie.request_publication(users["procesontwerper"], concept(users["procesontwerper"])).id
    second = publicatie.request_publication(users["procesontwerper"], concept(users["procesontwerper"])).id
    publicatie.approve(users["beheerder"], second)  # another version goes live meanwhile
    assert _versions() == before.version + 1

    beheerder = client_as("beheerder")
    page = f"/ontwerpen/publicaties/{first}"
    response = _post(beheerder, f"{page}/goedkeuren", page)
    assert response.status_code == 302
    shown = beheerder.get(page).get_data(as_text=True)
    assert f"sinds de aanvraag is versie {before.version + 1} live gegaan" in shown
    assert f"Vergelijking met versie {before.version + 1}" in shown
    assert "Opnieuw te beoordelen" in shown
    stale = verzoek(first)
    assert stale.status == "aangevraagd" and stale.live_definition.version == before.version + 1
    assert _versions() == before.version + 1
    assert publicatie.approve(users["beheerder"], first).definition.version == before.version + 2


def test_lint_errors_block_the_request_and_a_published_form_outlives_its_file(app, users, tmp_path):
    broken = changed_model().replace(b'name="formKey" value="triage"', b'name="formKey" value="bestaat_niet"', 1)
    with pytest.raises(InvalidInput) as refused:
        publicatie.request_publication(users["procesontwerper"], concept(users["procesontwerper"], broken))
    assert "fout" in refused.value.errors["publiceren"] and "bestaat_niet" in refused.value.errors["publiceren"]

    forms = tmp_path / "forms"
    shutil.copytree(app.config["FORMS_DIR"], forms)
    original = app.config["FORMS_DIR"]
    app.config["FORMS_DIR"] = str(forms)
    try:
        before = live()
        verzoek_id = publicatie.request_publication(users["procesontwerper"], concept(users["procesontwerper"])).id
        (forms / "triage.json").unlink()  # the shipped file is gone before the approval; its published version is not
        approved = publicatie.approve(users["beheerder"], verzoek_id)
        assert approved.definition.version == before.version + 1
        pinned = formulieren.pinned_versions(db.session, approved.definition.id)
        assert list(pinned) == ["triage"] and pinned["triage"].sha256 == formulieren.latest_version(
            db.session, "triage").sha256
    finally:
        app.config["FORMS_DIR"] = original


def test_a_concept_equal_to_the_live_version_cannot_be_asked(users):
    current = live()
    xml = db.session.get(ProcessDefinition, current.id).bpmn_xml.encode()
    with pytest.raises(InvalidInput) as refused:
        publicatie.request_publication(users["procesontwerper"], concept(users["procesontwerper"], xml))
    assert f"gelijk aan versie {current.version}" in refused.value.errors["publiceren"]


def test_only_procesontwerpers_ask_and_a_beheerder_cannot_withdraw_anothers_request(client_as, users):
    concept_id = concept(users["procesontwerper"])
    assert client_as("beheerder").post(f"/ontwerpen/concepten/{concept_id}/publiceren", data={}).status_code == 403
    verzoek_id = publicatie.request_publication(users["procesontwerper"], concept_id).id
    assert client_as("beheerder").post(f"/ontwerpen/publicaties/{verzoek_id}/intrekken", data={}).status_code == 403
    ontwerper = client_as("procesontwerper")
    page = f"/ontwerpen/publicaties/{verzoek_id}"
    assert _post(ontwerper, f"{page}/intrekken", page).status_code == 302
    assert verzoek(verzoek_id).status == "ingetrokken"


def test_the_demo_has_a_change_of_wmo_waiting_for_review(client_as):
    from app.services.demo_publicatie import NEW_NAME, load_demo_publicatie
    assert load_demo_publicatie() == {"publicatieaanvragen": 1}
    assert load_demo_publicatie() == {"publicatieaanvragen": 0}
    listed = client_as("beheerder").get("/ontwerpen/").get_data(as_text=True)
    assert "Publicaties (1 te beoordelen)" in listed
    [verzoek_id] = db.session.scalars(select(PublicatieVerzoek.id)).all()
    page = client_as("beheerder").get(f"/ontwerpen/publicaties/{verzoek_id}").get_data(as_text=True)
    assert NEW_NAME.split('"')[1] in page and "Goedkeuren en publiceren" in page
