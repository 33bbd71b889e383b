"""The script environment for BPMN expressions: compiled with RestrictedPython, under a time limit.

Every expression in a model (scripts, gateway conditions, timers, message payloads and
correlations, service-task parameters) comes through here. RestrictedPython refuses imports,
dunder access and unsafe builtins at compile time; a trace function stops runaway loops.
"""
import ast
import copy
import json
import operator
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from contextlib import contextmanager
from functools import lru_cache

from RestrictedPython import compile_restricted_eval, compile_restricted_exec, limited_builtins, safe_builtins
from RestrictedPython.Eval import default_guarded_getitem, default_guarded_getiter
from RestrictedPython.Guards import full_write_guard, guarded_iter_unpack_sequence, safer_getattr
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment

from .errors import ScriptError

_INPLACE = {"+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "/=": operator.itruediv,
            "//=": operator.ifloordiv, "%=": operator.imod}
_BUILTINS = {**safe_builtins, **limited_builtins, "sum": sum, "min": min, "max": max, "any": any,
             "all": all, "enumerate": enumerate, "dict": dict, "map": map, "filter": filter,
             "list": list, "round": round, "abs": abs, "len": len}
_GLOBALS = {
    "__builtins__": _BUILTINS, "_getattr_": safer_getattr, "_getitem_": default_guarded_getitem,
    "_getiter_": default_guarded_getiter, "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
    "_write_": full_write_guard, "_inplacevar_": lambda op, x, y: _INPLACE[op](x, y),
    "date": date, "datetime": datetime, "timedelta": timedelta, "Decimal": Decimal,
}


@lru_cache(maxsize=4096)
def _compile(source: str, mode: str):
    _refuse_imports(source)
    result = (compile_restricted_eval if mode == "eval" else compile_restricted_exec)(source, "<bpmn>")
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


class _Deadline:
    """A trace function that raises once the time limit has passed (stops `while True: pass`)."""

    def __init__(self, seconds: float):
        self.until = time.monotonic() + seconds

    def __call__(self, frame, event, arg):
        if time.monotonic() > self.until:
            raise ScriptError("Een expressie in het procesmodel liep te lang en is gestopt.")
        return self

    def __enter__(self):
        self._previous = sys.gettrace()
        sys.settrace(self)
        return self

    def __exit__(self, *exc):
        sys.settrace(self._previous)
        return False


@contextmanager
def _dutch_name_errors(source: str):
    try:
        yield
    except NameError as exc:
        raise ScriptError(f"Onbekende naam in '{source}': {exc}. Alleen procesvariabelen en veilige "
                          "functies zijn beschikbaar.") from exc


class RestrictedEnvironment(TaskDataEnvironment):
    """Evaluates and executes BPMN code in RestrictedPython; service tasks go to `operations`."""

    def __init__(self, operations: dict, context, time_limit: float):
        super().__init__(dict(_GLOBALS))
        self.operations = operations
        self.context = context
        self.time_limit = time_limit

    def evaluate(self, expression, context, external_context=None):
        code = _compile(expression, "eval")
        scope = copy.copy(self.globals)
        scope.update(external_context or {})
        scope.update(context)
        with _Deadline(self.time_limit), _dutch_name_errors(expression):
            return eval(code, scope)  # noqa: S307 — compiled by RestrictedPython above

    def execute(self, script, context, external_context=None):
        code = _compile(script, "exec")
        with _Deadline(self.time_limit), _dutch_name_errors(script):
            return super().execute(code, context, external_context)

    def call_service(self, context, operation_name=None, operation_params=None, **_kwargs):
        operation = self.operations.get(operation_name)
        if operation is None:
            raise ScriptError(f"Onbekende operatie '{operation_name}' in een servicetaak.")
        params = {name: p["value"] for name, p in (operation_params or {}).items()}
        return json.dumps(operation(self.context, context, **params), default=str)


class CumulusScriptEngine(PythonScriptEngine):
    """The script engine attached to every workflow; errors surface as ScriptError."""

    def __init__(self, operations: dict, context=None, time_limit: float = 2.0):
        super().__init__(environment=RestrictedEnvironment(operations, context, time_limit))

    def call_service(self, task, **kwargs):
        # SpiffWorkflow 3.2.0's own version refers to an undefined name when a call fails.
        return self.environment.call_service(task.data, **kwargs)
