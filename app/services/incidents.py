"""Incidents: a step of a case's process that failed on its model, recorded so the case is never stuck.

The failed step itself rolled back, so the case stays where it was. Here, in a transaction of its own,
the Dutch error is put on the instance (`error`, shown on the case and the task page) with one
'procesfout' line in the case history — once per distinct error, so a bericht that is retried every
tick does not fill the history. A failed timer also parks the instance (status 'error') until a
colleague retries it (timers.retry_process); a failed task completion leaves the task open, and
completing it again is the retry; a bericht whose step failed stays 'ontvangen' and is handled again.
"""
import logging

from ..engine import ScriptError
from ..models import ProcessInstance
from .history import add_event
from .uow import unit_of_work

logger = logging.getLogger(__name__)


def record_incident(error: ScriptError, stop: bool = False) -> None:
    """Note `error` on the instance it names (nothing to note when the step had no instance yet)."""
    if error.instance_id is None:
        return
    message = str(error)
    with unit_of_work() as session:
        instance = session.get(ProcessInstance, error.instance_id)
        if instance is None:
            return
        if stop:
            instance.status = "error"
        if instance.error != message:
            instance.error = message
            add_event(session, instance.zaak_id, "procesfout", f"Het proces kon niet verder: {message}")
    logger.warning("Process instance %s: %s", error.instance_id, message)
