"""Versioned forms (#10 point 6): publishing a model publishes the forms it uses with it, so a running case keeps
the form of its version — its task page shows and its completion checks that version's form — while a new case
gets the new one; a case moved to the newer version gets that version's form; `flask deploy` seeds the forms of
the shipped models from forms/*.json."""
import json
import uuid

import pytest
from sqlalchemy import func, select

from app import db
from app.engine import latest_definition
from app.jobs import background
from app.models import AuditRecord, DefinitieFormulier, FormulierVersie
from app.services import formulier_ontwerp, formulieren, process_concepts, process_migration, publicatie, tasks
from app.services.errors import InvalidInput
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from formulier_flow import KEY, case_on, form_v2, open_task, renamed_model, shipped


def _publish_changed_form(users, label: str):
    """A concept of the live version with a renamed step and form KEY changed, approved by a beheerder."""
    ontwerper = users["procesontwerper"]
    concept = process_concepts.concept_from_version(ontwerper, KEY)
    process_concepts.save_concept(ontwerper, concept.id, renamed_model(f"Gesprek {uuid.uuid4().hex[:6]}"))
    formulier_ontwerp.save_form(ontwerper, concept.id, KEY, json.dumps(form_v2(label), indent=2))
    verzoek = publicatie.request_publication(ontwerper, concept.id)
    approved = publicatie.approve(users["beheerder"], verzoek.id)
    db.session.remove()
    return approved.definition


def test_flask_deploy_pins_the_shipped_form_to_the_version_of_the_model(app, tmp_path, monkeypatch):
    definition = shipped(app, tmp_path, monkeypatch)
    pinned = formulieren.pinned_versions(db.session, definition.id)
    assert list(pinned) == [KEY] and pinned[KEY].herkomst == "bestand"
    assert set(json.loads(pinned[KEY].bron)["properties"]) >= {"oud_veld"}
    shipped_wmo = latest_definition(db.session, "wmo")
    assert {"triage", "onderzoek_gesprek"} <= set(formulieren.pinned_versions(db.session, shipped_wmo.id))


def test_an_old_case_keeps_the_old_form_and_a_new_case_gets_the_new_one(app, client_as, users, tmp_path, monkeypatch):
    old_version = shipped(app, tmp_path, monkeypatch)
    label = f"Nieuw veld {uuid.uuid4().hex[:6]}"
    old_case = case_on(old_version.id, users["consulent"], "oud")  # the shipped version, whatever ran before
    new_version = _publish_changed_form(users, label)
    assert new_version.version > old_version.version
    new_case = case_on(new_version.id, users["consulent"], "nieuw")

    consulent = client_as("consulent")
    old_page = consulent.get(f"/werkvoorraad/taken/{open_task(old_case).id}").get_data(as_text=True)
    new_page = consulent.get(f"/werkvoorraad/taken/{open_task(new_case).id}").get_data(as_text=True)
    assert "Het oude veld" in old_page and label not in old_page
    assert "Het oude veld" in new_page and label in new_page

    # completing checks the form of the case's own version: the new field is required only on the new one
    with pytest.raises(InvalidInput) as refused:
        tasks.complete_task(users["consulent"], open_task(new_case).id, {"oud_veld": "x"})
    assert refused.value.errors == {"nieuw_veld": f"Vul '{label}' in."}
    tasks.complete_task(users["consulent"], open_task(old_case).id, {"oud_veld": "x"})
    assert open_task(old_case).spec_name == "gesprek"

    version = formulieren.pinned_versions(db.session, new_version.id)[KEY]
    assert version.herkomst == "ontwerper" and version.created_by_id == users["beheerder"].id
    trail = db.session.scalars(select(AuditRecord.action).where(AuditRecord.object_type == "formulier_versie",
                                                               AuditRecord.object_id == version.id)).all()
    assert trail == ["formulier_versie_gemaakt"]


def test_a_case_moved_to_the_newer_version_gets_its_form(app, client_as, users, tmp_path, monkeypatch):
    shipped(app, tmp_path, monkeypatch)
    before = latest_definition(db.session, KEY)
    case = case_on(before.id, users["consulent"], "verplaatst")
    label = f"Na de verplaatsing {uuid.uuid4().hex[:6]}"
    after = _publish_changed_form(users, label)
    consulent = client_as("consulent")
    assert label not in consulent.get(f"/werkvoorraad/taken/{open_task(case).id}").get_data(as_text=True)

    preview = process_migration.preview(users["procesontwerper"], KEY, before.version, after.version)
    assert "T-FORM-verplaatst" in [row.zaaknummer for row in preview.movable]  # its step is unchanged: it can move
    migration = process_migration.start_migration(users["procesontwerper"], KEY, before.version, after.version)
    background.drain(timeout=120)
    process_migration.run_migration(migration.id)
    page = consulent.get(f"/werkvoorraad/taken/{open_task(case).id}").get_data(as_text=True)
    assert label in page
    with pytest.raises(InvalidInput) as refused:
        tasks.complete_task(users["consulent"], open_task(case).id, {"oud_veld": "x"})
    assert "nieuw_veld" in refused.value.errors


def test_a_form_unchanged_in_the_concept_stays_the_published_version(app, users, tmp_path, monkeypatch):
    shipped(app, tmp_path, monkeypatch)
    live = latest_definition(db.session, KEY)
    pinned_before = formulieren.pinned_versions(db.session, live.id)[KEY].id
    count = db.session.scalar(select(func.count()).select_from(FormulierVersie).where(FormulierVersie.key == KEY))
    ontwerper = users["procesontwerper"]
    concept = process_concepts.concept_from_version(ontwerper, KEY)
    process_concepts.save_concept(ontwerper, concept.id, renamed_model(f"Gesprek {uuid.uuid4().hex[:6]}"))
    approved = publicatie.approve(users["beheerder"], publicatie.request_publication(ontwerper, concept.id).id)
    db.session.remove()
    assert db.session.scalar(select(DefinitieFormulier.formulier_versie_id).where(
        DefinitieFormulier.definition_id == approved.definition.id)) == pinned_before
    assert db.session.scalar(select(func.count()).select_from(FormulierVersie)
                             .where(FormulierVersie.key == KEY)) == count
