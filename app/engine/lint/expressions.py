"""Rules `expression` and `timer-literal`: every piece of Python in the model — scripts, pre- and post-scripts,
conditions, timers, loop cardinalities and conditions, service-task parameters, message correlations — compiles
in the sandbox (RestrictedPython and the size policy, as the engine will run it), with the line in the file."""
import ast
import re

from ..sandbox import _compile
from .model import ERROR, NS, SPIFF, Finding, Model, label

#: (XPath to the code, eval/exec, what it is in Dutch); the element reported is the nearest one with an id.
_SOURCES = [
    (".//bpmn:conditionExpression", "eval", "de voorwaarde"),
    (".//bpmn:scriptTask/bpmn:script", "exec", "het script"),
    (".//spiffworkflow:preScript", "exec", "het voorscript"),
    (".//spiffworkflow:postScript", "exec", "het naschript"),
    (".//bpmn:timerEventDefinition/bpmn:timeDate", "eval", "de timer (timeDate)"),
    (".//bpmn:timerEventDefinition/bpmn:timeDuration", "eval", "de timer (timeDuration)"),
    (".//bpmn:timerEventDefinition/bpmn:timeCycle", "eval", "de timer (timeCycle)"),
    (".//bpmn:conditionalEventDefinition/bpmn:condition", "eval", "de voorwaarde van de gebeurtenis"),
    (".//bpmn:loopCardinality", "eval", "het aantal herhalingen"),
    (".//bpmn:completionCondition", "eval", "de eindvoorwaarde van de herhaling"),
    (".//bpmn:loopCondition", "eval", "de lusvoorwaarde"),
    (".//bpmn:correlationPropertyRetrievalExpression/bpmn:formalExpression", "eval", "de berichtkoppeling"),
    (".//bpmn:correlationPropertyRetrievalExpression/bpmn:messagePath", "eval", "de berichtkoppeling"),
]
_LINE = re.compile(r"Line (\d+)")
#: An ISO 8601 duration, date-time or cycle without quotes: a Python name (or a syntax error), never a timer.
_BARE_ISO = re.compile(r"^(R\d*/)?(P(\d|T)|\d{4}-\d\d-\d\d)")


def check_expressions(model: Model) -> list[Finding]:
    findings = []
    for path, mode, what in _SOURCES:
        for node in model.root.iterfind(path, NS):
            findings.extend(_check(model, node, node.text, mode, what))
    for param in model.root.iterfind(".//spiffworkflow:serviceTaskOperator/spiffworkflow:parameters/"
                                     "spiffworkflow:parameter", NS):
        findings.extend(_check(model, param, param.get("value"), "eval",
                               f"parameter '{param.get('id')}' van de servicetaak"))
    return findings


def _check(model: Model, node, source: str | None, mode: str, what: str) -> list[Finding]:
    if source is None or not source.strip():
        return []
    owner = _owner(node)
    if "timer" in what and _BARE_ISO.match(source.strip()):
        return [model.finding("timer-literal", ERROR, owner,
                              f"{_first_upper(what)} van {label(owner)} is '{source.strip()}' zonder aanhalingstekens; "
                              f"de engine leest dat als Python. Schrijf \"{source.strip()}\" (met aanhalingstekens) "
                              "of de naam van een termijnvariabele.", node.sourceline)]
    try:
        _compile(source, mode)
    except Exception as exc:  # the sandbox's ScriptError, or a SyntaxError/ValueError from compiling
        line = _line_in(source, str(exc))
        where = node.sourceline + line - 1 if line and node.sourceline else node.sourceline
        return [model.finding("expression", ERROR, owner,
                              f"{_first_upper(what)} van {label(owner)} wordt door de sandbox geweigerd"
                              f"{f' (regel {line} van de code)' if line else ''}: {exc}", where)]
    return []


def _line_in(source: str, message: str) -> int | None:
    match = _LINE.search(message)
    if match:
        return int(match.group(1))
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        return exc.lineno
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            return node.lineno
    return None


def _owner(node):
    """The nearest element with an id that is no definition (the task, event or flow the code belongs to)."""
    element = node
    while element is not None:
        if element.get("id") and not element.tag.endswith("Definition") and not element.tag.startswith("{" + SPIFF):
            return element
        element = element.getparent()
    return node


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]
