"""Use case: tell staff by e-mail when an open task comes due soon (within the setting SIGNAAL_DAGEN_VOORAF,
7 days unless the beheerder changed it) or is overdue — once per task and signal (task_signal keeps what was
sent; the soon signal keeps its stored name 'deze-week'). The periodic tick calls this."""
import logging
from datetime import datetime, timedelta

from sqlalchemy import and_, case, exists, select
from sqlalchemy.exc import IntegrityError

from ..domain.deadlines import end_of_day, format_date_nl
from ..models import HumanTask, TaskSignal, User, Zaak
from ..models.base import utcnow
from .inbox import TZ
from .gemeenten import works_for
from .mail import send_mail
from .settings import setting
from .uow import unit_of_work

logger = logging.getLogger(__name__)
SIGNALS = ("deze-week", "te-laat")
SOON, LATE = SIGNALS


def send_deadline_signals(now: datetime | None = None, limit: int = 500) -> int:
    """Mail the signals not sent yet (each task in its own transaction); returns how many were sent."""
    now = now or utcnow()
    sent = 0
    for task_id, state in _due_signals(now, limit):
        try:
            with unit_of_work() as session:
                sent += _signal(session, task_id, state)
        except IntegrityError:  # another worker sent this one a moment ago
            logger.info("Signal %s of task %s was already sent", state, task_id)
    return sent


def _due_signals(now: datetime, limit: int) -> list[tuple[int, str]]:
    today = now.astimezone(TZ).date()
    before_today = end_of_day(today - timedelta(days=1))
    soon_end = end_of_day(today + timedelta(days=setting("SIGNAAL_DAGEN_VOORAF")))
    with unit_of_work() as session:
        state = case((HumanTask.due_at <= before_today, LATE), else_=SOON)
        already = exists().where(and_(TaskSignal.task_id == HumanTask.id, TaskSignal.state == state))
        query = (select(HumanTask.id, state).where(HumanTask.status == "open", HumanTask.due_at <= soon_end, ~already)
                 .order_by(HumanTask.due_at, HumanTask.id).limit(limit))
        return [(row[0], row[1]) for row in session.execute(query)]


def _signal(session, task_id: int, state: str) -> int:
    task = session.get(HumanTask, task_id)
    recipients = _recipients(session, task)
    session.add(TaskSignal(task_id=task.id, state=state, recipients=len(recipients)))
    session.flush()  # the unique (task, state) row is the claim: a second worker stops here
    zaak = session.get(Zaak, task.zaak_id)
    for user in recipients:
        send_mail(session, user.email, f"{_subject(task, state)}: {task.title} ({zaak.zaaknummer})",
                  _body(task, zaak, state))
    logger.info("Signal %s of task %s mailed to %d people", state, task.id, len(recipients))
    return 1


def _recipients(session, task: HumanTask) -> list[User]:
    """Whoever picked the task up; else everyone with the task's role (the lane) in the task's gemeente."""
    if task.assignee_id:
        user = session.get(User, task.assignee_id)
        return [user] if user.active and user.email else []
    staff = session.scalars(select(User).where(User.active.is_(True), User.email.is_not(None),
                                               User.roles.contains(task.lane), works_for(task.gemeente_id))
                            .order_by(User.id))
    return [u for u in staff if u.has_role(task.lane)]


def _subject(task: HumanTask, state: str) -> str:
    if state == LATE:
        return "Taak is te laat"
    return f"Taak moet uiterlijk {format_date_nl(task.due_at.astimezone(TZ).date())} klaar"


def _body(task: HumanTask, zaak: Zaak, state: str) -> str:
    """Plain text without names or BSN: the mail leaves our systems, the details stay behind the login."""
    due = format_date_nl(task.due_at.astimezone(TZ).date())
    line = (f"De termijn van deze taak is verstreken op {due}." if state == LATE
            else f"Deze taak moet uiterlijk {due} klaar zijn.")
    link = f"{setting('PUBLIC_URL')}/werkvoorraad/taken/{task.id}"
    return (f"Goedendag,\n\n{line}\n\nTaak: {task.title}\nZaak: {zaak.zaaknummer}\n"
            f"Rol: {task.lane}\n\nOpen de taak in Cumulus: {link}\n\n"
            "U krijgt dit bericht omdat u deze taak heeft opgepakt of de rol ervan heeft.\n")
