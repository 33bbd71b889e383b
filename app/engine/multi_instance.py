"""A cap on multi-instance activities, checked before SpiffWorkflow makes their instances.

A parallel multi-instance task creates all its instances at once when it becomes ready: a loop
cardinality of `10**9`, or an input collection of a million items, would fill the worker's memory
before any time limit could stop it. The cardinality is checked where the engine evaluates it
(sandbox.py); the input collection is checked here, by wrapping each multi-instance spec's input
reference when the model is parsed. Both use the instance limit of the running step (limits.py).
"""
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import MultiInstanceTask

from .failures import task_label


def is_cardinality(task, expression: str) -> bool:
    spec = task.task_spec
    return isinstance(spec, MultiInstanceTask) and spec.data_input is None and expression == spec.cardinality


class _CappedInput:
    """The spec's input collection reference, refusing a collection larger than the step allows."""

    def __init__(self, reference):
        self._reference = reference

    def get(self, my_task):
        value = self._reference.get(my_task)
        budget = getattr(my_task.workflow.script_engine, "budget", None)
        if budget is not None and hasattr(value, "__len__"):
            budget.check_instances(len(value), task_label(my_task))
        return value

    def __getattr__(self, name):
        return getattr(self._reference, name)


def cap_multi_instances(processes) -> None:
    """Wrap the input collection of every multi-instance spec in `processes` (parsed, not yet shared)."""
    for process in processes:
        for spec in process.task_specs.values():
            if isinstance(spec, MultiInstanceTask) and spec.data_input is not None and \
                    not isinstance(spec.data_input, _CappedInput):
                spec.data_input = _CappedInput(spec.data_input)
