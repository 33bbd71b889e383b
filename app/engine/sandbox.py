"""The script environment for BPMN expressions: compiled with RestrictedPython, within the step's limits.

Every expression in a model (scripts, pre- and post-scripts, gateway conditions, timers, message
payloads and correlations, loop cardinalities, service-task parameters) comes through here.
RestrictedPython refuses imports, dunder and private attributes and unsafe builtins at compile time;
the guards it calls at run time (`_getiter_`, `_unpack_sequence_`, `_inplacevar_`, ...) let ordinary
Python work (tuple unpacking, comprehensions, f-strings, `+=`). guards.py bounds what may grow,
limits.py the time and tasks of the step, and failures.py turns any error into Dutch.
"""
import ast
import copy
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache

from RestrictedPython import PrintCollector, compile_restricted_eval, compile_restricted_exec, safe_builtins
from RestrictedPython.Eval import default_guarded_getitem, default_guarded_getiter
from RestrictedPython.Guards import full_write_guard, guarded_iter_unpack_sequence, guarded_unpack_sequence
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment

from .errors import ScriptError
from .failures import expression_failed, script_failed, task_label
from .guards import Guards, SizePolicy
from .limits import Limits, StepBudget
from .multi_instance import is_cardinality

#: What a procesontwerper may call. Classes, setattr/delattr and the like are left out on purpose.
_UNSAFE = {"__build_class__", "setattr", "delattr", "_getattr_"}
_BUILTINS = {
    **{name: value for name, value in safe_builtins.items() if name not in _UNSAFE},
    "min": min, "max": max, "any": any, "all": all, "sorted": sorted, "reversed": reversed,
    "enumerate": enumerate, "zip": zip, "map": map, "filter": filter,
    "list": list, "tuple": tuple, "dict": dict, "set": set, "frozenset": frozenset,
}
_VALUES = {"date": date, "datetime": datetime, "timedelta": timedelta, "Decimal": Decimal}


@lru_cache(maxsize=4096)
def _compile(source: str, mode: str):
    _refuse_imports(source)
    compile_ = compile_restricted_eval if mode == "eval" else compile_restricted_exec
    result = compile_(source, "<bpmn>", policy=SizePolicy)
    if result.errors:
        raise ScriptError(f"Expressie '{source}' is niet toegestaan: {'; '.join(result.errors)}")
    return result.code


def _refuse_imports(source: str) -> None:
    """An import can never be allowed; say so when the model is deployed, not when a case runs."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return  # RestrictedPython reports the syntax error itself
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            raise ScriptError(f"Expressie '{source}' is niet toegestaan: importeren van modules kan niet "
                              "in een procesmodel.")


def _globals(guards: Guards, budget: StepBudget) -> dict:
    return {
        "__builtins__": {**_BUILTINS, **guards.builtins()},
        "_getattr_": guards.getattr, "_getitem_": default_guarded_getitem, "_getiter_": default_guarded_getiter,
        "_iter_unpack_sequence_": guarded_iter_unpack_sequence, "_unpack_sequence_": guarded_unpack_sequence,
        "_write_": full_write_guard, "_inplacevar_": guards.inplace, "_binop_": guards.binop,
        "_shown_": guards.shown, "_check_time_": budget.check_time,
        "_apply_": lambda fn, *args, **kwargs: fn(*args, **kwargs),
        "_print_": PrintCollector,  # print() works and goes nowhere (a model has no console)
        **_VALUES,
    }


class RestrictedEnvironment(TaskDataEnvironment):
    """Evaluates and executes BPMN code in RestrictedPython; service tasks go to `operations`."""

    def __init__(self, operations: dict, context, budget: StepBudget):
        self.guards = Guards(budget.limits.size)
        self.budget = budget
        super().__init__(_globals(self.guards, budget))
        self.operations = operations
        self.context = context

    def evaluate(self, expression, context, external_context=None):
        code = _compile(expression, "eval")
        scope = copy.copy(self.globals)
        scope.update(external_context or {})
        scope.update(context)
        try:
            with self.budget.expression():
                value = eval(code, scope)  # noqa: S307 — compiled by RestrictedPython above
        except ScriptError:
            raise
        except Exception as exc:  # SpiffWorkflow also calls this directly (correlations, conditions)
            raise expression_failed(expression, exc) from exc
        self.guards.check_weight(value)
        return value

    def execute(self, script, context, external_context=None):
        code = _compile(script, "exec")
        with self.budget.expression():
            result = super().execute(code, context, external_context)
        self.guards.check_weight(context)  # what the script leaves is saved and shown: keep it bounded
        return result

    def call_service(self, context, operation_name=None, operation_params=None, **_kwargs):
        operation = self.operations.get(operation_name)
        if operation is None:
            raise ScriptError(f"Onbekende operatie '{operation_name}' in een servicetaak.")
        params = {name: p["value"] for name, p in (operation_params or {}).items()}
        return json.dumps(operation(self.context, context, **params), default=str)


class CumulusScriptEngine(PythonScriptEngine):
    """The script engine attached to every workflow for one step; errors surface as Dutch ScriptErrors."""

    def __init__(self, operations: dict, context=None, limits: Limits | None = None):
        self.budget = StepBudget(limits or Limits())
        super().__init__(environment=RestrictedEnvironment(operations, context, self.budget))

    def evaluate(self, task, expression, external_context=None):
        try:
            value = self.environment.evaluate(expression, task.data, external_context)
        except Exception as exc:
            raise script_failed(task, expression, exc, is_script=False) from exc
        if is_cardinality(task, expression):
            self.budget.check_instances(value, task_label(task))
        return value

    def execute(self, task, script, external_context=None):
        try:
            return self.environment.execute(script, task.data, external_context)
        except Exception as exc:
            raise script_failed(task, script, exc, is_script=True) from exc

    def call_service(self, task, **kwargs):
        # SpiffWorkflow 3.2.0's own version refers to an undefined name when a call fails.
        return self.environment.call_service(task.data, **kwargs)
