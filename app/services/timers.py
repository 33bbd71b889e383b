"""Use case: fire the timers that are due (legal deadlines, escalations), one instance per transaction."""
import logging
from datetime import datetime, timezone

from ..engine import EngineError, RunContext, due_instances, fire_timers
from ..models import ProcessInstance, Zaak
from .history import add_event, add_task_events
from .settings import extra_holidays, setting
from .tasks import close_if_finished
from .uow import unit_of_work

logger = logging.getLogger(__name__)


def fire_due_timers(now: datetime | None = None, limit: int = 1000) -> int:
    """Fire every due timer; return how many instances were advanced."""
    now = now or datetime.now(timezone.utc)
    fired, seen = 0, set()
    while fired < limit:
        error = None
        with unit_of_work() as session:
            batch = due_instances(session, now, limit=1)
            if not batch or batch[0].id in seen:
                break
            instance_id = batch[0].id
            seen.add(instance_id)
            try:
                _fire(session, batch[0])
                fired += 1
            except EngineError as exc:
                error = str(exc)
                session.rollback()
        if error:  # marked in a transaction of its own, so it leaves the due list
            logger.error("Timer of instance %s failed: %s", instance_id, error)
            _mark_failed(instance_id, error)
    return fired


def _fire(session, instance: ProcessInstance) -> None:
    ctx = RunContext(session=session, zaak_id=instance.zaak_id, time_limit=setting("SCRIPT_TIME_LIMIT"),
                     extra_holidays=extra_holidays())
    new_tasks = fire_timers(ctx, instance)
    if new_tasks:
        add_event(session, instance.zaak_id, "termijn_verstreken", "Een termijn is verstreken")
    add_task_events(session, instance.zaak_id, new_tasks)
    close_if_finished(session.get(Zaak, instance.zaak_id), instance)


def _mark_failed(instance_id: int, message: str) -> None:
    with unit_of_work() as session:
        instance = session.get(ProcessInstance, instance_id)
        instance.status, instance.error = "error", message
        add_event(session, instance.zaak_id, "procesfout", f"Het proces liep vast: {message}")
