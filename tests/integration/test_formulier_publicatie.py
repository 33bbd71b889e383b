"""Publishing a change of forms only (#10 point 6): a concept whose model is the live version's but whose form is
edited is a new process version — the review page says only forms changed, and which — while `flask deploy` of
the shipped models stays idempotent; the preview of moving running cases warns, per case, when the task it waits
at shows another form after the move; two approvals that store a version of one form at once both publish."""
import json
import threading
import time
import uuid

from sqlalchemy import event, func, select, text

from app import db
from app.engine import latest_definition
from app.jobs import background
from app.models import DefinitieFormulier, FormulierVersie, ProcessDefinition
from app.services import deployment, formulier_ontwerp, formulieren, process_concepts, process_migration, publicatie
from app.services.errors import InvalidInput
from app.services.uow import unit_of_work
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from formulier_flow import KEY, MODEL, case_on, form_v2, open_task, shipped


def _forms_only_concept(users, label: str):
    """A concept of the live version with its XML untouched and form KEY changed (a field reworded, one added)."""
    ontwerper = users["procesontwerper"]
    concept = process_concepts.concept_from_version(ontwerper, KEY)
    formulier_ontwerp.save_form(ontwerper, concept.id, KEY, json.dumps(form_v2(label), indent=2))
    return concept


def test_a_change_of_forms_only_is_published_as_a_new_version(app, client_as, users, tmp_path, monkeypatch):
    shipped(app, tmp_path, monkeypatch)
    old_version = latest_definition(db.session, KEY)  # the live version (a test before may have published one)
    old_case = case_on(old_version.id, users["consulent"], "oud2")
    label = f"Herschreven {uuid.uuid4().hex[:6]}"
    concept = _forms_only_concept(users, label)
    verzoek = publicatie.request_publication(users["procesontwerper"], concept.id)

    page = client_as("beheerder").get(f"/ontwerpen/publicaties/{verzoek.id}").get_data(as_text=True)
    assert f"Het model is gelijk aan versie {old_version.version}: alleen formulieren zijn gewijzigd" in page
    assert f"Proefformulier ({KEY})" in page and 'id="alleen-formulieren"' in page

    approved = publicatie.approve(users["beheerder"], verzoek.id)
    db.session.remove()
    new_version = db.session.get(ProcessDefinition, approved.definition.id)
    assert new_version.version == old_version.version + 1
    assert new_version.bpmn_xml == db.session.get(ProcessDefinition, old_version.id).bpmn_xml
    assert new_version.sha256 != old_version.sha256
    version_page = client_as("procesontwerper").get(
        f"/ontwerpen/modellen/{KEY}/versies/{new_version.version}").get_data(as_text=True)
    assert "deze versie heeft alleen andere formulieren of beslistabellen" in version_page
    old_form, new_form = (db.session.scalar(select(FormulierVersie.versie).join(
        DefinitieFormulier, DefinitieFormulier.formulier_versie_id == FormulierVersie.id).where(
        DefinitieFormulier.definition_id == d, DefinitieFormulier.form_key == KEY)) for d in (old_version.id, new_version.id))
    assert f'Proefformulier <span class="cumulus-muted">({KEY})</span>: versie {old_form} → versie {new_form}' in version_page
    new_case = case_on(new_version.id, users["consulent"], "nieuw2")
    consulent = client_as("consulent")
    assert label not in consulent.get(f"/werkvoorraad/taken/{open_task(old_case).id}").get_data(as_text=True)
    assert label in consulent.get(f"/werkvoorraad/taken/{open_task(new_case).id}").get_data(as_text=True)

    # `flask deploy` of the shipped models again: it finds the shipped version by its XML and makes nothing new
    count = db.session.scalar(select(func.count()).select_from(ProcessDefinition))
    forms = db.session.scalar(select(func.count()).select_from(FormulierVersie))
    assert all(not is_new for _, _, is_new in deployment.deploy_directory(tmp_path / "bpmn"))
    assert all(not is_new for _, _, is_new in deployment.deploy_directory(app.config["BPMN_DIR"]))
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(ProcessDefinition)) == count
    assert db.session.scalar(select(func.count()).select_from(FormulierVersie)) == forms
    assert latest_definition(db.session, KEY).id == new_version.id

    # the same model with the same forms again is nothing to publish
    again = process_concepts.concept_from_version(users["procesontwerper"], KEY)
    try:
        publicatie.request_publication(users["procesontwerper"], again.id)
    except InvalidInput as exc:
        assert f"gelijk aan versie {new_version.version}" in exc.errors["publiceren"]
    else:
        raise AssertionError("a concept equal to the live version (model and forms) was accepted")


def test_the_preview_warns_when_the_waiting_task_shows_another_form(app, client_as, users, tmp_path, monkeypatch):
    before = shipped(app, tmp_path, monkeypatch)
    case = case_on(before.id, users["consulent"], "waarsch")
    title = open_task(case).title
    concept = _forms_only_concept(users, f"Na de verplaatsing {uuid.uuid4().hex[:6]}")
    after = publicatie.approve(users["beheerder"],
                               publicatie.request_publication(users["procesontwerper"], concept.id).id).definition
    db.session.remove()

    preview = process_migration.preview(users["procesontwerper"], KEY, before.version, after.version)
    row = next(r for r in preview.rows if r.zaaknummer == "T-FORM-waarsch")
    assert row.check.can_move  # a warning, not a refusal
    old, new = (formulieren.pinned_versions(db.session, d.id)[KEY].versie for d in (before, after))
    assert row.form_warnings == (f"Let op: na het verplaatsen toont de taak '{title}' een ander formulier "
                                 f"'Proefformulier' versie {new} in plaats van versie {old}; wie de taak al invult, "
                                 "ziet het nieuwe formulier.",)
    page = client_as("procesontwerper").get(f"/ontwerpen/modellen/{KEY}/versies/{before.version}/verplaatsen"
                                            f"?naar={after.version}").get_data(as_text=True)
    assert "een ander formulier" in page and "cumulus-form-warning" in page

    # moving still works, and the moved case shows the new version's form
    migration = process_migration.start_migration(users["procesontwerper"], KEY, before.version, after.version)
    background.drain(timeout=120)
    process_migration.run_migration(migration.id)
    db.session.remove()
    page = client_as("consulent").get(f"/werkvoorraad/taken/{open_task(case).id}").get_data(as_text=True)
    assert "Na de verplaatsing" in page


def test_an_unchanged_form_gives_no_warning(app, users, tmp_path, monkeypatch):
    from formulier_flow import renamed_model
    shipped(app, tmp_path, monkeypatch)
    before = latest_definition(db.session, KEY)  # the version the concept starts from
    case_on(before.id, users["consulent"], "geenw")
    ontwerper = users["procesontwerper"]
    concept = process_concepts.concept_from_version(ontwerper, KEY)
    process_concepts.save_concept(ontwerper, concept.id, renamed_model("Ander gesprek "))
    after = publicatie.approve(users["beheerder"], publicatie.request_publication(ontwerper, concept.id).id).definition
    db.session.remove()
    preview = process_migration.preview(ontwerper, KEY, before.version, after.version)
    row = next(r for r in preview.rows if r.zaaknummer == "T-FORM-geenw")
    assert row.check.can_move and row.form_warnings == ()


def test_two_writers_of_one_form_key_both_store_a_version(app, tmp_path, monkeypatch):
    """Writer A has stored version 2 of the form and not yet committed when writer B, with other content, reads the
    highest number (1 on PostgreSQL: A's row is not visible) and inserts version 2 too; B waits for A and then
    meets the unique (key, versie). B reads again and stores version 3: both commit, nothing is half-written."""
    shipped(app, tmp_path, monkeypatch)
    highest = formulieren.latest_version(db.session, KEY).versie
    a_stored, b_started, results, errors = threading.Event(), threading.Event(), {}, []

    def write(name: str, label: str):
        with app.app_context():
            try:
                with unit_of_work() as session:
                    version, is_new = formulieren.store_version(session, KEY, json.dumps(form_v2(label)))
                    if name == "a":
                        a_stored.set()
                        b_started.wait(timeout=10)
                        time.sleep(0.5)  # B is inside store_version now, waiting for A's row
                    results[name] = (version.versie, is_new)
            except Exception as exc:  # the failure this test is about
                errors.append(exc)
            finally:
                db.session.remove()

    def b_write():
        a_stored.wait(timeout=10)
        b_started.set()
        write("b", f"Van schrijver B {uuid.uuid4().hex[:6]}")

    threads = [threading.Thread(target=write, args=("a", f"Van schrijver A {uuid.uuid4().hex[:6]}")), threading.Thread(target=b_write)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert results == {"a": (highest + 1, True), "b": (highest + 2, True)}
    db.session.remove()
    stored = db.session.scalars(select(FormulierVersie.versie).where(FormulierVersie.key == KEY)
                                .order_by(FormulierVersie.versie)).all()
    assert stored == list(range(1, highest + 3))


def test_two_approvals_of_processes_sharing_a_form_both_publish(app, users, tmp_path, monkeypatch):
    """Two processes use form KEY; their concepts each change it and are approved at once: approval A has inserted
    its form version and holds it uncommitted while approval B reads the same highest number and inserts it too."""
    shipped(app, tmp_path, monkeypatch)
    other = "formulierproef_twee"
    (tmp_path / "bpmn" / f"{other}.bpmn").write_bytes(MODEL.replace(f'id="{KEY}"'.encode(), f'id="{other}"'.encode()))
    deployment.deploy_directory(tmp_path / "bpmn")
    db.session.remove()
    ontwerper, beheerder = users["procesontwerper"], users["beheerder"]
    verzoeken = []
    for key, label in ((KEY, f"Van proces een {uuid.uuid4().hex[:6]}"), (other, f"Van twee {uuid.uuid4().hex[:6]}")):
        concept = process_concepts.concept_from_version(ontwerper, key)
        formulier_ontwerp.save_form(ontwerper, concept.id, KEY, json.dumps(form_v2(label), indent=2))
        verzoeken.append(publicatie.request_publication(ontwerper, concept.id).id)
    db.session.remove()
    highest = formulieren.latest_version(db.session, KEY).versie
    a_stored, results, errors = threading.Event(), {}, []

    def hold_a(_mapper, _connection, _target):
        """Approval A has inserted its form version: it waits (uncommitted) until B is blocked on that row."""
        if threading.current_thread().name == "a" and not a_stored.is_set():
            a_stored.set()
            _until_b_waits()

    def approve(name: str, verzoek_id: int):
        with app.app_context():
            if name == "b":
                a_stored.wait(timeout=30)
            try:
                results[name] = publicatie.approve(beheerder, verzoek_id).definition.id
            except Exception as exc:  # the failure this test is about
                errors.append(exc)
            finally:
                db.session.remove()

    event.listen(FormulierVersie, "after_insert", hold_a)
    try:
        threads = [threading.Thread(target=approve, args=(name, verzoek_id), name=name)
                   for name, verzoek_id in zip("ab", verzoeken)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        event.remove(FormulierVersie, "after_insert", hold_a)
    assert a_stored.is_set()
    assert errors == [] and len(results) == 2
    db.session.remove()
    pinned = {formulieren.pinned_versions(db.session, definition_id)[KEY].versie for definition_id in results.values()}
    assert pinned == {highest + 1, highest + 2}


def _until_b_waits() -> None:
    """On PostgreSQL: until another session waits for a lock (B's insert of the same (key, versie)), at most 20 s;
    on SQLite, whose writers take turns, B waits for A's write lock: a moment is enough."""
    engine = db.session.get_bind()
    if engine.dialect.name != "postgresql":
        time.sleep(0.5)
        return
    with engine.connect() as connection:
        for _ in range(200):
            if connection.execute(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                       "AND datname = current_database()")).scalar():
                return
            connection.rollback()
            time.sleep(0.1)
