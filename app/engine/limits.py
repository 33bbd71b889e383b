"""The limits of one engine step, and the budget that spends them.

One step is what one verb does to one instance (start it, complete a task, fire its timers, deliver a
message): every expression it evaluates draws on the same time budget, the engine may run only so many
tasks in it, a multi-instance activity may have only so many instances, and no value may grow past the
size limit (see guards.py). Whatever runs out stops the step with a Dutch ScriptError; the caller's
transaction then rolls back, so the case stays where it was.
"""
import sys
import time
from dataclasses import dataclass

from . import guards, memory
from .errors import ScriptError

#: Model code (compiled as "<bpmn>") and the builtins replaced by Python loops are stopped when a limit
#: is reached; the engine's, the guards' and the operations' frames are not traced (a stop never lands
#: halfway an operation, and the guards' own loops stay fast).
_MAP_CODE, _FILTER_CODE = guards.watched_map.__code__, guards.watched_filter.__code__
_MEMORY_CHECK_EVERY = 32  # line events between two looks at the resident memory


@dataclass(frozen=True)
class Limits:
    #: Seconds that all expressions of one step may take together.
    time: float = 2.0
    #: Tasks (scripts, gateways, events, ...) the engine may run in one step: stops a model that loops.
    tasks: int = 500
    #: Instances of one multi-instance activity (loop cardinality or input collection).
    instances: int = 200
    #: Items plus characters that one value may hold (a text, a list, the data a script leaves).
    size: int = 1_000_000
    #: Bytes by which the worker's memory may grow while one expression runs (see memory.py).
    memory: int = 256 * 1024 * 1024


class StepBudget:
    """What is left of the limits in the current step; one per script engine, so one per verb."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.seconds_left = limits.time
        self.tasks_run = 0
        #: The moment the running expression must stop (None between expressions).
        self.until = None

    def count_task(self, task) -> None:
        """The engine's `will_complete_task` hook: refuse the task beyond the step's task limit."""
        self.tasks_run += 1
        if self.tasks_run > self.limits.tasks:
            raise ScriptError(f"Het procesmodel voert in één stap meer dan {self.limits.tasks} taken uit "
                              f"(bij '{task.task_spec.bpmn_name or task.task_spec.name}'); waarschijnlijk een "
                              "lus zonder uitgang. De stap is gestopt en niet opgeslagen.")

    def check_instances(self, count, where: str) -> None:
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ScriptError(f"Het aantal herhalingen van '{where}' is geen geheel getal van 0 of meer: {count!r}.")
        if count > self.limits.instances:
            raise ScriptError(f"'{where}' zou {count} keer worden uitgevoerd; het procesmodel mag een taak ten "
                              f"hoogste {self.limits.instances} keer herhalen.")

    def expression(self) -> "_Timed":
        """Context manager for one expression: stops it when the step's time is used up."""
        return _Timed(self)

    def check_time(self) -> None:
        """Raise when the running expression has used up the step's time (also called first thing in
        every `except` block, so a script cannot catch the stop and carry on)."""
        if self.until is not None and time.monotonic() > self.until:
            raise ScriptError("Een expressie in het procesmodel liep te lang en is gestopt "
                              f"(de expressies van één stap mogen samen {self.limits.time:g} seconden duren).")


class _Timed:
    """A trace function that raises once the step's time is spent (stops `while True: pass`) or the
    expression holds more memory than allowed."""

    def __init__(self, budget: StepBudget):
        self.budget = budget
        self.events = 0

    def __call__(self, frame, event, arg):
        code = frame.f_code  # compared by identity: hashing a code object hashes all of it
        if code.co_filename != "<bpmn>" and code is not _MAP_CODE and code is not _FILTER_CODE:
            return None
        self.budget.check_time()
        self.events += 1
        if self.events % _MEMORY_CHECK_EVERY == 0 and self.baseline is not None and \
                memory.resident() - self.baseline > self.budget.limits.memory:
            raise ScriptError("Een expressie in het procesmodel gebruikte meer geheugen dan de limiet "
                              f"({self.budget.limits.memory // (1024 * 1024)} MB) en is gestopt.")
        return self

    def __enter__(self):
        self.started = time.monotonic()
        self.budget.until = self.started + self.budget.seconds_left
        self.budget.check_time()
        self.baseline = memory.resident()
        self._previous = sys.gettrace()
        sys.settrace(self)
        return self

    def __exit__(self, *exc):
        sys.settrace(self._previous)
        self.budget.until = None
        self.budget.seconds_left -= time.monotonic() - self.started
        return False
