"""Jobs: in-process without Redis; with a real Redis, a real rq worker process fires due timers."""
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app import db
from app.engine import RunContext, deploy_model, start_instance
from app.jobs import queue as job_queue
from app.models import HumanTask, Person, Zaak
from real_worker import redis_jobs  # noqa: F401 — fixture

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL is not set (.ci/run starts a Redis)")


def _instance_with_timer_in(seconds: float):
    """A case on the test model whose timer falls due `seconds` from now (committed)."""
    session = db.session()
    person = session.query(Person).order_by(Person.id).first()
    zaak = Zaak(gemeente_id=person.gemeente_id, zaaknummer=f"T-JOB-{time.monotonic_ns()}", domein="wmo", person_id=person.id,
                omschrijving="test", kanaal="telefoon", ontvangen_op=datetime.now().date())
    session.add(zaak)
    session.flush()
    definition, _ = deploy_model(session, (ROOT / "tests/data/bpmn/simple.bpmn").read_bytes())
    due = (datetime.now(timezone.utc) + timedelta(seconds=seconds)).isoformat()
    instance = start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id,
                              {"termijn": due, "bedrag": 1})
    session.commit()
    return instance


def _escalations(instance) -> int:
    db.session.expire_all()
    return db.session.query(HumanTask).filter_by(instance_id=instance.id, spec_name="escaleren").count()


def test_without_redis_a_job_runs_in_process(app):
    previous, app.config["REDIS_URL"] = app.config["REDIS_URL"], None
    try:
        assert job_queue.enqueue(sum, [1, 2, 3]).result(timeout=60) == 6  # on the job thread: background.py
    finally:
        app.config["REDIS_URL"] = previous


def test_the_tick_command_fires_due_timers(app):
    instance = _instance_with_timer_in(1.0)
    time.sleep(1.1)
    result = app.test_cli_runner().invoke(args=["tick"])
    assert result.exit_code == 0 and result.output.startswith("1 ")
    assert _escalations(instance) == 1


def _run_worker(database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DATABASE_URL": database_url,
           "TEST_DATABASE_URL": database_url, "CUMULUS_ENV": "test"}
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.redis
@needs_redis
def test_a_real_rq_worker_fires_a_due_timer_queued_after_the_commit(redis_jobs, database_url):
    from app.jobs.tasks import tick
    instance = _instance_with_timer_in(1.0)
    time.sleep(1.1)
    job = job_queue.enqueue(tick)
    assert _escalations(instance) == 0  # queued, not run here
    result = _run_worker(database_url)
    assert result.returncode == 0, result.stderr[-2000:]
    job.refresh()
    assert job.get_status() == "finished" and job.return_value() == 1
    assert _escalations(instance) == 1


@pytest.mark.redis
@needs_redis
def test_the_worker_keeps_exactly_one_tick_on_the_schedule(redis_jobs, database_url):
    from rq import Queue
    from rq.registry import ScheduledJobRegistry
    assert _run_worker(database_url).returncode == 0
    job_queue.schedule_tick()  # a second worker starting: no second tick
    registry = ScheduledJobRegistry(queue=Queue(job_queue.QUEUE, connection=redis_jobs))
    jobs = [registry.job_class.fetch(i, connection=redis_jobs) for i in registry.get_job_ids()]
    assert [j.func_name for j in jobs] == ["app.jobs.tasks.tick_and_reschedule"]


@pytest.mark.redis
@needs_redis
def test_a_real_rq_worker_sends_the_mail_a_use_case_wrote(app, redis_jobs, database_url, api_as, person):
    import socket

    from aiosmtpd.controller import Controller

    from app.models import OutboxMail
    from app.services.signals import send_deadline_signals
    from case_flow import start_case
    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.extend(envelope.rcpt_tos)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Controller(Handler(), hostname="127.0.0.1", port=port)
    server.start()
    zaak = start_case(api_as("consulent"), person.bsn)
    task = db.session.query(HumanTask).filter_by(zaak_id=zaak["id"], status="open").one()
    task.due_at = datetime.now(timezone.utc) + timedelta(days=1)
    db.session.commit()
    smtp = {"MAIL_SMTP_HOST": "127.0.0.1", "MAIL_SMTP_PORT": str(port), "MAIL_SMTP_STARTTLS": "0"}
    app.config.update(MAIL_SMTP_HOST="127.0.0.1", MAIL_SMTP_PORT=port, MAIL_SMTP_STARTTLS=False)
    try:
        assert send_deadline_signals() == 1
        assert received == []  # queued on rq after the commit, not sent by the use case
        env = {**os.environ, "REDIS_URL": REDIS_URL, "DATABASE_URL": database_url,
               "TEST_DATABASE_URL": database_url, "CUMULUS_ENV": "test", **smtp}
        worker = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"], cwd=ROOT,
                                env=env, capture_output=True, text=True, timeout=120)
        assert worker.returncode == 0, worker.stderr[-2000:]
    finally:
        server.stop()
        app.config.update(MAIL_SMTP_HOST=None, MAIL_SMTP_PORT=587, MAIL_SMTP_STARTTLS=True)
    assert sorted(received) == ["consulent@gemeente.example", "senior@gemeente.example", "teamleider@gemeente.example"]
    db.session.expire_all()
    assert {m.status for m in db.session.query(OutboxMail)} == {"verzonden"}
