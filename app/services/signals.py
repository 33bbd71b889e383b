"""Use case: tell staff by e-mail when an open task comes due this week or is overdue — once per task
and signal (task_signal keeps what was sent). The periodic tick calls this."""
import logging
from datetime import datetime

from sqlalchemy import and_, exists, select
from sqlalchemy.exc import IntegrityError

from ..domain.deadlines import format_date_nl
from ..models import HumanTask, TaskSignal, User, Zaak
from ..models.base import utcnow
from .inbox import TZ, termijn_bounds, termijn_case
from .gemeenten import works_for
from .mail import send_mail
from .settings import setting
from .uow import unit_of_work

logger = logging.getLogger(__name__)
SIGNALS = ("deze-week", "te-laat")
SUBJECTS = {"deze-week": "Taak moet deze week klaar", "te-laat": "Taak is te laat"}


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
    with unit_of_work() as session:
        state = termijn_case(now)
        already = exists().where(and_(TaskSignal.task_id == HumanTask.id, TaskSignal.state == state))
        week_end = termijn_bounds(now)[1]
        query = (select(HumanTask.id, state).where(HumanTask.status == "open", HumanTask.due_at <= week_end,
                                                   state.in_(SIGNALS), ~already)
                 .order_by(HumanTask.due_at, HumanTask.id).limit(limit))
        return [(row[0], row[1]) for row in session.execute(query)]


def _signal(session, task_id: int, state: str) -> int:
    task = session.get(HumanTask, task_id)
    recipients = _recipients(session, task)
    session.add(TaskSignal(task_id=task.id, state=state, recipients=len(recipients)))
    session.flush()  # the unique (task, state) row is the claim: a second worker stops here
    zaak = session.get(Zaak, task.zaak_id)
    for user in recipients:
        send_mail(session, user.email, f"{SUBJECTS[state]}: {task.title} ({zaak.zaaknummer})", _body(task, zaak, state))
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


def _body(task: HumanTask, zaak: Zaak, state: str) -> str:
    """Plain text without names or BSN: the mail leaves our systems, the details stay behind the login."""
    due = format_date_nl(task.due_at.astimezone(TZ).date())
    line = (f"De termijn van deze taak is verstreken op {due}." if state == "te-laat"
            else f"Deze taak moet uiterlijk {due} klaar zijn.")
    link = f"{setting('PUBLIC_URL')}/werkvoorraad/taken/{task.id}"
    return (f"Goedendag,\n\n{line}\n\nTaak: {task.title}\nZaak: {zaak.zaaknummer}\n"
            f"Rol: {task.lane}\n\nOpen de taak in Cumulus: {link}\n\n"
            "U krijgt dit bericht omdat u deze taak heeft opgepakt of de rol ervan heeft.\n")
