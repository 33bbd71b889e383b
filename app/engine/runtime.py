"""Load a workflow from its instance row, run engine steps safely, and save it back."""
import logging
from datetime import datetime

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException

from ..models import ProcessInstance
from . import cache
from .errors import ScriptError
from .human_tasks import sync_human_tasks
from .operations import OPERATIONS, RunContext
from .sandbox import CumulusScriptEngine
from .serializer import dump_state, load_state
from .specs import model_of
from .subscriptions import sync_subscriptions

logger = logging.getLogger(__name__)


def script_engine(ctx: RunContext) -> CumulusScriptEngine:
    return CumulusScriptEngine(OPERATIONS, ctx, ctx.time_limit)


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


def run_steps(workflow: BpmnWorkflow, refresh_timers: bool = False) -> None:
    """Run every task that needs no human; model errors become a Dutch ScriptError."""
    try:
        if refresh_timers:
            workflow.refresh_timers()
        workflow.do_engine_steps()
    except ScriptError:
        raise
    except SpiffWorkflowException as exc:
        cause = _script_error_in(exc)
        task = getattr(exc, "task", None)
        where = f" in taak '{task.task_spec.bpmn_name or task.task_spec.name}'" if task else ""
        if cause:
            raise ScriptError(f"{cause}{where}") from exc
        raise ScriptError(f"Het procesmodel kon niet verder{where}: {exc}") from exc


def _script_error_in(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, ScriptError):
            return exc
        exc = getattr(exc, "exception", None) or exc.__cause__ or exc.__context__
    return None


def save_workflow(instance: ProcessInstance, workflow: BpmnWorkflow) -> None:
    """Write the state and derived columns; the version check happens at flush."""
    instance.state = dump_state(workflow)
    instance.status = "completed" if workflow.is_completed() else "running"
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
