"""Load a workflow from its instance row, run engine steps safely, and save it back."""
import logging
from datetime import datetime

from SpiffWorkflow.bpmn import BpmnWorkflow

from ..models import ProcessInstance
from . import cache
from .errors import ScriptError
from .failures import cause_of, model_errors
from .human_tasks import sync_human_tasks
from .operations import OPERATIONS, RunContext
from .sandbox import CumulusScriptEngine
from .serializer import dump_state, load_state
from .specs import model_of
from .subscriptions import sync_subscriptions

logger = logging.getLogger(__name__)


def script_engine(ctx: RunContext) -> CumulusScriptEngine:
    """A fresh engine, so a fresh budget: every verb is one step with its own limits."""
    return CumulusScriptEngine(OPERATIONS, ctx, ctx.step_limits())


def new_workflow(definition, ctx: RunContext) -> BpmnWorkflow:
    model = model_of(definition)
    return BpmnWorkflow(model.spec, model.subprocess_specs, script_engine=script_engine(ctx))


def open_workflow(instance: ProcessInstance, ctx: RunContext) -> BpmnWorkflow:
    """The instance's workflow: the one this process saved last if the row still holds that state."""
    model = model_of(instance.definition)
    workflow = cache.take(instance.id, instance.state)
    if workflow is None or workflow.spec is not model.spec:
        workflow = load_state(instance.state, model.spec, model.subprocess_specs)
    workflow.script_engine = script_engine(ctx)
    return workflow


def run_steps(workflow: BpmnWorkflow, refresh_timers: bool = False, instance: ProcessInstance | None = None) -> None:
    """Run every task that needs no human, within the step's task limit; model errors become a
    Dutch ScriptError naming `instance`."""
    budget = workflow.script_engine.budget
    with model_errors(instance):
        if refresh_timers:
            workflow.refresh_timers()
        workflow.do_engine_steps(will_complete_task=budget.count_task)


def save_workflow(instance: ProcessInstance, workflow: BpmnWorkflow) -> None:
    """Write the state and derived columns; the version check happens at flush."""
    try:
        instance.state = dump_state(workflow)
    except (TypeError, ValueError) as exc:  # a value the model left in the case data that JSON cannot hold
        error = ScriptError("De gegevens van de zaak kunnen niet worden opgeslagen: "
                            f"{cause_of(exc)}. Een procesmodel mag alleen tekst, getallen, datums, lijsten en "
                            "woordenboeken in de gegevens zetten.")
        error.instance_id = instance.id
        raise error from exc
    instance.status = "completed" if workflow.is_completed() else "running"
    instance.error = None  # a step that went through ends an earlier incident
    instance.next_timer_at = next_timer(workflow)


def save_and_sync(ctx: RunContext, instance: ProcessInstance, workflow) -> list:
    """Save state and derived rows; return the human tasks that this step made ready."""
    save_workflow(instance, workflow)
    instance.new_tasks = sync_human_tasks(ctx.session, instance, workflow)
    if model_of(instance.definition).has_messages:
        sync_subscriptions(ctx.session, instance, workflow)
    cache.keep(instance.id, instance.state, workflow)
    return instance.new_tasks


def next_timer(workflow: BpmnWorkflow) -> datetime | None:
    dues = []
    for event in workflow.waiting_events():
        if "Timer" in event.event_type or "TimeDate" in event.event_type:
            try:
                dues.append(datetime.fromisoformat(event.value))
            except (TypeError, ValueError):
                logger.warning("Timer with unreadable due time %r", event.value)
    return min(dues) if dues else None
