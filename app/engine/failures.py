"""Turn whatever a BPMN model's code or the engine raises into one Dutch ScriptError.

Scripts, pre- and post-scripts, conditions, timer and payload expressions fail with Python errors
(ZeroDivisionError, KeyError, ...) that SpiffWorkflow wraps in its own exceptions, in English. Here
they become a sentence that names the task, the line and the cause in Dutch, and `model_errors`
marks which instance failed so that the service can record the incident on the case.
"""
from contextlib import contextmanager

from SpiffWorkflow.exceptions import SpiffWorkflowException
from sqlalchemy.exc import SQLAlchemyError

from .errors import ScriptError

_CAUSES = {
    ZeroDivisionError: "deling door nul",
    IndexError: "de lijst is korter dan gevraagd",
    RecursionError: "de berekening is te diep genest",
    OverflowError: "een getal werd te groot",
    MemoryError: "er was niet genoeg geheugen",
    AssertionError: "een controle (assert) in het script klopte niet",
}


def cause_of(exc: BaseException) -> str:
    """The Dutch reason for a Python error raised by model code."""
    if isinstance(exc, KeyError):
        return f"de waarde {exc.args[0]!r} ontbreekt" if exc.args else "een waarde ontbreekt"
    if isinstance(exc, NameError):
        name = getattr(exc, "name", None) or str(exc)
        return (f"Onbekende naam '{name}'; alleen procesvariabelen en veilige functies zijn beschikbaar "
                "(staat de variabele in de gegevens van de zaak?)")
    if isinstance(exc, NotImplementedError) and "format" in str(exc):
        return "str.format() is niet toegestaan in een procesmodel; gebruik een f-string (f'{naam}')"
    if isinstance(exc, SyntaxError):
        return f"het is geen geldige Python ({exc.msg}, regel {exc.lineno})"
    for kind, text in _CAUSES.items():
        if isinstance(exc, kind):
            return text
    if isinstance(exc, TypeError):
        return f"een waarde is van het verkeerde soort ({exc})"
    if isinstance(exc, ValueError):
        return f"een waarde is ongeldig ({exc})"
    if isinstance(exc, AttributeError):
        return f"een onderdeel bestaat niet of is niet toegestaan ({exc})"
    return f"{type(exc).__name__}: {exc}"


def task_label(task) -> str:
    spec = task.task_spec
    inner = getattr(spec, "task_spec", None)  # a multi-instance spec names the activity it repeats
    if not spec.bpmn_name and isinstance(inner, str) and inner in spec._wf_spec.task_specs:
        spec = spec._wf_spec.task_specs[inner]
    return spec.bpmn_name or spec.bpmn_id or spec.name


def expression_failed(source: str, exc: BaseException) -> ScriptError:
    """The ScriptError for an expression evaluated without a task (a message's correlation values)."""
    error = ScriptError(f"De expressie '{_short(source)}' liep vast: {cause_of(exc)}.")
    error.cause = exc
    return error


def script_failed(task, source: str, exc: BaseException, is_script: bool) -> ScriptError:
    """The ScriptError for `exc` raised while running `source` for `task`."""
    if isinstance(exc, ScriptError) and getattr(exc, "cause", None) is not None:
        exc = exc.cause
    if isinstance(exc, ScriptError):
        return exc
    line = _line_of(exc, source) if is_script else None
    what = "Het script" if is_script else f"De expressie '{_short(source)}'"
    where = f" (regel {line})" if line else ""
    return ScriptError(f"{what} van taak '{task_label(task)}' liep vast{where}: {cause_of(exc)}.")


@contextmanager
def model_errors(instance=None):
    """Run engine work; any failure of the model leaves as a ScriptError naming `instance` (if known).

    A database error (from an operation a service task called) is no model error: it leaves as it came,
    so that a lock conflict still becomes ConcurrentChange further up."""
    try:
        yield
    except SQLAlchemyError:
        raise
    except ScriptError as exc:
        raise _on(exc, instance)
    except SpiffWorkflowException as exc:
        database = _in_chain(exc, SQLAlchemyError)
        if database is not None:
            raise database from exc
        cause = _in_chain(exc, ScriptError)
        task = getattr(exc, "task", None)
        where = f" bij taak '{task_label(task)}'" if task is not None else ""
        error = cause if cause is not None else ScriptError(f"Het procesmodel kon niet verder{where}: {exc}")
        raise _on(error, instance) from exc
    except Exception as exc:  # a model the engine cannot run (a type error deep in SpiffWorkflow, ...)
        raise _on(ScriptError(f"Het procesmodel kon niet verder: {cause_of(exc)}."), instance) from exc


def _on(error: ScriptError, instance) -> ScriptError:
    if instance is not None and getattr(error, "instance_id", None) is None:
        error.instance_id = instance.id
    return error


def _in_chain(exc: BaseException, kind: type):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, kind):
            return exc
        exc = getattr(exc, "exception", None) or exc.__cause__ or exc.__context__
    return None


def _line_of(exc: BaseException, source: str) -> int | None:
    """The line of the model's script where `exc` was raised (the deepest frame of the compiled script)."""
    if isinstance(exc, SyntaxError):
        return None  # cause_of names the line already
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<bpmn>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line if line and line <= source.count("\n") + 1 else None


def _short(source: str) -> str:
    source = " ".join(source.split())
    return source if len(source) <= 80 else source[:77] + "..."
