"""The in-memory workflow cache and the parsed-model flags: faster steps, never a stale workflow."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from app import db
from app.engine import RunContext, TaskNotReady, complete_user_task, deploy_model, parse_model, start_instance
from app.engine import cache
from app.models import HumanTask, ProcessInstance
from app.services.processing_log import activity_id

from engine_helpers import bpmn, new_zaak


def _started_and_committed() -> tuple[int, str]:
    """A committed instance of simple.bpmn waiting at 'beoordelen'; return (instance id, task uuid)."""
    session = db.session()
    zaak = new_zaak()
    definition, _ = deploy_model(session, bpmn("simple.bpmn"))
    termijn = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat()
    instance = start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id,
                              {"termijn": termijn, "bedrag": 10})
    session.commit()
    task = session.query(HumanTask).filter_by(instance_id=instance.id, status="open").one()
    return instance.id, task.task_uuid


def _complete(instance_id: int, task_uuid: str, commit: bool) -> None:
    with Session(bind=db.session.get_bind()) as session:
        instance = session.get(ProcessInstance, instance_id)
        complete_user_task(RunContext(session=session), instance, task_uuid, {"bedrag": 5000})
        session.commit() if commit else session.rollback()


def test_the_saved_workflow_is_handed_out_once_and_only_for_its_own_state(app):
    instance_id, _ = _started_and_committed()
    state = db.session.get(ProcessInstance, instance_id).state
    workflow = cache.take(instance_id, state)
    assert workflow is not None and workflow.get_tasks(manual=True)
    assert cache.take(instance_id, state) is None  # taken out: two threads never run the same object
    cache.keep(instance_id, state, workflow)
    assert cache.take(instance_id, state + " ") is None  # another stored text: never handed out


def test_a_rolled_back_step_leaves_no_trace_in_the_next_step(app):
    instance_id, task_uuid = _started_and_committed()
    _complete(instance_id, task_uuid, commit=False)
    _complete(instance_id, task_uuid, commit=True)  # the task is READY again: the stored state counts
    db.session.expire_all()
    assert db.session.get(ProcessInstance, instance_id).lock_version == 3  # insert, start, one step


def test_a_state_written_elsewhere_wins_over_the_cached_workflow(app):
    instance_id, task_uuid = _started_and_committed()
    before = db.session.get(ProcessInstance, instance_id).state
    _complete(instance_id, task_uuid, commit=True)  # this process now caches the state after the step
    with Session(bind=db.session.get_bind()) as other:  # e.g. another worker restores the earlier state
        other.execute(update(ProcessInstance).where(ProcessInstance.id == instance_id).values(
            state=before, lock_version=ProcessInstance.lock_version + 1))
        other.commit()
    _complete(instance_id, task_uuid, commit=True)  # READY again in the stored state
    with pytest.raises(TaskNotReady):
        _complete(instance_id, task_uuid, commit=True)


def test_a_model_knows_whether_it_has_message_events():
    assert parse_model(bpmn("bericht.bpmn")).has_messages is True
    assert parse_model(bpmn("simple.bpmn")).has_messages is False


def test_an_activity_outside_the_register_is_refused_also_when_ids_are_cached(app):
    session = db.session()
    assert activity_id(session, "wmo-behandeling") == activity_id(session, "wmo-behandeling")
    with pytest.raises(LookupError, match="not in the register"):
        activity_id(session, "geen-activiteit")
