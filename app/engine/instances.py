"""The engine verbs on instances: start, complete a user task, fire due timers (messages: messages.py).

Each verb loads the instance, changes it, runs engine steps, saves it and refreshes the
inbox rows and message subscriptions — inside the caller's transaction. Nothing here commits.
"""
import logging
from datetime import datetime

from uuid import UUID

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select

from ..models import ProcessDefinition, ProcessInstance
from .errors import TaskNotReady
from .failures import model_errors
from .operations import RunContext
from .runtime import new_workflow, open_workflow, run_steps, save_and_sync

logger = logging.getLogger(__name__)


def start_instance(ctx: RunContext, definition: ProcessDefinition, zaak_id: int, data: dict) -> ProcessInstance:
    """Create an instance of `definition` for a zaak with start data, and run it to its first wait.

    The inbox rows it made ready are on `instance.new_tasks`."""
    workflow = new_workflow(definition, ctx)
    workflow.get_next_task(state=TaskState.READY).data.update(data)
    run_steps(workflow)  # a failure here raises before the instance exists: the caller's transaction rolls back
    instance = ProcessInstance(definition=definition, zaak_id=zaak_id, state="{}")
    ctx.session.add(instance)
    ctx.session.flush()
    save_and_sync(ctx, instance, workflow)
    logger.info("Started %s v%s for zaak %s", definition.key, definition.version, zaak_id)
    return instance


def complete_user_task(ctx: RunContext, instance: ProcessInstance, task_uuid: str, data: dict) -> list:
    """Complete one READY user task with validated form data and run on; return new inbox rows.

    A failing post-script or later step raises ScriptError before anything is saved: the workflow
    object is dropped (it is not put back in the cache) and the stored state is still the old one."""
    workflow = open_workflow(instance, ctx)
    task = _ready_user_task(workflow, task_uuid)
    with model_errors(instance):
        task.set_data(**data)
        task.run()
    run_steps(workflow, instance=instance)
    return save_and_sync(ctx, instance, workflow)


def fire_timers(ctx: RunContext, instance: ProcessInstance) -> list:
    """Fire whatever timers of this instance are due now (and run on from a failed step: the retry of an
    incident); return new inbox rows."""
    workflow = open_workflow(instance, ctx)
    run_steps(workflow, refresh_timers=True, instance=instance)
    return save_and_sync(ctx, instance, workflow)


def _ready_user_task(workflow, task_uuid: str):
    try:
        task = workflow.get_task_from_id(UUID(task_uuid))
    except Exception:
        task = None
    if task is None or task.state != TaskState.READY or not task.task_spec.manual:
        raise TaskNotReady("Deze taak staat niet (meer) open.")
    return task


def due_instances(session, now: datetime, limit: int = 100) -> list[ProcessInstance]:
    """Instances with a passed timer, claimed with SKIP LOCKED so parallel ticks never share one."""
    query = (select(ProcessInstance).where(ProcessInstance.status == "running",
                                           ProcessInstance.next_timer_at <= now)
             .order_by(ProcessInstance.next_timer_at).limit(limit))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=ProcessInstance)  # not the joined definition
    return list(session.scalars(query))
