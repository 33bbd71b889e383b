"""Move a running instance from its process version to a newer one, and say first whether it can.

SpiffWorkflow's `SpecDiff` compares two versions (computed once per pair of versions) and `WorkflowDiff` lays
one instance's tasks over it. We align strictly by BPMN id: a case may move only when every step it passed or
waits at still exists under the same id, and the steps it waits at are unchanged apart from where they lead
(their sequence flows). SpiffWorkflow's own `migrate_workflow` resets the waiting branches — the user task gets
new data and the armed timers start again — so we re-point the tasks ourselves and only predict the not yet
reached part again: a waiting task keeps its id (its inbox row with due date and assignee), its data and its
timer's due moment. Nothing here commits; the caller's transaction saves the instance.
"""
from dataclasses import dataclass
from threading import Lock

from SpiffWorkflow.bpmn.specs.control import BoundaryEventSplit
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent
from SpiffWorkflow.bpmn.util.diff import SpecDiff, WorkflowDiff
from SpiffWorkflow.util.task import TaskState

from .errors import EngineError
from .operations import RunContext
from . import cache
from .runtime import open_workflow, save_and_sync, save_workflow
from .serializer import _SERIALIZER, load_state
from .specs import model_of

#: Where a step waits now: a person's task, a timer or message, a running part.
ACTIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED
#: Not reached yet: predicted again from the new version after the move.
AHEAD = TaskState.FUTURE | TaskState.PREDICTED_MASK
#: A step's attributes that may differ between versions without touching a case that waits there.
FLOW_ONLY = {"inputs", "outputs"}
#: What a changed attribute means to a procesontwerper.
ATTRIBUTES = {
    "bpmn_name": "de naam", "documentation": "de instructie", "lane": "de rol (lane)",
    "extensions": "het formulier, de termijn of een andere eigenschap", "prescript": "het script vooraf",
    "postscript": "het script achteraf", "script": "het script", "typename": "het soort element",
    "event_definition": "de timer of gebeurtenis", "cancel_activity": "of de gebeurtenis de stap afbreekt",
    "io_specification": "de gegevens in en uit", "data_input_associations": "de gegevens in",
    "data_output_associations": "de gegevens uit", "inputs": "de pijlen ernaartoe", "outputs": "de pijlen eruit",
    "cond_task_specs": "de voorwaarden", "default_task_spec": "de standaardroute", "operation_name": "de operatie",
    "operation_params": "de parameters van de operatie", "result_variable": "de uitkomstvariabele",
    "condition": "de voorwaarde", "cardinality": "het aantal keren", "manual": "het soort element",
    "decision_table": "de beslistabel",
}


class MigrationRefused(EngineError):
    """The instance cannot move; `reasons` says why, in Dutch."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Change:
    bpmn_id: str
    name: str
    #: 'toegevoegd', 'verwijderd' or 'gewijzigd'.
    kind: str
    #: For a changed element: what changed, in Dutch.
    what: tuple[str, ...] = ()
    #: The BPMN element type as SpiffWorkflow names it ('UserTask', 'ExclusiveGateway', ...).
    typename: str = ""


@dataclass(frozen=True)
class CaseCheck:
    instance_id: int
    can_move: bool
    reasons: tuple[str, ...]
    #: The names of the steps the case waits at now.
    current: tuple[str, ...]


_DIFFS: dict[tuple[int, int], tuple] = {}
_DIFFS_LOCK = Lock()


def spec_diff(old_definition, new_definition) -> SpecDiff:
    """SpiffWorkflow's comparison of two versions; versions never change, so it is kept per pair — for the spec
    objects it was made from: the diff aligns task specs by identity, and a version whose parsed model left the
    cache (more than 64 versions in use) is parsed again into new objects that an old diff does not know."""
    old_spec, new_spec = model_of(old_definition).spec, model_of(new_definition).spec
    key = (id(old_spec), id(new_spec))
    found = _DIFFS.get(key)
    diff = found[2] if found is not None and found[0] is old_spec and found[1] is new_spec else None
    if diff is None:
        diff = SpecDiff(_SERIALIZER.registry, old_spec, new_spec)
        with _DIFFS_LOCK:
            if len(_DIFFS) >= 32:
                _DIFFS.pop(next(iter(_DIFFS)))
            _DIFFS[key] = (old_spec, new_spec, diff)  # the specs are held, so their ids are not reused
    return diff


def version_changes(old_definition, new_definition) -> list[Change]:
    """The elements (by BPMN id) added, removed or changed in `new_definition` against `old_definition`."""
    old, new = _visible(model_of(old_definition).spec), _visible(model_of(new_definition).spec)
    diff = spec_diff(old_definition, new_definition)
    compared = {spec.name: changes for spec, changes in diff.comparisons.items()
                if diff.alignment.get(spec) is not None and diff.alignment[spec].name == spec.name}
    changes = []
    for bpmn_id, spec in old.items():
        if bpmn_id not in new:
            changes.append(Change(bpmn_id, spec.bpmn_name or bpmn_id, "verwijderd", typename=_type(spec)))
            continue
        what = compared.get(spec.name)
        if what is None:  # not reached by SpiffWorkflow's walk from the start: compare the pair itself
            what = diff._compare_task_specs(spec, new[bpmn_id])
        if what:
            changes.append(Change(bpmn_id, new[bpmn_id].bpmn_name or spec.bpmn_name or bpmn_id, "gewijzigd",
                                  _labels(what), _type(new[bpmn_id])))
    for bpmn_id, spec in new.items():
        if bpmn_id not in old:
            changes.append(Change(bpmn_id, spec.bpmn_name or bpmn_id, "toegevoegd", typename=_type(spec)))
    order = {"verwijderd": 0, "gewijzigd": 1, "toegevoegd": 2}
    return sorted(changes, key=lambda c: (order[c.kind], c.name.lower(), c.bpmn_id))


def check_instance(instance, new_definition) -> CaseCheck:
    """Whether `instance` can move to `new_definition`, and if not why (read only: nothing is changed)."""
    model = model_of(instance.definition)
    workflow = load_state(instance.state, model.spec, model.subprocess_specs)
    reasons = _refusals(workflow, instance, new_definition)
    return CaseCheck(instance.id, not reasons, tuple(reasons), _current(workflow))


def migrate_instance(ctx: RunContext, instance, new_definition) -> str:
    """Move `instance` to `new_definition`; return the state it had (to revert it). Raises MigrationRefused."""
    old_state = instance.state
    workflow = open_workflow(instance, ctx)
    reasons = _refusals(workflow, instance, new_definition)
    if reasons:
        raise MigrationRefused(reasons)
    _move(workflow, model_of(new_definition))
    instance.definition = new_definition
    # The move made nothing ready and ended no wait (only what lies ahead was predicted again): the inbox rows and
    # message subscriptions stand as they are, so no sync is needed (a case at a changed step is refused above).
    save_workflow(instance, workflow)
    cache.keep(instance.id, instance.state, workflow)
    instance.new_tasks = []
    return old_state


def revert_instance(ctx: RunContext, instance, old_definition, old_state: str) -> None:
    """Put `instance` back on `old_definition` with the state it had before it moved."""
    model = model_of(old_definition)
    workflow = load_state(old_state, model.spec, model.subprocess_specs)
    instance.definition = old_definition
    save_and_sync(ctx, instance, workflow)


def _refusals(workflow, instance, new_definition) -> list[str]:
    if instance.status == "error":
        return ["De zaak staat stil door een fout in het proces; los die eerst op."]
    if instance.status != "running":
        return ["De zaak is afgerond."]
    if instance.definition.key != new_definition.key:
        return ["De nieuwe versie is van een ander proces."]
    if instance.definition.version >= new_definition.version:
        return [f"De zaak loopt al op versie {instance.definition.version}."]
    if workflow.subprocesses:
        return ["De zaak loopt in een deelproces; zo'n zaak kan nog niet worden verplaatst."]
    new = model_of(new_definition).spec
    specs = spec_diff(instance.definition, new_definition)
    diff = WorkflowDiff(workflow, specs)
    version = new_definition.version
    reasons, passed_missing = [], set()
    for task in workflow.get_tasks(skip_subprocesses=True):
        if task.has_state(AHEAD):
            continue  # predicted again from the new version
        spec, aligned = task.task_spec, diff.alignment.get(task)
        same_id = aligned is not None and aligned.name == spec.name  # SpiffWorkflow also aligns by structure
        label = _label(spec)
        if not task.has_state(ACTIVE):
            if not same_id and spec.name not in passed_missing:
                passed_missing.add(spec.name)
                reasons.append(f"De zaak heeft de stap {label} al doorlopen, maar die bestaat niet meer in versie "
                               f"{version}: het verloop van de zaak zou dan niet meer kloppen.")
            continue
        if not same_id:
            reasons.append(f"De stap {label} waar de zaak nu staat, bestaat niet meer in versie {version}.")
            continue
        what = [key for key in specs.comparisons.get(spec, ()) if key not in FLOW_ONLY]
        if what and isinstance(spec, BoundaryEvent):
            reasons.append(f"De timer of gebeurtenis {label} is gewijzigd in versie {version} "
                           f"({', '.join(_labels(what))}): bij verplaatsen zou die opnieuw beginnen.")
        elif what:
            reasons.append(f"De stap {label} waar de zaak nu staat, is gewijzigd in versie {version} "
                           f"({', '.join(_labels(what))}).")
        if not isinstance(spec, BoundaryEvent) and _boundary_events(task.parent, spec.name) != \
                _boundary_events_in(new, spec.name):
            reasons.append(f"In versie {version} is een timer of gebeurtenis aan {label} toegevoegd of ervan "
                           "weggehaald; die zou pas gaan lopen als de zaak de stap opnieuw begint.")
    return list(dict.fromkeys(reasons))


def _move(workflow, new_model) -> None:
    """Re-point every task to the new version's spec of the same id and predict what lies ahead again."""
    new = new_model.spec
    active = list(workflow.get_tasks(state=ACTIVE, skip_subprocesses=True))
    for task in active:
        for child in list(task.children):
            if child.has_state(AHEAD):
                workflow._remove_task(child.id)
    for task in list(workflow.tasks.values()):
        task.task_spec = new.task_specs[task.task_spec.name]
    workflow.spec = new
    workflow.subprocess_specs = new_model.subprocess_specs
    for task in active:
        if task.state == TaskState.WAITING:  # an event that may never come: what follows it is a maybe
            task._sync_children(task.task_spec.outputs, TaskState.MAYBE)
        else:
            task.task_spec._predict_hook(task)
        for child in task.children:
            if child.has_state(AHEAD):
                child.task_spec._predict(child, mask=AHEAD)


def _current(workflow) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_label(task.task_spec, quoted=False) for task in workflow.get_tasks(
        state=TaskState.READY | TaskState.STARTED, skip_subprocesses=True)
        if getattr(task.task_spec, "bpmn_id", None) and task.task_spec.bpmn_id != workflow.spec.name))


def _visible(spec) -> dict:
    return {s.bpmn_id: s for s in spec.task_specs.values() if getattr(s, "bpmn_id", None) and s.bpmn_id != spec.name}


def _boundary_events(parent, name: str) -> list[str]:
    """The events attached to the step `name` that a task of it waits beside (its parent splits to them)."""
    split = parent.task_spec if parent is not None else None
    return sorted(s.name for s in split.outputs if s.name != name) if isinstance(split, BoundaryEventSplit) else []


def _boundary_events_in(spec, name: str) -> list[str]:
    split = spec.task_specs.get(f"{name}.BoundaryEventSplit")
    return sorted(s.name for s in split.outputs if s.name != name) if split is not None else []


def _label(spec, quoted: bool = True) -> str:
    name = getattr(spec, "bpmn_name", None) or getattr(spec, "bpmn_id", None) or spec.name
    return f"'{name}'" if quoted else name


def _type(spec) -> str:
    return type(spec).__name__


def _labels(keys) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ATTRIBUTES.get(key, key) for key in keys))
