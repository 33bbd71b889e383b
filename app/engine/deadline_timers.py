"""Move a legal deadline inside a running instance: the process variable, the armed timeDate timers that read it
and the due date of the open inbox rows that show it (an opschorting or verdaging, services/termijn_klok.py).

SpiffWorkflow evaluates a timeDate expression once, when the timer is armed, and keeps the result as the task's
`event_value`; changing the variable alone would leave the armed timer on the old moment.
"""
import logging
from datetime import datetime
from uuid import UUID

from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimeDateEventDefinition
from SpiffWorkflow.util.task import TaskState

from ..models import HumanTask, ProcessInstance
from .operations import RunContext
from .runtime import open_workflow, save_and_sync

logger = logging.getLogger(__name__)

#: Tasks whose data still flows on: what waits, what is ready and what runs (a boundary event's parent).
LIVE = TaskState.WAITING | TaskState.READY | TaskState.STARTED


def move_deadline_timers(ctx: RunContext, instance: ProcessInstance, variable: str, due: datetime) -> int:
    """Set `variable` to `due` in the live tasks of `instance` and re-arm the unfired timers on it; return how
    many timers moved (0 when the instance does not use the variable, which then is left unchanged)."""
    workflow = open_workflow(instance, ctx)
    value = due.isoformat()
    touched = moved = 0
    for task in workflow.get_tasks(state=LIVE):
        if variable in task.data and task.data[variable] != value:
            task.data[variable] = value
            touched += 1
        event = getattr(task.task_spec, "event_definition", None)
        if (isinstance(event, TimeDateEventDefinition) and str(event.expression).strip() == variable
                and task.state == TaskState.WAITING and not task._get_internal_data("event_fired", False)):
            task._set_internal_data(event_value=value)
            moved += 1
    if not (touched or moved):
        return 0
    save_and_sync(ctx, instance, workflow)
    _move_due_dates(ctx.session, instance, workflow, variable, due)
    logger.info("Instance %s: %s set to %s, %d timers re-armed", instance.id, variable, value, moved)
    return moved


def _move_due_dates(session, instance: ProcessInstance, workflow, variable: str, due: datetime) -> None:
    """Open inbox rows of user tasks whose `deadline` property names the variable take the new date."""
    for row in session.query(HumanTask).filter_by(instance_id=instance.id, status="open"):
        task = workflow.get_task_from_id(UUID(row.task_uuid))
        props = ((task.task_spec.extensions or {}).get("properties", {})) if task is not None else {}
        if props.get("deadline") == variable:
            row.due_at = due
