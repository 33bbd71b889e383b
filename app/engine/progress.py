"""Which BPMN elements of an instance were passed and which wait now, read from its stored state.

The case diagram marks them; user tasks come from the inbox rows, this adds the rest (service
tasks, gateways, events) that only the engine state knows.
"""
from dataclasses import dataclass
from datetime import datetime, timezone

from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent
from SpiffWorkflow.util.task import TaskState

from ..models import ProcessInstance
from .serializer import load_state
from .specs import model_of


@dataclass(frozen=True)
class ElementState:
    bpmn_id: str
    name: str
    #: 'done' or 'current'.
    state: str
    at: datetime | None


def element_states(instance: ProcessInstance) -> list[ElementState]:
    """Elements that completed or wait now (a waiting boundary event is not a step), oldest change first."""
    definition = instance.definition
    model = model_of(definition)
    workflow = load_state(instance.state, model.spec, model.subprocess_specs)
    found: dict[str, ElementState] = {}
    for task in sorted(workflow.get_tasks(), key=lambda t: t.last_state_change or 0):
        spec = task.task_spec
        bpmn_id = getattr(spec, "bpmn_id", None)
        if not bpmn_id or bpmn_id == workflow.spec.name:
            continue
        if task.state == TaskState.COMPLETED:
            state = "done"
        elif task.state in (TaskState.READY, TaskState.STARTED) or (
                task.state == TaskState.WAITING and not isinstance(spec, BoundaryEvent)):
            state = "current"
        else:
            continue
        if found.get(bpmn_id) and found[bpmn_id].state == "current" and state == "done":
            continue  # a step done before and waiting again (a loop back) is current
        found[bpmn_id] = ElementState(bpmn_id=bpmn_id, name=spec.bpmn_name or bpmn_id, state=state,
                                      at=_when(task.last_state_change))
    return sorted(found.values(), key=lambda e: e.at or datetime.min.replace(tzinfo=timezone.utc))


def ready_user_task_ids(instance: ProcessInstance) -> set[str]:
    """The ids of the user tasks that wait for a person now, read from the stored state itself — what the
    open human_task rows must mirror (a consistency check; the inbox never calls this)."""
    model = model_of(instance.definition)
    workflow = load_state(instance.state, model.spec, model.subprocess_specs)
    return {str(task.id) for task in workflow.get_tasks(state=TaskState.READY, manual=True)}


def element_names(definition) -> dict[str, str]:
    """BPMN id → name of every named element of a deployed version (e.g. task types for filters)."""
    model = model_of(definition)
    names = {}
    for process in [model.spec, *model.subprocess_specs.values()]:
        for spec in process.task_specs.values():
            if getattr(spec, "bpmn_id", None) and spec.bpmn_name:
                names[spec.bpmn_id] = spec.bpmn_name
    return names


def _when(timestamp) -> datetime | None:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc) if timestamp else None
