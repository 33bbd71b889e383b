"""The engine on real models in a real database: deploy, start, complete, timers, messages, versions."""
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app import db
from app.engine import (InvalidModel, NotCorrelated, RunContext, complete_user_task, deliver_message,
                        deploy_model, due_instances, fire_timers, start_instance)
from app.models import HumanTask, MessageSubscription, ProcessInstance

from engine_helpers import bpmn, new_zaak


def _start(xml: bytes, data: dict):
    session = db.session()
    zaak = new_zaak()
    definition, _ = deploy_model(session, xml)
    instance = start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id, data)
    session.flush()
    return session, instance


def _open(session, instance, spec_name=None):
    query = session.query(HumanTask).filter_by(instance_id=instance.id, status="open")
    if spec_name:
        query = query.filter_by(spec_name=spec_name)
    return query.all()


def _in(seconds: float) -> str:
    return (datetime.now(timezone.utc) + timedelta(seconds=seconds)).isoformat()


def test_a_started_instance_puts_its_user_task_in_the_inbox_with_lane_form_and_legal_deadline():
    deadline = datetime(2030, 1, 7, 23, 59, 59, tzinfo=timezone.utc)
    session, instance = _start(bpmn("simple.bpmn"), {"termijn": deadline.isoformat(), "bedrag": 10})
    [task] = _open(session, instance)
    assert (task.spec_name, task.lane, task.form_key, task.title) == ("beoordelen", "consulent", "test_beoordelen",
                                                                     "Beoordelen")
    assert task.due_at == deadline
    assert task.instructions == "Beoordeel het verzoek."
    assert instance.next_timer_at == deadline


def test_the_stored_state_leaves_the_spec_out():
    session, instance = _start(bpmn("simple.bpmn"), {"termijn": _in(3600), "bedrag": 10})
    assert '"spec"' not in instance.state and "task_specs" not in instance.state
    assert len(instance.state) < 8000


def test_a_timer_fires_only_once_its_time_has_come_and_escalates_without_stopping_the_case():
    session, instance = _start(bpmn("simple.bpmn"), {"termijn": _in(1.5), "bedrag": 10})
    assert due_instances(session, datetime.now(timezone.utc)) == []
    time.sleep(1.6)
    assert due_instances(session, datetime.now(timezone.utc)) == [instance]
    fire_timers(RunContext(session=session, zaak_id=instance.zaak_id), instance)
    session.flush()
    assert {t.spec_name for t in _open(session, instance)} == {"beoordelen", "escaleren"}
    [escalation] = _open(session, instance, "escaleren")
    assert escalation.lane == "beoordelaar"
    assert escalation.due_at > datetime.now(timezone.utc) + timedelta(days=1)  # due P2D
    assert instance.next_timer_at is None


def test_completing_a_task_runs_the_gateway_on_the_form_data():
    session, instance = _start(bpmn("simple.bpmn"), {"termijn": _in(3600), "bedrag": 10})
    [task] = _open(session, instance)
    task.status = "completed"
    complete_user_task(RunContext(session=session), instance, task.task_uuid, {"bedrag": 5000})
    session.flush()
    [check] = _open(session, instance)
    assert (check.spec_name, check.separate_from) == ("toetsen", "beoordelen")
    check.status = "completed"
    complete_user_task(RunContext(session=session), instance, check.task_uuid, {})
    assert instance.status == "completed"


def test_a_message_reaches_only_the_instance_with_matching_correlation():
    session, waiting_a = _start(bpmn("bericht.bpmn"), {"toewijzing_nummer": "T-1"})
    _, waiting_b = _start(bpmn("bericht.bpmn"), {"toewijzing_nummer": "T-2"})
    assert session.query(MessageSubscription).filter_by(instance_id=waiting_b.id).one().message_name == "start_zorg"
    ctx = RunContext(session=session)
    delivered = deliver_message(ctx, "start_zorg", {"toewijzing_nummer": "T-2", "datum": "2027-01-04"})
    session.flush()
    assert delivered.id == waiting_b.id and waiting_b.status == "completed"
    assert waiting_a.status == "running"
    assert session.query(MessageSubscription).filter_by(instance_id=waiting_b.id).count() == 0


def test_a_message_nobody_waits_for_is_reported_not_crashed():
    session, _ = _start(bpmn("bericht.bpmn"), {"toewijzing_nummer": "T-1"})
    ctx = RunContext(session=session)
    with pytest.raises(NotCorrelated, match="Geen lopende zaak"):
        deliver_message(ctx, "start_zorg", {"toewijzing_nummer": "T-404", "datum": "2027-01-04"})
    with pytest.raises(NotCorrelated):
        deliver_message(ctx, "stop_zorg", {"toewijzing_nummer": "T-1"})


def test_a_new_version_does_not_change_running_cases_and_both_finish():
    v1_xml = bpmn("simple.bpmn").replace(b'id="eenvoudig"', b'id="versies"')
    v2_xml = v1_xml.replace(b'<bpmn:sequenceFlow id="f3" sourceRef="toetsen" targetRef="end"/>',
                            b'<bpmn:sequenceFlow id="f3" sourceRef="toetsen" targetRef="archiveren"/>'
                            b'<bpmn:userTask id="archiveren" name="Archiveren"/>'
                            b'<bpmn:sequenceFlow id="f4" sourceRef="archiveren" targetRef="end"/>')
    session, old = _start(v1_xml, {"termijn": _in(3600), "bedrag": 5000})
    _, new = _start(v2_xml, {"termijn": _in(3600), "bedrag": 5000})
    assert (old.definition.version, new.definition.version) == (1, 2)
    for instance in (old, new):
        for _ in range(3):
            for task in _open(session, instance):
                task.status = "completed"
                complete_user_task(RunContext(session=session), instance, task.task_uuid, {"bedrag": 5000})
                session.flush()
    assert old.status == "completed" and new.status == "completed"
    done = {i.id: {t.spec_name for t in session.query(HumanTask).filter_by(instance_id=i.id)} for i in (old, new)}
    assert "archiveren" not in done[old.id] and "archiveren" in done[new.id]


def test_deploying_the_same_file_twice_makes_no_new_version():
    session = db.session()
    first, is_new = deploy_model(session, bpmn("bericht.bpmn"))
    again, is_new_again = deploy_model(session, bpmn("bericht.bpmn"))
    assert first.id == again.id and is_new_again is False


def test_two_saves_of_the_same_instance_cannot_both_win(app):
    session, instance = _start(bpmn("simple.bpmn"), {"termijn": _in(3600), "bedrag": 10})
    [task] = _open(session, instance)
    session.commit()
    engine = db.session.get_bind()
    first, second = Session(bind=engine), Session(bind=engine)
    mine, theirs = first.get(ProcessInstance, instance.id), second.get(ProcessInstance, instance.id)
    complete_user_task(RunContext(session=first), mine, task.task_uuid, {"bedrag": 10})
    first.commit()
    with pytest.raises(StaleDataError):  # raised at the first flush of the stale instance
        complete_user_task(RunContext(session=second), theirs, task.task_uuid, {"bedrag": 10})
        second.commit()
    second.rollback()
    first.close(), second.close()
    db.session.expire_all()
    assert db.session.get(ProcessInstance, instance.id).status == "completed"


def test_a_model_without_an_executable_process_is_refused_in_dutch():
    with pytest.raises(InvalidModel, match="precies één uitvoerbaar proces"):
        deploy_model(db.session(), bpmn("simple.bpmn").replace(b'isExecutable="true"', b'isExecutable="false"'))


def test_a_model_that_is_not_xml_is_refused_in_dutch():
    with pytest.raises(InvalidModel, match="geen geldige XML"):
        deploy_model(db.session(), b"<bpmn:definitions")


def test_a_message_without_the_value_it_correlates_on_is_not_correlated():
    session, _ = _start(bpmn("bericht.bpmn"), {"toewijzing_nummer": "T-1"})
    with pytest.raises(NotCorrelated):
        deliver_message(RunContext(session=session), "start_zorg", {"datum": "2027-01-04"})


def test_the_subscription_is_found_by_its_correlation_key_among_many():
    session = db.session()
    waiting = [_start(bpmn("bericht.bpmn"), {"toewijzing_nummer": f"T-{n}"})[1] for n in range(30)]
    keys = {row.correlation_key for row in session.query(MessageSubscription)}
    assert len(keys) == 30 and '{"toewijzing_key":{"toewijzing_nummer":"T-17"}}' in keys
    delivered = deliver_message(RunContext(session=session), "start_zorg", {"toewijzing_nummer": "T-17", "datum": "x"})
    assert delivered.id == waiting[17].id
