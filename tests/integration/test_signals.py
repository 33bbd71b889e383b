"""Deadline signals: a task that comes due this week or is overdue is marked in the werkvoorraad and mailed
once per task and signal — to whoever picked it up, else to everyone with its role; without an SMTP server
the mails land in the local outbox page."""
import socket
from datetime import timedelta

from app import db
from app.config import TestConfig
from app.jobs.background import drain
from app.models import HumanTask, OutboxMail, TaskSignal
from app.models.base import utcnow
from app.domain.deadlines import format_date_nl
from app.services.inbox import TZ
from app.services.signals import send_deadline_signals
from app.services.tasks import claim_task
from case_flow import start_case
from test_instellingen import FORM as SETTINGS_FORM


def _task_due_in(api_as, person, days: float) -> HumanTask:
    zaak = start_case(api_as("consulent"), person.bsn)
    task = db.session.query(HumanTask).filter_by(zaak_id=zaak["id"], status="open").one()
    task.due_at = utcnow() + timedelta(days=days)
    db.session.commit()
    return task


def _mails() -> list[tuple[str, str]]:
    return sorted((m.to_address, m.subject) for m in db.session.query(OutboxMail))


def test_a_task_due_this_week_is_mailed_to_everyone_with_its_role_once(api_as, person):
    task = _task_due_in(api_as, person, 3)
    assert send_deadline_signals() == 1
    mails = _mails()
    assert [to for to, _ in mails] == ["consulent@gemeente.example", "senior@gemeente.example",
                                    "teamleider@gemeente.example"]
    due = format_date_nl(task.due_at.astimezone(TZ).date())
    assert all(subject.startswith(f"Taak moet uiterlijk {due} klaar: Triage van de melding (Z-") for _, subject in mails)
    assert send_deadline_signals() == 0 and len(_mails()) == 3  # once per task and signal
    assert db.session.query(TaskSignal).filter_by(task_id=task.id).one().state == "deze-week"


def test_an_overdue_task_is_mailed_again_as_te_laat_to_whoever_picked_it_up(api_as, person, users):
    task = _task_due_in(api_as, person, 3)
    send_deadline_signals()
    claim_task(users["consulent"], task.id)
    db.session.query(OutboxMail).delete()
    task = db.session.get(HumanTask, task.id)
    task.due_at = utcnow() - timedelta(days=2)
    db.session.commit()
    assert send_deadline_signals() == 1
    [(to, subject)] = _mails()
    assert to == "consulent@gemeente.example" and subject.startswith("Taak is te laat:")
    body = db.session.query(OutboxMail).one().body
    assert f"/werkvoorraad/taken/{task.id}" in body
    assert person.bsn not in body and person.achternaam not in body  # no personal data leaves by mail


def test_the_beheerder_sets_how_many_days_before_its_last_day_a_task_is_signalled(api_as, client_as, person):
    three, one = _task_due_in(api_as, person, 3), _task_due_in(api_as, person, 1)
    response = client_as("beheerder").post("/beheer/instellingen", data={**SETTINGS_FORM, "SIGNAAL_DAGEN_VOORAF": "2"},
                                           follow_redirects=True)
    assert "1 instelling gewijzigd" in response.get_data(as_text=True)
    assert send_deadline_signals() == 1
    assert [s.task_id for s in db.session.query(TaskSignal)] == [one.id]  # three days ahead: not yet
    client_as("beheerder").post("/beheer/instellingen", data={**SETTINGS_FORM, "SIGNAAL_DAGEN_VOORAF": "3"})
    assert send_deadline_signals() == 1
    assert sorted(s.task_id for s in db.session.query(TaskSignal)) == sorted([one.id, three.id])


def test_a_task_due_later_or_done_gets_no_mail(api_as, person, users):
    _task_due_in(api_as, person, 30)
    assert send_deadline_signals() == 0 and _mails() == []


def test_the_werkvoorraad_marks_due_and_overdue_tasks(api_as, client_as, person):
    _task_due_in(api_as, person, -2)
    _task_due_in(api_as, person, 2)
    page = client_as("consulent").get("/werkvoorraad/").get_data(as_text=True)
    assert "Te laat: 1" in page and "Deze week klaar: 1" in page
    assert page.count('cumulus-badge cumulus-badge--te-laat">Te laat</span>') == 1
    assert page.count('cumulus-badge cumulus-badge--deze-week">Deze week</span>') == 1


def test_the_outbox_page_shows_the_mails_to_staff_only(api_as, client_as, person):
    _task_due_in(api_as, person, 1)
    send_deadline_signals()
    page = client_as("consulent").get("/werkvoorraad/ontwikkeling/mail")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Uitgaande e-mail" in text and "senior@gemeente.example" in text and "Taak moet uiterlijk" in text
    assert client_as("inwoner").get("/werkvoorraad/ontwikkeling/mail").status_code == 403


def test_with_an_smtp_server_configured_mail_goes_there(app, api_as, person):
    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append((envelope.rcpt_tos, envelope.content.decode()))
            return "250 OK"

    with socket.socket() as probe:  # a free port for the local SMTP server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Controller(Handler(), hostname="127.0.0.1", port=port)
    server.start()
    _task_due_in(api_as, person, 1)
    app.config.update(MAIL_SMTP_HOST="127.0.0.1", MAIL_SMTP_PORT=port,
                      MAIL_SMTP_STARTTLS=False, REDIS_URL=None)  # sent by the in-process job thread
    try:
        assert send_deadline_signals() == 1
        assert drain()  # the mails go out on the job thread, after the signal's commit
    finally:
        server.stop()
        app.config.update(MAIL_SMTP_HOST=None, MAIL_SMTP_PORT=587, MAIL_SMTP_STARTTLS=True,
                          REDIS_URL=TestConfig.REDIS_URL)
    assert sorted(to for tos, _ in received for to in tos) == ["consulent@gemeente.example", "senior@gemeente.example",
                                    "teamleider@gemeente.example"]
    assert "Subject: Taak moet uiterlijk" in received[0][1] and "klaar: Triage van de melding" in received[0][1]
    db.session.expire_all()
    assert {m.status for m in db.session.query(OutboxMail)} == {"verzonden"}  # none kept for the local page
