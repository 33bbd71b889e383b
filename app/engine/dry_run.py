"""Proefdraaien (#10 point 8): run a model in memory, with no zaak, no stored state and no real operation, to see
the path it takes for given answers: the steps passed in order, the user tasks per lane, the timers that would be
set, and where it ends or gets stuck.

Answers are the form data per user task id (a list when the task comes back: one per visit). A service task runs
its operation's preview when the operation registered one (operations.py), else takes the scenario's result for
its element id (`diensten`) or none; it never runs the operation itself. Timers are set but never expire in a
proefrit. Expressions run in the same sandbox with the same limits as in a real case."""
import json
from collections import Counter
from dataclasses import dataclass, field

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.util.task import TaskState

from .errors import EngineError, ScriptError
from .failures import cause_of
from .operations import OPERATIONS, PREVIEWS, RunContext
from .sandbox import CumulusScriptEngine
from .specs import ParsedModel

#: User tasks completed in one proefrit: a model that keeps coming back to its tasks is stopped here.
MAX_TASKS = 200
#: Spec class name → the Dutch kind of step.
KINDS = (("UserTask", "gebruikerstaak"), ("ManualTask", "gebruikerstaak"), ("ServiceTask", "servicetaak"),
         ("ScriptTask", "scripttaak"), ("BusinessRuleTask", "beslistaak"), ("Gateway", "gateway"),
         ("Event", "gebeurtenis"), ("SubWorkflow", "deelproces"), ("CallActivity", "deelproces"))


@dataclass(frozen=True)
class Step:
    element_id: str
    name: str
    kind: str
    lane: str | None = None
    note: str = ""
    #: The form of a user task (its formKey), for what an answer may hold.
    form: str | None = None


@dataclass
class DryRun:
    path: list[Step] = field(default_factory=list)
    #: Where the run stands at its end: user tasks without (more) answers, timers and messages it waits for.
    waiting: list[Step] = field(default_factory=list)
    #: Timers set on the way (name and due time), whether or not the run still waits for them.
    timers: list[Step] = field(default_factory=list)
    #: Service tasks on the way and what the proefrit did instead of running them.
    services: list[Step] = field(default_factory=list)
    end_id: str | None = None
    error: str | None = None

    @property
    def completed(self) -> bool:
        return self.end_id is not None

    @property
    def path_ids(self) -> list[str]:
        return [step.element_id for step in self.path]


class _DryRunEngine(CumulusScriptEngine):
    """The sandboxed script engine, with service tasks answered by previews or the scenario."""

    def __init__(self, ctx: RunContext, results: dict, run: DryRun):
        super().__init__(OPERATIONS, ctx, ctx.step_limits())
        self.ctx, self.results, self.run = ctx, results, run

    def call_service(self, task, operation_name=None, operation_params=None, **_kwargs):
        spec = task.task_spec
        if operation_name not in OPERATIONS:
            raise ScriptError(f"Onbekende operatie '{operation_name}' in servicetaak '{_name(spec)}'.")
        params = {name: p["value"] for name, p in (operation_params or {}).items()}
        if spec.bpmn_id in self.results:
            result, how = self.results[spec.bpmn_id], "resultaat uit het scenario"
        elif operation_name in PREVIEWS:
            with self.budget.expression():
                result = PREVIEWS[operation_name](self.ctx, task.data, **params)
            how = "voorbeeld van de operatie, zonder gevolgen"
        else:
            result, how = None, "niet uitgevoerd; geef het resultaat in het scenario als de rest ervan afhangt"
        self.run.services.append(Step(spec.bpmn_id, _name(spec), "servicetaak", spec.lane,
                                      f"{operation_name}: {how}"))
        return json.dumps(result, default=str)


def dry_run(model: ParsedModel, ctx: RunContext, start: dict, answers: dict, results: dict) -> DryRun:
    """Run `model` from its start with `start` data, completing each ready user task with its answers."""
    run = DryRun()
    workflow = BpmnWorkflow(model.spec, model.subprocess_specs, script_engine=_DryRunEngine(ctx, results, run))
    visits: Counter = Counter()
    try:
        workflow.get_next_task(state=TaskState.READY).data.update(start)
        workflow.do_engine_steps()
        for _ in range(MAX_TASKS):
            _note_timers(workflow, run)
            task, data = _next_answered(workflow, answers, visits)
            if task is None:
                break
            task.set_data(**data)
            task.run()
            workflow.do_engine_steps()
        else:
            run.error = (f"De proefrit stopte na {MAX_TASKS} gebruikerstaken: het model komt steeds bij dezelfde "
                         "taken terug met deze antwoorden.")
    except (EngineError, SpiffWorkflowException) as exc:
        run.error = str(exc) if isinstance(exc, EngineError) else cause_of(exc)
    _finish(workflow, run)
    return run


def _next_answered(workflow, answers: dict, visits: Counter):
    """The first ready user task that has an answer for this visit, with that answer."""
    for task in workflow.get_tasks(state=TaskState.READY, manual=True):
        given = answers.get(task.task_spec.bpmn_id)
        if isinstance(given, list):
            given = given[visits[task.task_spec.bpmn_id]] if visits[task.task_spec.bpmn_id] < len(given) else None
        if isinstance(given, dict):
            visits[task.task_spec.bpmn_id] += 1
            return task, given
    return None, None


def _note_timers(workflow, run: DryRun) -> None:
    """Add the timers the run now waits for, by element id, with their due time."""
    known = {(t.element_id, t.note) for t in run.timers}
    ids = {_name(t.task_spec): t.task_spec.bpmn_id for t in workflow.get_tasks(state=TaskState.WAITING)
           if t.task_spec.bpmn_id}
    for event in workflow.waiting_events():
        if "Timer" in event.event_type or "TimeDate" in event.event_type:
            element_id = ids.get(event.name, event.name or "")
            if (element_id, str(event.value)) not in known:
                known.add((element_id, str(event.value)))
                run.timers.append(Step(element_id, event.name or element_id, "gebeurtenis", note=str(event.value)))


def _finish(workflow, run: DryRun) -> None:
    done = sorted((t for t in workflow.get_tasks(state=TaskState.COMPLETED) if t.task_spec.bpmn_id),
                  key=lambda t: t.last_state_change)
    run.path = [_step(t.task_spec) for t in done]
    ends = [t for t in done if type(t.task_spec).__name__ == "EndEvent"]
    if workflow.is_completed() and ends:
        run.end_id = ends[-1].task_spec.bpmn_id
    for task in workflow.get_tasks(state=TaskState.READY, manual=True):
        run.waiting.append(_step(task.task_spec, "wacht op het formulier: geen (volgend) antwoord in het scenario"))
    for task in workflow.get_tasks(state=TaskState.WAITING):
        if task.task_spec.bpmn_id:
            run.waiting.append(_step(task.task_spec, _waits_for(task.task_spec)))
    if run.end_id is None and not run.waiting and run.error is None:
        run.error = "Het proces staat stil zonder einde te bereiken en zonder te wachten op een taak of gebeurtenis."


def _waits_for(spec) -> str:
    event = type(getattr(spec, "event_definition", None)).__name__
    if "Timer" in event or "TimeDate" in event or "Duration" in event:
        return "wacht op een timer (die verloopt niet in een proefrit)"
    if "Message" in event:
        return "wacht op een bericht"
    return "wacht"


def _step(spec, note: str = "") -> Step:
    kind = next((label for part, label in KINDS if part in type(spec).__name__), "stap")
    form = ((getattr(spec, "extensions", None) or {}).get("properties") or {}).get("formKey")
    return Step(spec.bpmn_id, _name(spec), kind, getattr(spec, "lane", None), note, form)


def _name(spec) -> str:
    return spec.bpmn_name or spec.bpmn_id or spec.name
