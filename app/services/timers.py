"""Use cases: fire the timers that are due (legal deadlines, escalations), one instance per transaction;
and retry the step of an instance that a model error parked."""
import logging
from datetime import datetime, timezone

from ..domain import policy
from ..engine import EngineError, RunContext, ScriptError, TaskNotReady, due_instances, fire_timers
from ..models import ProcessInstance, Zaak
from .errors import Forbidden, NotFound
from .history import add_event, add_task_events
from .incidents import record_incident
from .settings import extra_holidays, run_limits
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
                error = exc if isinstance(exc, ScriptError) else ScriptError(str(exc))
                session.rollback()
        if error:  # recorded in a transaction of its own; the instance leaves the due list until retried
            logger.error("Timer of instance %s failed: %s", instance_id, error)
            error.instance_id = instance_id
            record_incident(error, stop=True)
    return fired


def retry_process(actor, instance_id: int) -> ProcessInstance:
    """Run the failed step of a parked instance again, once its data or cause was corrected."""
    try:
        with unit_of_work() as session:
            instance = session.get(ProcessInstance, instance_id)
            if instance is None:
                raise NotFound("Dit proces bestaat niet.")
            zaak = session.get(Zaak, instance.zaak_id)
            decision = policy.decide(actor, "proces.hervatten", zaak)
            if decision.hidden:
                raise NotFound("Dit proces bestaat niet.")
            if not decision:
                raise Forbidden(decision.reason)
            if instance.status != "error":
                raise TaskNotReady("Dit proces staat niet stil; er is niets opnieuw te proberen.")
            instance.status = "running"
            _fire(session, instance)
            add_event(session, zaak.id, "proces_hervat", "Het vastgelopen proces is opnieuw geprobeerd en gaat "
                      "weer verder", actor=actor)
    except ScriptError as exc:
        exc.instance_id = instance_id
        record_incident(exc, stop=True)
        raise
    logger.info("Process instance %s retried by %s", instance_id, actor.username)
    return instance


def _fire(session, instance: ProcessInstance) -> None:
    ctx = RunContext(session=session, zaak_id=instance.zaak_id, limits=run_limits(),
                     extra_holidays=extra_holidays())
    new_tasks = fire_timers(ctx, instance)
    if new_tasks:
        add_event(session, instance.zaak_id, "termijn_verstreken", "Een termijn is verstreken")
    add_task_events(session, instance.zaak_id, new_tasks)
    close_if_finished(session.get(Zaak, instance.zaak_id), instance)
