"""Fault test: the timer tick, running in a real rq worker, SIGKILLed halfway (after a random number of
its timers, possibly inside the next one's transaction); the next tick fires each due timer exactly once
and mails each signal once: no double escalation, no double mail. PostgreSQL + Redis only."""
import time
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

from app import db
from app.engine import RunContext, deploy_model, start_instance
from app.jobs import queue as job_queue
from app.jobs.tasks import tick
from app.models import HumanTask, OutboxMail, Person, ProcessInstance, TaskSignal, Zaak, ZaakEvent
from faults import ROOT, fault_rng, kill_tree, needs_postgres_and_redis  # noqa: F401 — fixture
from real_worker import redis_jobs, start_worker, stop, wait_for  # noqa: F401 — fixture

pytestmark = [pytest.mark.redis, pytest.mark.faults, needs_postgres_and_redis]
INSTANCES = 20


def _overdue_instances(count: int) -> dict[int, int]:
    """`count` cases on the test model whose timer (and task deadline) has just passed; id → lock_version.

    The timer is set a few seconds ahead (a timer already due at the start fires at once) and waited for."""
    session = db.session()
    person = session.query(Person).order_by(Person.id).first()
    definition, _ = deploy_model(session, (ROOT / "tests/data/bpmn/simple.bpmn").read_bytes())
    due = datetime.now(timezone.utc) + timedelta(seconds=5)
    versions = {}
    for n in range(count):
        zaak = Zaak(gemeente_id=person.gemeente_id, zaaknummer=f"T-TICK-{n}", domein="wmo", person_id=person.id, omschrijving="test",
                    kanaal="telefoon", ontvangen_op=datetime.now().date())
        session.add(zaak)
        session.flush()
        instance = start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id,
                                  {"termijn": due.isoformat(), "bedrag": 1})
        session.flush()
        versions[instance.id] = instance.lock_version
    session.commit()
    assert _progress() == 0, "the timers fired before the tick: make the setup's deadline later"
    wait_for(lambda: datetime.now(timezone.utc) > due, timeout=30, what="the deadline to pass")
    return versions


def _progress() -> int:
    """Escalation tasks made plus deadline signals sent: what the tick has committed so far."""
    db.session.expire_all()
    done = (db.session.query(HumanTask).filter_by(spec_name="escaleren").count()
            + db.session.query(TaskSignal).count())
    db.session.rollback()
    return done


def _wait_for_escalations(count: int, timeout: float = 120) -> None:
    """Poll tightly (a timer fires in a few tens of milliseconds) until `count` escalations are committed."""
    deadline = time.monotonic() + timeout
    while db.session.query(HumanTask).filter_by(spec_name="escaleren").count() < count:
        db.session.rollback()
        assert time.monotonic() < deadline, f"the tick did not fire {count} timers in {timeout}s"
        time.sleep(0.002)
    db.session.rollback()


def _due_timers() -> int:
    db.session.expire_all()
    return db.session.query(ProcessInstance).filter(
        ProcessInstance.next_timer_at <= datetime.now(timezone.utc)).count()


def test_a_tick_killed_halfway_fires_each_due_timer_once_after_the_next_tick(
        app, database_url, redis_jobs, fault_rng, tmp_path):
    versions = _overdue_instances(INSTANCES)
    # Killed after a random number of timers fired (and a random part of the next one's transaction);
    # the mails come after the timers, so none of them went yet.
    kill_at, extra = fault_rng.randrange(1, INSTANCES - 1), fault_rng.uniform(0, 0.03)
    job_queue.enqueue(tick)
    with open(tmp_path / "worker.log", "w+") as log:
        worker = start_worker(database_url, log=log)
        try:
            _wait_for_escalations(kill_at)
            time.sleep(extra)
            kill_tree(worker.pid)
        finally:
            stop(worker)
        log.seek(0)
        output = log.read()
    escalations_at_kill, progress_at_kill = db.session.query(HumanTask).filter_by(spec_name="escaleren").count(), \
        _progress()

    job_queue.enqueue(tick)  # the next tick
    again = start_worker(database_url, burst=True)
    assert again.wait(timeout=120) == 0, stop(again)[-2000:]

    db.session.expire_all()
    assert _progress() > progress_at_kill, \
        f"the tick finished before it was killed (at step {kill_at}): nothing was tested\n{output[-2000:]}"
    assert _due_timers() == 0
    escalations = Counter(t.instance_id for t in db.session.query(HumanTask).filter_by(spec_name="escaleren"))
    assert escalations == Counter(dict.fromkeys(versions, 1)), f"{escalations_at_kill} escalations at the kill"
    for instance in db.session.query(ProcessInstance).filter(ProcessInstance.id.in_(versions)):
        assert instance.lock_version == versions[instance.id] + 1, "an instance was saved twice by its timer"
    assert Counter(e.zaak_id for e in db.session.query(ZaakEvent).filter_by(kind="termijn_verstreken")) == \
        Counter(dict.fromkeys((i.zaak_id for i in db.session.query(ProcessInstance)), 1))
    signalled = db.session.query(TaskSignal).join(HumanTask, HumanTask.id == TaskSignal.task_id).filter(
        HumanTask.spec_name == "beoordelen").count()
    assert signalled == INSTANCES  # every task due today got its one signal, the killed tick's or the next one's
    mails = Counter((m.subject, m.to_address) for m in db.session.query(OutboxMail))
    assert set(mails.values()) == {1}, "a deadline mail went twice to the same person"
    assert sum(mails.values()) == sum(s.recipients for s in db.session.query(TaskSignal))
    with app.app_context():
        assert tick() == 0  # a third tick: nothing left to fire or mail
    db.session.expire_all()
    assert db.session.query(OutboxMail).count() == sum(mails.values())
