"""Moving an instance to a newer version (app/engine/migration.py): the changes by BPMN id, the refusals with their
Dutch reasons, and a move that keeps the waiting task and its armed timer as they were."""
import json
import time

from app import db
from app.engine import (RunContext, check_instance, complete_user_task, deploy_model, migrate_instance,
                        revert_instance, start_instance, version_changes)
from app.models import HumanTask

from engine_helpers import bpmn, new_zaak

V1, V2 = bpmn("migratieproef_v1.bpmn"), bpmn("migratieproef_v2.bpmn")


def _as(key: str, xml: bytes) -> bytes:
    """The model under another process key, so a variant never becomes a version of the shared test process."""
    return xml.replace(b'id="migratieproef"', f'id="{key}"'.encode()).replace(
        b'processRef="migratieproef"', f'processRef="{key}"'.encode())


def _deploy(*models: bytes):
    return [deploy_model(db.session(), xml)[0] for xml in models]


def _started(definition, steps: int = 0):
    session = db.session()
    zaak = new_zaak()
    instance = start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id, {})
    for _ in range(steps):
        task = session.query(HumanTask).filter_by(instance_id=instance.id, status="open").one()
        task.status = "completed"
        complete_user_task(RunContext(session=session, zaak_id=zaak.id), instance, task.task_uuid, {})
    session.flush()
    return instance


def _event_value(instance) -> str:
    [value] = [t["internal_data"]["event_value"] for t in json.loads(instance.state)["tasks"].values()
               if "event_value" in t.get("internal_data", {})]
    return value


def test_the_changes_are_listed_by_bpmn_id_with_what_changed():
    v1, v2 = _deploy(V1, V2)
    changes = {(c.bpmn_id, c.kind): c.what for c in version_changes(v1, v2)}
    assert changes == {("gesprek", "verwijderd"): (), ("controle", "toegevoegd"): (),
                       ("intake", "gewijzigd"): ("de pijlen eruit",),
                       ("besluit", "gewijzigd"): ("de pijlen ernaartoe", "de instructie")}


def test_a_case_at_a_removed_step_or_one_it_passed_is_refused_and_one_at_a_kept_step_is_not():
    v1, v2 = _deploy(V1, V2)
    assert check_instance(_started(v1), v2).can_move
    at_removed = check_instance(_started(v1, 1), v2)
    assert not at_removed.can_move and at_removed.current == ("Gesprek",)
    assert at_removed.reasons == ("De stap 'Gesprek' waar de zaak nu staat, bestaat niet meer in versie 2.",)
    passed = check_instance(_started(v1, 2), v2).reasons
    assert passed[0].startswith("De zaak heeft de stap 'Gesprek' al doorlopen")
    assert check_instance(_started(v2), v1).reasons == ("De zaak loopt al op versie 2.",)


def test_a_changed_timer_at_the_current_step_is_refused_because_it_would_start_again():
    old, new = _deploy(_as("migratie_timer", V1), _as("migratie_timer", V1.replace(b'"P14D"', b'"P10D"')))
    [reason] = check_instance(_started(old), new).reasons
    assert reason == ("De timer of gebeurtenis 'Herinnering intake' is gewijzigd in versie 2 (de timer of "
                      "gebeurtenis): bij verplaatsen zou die opnieuw beginnen.")


def test_a_timer_added_to_the_current_step_is_refused():
    without = V1.replace(b'attachedToRef="intake"', b'attachedToRef="gesprek"')
    old, new = _deploy(_as("migratie_nieuwe_timer", without), _as("migratie_nieuwe_timer", V1))
    reasons = check_instance(_started(old), new).reasons
    assert any("is een timer of gebeurtenis aan 'Intake' toegevoegd of ervan weggehaald" in r for r in reasons)


def test_a_move_keeps_the_waiting_task_and_its_timer_and_a_revert_restores_the_old_state():
    v1, v2 = _deploy(V1, V2)
    instance = _started(v1)
    session = db.session()
    [task] = session.query(HumanTask).filter_by(instance_id=instance.id, status="open").all()
    due, value, timer_at = task.due_at, _event_value(instance), instance.next_timer_at
    time.sleep(0.05)  # SpiffWorkflow's own migrate_workflow would arm the timer again from now
    old_state = migrate_instance(RunContext(session=session, zaak_id=instance.zaak_id), instance, v2)
    session.flush()
    assert instance.definition_id == v2.id and _event_value(instance) == value and instance.next_timer_at == timer_at
    [same] = session.query(HumanTask).filter_by(instance_id=instance.id, status="open").all()
    assert (same.id, same.task_uuid, same.due_at) == (task.id, task.task_uuid, due)
    revert_instance(RunContext(session=session, zaak_id=instance.zaak_id), instance, v1, old_state)
    session.flush()
    assert instance.definition_id == v1.id and instance.state == old_state
