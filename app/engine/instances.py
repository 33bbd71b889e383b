"""The engine verbs on instances: start, complete a user task, fire due timers, deliver a message.

Each verb loads the instance, changes it, runs engine steps, saves it and refreshes the
inbox rows and message subscriptions — inside the caller's transaction. Nothing here commits.
"""
import logging
from datetime import datetime

from SpiffWorkflow.bpmn import BpmnEvent
from SpiffWorkflow.exceptions import WorkflowException
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select

from ..models import MessageSubscription, ProcessDefinition, ProcessInstance
from .errors import NotCorrelated, TaskNotReady
from .human_tasks import sync_human_tasks
from .operations import RunContext
from .runtime import new_workflow, open_workflow, run_steps, save_workflow
from .subscriptions import sync_subscriptions

logger = logging.getLogger(__name__)


def start_instance(ctx: RunContext, definition: ProcessDefinition, zaak_id: int, data: dict) -> ProcessInstance:
    """Create an instance of `definition` for a zaak with start data, and run it to its first wait.

    The inbox rows it made ready are on `instance.new_tasks`."""
    workflow = new_workflow(definition, ctx)
    workflow.get_next_task(state=TaskState.READY).data.update(data)
    run_steps(workflow)
    instance = ProcessInstance(definition=definition, zaak_id=zaak_id, state="{}")
    ctx.session.add(instance)
    ctx.session.flush()
    _save(ctx, instance, workflow)
    logger.info("Started %s v%s for zaak %s", definition.key, definition.version, zaak_id)
    return instance


def complete_user_task(ctx: RunContext, instance: ProcessInstance, task_uuid: str, data: dict) -> list:
    """Complete one READY user task with validated form data and run on; return new inbox rows."""
    workflow = open_workflow(instance, ctx)
    task = _ready_user_task(workflow, task_uuid)
    task.set_data(**data)
    task.run()
    run_steps(workflow)
    return _save(ctx, instance, workflow)


def fire_timers(ctx: RunContext, instance: ProcessInstance) -> list:
    """Fire whatever timers of this instance are due now; return new inbox rows."""
    workflow = open_workflow(instance, ctx)
    run_steps(workflow, refresh_timers=True)
    return _save(ctx, instance, workflow)


def deliver_message(ctx: RunContext, message_name: str, payload: dict) -> ProcessInstance:
    """Hand a message to the one instance waiting for it with matching correlation; else NotCorrelated."""
    candidates = ctx.session.scalars(
        select(ProcessInstance).join(MessageSubscription, MessageSubscription.instance_id == ProcessInstance.id)
        .where(MessageSubscription.message_name == message_name, ProcessInstance.status == "running")
        .order_by(ProcessInstance.id)).unique().all()
    for instance in candidates:
        workflow = open_workflow(instance, ctx)
        event = _event_for(workflow, message_name, payload)
        if event is None:
            continue
        try:
            workflow.send_event(event)
        except WorkflowException:
            continue  # this instance waits for the message, but with other correlation values
        run_steps(workflow)
        _save(ctx, instance, workflow)
        return instance
    raise NotCorrelated(f"Geen lopende zaak wacht op bericht '{message_name}' met deze kenmerken.")


def _event_for(workflow, message_name: str, payload: dict):
    for task in workflow.get_tasks(state=TaskState.WAITING):
        definition = getattr(task.task_spec, "event_definition", None)
        if definition is not None and getattr(definition, "name", None) == message_name:
            correlations = definition.calculate_correlations(
                workflow.script_engine, definition.correlation_properties, payload)
            return BpmnEvent(definition, payload, correlations)
    return None


def _ready_user_task(workflow, task_uuid: str):
    from uuid import UUID
    try:
        task = workflow.get_task_from_id(UUID(task_uuid))
    except Exception:
        task = None
    if task is None or task.state != TaskState.READY or not task.task_spec.manual:
        raise TaskNotReady("Deze taak staat niet (meer) open.")
    return task


def _save(ctx: RunContext, instance: ProcessInstance, workflow) -> list:
    """Save state and derived rows; return the human tasks that this step made ready."""
    save_workflow(instance, workflow)
    instance.new_tasks = sync_human_tasks(ctx.session, instance, workflow)
    sync_subscriptions(ctx.session, instance, workflow)
    return instance.new_tasks


def due_instances(session, now: datetime, limit: int = 100) -> list[ProcessInstance]:
    """Instances with a passed timer, claimed with SKIP LOCKED so parallel ticks never share one."""
    query = (select(ProcessInstance).where(ProcessInstance.status == "running",
                                           ProcessInstance.next_timer_at <= now)
             .order_by(ProcessInstance.next_timer_at).limit(limit))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(session.scalars(query))
