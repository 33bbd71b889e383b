"""The embedded default (no Redis): jobs run on a worker thread of the process after the commit, never inside
the request; a job lost with its process (killed before the thread ran it) is done by the next start or the
tick, so no beschikking ends without its letter and no mail is lost."""
import json
import os
import socket
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from app import db
from app.jobs.background import drain
from app.jobs.queue import enqueue
from app.models import Beschikking, Document, HumanTask, OutboxMail
from app.models.base import utcnow
from app.services.mail import deliver_mail, deliver_waiting_mail
from case_data import form_data
from case_flow import WMO_STEPS, complete_steps, open_task_of, start_case

HERE = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _no_redis(app):
    previous, app.config["REDIS_URL"] = app.config["REDIS_URL"], None
    yield
    app.config["REDIS_URL"] = previous


def _thread_name() -> str:
    return threading.current_thread().name


def test_a_job_runs_on_the_job_thread_not_in_the_caller(app):
    future = enqueue(_thread_name)
    assert future.result(timeout=60).startswith("cumulus-jobs")


def test_with_jobs_inline_a_job_runs_in_the_caller(app):
    app.config["JOBS_INLINE"] = True
    try:
        assert enqueue(_thread_name) == threading.current_thread().name
    finally:
        app.config["JOBS_INLINE"] = False


def _at_the_besluit(api_as, person) -> tuple[int, dict]:
    consulent = api_as("consulent")
    zaak = start_case(consulent, person.bsn)
    complete_steps(consulent, zaak["id"], steps=WMO_STEPS[:-1])
    task = open_task_of(consulent, zaak["id"])
    assert task["taak"] == "besluit_voorbereiden"
    return zaak["id"], task


def test_the_click_that_completes_the_besluit_returns_before_the_letter_exists_then_it_appears(app, api_as, person):
    zaak_id, task = _at_the_besluit(api_as, person)
    release = threading.Event()
    enqueue(release.wait)  # hold the job thread: the test looks between the response and the letter
    click = app.test_client(drain=False)
    response = click.post(f"/api/v1/taken/{task['id']}/voltooien", headers=api_as("consulent").headers,
                          json={"gegevens": form_data(task["formulier"])})
    assert response.status_code == 200, response.json
    assert db.session.query(Beschikking).filter_by(zaak_id=zaak_id).count() == 1  # committed by the click
    assert db.session.query(Document).filter_by(zaak_id=zaak_id).count() == 0  # the letter is not made in it
    release.set()
    assert drain()
    document = db.session.query(Document).filter_by(zaak_id=zaak_id).one()
    assert document.soort == "beschikking" and document.pdf.startswith(b"%PDF-")


def _app_process(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "CUMULUS_ENV": "test"}
    env.pop("TEST_REDIS_URL", None)
    return subprocess.run([sys.executable, str(HERE / "app_process.py"), *args], env=env, capture_output=True,
                          text=True, timeout=180)


def _besluit_in_a_process_that_is_killed(api_as, person, users, database_url) -> int:
    """A committed beschikking whose letter job was still queued when its process was SIGKILLed."""
    zaak_id, task = _at_the_besluit(api_as, person)
    crashed = _app_process(database_url, "crash-after-besluit", str(users["consulent"].id), str(task["id"]),
                           json.dumps(form_data(task["formulier"])))
    assert crashed.returncode == -9, crashed.stderr[-3000:]
    db.session.expire_all()
    assert db.session.query(Beschikking).filter_by(zaak_id=zaak_id).count() == 1
    assert db.session.query(Document).filter_by(zaak_id=zaak_id).count() == 0
    return zaak_id


def test_a_letter_lost_with_its_process_is_made_when_the_app_starts_again(app, api_as, person, users, database_url):
    zaak_id = _besluit_in_a_process_that_is_killed(api_as, person, users, database_url)
    started = _app_process(database_url, "start")
    assert started.returncode == 0, started.stderr[-3000:]
    lines = [json.loads(line) for line in started.stdout.splitlines() if line.startswith("{")]
    assert lines == [{"threads_after_create_app": []},  # nothing runs before a request (a gunicorn master forks)
                     {"threads_after_first_request": ["cumulus-jobs"]}]
    db.session.expire_all()
    assert db.session.query(Document).filter_by(zaak_id=zaak_id).one().pdf.startswith(b"%PDF-")


def test_a_letter_lost_with_its_process_is_made_by_the_tick(app, api_as, person, users, database_url):
    zaak_id = _besluit_in_a_process_that_is_killed(api_as, person, users, database_url)
    result = app.test_cli_runner().invoke(args=["tick"])
    assert result.exit_code == 0 and "1 ontbrekende beschikkingsbrief" in result.output, result.output
    db.session.expire_all()
    assert db.session.query(Document).filter_by(zaak_id=zaak_id).count() == 1


def test_a_process_that_exits_first_runs_the_jobs_it_queued(app, api_as, person, users, database_url):
    zaak_id, task = _at_the_besluit(api_as, person)
    done = _app_process(database_url, "exit-after-besluit", str(users["consulent"].id), str(task["id"]),
                        json.dumps(form_data(task["formulier"])))
    assert done.returncode == 0, done.stderr[-3000:]
    db.session.expire_all()
    assert db.session.query(Document).filter_by(zaak_id=zaak_id).count() == 1


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller
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
    yield port, received
    server.stop()


def test_a_mail_lost_with_its_process_is_sent_by_the_tick_and_only_once(app, api_as, person, database_url,
                                                                        smtp_server):
    port, received = smtp_server
    zaak = start_case(api_as("consulent"), person.bsn)
    task = db.session.query(HumanTask).filter_by(zaak_id=zaak["id"], status="open").one()
    task.due_at = utcnow() + timedelta(days=1)
    db.session.commit()
    crashed = _app_process(database_url, "crash-after-signals", str(port))
    assert crashed.returncode == -9, crashed.stderr[-3000:]
    db.session.expire_all()
    waiting = db.session.query(OutboxMail).filter_by(status="wachtend").all()
    assert len(waiting) == 3 and received == []  # written with the signal, never sent

    app.config.update(MAIL_SMTP_HOST="127.0.0.1", MAIL_SMTP_PORT=port, MAIL_SMTP_STARTTLS=False)
    try:
        assert deliver_waiting_mail() == 0  # younger than MAIL_HERSTEL_SECONDEN: its job may still come
        app.config["MAIL_HERSTEL_SECONDEN"] = 0
        result = app.test_cli_runner().invoke(args=["tick"])
        assert result.exit_code == 0 and "3 wachtende mail(s) verstuurd" in result.output, result.output
        assert deliver_mail(waiting[0].id) is False  # sent already: a late job changes nothing
    finally:
        app.config.update(MAIL_SMTP_HOST=None, MAIL_SMTP_PORT=587, MAIL_SMTP_STARTTLS=True,
                          MAIL_HERSTEL_SECONDEN=120)
    assert sorted(received) == ["consulent@gemeente.example", "senior@gemeente.example", "teamleider@gemeente.example"]
    db.session.expire_all()
    assert {m.status for m in db.session.query(OutboxMail)} == {"verzonden"}


def test_on_the_job_thread_the_pdf_is_rendered_by_a_helper_process_and_elsewhere_here(app):
    from app.jobs import background
    html = "<html><body><p>Beschikking</p></body></html>"
    assert enqueue(background.render_pdf, html).result(timeout=120).startswith(b"%PDF-")
    helper = background._helper
    assert helper is not None and helper.poll() is None and helper.pid != os.getpid()  # off our GIL
    assert background.render_pdf(html).startswith(b"%PDF-") and background._helper is helper  # here: no new helper
    helper.kill()  # a helper that died: the next letter starts a new one
    helper.wait()
    assert enqueue(background.render_pdf, html).result(timeout=120).startswith(b"%PDF-")
    assert background._helper.pid != helper.pid
