"""The inbox rows follow the READY user tasks when the session holds changes it has not flushed yet: the open rows
are read without an autoflush (app/engine/human_tasks.py), so what is still in the session must count too."""
import time
from datetime import datetime, timedelta, timezone

from app import db
from app.engine import RunContext, complete_user_task, deploy_model, fire_timers, start_instance
from app.models import HumanTask, ProcessInstance

from engine_helpers import bpmn, new_zaak

#: simple.bpmn with an interrupting boundary timer: when it fires, 'beoordelen' goes away without a human.
INTERRUPTING = bpmn("simple.bpmn").replace(b'cancelActivity="false"', b'cancelActivity="true"').replace(
    b'id="eenvoudig"', b'id="onderbroken"')


def _start(data: dict, flush: bool):
    session = db.session()
    zaak = new_zaak()
    definition, _ = deploy_model(session, INTERRUPTING)
    instance = start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id, data)
    if flush:
        session.flush()
    return session, instance


def _rows(session, instance) -> dict[str, str]:
    return {t.spec_name: t.status for t in session.query(HumanTask).filter_by(instance_id=instance.id)}


def _soon(seconds: float) -> str:
    return (datetime.now(timezone.utc) + timedelta(seconds=seconds)).isoformat()


def test_a_task_ended_by_a_timer_is_cancelled_when_its_row_is_stored_and_not_loaded():
    session, instance = _start({"termijn": _soon(1.0), "bedrag": 10}, flush=True)
    session.commit()
    db.session.remove()  # a new unit of work that has not loaded the row
    session = db.session()
    instance = session.get(ProcessInstance, instance.id)
    time.sleep(1.1)
    fire_timers(RunContext(session=session, zaak_id=instance.zaak_id), instance)
    assert _rows(session, instance) == {"beoordelen": "cancelled", "escaleren": "open"}


def test_a_task_ended_by_a_timer_is_cancelled_when_its_row_is_not_flushed_yet():
    session, instance = _start({"termijn": _soon(1.0), "bedrag": 10}, flush=False)
    assert any(isinstance(obj, HumanTask) for obj in session.new)  # the row of 'beoordelen' waits in the session
    time.sleep(1.1)
    fire_timers(RunContext(session=session, zaak_id=instance.zaak_id), instance)
    assert _rows(session, instance) == {"beoordelen": "cancelled", "escaleren": "open"}


def test_the_row_a_use_case_completed_but_did_not_flush_is_neither_cancelled_nor_made_again():
    session, instance = _start({"termijn": _soon(3600), "bedrag": 10}, flush=True)
    [task] = session.query(HumanTask).filter_by(instance_id=instance.id, status="open").all()
    task.status = "completed"  # as services/tasks.py does, unflushed when the engine runs
    complete_user_task(RunContext(session=session), instance, task.task_uuid, {"bedrag": 10})
    assert _rows(session, instance) == {"beoordelen": "completed"}  # bedrag 10: no check, the process ends
