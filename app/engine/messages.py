"""Deliver a BPMN message to the one instance that waits for it with the same correlation values.

The lookup is one indexed query on message_subscription (name + canonical correlation key), so a
message costs the same with ten or a hundred thousand waiting cases.
"""
from SpiffWorkflow.bpmn import BpmnEvent
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.exceptions import WorkflowException
from sqlalchemy import select

from ..models import MessageSubscription, ProcessDefinition, ProcessInstance
from .errors import NotCorrelated, ScriptError
from .failures import model_errors
from .operations import RunContext
from .runtime import open_workflow, run_steps, save_and_sync, script_engine
from .specs import model_of
from .subscriptions import correlation_key


def deliver_message(ctx: RunContext, message_name: str, payload: dict) -> ProcessInstance:
    """Hand `payload` as message `message_name` to its waiting instance and run on; else NotCorrelated."""
    for definition in _definitions_waiting_for(ctx.session, message_name):
        catch = _catch_definition(definition, message_name)
        if catch is None:
            continue
        try:
            correlations = catch.calculate_correlations(script_engine(ctx), catch.correlation_properties, payload)
        except ScriptError:
            continue  # the message lacks a value this version correlates on
        for instance in _waiting_instances(ctx.session, definition, message_name, correlation_key(correlations)):
            workflow = open_workflow(instance, ctx)
            with model_errors(instance):  # the payload lands in the case's data and may fail there
                if not _caught(workflow, BpmnEvent(catch, payload, correlations)):
                    continue
            run_steps(workflow, instance=instance)
            save_and_sync(ctx, instance, workflow)
            return instance
    raise NotCorrelated(f"Geen lopende zaak wacht op bericht '{message_name}' met deze kenmerken.")


def _caught(workflow, event) -> bool:
    """Whether the workflow took the event; "not waiting for it" is an answer, a model error is raised."""
    try:
        workflow.send_event(event)
    except WorkflowTaskException:
        raise
    except WorkflowException:
        return False
    return True


def _definitions_waiting_for(session, message_name: str) -> list[ProcessDefinition]:
    ids = select(ProcessInstance.definition_id).join(
        MessageSubscription, MessageSubscription.instance_id == ProcessInstance.id).where(
        MessageSubscription.message_name == message_name, ProcessInstance.status == "running").distinct()
    return list(session.scalars(select(ProcessDefinition).where(ProcessDefinition.id.in_(ids))
                                .order_by(ProcessDefinition.id)))


def _catch_definition(definition: ProcessDefinition, message_name: str):
    model = model_of(definition)
    for process in [model.spec, *model.subprocess_specs.values()]:
        for task_spec in process.task_specs.values():
            event = getattr(task_spec, "event_definition", None)
            if event is not None and getattr(event, "name", None) == message_name and \
                    hasattr(event, "calculate_correlations"):
                return event
    return None


def _waiting_instances(session, definition, message_name: str, key: str) -> list[ProcessInstance]:
    """Instances of `definition` waiting for this message with these values (or with none set yet)."""
    return list(session.scalars(
        select(ProcessInstance).join(MessageSubscription, MessageSubscription.instance_id == ProcessInstance.id)
        .where(ProcessInstance.definition_id == definition.id, ProcessInstance.status == "running",
               MessageSubscription.message_name == message_name,
               MessageSubscription.correlation_key.in_([key, "{}"]))
        .order_by(MessageSubscription.correlation_key.desc(), ProcessInstance.id).limit(5)))
