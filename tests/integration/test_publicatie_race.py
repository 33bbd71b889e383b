"""Two approvals racing for the first version of a new process (#10 point 4): with no live version there is no row to
lock, so both pass the 'is the live version still the one compared with?' check and both deploy version 1. The one
that commits first wins; the other must not fail with a database error but be told, in Dutch, that another approval
went first — its request then compares with the new live version and waits for a new review, nothing half-written."""
import threading
import uuid

from sqlalchemy import event, func, select

from app import db
from app.models import AuditRecord, ProcessConcept, ProcessDefinition
from app.models.publicatie import APPROVED, OPEN
from app.services import publicatie
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from publicatie_flow import BASE, KEY, concept, second_ontwerper, verzoek


def _new_process(step_name: str, key: str) -> bytes:
    """The test model as process `key` (named after it), with its 'Gesprek' step named `step_name`."""
    xml = BASE.replace(KEY.encode(), key.encode()).replace(b'name="Migratieproef"', f'name="Proef {key}"'.encode())
    assert b'name="Gesprek"' in xml
    return xml.replace(b'name="Gesprek"', f'name="{step_name}"'.encode(), 1)


def test_two_approvals_of_a_new_process_at_once_one_deploys_and_the_other_is_told_to_review_again(app, users):
    key = f"nieuw_{uuid.uuid4().hex[:8]}"
    ontwerper = users["procesontwerper"]
    asked = [publicatie.request_publication(ontwerper, concept(ontwerper, _new_process(name, key))).id
             for name in ("Gesprek A", "Gesprek B")]
    reviewers = [users["beheerder"].id, second_ontwerper().id]
    engine = db.session.get_bind()
    meet, inserts, results, errors = threading.Barrier(2, timeout=30), [], {}, []

    def both_insert_at_once(conn, cursor, statement, *_):
        """Both approvals have checked the live version and now insert version 1: let them do it side by side."""
        if statement.startswith("INSERT INTO process_definition") and len(inserts) < 2:
            inserts.append(threading.get_ident())
            meet.wait()

    def approve(verzoek_id: int, reviewer_id: int):
        with app.app_context():
            try:
                from app.models import User
                results[verzoek_id] = publicatie.approve(db.session.get(User, reviewer_id), verzoek_id, "Akkoord.")
            except Exception as exc:  # the failure this test is about
                errors.append(exc)
            finally:
                db.session.remove()

    event.listen(engine, "before_cursor_execute", both_insert_at_once)
    try:
        threads = [threading.Thread(target=approve, args=pair) for pair in zip(asked, reviewers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        event.remove(engine, "before_cursor_execute", both_insert_at_once)
    assert len(inserts) == 2  # the race did happen
    assert errors == []

    db.session.remove()
    [deployed] = db.session.scalars(select(ProcessDefinition).where(ProcessDefinition.key == key)).all()
    assert deployed.version == 1
    won = next(v for v in asked if results[v].definition is not None)
    lost = next(v for v in asked if v != won)
    assert results[won].definition.id == deployed.id and verzoek(won).status == APPROVED
    assert results[lost].definition is None and results[lost].raced
    loser = verzoek(lost)
    assert loser.status == OPEN and loser.live_definition_id == deployed.id and loser.decided_by_id is None
    assert db.session.get(ProcessConcept, loser.concept_id).status == "concept"
    actions = db.session.scalars(select(AuditRecord.action).where(
        AuditRecord.object_type == "publicatie_verzoek", AuditRecord.object_id == lost)).all()
    assert "publicatie_goedgekeurd" not in actions and "publicatie_opnieuw_beoordelen" in actions
    assert db.session.scalar(select(func.count()).select_from(ProcessDefinition)
                             .where(ProcessDefinition.key == key)) == 1
